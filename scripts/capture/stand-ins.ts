// Stand-ins for user data in captured pages: the string half of the sanitiser (no DOM). One
// `StandIns` per snapshot maps each distinct original to one stand-in, so a name that appears in
// a table and again in a dialog reads the same in both places.
import { STAND_IN, STAND_IN_USER } from './stand-in-values.mjs';

/** What the capture knows about the signed-in user and the pages it was pointed at. */
export interface KnownData {
  /** Display names (and other full names known to be user data). */
  people?: string[];
  /** Bitbucket usernames / nicknames. */
  usernames?: string[];
  emails?: string[];
  /** Account ids, UUIDs and other opaque user ids. */
  ids?: string[];
  workspaces?: string[];
  repositories?: string[];
  projects?: string[];
  /** Anything else the maintainer named with `--redact`. */
  extra?: string[];
}

export { STAND_IN, STAND_IN_USER };

// Token formats (never stored, only recognised): Atlassian API tokens ATATT3x…, access tokens
// ATCTT…, app passwords ATBB… (docs/evidence/capture-walk.md#token-formats).
const SECRET = /\b(?:ATATT3x|ATCTT|ATBB)[A-Za-z0-9_=+/-]{6,}/g;
// Not `icon@2x.png` (file names), not `https://alice@bitbucket.org/…` nor `git@bitbucket.org:…`
// (clone URLs: the username in them is replaced as a known username).
const EMAIL =
  /(?<![\p{L}\p{N}._%+\-/])[\p{L}\p{N}._%+-]+@(?!bitbucket\.org\b)[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?!(?:png|jpe?g|gif|svg|webp|avif|css|js)\b)\p{L}{2,}/gu;
const UUID = /(\{)?\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b(\})?/g;
// Atlassian account ids: `557058:<uuid>` and 24 hex digits.
const ACCOUNT_ID = /\b\d{6}:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g;
const HEX24 = /\b[0-9a-f]{24}\b/g;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORDISH = /[\p{L}\p{N}_]/u;

/** A literal that matches only as a whole token: `website` in `acme/website.git`, not in `websites`. */
function literalPattern(literal: string): string {
  const head = WORDISH.test(literal.charAt(0)) ? '(?<![\\p{L}\\p{N}_-])' : '';
  const tail = WORDISH.test(literal.charAt(literal.length - 1)) ? '(?![\\p{L}\\p{N}_-])' : '';
  return `${head}${escapeRegExp(literal)}${tail}`;
}

function literalsRegExp(literals: string[], flags: string): RegExp | undefined {
  const unique = [...new Set(literals.filter((l) => l.trim().length >= 2))].sort(
    (a, b) => b.length - a.length,
  );
  if (unique.length === 0) return undefined;
  return new RegExp(unique.map(literalPattern).join('|'), `${flags}u`);
}

// ---- Dates --------------------------------------------------------------------------------------

interface MonthTable {
  lang: 'en' | 'de' | 'fr';
  long: string[];
  short: string[];
}

const MONTHS: MonthTable[] = [
  {
    lang: 'en',
    long: 'January February March April May June July August September October November December'.split(' '),
    short: 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' '),
  },
  {
    lang: 'de',
    long: 'Januar Februar März April Mai Juni Juli August September Oktober November Dezember'.split(' '),
    short: 'Jan. Feb. März Apr. Mai Juni Juli Aug. Sept. Okt. Nov. Dez.'.split(' '),
  },
  {
    lang: 'fr',
    long: 'janvier février mars avril mai juin juillet août septembre octobre novembre décembre'.split(' '),
    short: 'janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.'.split(' '),
  },
];
const EN_WEEKDAYS_LONG = 'Sunday Monday Tuesday Wednesday Thursday Friday Saturday'.split(' ');
const EN_WEEKDAYS_SHORT = 'Sun Mon Tue Wed Thu Fri Sat'.split(' ');

const monthWords = [
  ...new Set(
    MONTHS.flatMap((table) => [
      ...table.long,
      ...table.short,
      ...table.short.map((s) => s.replace(/\.$/, '')),
    ]),
  ),
  'Sept',
].sort((a, b) => b.length - a.length);
// A month word, optionally followed by a dot ("Nov.", "févr."), never inside a longer word.
const MONTH = `(?:${monthWords.map(escapeRegExp).join('|')})\\.?(?![\\p{L}])`;
const WEEKDAY = `(?:${[...EN_WEEKDAYS_LONG, ...EN_WEEKDAYS_SHORT].join('|')})`;
const DAY = '(?:[0-3]?\\d)';
const YEAR = '(?:1\\d{3}|2\\d{3})';

const DATE_PATTERNS: { re: RegExp; render: (match: string, lang: string) => string }[] = [
  // 2025-11-26, 2025-11-26T10:04:00.000Z
  {
    re: /\b(?:1\d{3}|2\d{3})-[01]\d-[0-3]\d(?:[T ][0-2]\d:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-][0-2]\d:?[0-5]\d)?)?(?![\d])/g,
    render: (match) => `2001-02-02${match.slice(10).replace(/\d/g, '0')}`,
  },
  // 2025年11月26日 (Japanese, Chinese)
  {
    re: /(?:1\d{3}|2\d{3})年[01]?\d月[0-3]?\d日/g,
    render: (match) => {
      const [, month = '', day = ''] = /年(\d+)月(\d+)日/.exec(match) ?? [];
      return `2001年${pad(2, month.length)}月${pad(2, day.length)}日`;
    },
  },
  // 26.11.2025, 26/11/2025, 11/26/2025, 26-11-2025
  {
    re: /\b[0-3]?\d([./-])[0-3]?\d\1(?:1\d{3}|2\d{3})\b/g,
    render: (match) => {
      const [a = '', , b = ''] = match.split(/([./-])/);
      const sep = match.charAt(a.length);
      return `${pad(2, a.length)}${sep}${pad(2, b.length)}${sep}2001`;
    },
  },
  // 2025/11/26, 2025.11.26
  {
    re: /\b(?:1\d{3}|2\d{3})([./])[01]?\d\1[0-3]?\d\b/g,
    render: (match) => {
      const sep = match.charAt(4);
      const [, m = '', d = ''] = match.split(sep);
      return `2001${sep}${pad(2, m.length)}${sep}${pad(2, d.length)}`;
    },
  },
  // 11/26/25
  {
    re: /\b[0-3]?\d\/[0-3]?\d\/\d{2}\b(?![/\d])/g,
    render: (match) => {
      const [a = '', b = ''] = match.split('/');
      return `${pad(2, a.length)}/${pad(2, b.length)}/01`;
    },
  },
  // 26 Nov 2025 · 26. November 2025 · 26 nov. 2025 · 26 Nov (before month-first: "Nov 2025" is a date too)
  {
    re: new RegExp(`(?<![\\d.])${DAY}\\.?\\s+${MONTH}(?:,?\\s+${YEAR}\\b)?`, 'gu'),
    render: renderDayFirst,
  },
  // Fri, Nov 26, 2025 · Nov 26, 2025 · November 26 2025 · Nov. 26 · November 2025
  {
    re: new RegExp(
      `(?:\\b${WEEKDAY},?\\s+)?(?<![\\p{L}])${MONTH}(?:\\s+${DAY}(?:st|nd|rd|th)?(?![\\d:])(?:,?\\s+${YEAR}\\b)?|\\s+${YEAR}\\b)`,
      'gu',
    ),
    render: renderMonthFirst,
  },
];

const pad = (n: number, width: number) => String(n).padStart(width, '0');
// With a month name, a day is zero-padded only where the page padded it ("07 Dec", not "26 Nov").
const monthDay = (day: string) => (day.length === 2 && day.startsWith('0') ? '02' : '2');

function monthStandIn(word: string, lang: string): string {
  const bare = word.replace(/\.$/, '');
  const lower = (s: string) => s.toLocaleLowerCase('en');
  // Prefer the page's language when the word exists in several ("November", "mai").
  const tables = [...MONTHS].sort((a, b) => Number(b.lang === lang) - Number(a.lang === lang));
  for (const table of tables) {
    const isLong = table.long.some((m) => lower(m) === lower(word));
    const isShort = table.short.some((m) => lower(m.replace(/\.$/, '')) === lower(bare));
    if (!isLong && !isShort) continue;
    let out = isLong ? (table.long[1] ?? '') : (table.short[1] ?? '').replace(/\.$/, '');
    if (!isLong && word.endsWith('.')) out += '.';
    const startsUpper = word.charAt(0) !== word.charAt(0).toLocaleLowerCase('en');
    return startsUpper ? out.charAt(0).toLocaleUpperCase('en') + out.slice(1) : out.toLocaleLowerCase('en');
  }
  return word;
}

function renderMonthFirst(match: string, lang: string): string {
  return match
    .replace(
      new RegExp(`^(?:(${WEEKDAY})(,?\\s+))?(${MONTH})(\\s+)(\\d+)?`, 'u'),
      (_all, weekday: string | undefined, gap: string | undefined, month: string, space: string, rest) => {
        const wd = weekday
          ? (EN_WEEKDAYS_LONG.includes(weekday) ? EN_WEEKDAYS_LONG : EN_WEEKDAYS_SHORT)[STAND_IN.date.weekday]
          : '';
        // "November 2025" has no day: the digits after the month are the year, replaced below.
        const digits = String(rest ?? '');
        const dayOrYear = digits.length > 0 && digits.length <= 2 ? monthDay(digits) : digits;
        return `${wd ?? ''}${gap ?? ''}${monthStandIn(month, lang)}${space}${dayOrYear}`;
      },
    )
    .replace(/\b(?:1\d{3}|2\d{3})\b/, '2001');
}

function renderDayFirst(match: string, lang: string): string {
  return match
    .replace(
      new RegExp(`^(\\d+)(\\.?\\s+)(${MONTH})`, 'u'),
      (_all, day: string, gap: string, month: string) => {
        return `${monthDay(day)}${gap}${monthStandIn(month, lang)}`;
      },
    )
    .replace(/\b(?:1\d{3}|2\d{3})\b/, '2001');
}

/** Every date in `text` (ISO, numeric, month names in English, German, French; CJK) → 2001-02-02 in the same format. */
export function replaceDates(text: string, lang = 'en'): { text: string; count: number } {
  let count = 0;
  let out = text;
  for (const { re, render } of DATE_PATTERNS) {
    out = out.replace(re, (match: string) => {
      const replaced = render(match, lang);
      if (replaced !== match) count++;
      return replaced;
    });
  }
  return { text: out, count };
}

// ---- The per-snapshot mapping -------------------------------------------------------------------

export type StandInKind =
  | 'secret'
  | 'email'
  | 'person'
  | 'username'
  | 'id'
  | 'slug'
  | 'token'
  | 'date'
  | 'extra';

/** Consistent stand-ins within one snapshot; `counts` says how much was replaced, by kind. */
export class StandIns {
  readonly counts: Record<StandInKind, number> = {
    secret: 0,
    email: 0,
    person: 0,
    username: 0,
    id: 0,
    slug: 0,
    token: 0,
    date: 0,
    extra: 0,
  };
  /** Token names as shown, for the leak check. */
  readonly tokenNames = new Set<string>();
  /** Keys matched as shown: token names ("sourcetree" must not eat "Sourcetree" the app), project keys. */
  private readonly caseSensitive = new Set<string>();
  private readonly map = new Map<string, string>();
  /** Stand-ins already handed out: an id pattern must not replace its own stand-in again. */
  private readonly produced = new Set<string>();
  private readonly numbers = new Map<string, number>();
  private readonly literals = new Map<string, { kind: StandInKind; make: () => string }>();
  private insensitive: RegExp | undefined;
  private sensitive: RegExp | undefined;

  constructor(
    known: KnownData = {},
    private readonly lang = 'en',
  ) {
    const numbered = (base: string, join: string) => (n: number) => (n === 1 ? base : `${base}${join}${n}`);
    this.addLiterals(known.emails, 'email', (n) => `person${n}@${STAND_IN.emailDomain}`);
    // Without braces: `{uuid}` keeps its braces around the stand-in.
    const ids = known.ids?.map((id) => id.replace(/^\{(.*)\}$/, '$1'));
    this.addLiterals(ids, 'id', (n) => `00000000-0000-4000-8000-${pad(n, 12)}`);
    this.addLiterals(known.people, 'person', numbered(STAND_IN.person, ' '));
    this.addLiterals(known.usernames, 'username', numbered(STAND_IN.username, '-'));
    this.addLiterals(known.workspaces, 'slug', numbered(STAND_IN.workspace, '-'), 'workspace');
    this.addLiterals(known.repositories, 'slug', numbered(STAND_IN.repository, '-'), 'repository');
    this.addLiterals(known.projects, 'slug', numbered(STAND_IN.project, ''), 'project', true);
    this.addLiterals(known.extra, 'extra', numbered(STAND_IN.extra, '-'));
  }

  private addLiterals(
    values: Iterable<string> | undefined,
    kind: StandInKind,
    make: (n: number) => string,
    counter: string = kind,
    caseSensitive = kind === 'token',
  ): void {
    for (const value of values ?? []) {
      const key = value.trim();
      if (key.length < 2 || this.literals.has(key.toLowerCase())) continue;
      this.literals.set(key.toLowerCase(), { kind, make: () => make(this.next(counter)) });
      if (kind === 'token') this.tokenNames.add(key);
      if (caseSensitive) this.caseSensitive.add(key);
    }
    const sensitive = new Set([...this.caseSensitive].map((key) => key.toLowerCase()));
    this.insensitive = literalsRegExp(
      [...this.literals.keys()].filter((key) => !sensitive.has(key)),
      'gi',
    );
    this.sensitive = literalsRegExp([...this.caseSensitive], 'g');
  }

  /** Token names read from a list's name column. */
  addTokenNames(names: Iterable<string>): void {
    this.addLiterals(names, 'token', (n) => `${STAND_IN.token}-${n}`);
  }

  /** Names seen next to avatars: people, replaced like the known ones. */
  addPeople(names: Iterable<string>): void {
    this.addLiterals(names, 'person', (n) => (n === 1 ? STAND_IN.person : `${STAND_IN.person} ${n}`));
  }

  private next(counter: string): number {
    const n = (this.numbers.get(counter) ?? 0) + 1;
    this.numbers.set(counter, n);
    return n;
  }

  private standIn(original: string, kind: StandInKind, make: () => string): string {
    if (this.produced.has(original)) return original;
    const key = `${kind}\u0000${this.caseSensitive.has(original) ? original : original.toLowerCase()}`;
    let value = this.map.get(key);
    if (value === undefined) {
      value = make();
      this.map.set(key, value);
      this.produced.add(value);
      for (const part of value.match(UUID) ?? []) this.produced.add(part);
    }
    this.counts[kind]++;
    return value;
  }

  private literal(match: string): string {
    const entry = this.literals.get(match.toLowerCase());
    return entry ? this.standIn(match, entry.kind, entry.make) : match;
  }

  /** `text` with every secret, e-mail, known string, id and date replaced. */
  scrub(text: string): string {
    if (text.trim() === '') return text;
    let out = text.replace(SECRET, () => {
      this.counts.secret++;
      return STAND_IN.secret;
    });
    out = out.replace(EMAIL, (email) =>
      this.literals.has(email.toLowerCase())
        ? this.literal(email)
        : this.standIn(email, 'email', () => `person${this.next('email')}@${STAND_IN.emailDomain}`),
    );
    if (this.insensitive) out = out.replace(this.insensitive, (match) => this.literal(match));
    if (this.sensitive) out = out.replace(this.sensitive, (match) => this.literal(match));
    const newId = () => `00000000-0000-4000-8000-${pad(this.next('id'), 12)}`;
    out = out.replace(ACCOUNT_ID, (id) => this.standIn(id, 'id', () => `000000:${newId()}`));
    out = out.replace(UUID, (whole, open: string | undefined, close: string | undefined) => {
      const bare = whole.replace(/[{}]/g, '');
      return `${open ?? ''}${this.standIn(bare, 'id', newId)}${close ?? ''}`;
    });
    out = out.replace(HEX24, (id) => this.standIn(id, 'id', () => pad(this.next('id'), 24)));
    const dated = replaceDates(out, this.lang);
    this.counts.date += dated.count;
    return dated.text;
  }
}

/**
 * Known strings, e-mails and secrets still present in `html` (case-insensitive for everything but
 * token names). Empty when the snapshot is clean; the capture refuses to write it otherwise.
 */
export function findLeaks(html: string, known: KnownData, tokenNames: Iterable<string> = []): string[] {
  const leaks = new Set<string>();
  for (const match of html.match(SECRET) ?? []) leaks.add(match);
  for (const match of html.match(EMAIL) ?? []) {
    if (!match.toLowerCase().endsWith(`@${STAND_IN.emailDomain}`)) leaks.add(match);
  }
  const insensitive = literalsRegExp(
    [
      ...(known.people ?? []),
      ...(known.usernames ?? []),
      ...(known.emails ?? []),
      ...(known.ids ?? []),
      ...(known.workspaces ?? []),
      ...(known.repositories ?? []),
      ...(known.extra ?? []),
    ],
    'gi',
  );
  for (const match of insensitive ? (html.match(insensitive) ?? []) : []) leaks.add(match);
  const sensitive = literalsRegExp([...tokenNames, ...(known.projects ?? [])], 'g');
  for (const match of sensitive ? (html.match(sensitive) ?? []) : []) leaks.add(match);
  return [...leaks];
}
