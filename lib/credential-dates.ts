// Reading the dates that the credential lists show. Nobody on the team can see the live pages
// (../shared/bitbucket-facts.md §4), so this accepts every format the Atlassian UIs are known or
// likely to render — absolute dates in English, German, French, Spanish (plus Italian, Portuguese
// and Dutch month names, which cost nothing), Japanese/Chinese/Korean, ISO, numeric with the
// locale deciding day-versus-month order, relative phrases — and answers `unknown` instead of
// guessing whenever the text could mean two different days.

import {
  addDays,
  addMonths,
  type CalendarDate,
  daysBetween,
  type Instant,
  instantToMs,
  makeCalendarDate,
  parseCalendarDate,
  splitCalendarDate,
  todayInTimeZone,
} from './calendar-date';

/** Which column the text came from: it decides what an empty cell or "Never" means. */
export type DateColumn = 'expires' | 'created' | 'lastUsed';

/**
 * - `date`: a calendar day in the user's time zone.
 * - `never`: the cell says there is no such date. `no-expiry` in the expires column (the token
 *   never expires), `never-used` in the last-used column. The created column never answers
 *   `never`: every credential was created some day, so an empty created cell is `unknown`.
 * - `unknown`: unreadable or ambiguous; `text` is the input as given.
 */
export type ListDate =
  | { kind: 'date'; date: CalendarDate }
  | { kind: 'never'; meaning: 'no-expiry' | 'never-used' }
  | { kind: 'unknown'; text: string };

export interface ParseListDateOptions {
  /** The instant relative phrases ("3 days ago") and year-less dates are resolved against. */
  now: Instant;
  /** IANA zone of the user; an invalid zone falls back to UTC. */
  timeZone: string;
  /** The page's language (`<html lang>`), used only to order ambiguous numeric dates like 03/04/2025. */
  locale?: string;
  /** Defaults to `expires`. */
  column?: DateColumn;
}

const MAX_TEXT_LENGTH = 120;

// Month names and abbreviations, lower-case and without diacritics (see `foldLatin`).
// No abbreviation means different months in different languages, so one table serves all.
const MONTHS: ReadonlyMap<string, number> = buildMonthTable([
  // English
  ['january jan', 1],
  ['february feb', 2],
  ['march mar', 3],
  ['april apr', 4],
  ['may', 5],
  ['june jun', 6],
  ['july jul', 7],
  ['august aug', 8],
  ['september sep sept', 9],
  ['october oct', 10],
  ['november nov', 11],
  ['december dec', 12],
  // German (Austrian Jänner too)
  ['januar janner jan', 1],
  ['februar feb', 2],
  ['marz mar mrz', 3],
  ['mai', 5],
  ['juni', 6],
  ['juli', 7],
  ['oktober okt', 10],
  ['dezember dez', 12],
  // French
  ['janvier janv', 1],
  ['fevrier fevr fev', 2],
  ['mars', 3],
  ['avril avr', 4],
  ['juin', 6],
  ['juillet juil', 7],
  ['aout', 8],
  ['septembre', 9],
  ['octobre', 10],
  ['novembre', 11],
  ['decembre', 12],
  // Spanish
  ['enero ene', 1],
  ['febrero', 2],
  ['marzo', 3],
  ['abril abr', 4],
  ['mayo', 5],
  ['junio', 6],
  ['julio', 7],
  ['agosto ago', 8],
  ['septiembre setiembre set', 9],
  ['octubre', 10],
  ['noviembre', 11],
  ['diciembre dic', 12],
  // Italian
  ['gennaio gen', 1],
  ['febbraio', 2],
  ['aprile', 4],
  ['maggio mag', 5],
  ['giugno giu', 6],
  ['luglio lug', 7],
  ['settembre', 9],
  ['ottobre ott', 10],
  ['dicembre', 12],
  // Portuguese
  ['janeiro', 1],
  ['fevereiro', 2],
  ['marco', 3],
  ['maio', 5],
  ['junho', 6],
  ['julho', 7],
  ['setembro', 9],
  ['agosto', 8],
  ['outubro out', 10],
  ['novembro', 11],
  ['dezembro', 12],
  // Dutch
  ['januari', 1],
  ['februari', 2],
  ['maart mrt', 3],
  ['mei', 5],
  ['augustus', 8],
]);

const WEEKDAYS: ReadonlySet<string> = new Set(
  (
    'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun ' +
    'montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag mo di mi do fr sa so ' +
    'lundi mardi mercredi jeudi vendredi samedi dimanche ' +
    'lunes martes miercoles jueves viernes sabado domingo ' +
    'lunedi martedi mercoledi giovedi venerdi sabato domenica ' +
    'segunda-feira terca-feira quarta-feira quinta-feira sexta-feira ' +
    'maandag dinsdag woensdag donderdag vrijdag zaterdag zondag'
  ).split(' '),
);

// Connectives and time-of-day words that may sit between the parts of a date.
const FILLER_WORDS: ReadonlySet<string> = new Set(
  'de del den le la el the of on at am pm a.m p.m um uhr a las utc gmt h'.split(' '),
);

// A leading label some lists put in the cell itself ("Expires on Nov 26, 2025", "Läuft ab am …").
const LEADING_LABEL =
  /^(?:expires|expired|expiry|expiration|expiring|created|last used|last accessed|last access|used|lauft ab|abgelaufen|erstellt|zuletzt verwendet|zuletzt genutzt|expire|expiree|cree|caduca|caduco|vence|vencio|creado|utilise|usado)(?: on| am| le| el)?:? /;

const NEVER_TEXTS: ReadonlySet<string> = new Set([
  '',
  '-',
  '--',
  '—',
  '–',
  '―',
  '−',
  'n/a',
  'none',
  'never',
  'never expires',
  'does not expire',
  "doesn't expire",
  'no expiry',
  'no expiry date',
  'no expiration',
  'no expiration date',
  'never used',
  'not used',
  'not used yet',
  'not yet used',
  'nie',
  'niemals',
  'noch nie',
  'nie verwendet',
  'noch nie verwendet',
  'nicht verwendet',
  'kein ablaufdatum',
  'kein ablauf',
  'lauft nicht ab',
  'unbegrenzt',
  'jamais',
  'jamais utilise',
  "n'expire jamais",
  "n'expire pas",
  'aucune expiration',
  "aucune date d'expiration",
  'nunca',
  'nunca usado',
  'nunca utilizado',
  'sin uso',
  'sin vencimiento',
  'sin caducidad',
  'sin fecha de caducidad',
  'no caduca',
  'no vence',
  'なし',
  '無期限',
  '期限なし',
  '有効期限なし',
  '未使用',
  '使用されていません',
  '永不',
  '永不过期',
  '无',
  '无期限',
  '从不',
  '从未',
  '从未使用',
  '未使用过',
  '不过期',
]);

type Offset = { unit: 'ms' | 'day' | 'month'; amount: number };

// Whole phrases, as Intl.RelativeTimeFormat({numeric: 'auto'}) and moment.js render them.
const RELATIVE_PHRASES: ReadonlyMap<string, Offset> = new Map<string, Offset>([
  ...phrases('today|now|just now|a few seconds ago|moments ago|heute|jetzt|gerade eben|gerade', 'day', 0),
  ...phrases(
    "aujourd'hui|maintenant|a l'instant|hoy|ahora|ahora mismo|今日|本日|きょう|たった今|今天|刚刚|现在",
    'day',
    0,
  ),
  ...phrases('yesterday gestern hier ayer 昨日 きのう 昨天', 'day', -1),
  ...phrases('tomorrow morgen demain manana 明日 あした 明天', 'day', 1),
  ...phrases('vorgestern avant-hier anteayer 一昨日 おととい 前天', 'day', -2),
  ...phrases('ubermorgen|apres-demain|pasado manana|明後日|あさって|后天', 'day', 2),
  ...phrases('last week|letzte woche|la semaine derniere|la semana pasada|先週|上周', 'day', -7),
  ...phrases(
    'next week|nachste woche|la semaine prochaine|la proxima semana|la semana proxima|来週|下周',
    'day',
    7,
  ),
  ...phrases('last month|letzten monat|le mois dernier|el mes pasado|先月|上个月|上月', 'month', -1),
  ...phrases(
    'next month|nachsten monat|le mois prochain|el proximo mes|el mes proximo|来月|下个月|下月',
    'month',
    1,
  ),
  ...phrases("last year|letztes jahr|l'annee derniere|l'an dernier|el ano pasado|去年|昨年", 'month', -12),
  ...phrases(
    "next year|nachstes jahr|l'annee prochaine|l'an prochain|el proximo ano|el ano proximo|来年|明年",
    'month',
    12,
  ),
]);

const RELATIVE_UNITS: ReadonlyMap<string, Offset> = new Map<string, Offset>([
  ...phrases('second seconds sec secs sekunde sekunden seconde secondes segundo segundos', 'ms', 1000),
  ...phrases('minute minutes min mins minuten minuto minutos', 'ms', 60_000),
  ...phrases('hour hours hr hrs stunde stunden heure heures hora horas', 'ms', 3_600_000),
  ...phrases('day days tag tage tagen jour jours dia dias', 'day', 1),
  ...phrases('week weeks woche wochen semaine semaines semana semanas', 'day', 7),
  ...phrases('month months monat monate monaten mois mes meses', 'month', 1),
  ...phrases('year years jahr jahre jahren an ans annee annees ano anos', 'month', 12),
]);

const CJK_UNITS: ReadonlyMap<string, Offset> = new Map<string, Offset>([
  ...phrases('秒 秒钟', 'ms', 1000),
  ...phrases('分 分钟', 'ms', 60_000),
  ...phrases('時間 小时 小時', 'ms', 3_600_000),
  ...phrases('日 天', 'day', 1),
  ...phrases('週 週間 周 星期', 'day', 7),
  ...phrases('か月 ヶ月 カ月 ヵ月 ケ月 箇月 个月 個月', 'month', 1),
  ...phrases('年', 'month', 12),
]);

const ONE_WORDS: ReadonlySet<string> = new Set(
  'a an one ein eine einem einer einen un une uno una'.split(' '),
);

const RELATIVE_PAST = [
  /^(\S+) (\S+) ago$/,
  /^vor (\S+) (\S+)$/,
  /^il y a (\S+) (\S+)$/,
  /^hace (\S+) (\S+)$/,
];
const RELATIVE_FUTURE = [/^in (\S+) (\S+)$/, /^dans (\S+) (\S+)$/, /^(?:en|dentro de) (\S+) (\S+)$/];
const RELATIVE_CJK = /^(\d{1,4}) ?([^\d\s]{1,3}?) ?(前|以前|後|后|以后|以後)$/;

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)? ?(z|utc|[+-]\d{2}(?::?\d{2})?)?)?$/;
const CJK_DATE = /^(?:(\d{4}) ?[年년] ?)?(\d{1,2}) ?[月월] ?(\d{1,2}) ?[日일](.*)$/;
const CJK_TAIL = /^[\s():0-9月火水木金土日曜星期周一二三四五六天上下午前後요일월화수목금토]*$/;
// `2025/11/26`, `2025.11.26`, and Korean `2025. 11. 26.`
const NUMERIC_YEAR_FIRST = /^(\d{4})([./-]) ?(\d{1,2})\2 ?(\d{1,2})\.?$/;
const NUMERIC_YEAR_LAST = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})\.?$/;
const NUMERIC_DAY_MONTH = /^(\d{1,2})\.(\d{1,2})\.$/;
const TIME_SUFFIX =
  /,? (?:at |um |a las |a |à |às )?\d{1,2}:\d{2}(?::\d{2})?(?: ?(?:am|pm|a\.m\.|p\.m\.|uhr|h))?(?: ?(?:utc|gmt|z))?$/;
const DAY_TOKEN = /^(\d{1,2})(?:st|nd|rd|th|er|re|e|o|a)?$/;

/**
 * Reads one date cell. Never throws: text that is not a string, too long, ambiguous or foreign
 * comes back as `unknown`.
 */
export function parseListDate(text: unknown, options: ParseListDateOptions): ListDate {
  const original = typeof text === 'string' ? text : '';
  const unknown: ListDate = { kind: 'unknown', text: original };
  if (typeof text !== 'string' || text.length > MAX_TEXT_LENGTH * 4) return unknown;
  const column = readColumn(options);
  const normalized = normalizeText(text);
  if (normalized.length > MAX_TEXT_LENGTH) return unknown;
  const cell = normalized.replace(LEADING_LABEL, '');

  if (NEVER_TEXTS.has(cell) || NEVER_TEXTS.has(cell.replace(/\.$/, ''))) {
    if (column === 'created') return unknown;
    return { kind: 'never', meaning: column === 'expires' ? 'no-expiry' : 'never-used' };
  }

  const context = readContext(options);
  const date =
    parseRelative(cell, context) ??
    parseIsoDateTime(cell, context) ??
    parseAbsolute(cell.replace(TIME_SUFFIX, ''), context, column);
  return date ? { kind: 'date', date } : unknown;
}

/** Converts a parsed cell to the form observations and the tracked store keep. */
export function toStoredDate(value: ListDate): CalendarDate | 'never' | undefined {
  if (value.kind === 'date') return value.date;
  return value.kind === 'never' ? 'never' : undefined;
}

interface Context {
  nowMs: number | undefined;
  timeZone: string;
  locale: string | undefined;
  today: () => CalendarDate | undefined;
}

function readColumn(options: unknown): DateColumn {
  const column = isRecord(options) ? options.column : undefined;
  return column === 'created' || column === 'lastUsed' ? column : 'expires';
}

function readContext(options: unknown): Context {
  const record = isRecord(options) ? options : {};
  const nowMs = instantToMs(record.now);
  const timeZone = typeof record.timeZone === 'string' ? record.timeZone : 'UTC';
  const locale = typeof record.locale === 'string' && record.locale !== '' ? record.locale : undefined;
  let today: CalendarDate | undefined;
  return {
    nowMs,
    timeZone,
    locale,
    today: () => {
      if (today === undefined && nowMs !== undefined) today = safeToday(nowMs, timeZone);
      return today;
    },
  };
}

function safeToday(ms: number, timeZone: string): CalendarDate | undefined {
  try {
    return todayInTimeZone(ms, timeZone);
  } catch {
    // Instants beyond year 9999 have no CalendarDate.
    return undefined;
  }
}

function normalizeText(text: string): string {
  // Most cells are plain ASCII: skip Unicode normalisation for them.
  if (/^[\x20-\x7e]*$/.test(text)) return text.toLowerCase().replace(/`/g, "'").replace(/ {2,}/g, ' ').trim();
  return foldLatin(text.normalize('NFKC').toLowerCase())
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

// Diacritics are dropped from Latin letters only, so "März", "Marz" and "MÄRZ" meet in one key
// while kana keep their voicing marks.
function foldLatin(text: string): string {
  return text.replace(/[\u00c0-\u024f\u1e00-\u1eff]/g, (char) =>
    char.normalize('NFD').replace(/\p{M}/gu, ''),
  );
}

function parseRelative(cell: string, context: Context): CalendarDate | undefined {
  const offset = RELATIVE_PHRASES.get(cell) ?? parseRelativeAmount(cell);
  if (!offset) return undefined;
  if (offset.unit === 'ms') {
    return context.nowMs === undefined
      ? undefined
      : safeToday(context.nowMs + offset.amount, context.timeZone);
  }
  const today = context.today();
  if (!today) return undefined;
  // The arithmetic can leave years 1000–9999 ("in 9999 years"): re-check the result.
  return parseCalendarDate(
    offset.unit === 'day' ? addDays(today, offset.amount) : addMonths(today, offset.amount),
  );
}

// One cheap test keeps absolute dates, the common case, away from the seven patterns below.
const MAYBE_RELATIVE = /(?:^(?:in|vor|il y a|dans|hace|en|dentro de) | ago$|[前後后]$)/;

function parseRelativeAmount(cell: string): Offset | undefined {
  if (!MAYBE_RELATIVE.test(cell)) return undefined;
  for (const [patterns, sign] of [
    [RELATIVE_PAST, -1],
    [RELATIVE_FUTURE, 1],
  ] as const) {
    for (const pattern of patterns) {
      const match = pattern.exec(cell);
      const count = match && readCount(match[1] ?? '');
      const unit = match && RELATIVE_UNITS.get(match[2] ?? '');
      if (count !== null && count !== undefined && unit)
        return { unit: unit.unit, amount: sign * count * unit.amount };
    }
  }
  const cjk = RELATIVE_CJK.exec(cell);
  const unit = cjk && CJK_UNITS.get(cjk[2] ?? '');
  if (!cjk || !unit) return undefined;
  const sign = cjk[3]?.includes('前') ? -1 : 1;
  return { unit: unit.unit, amount: sign * Number(cjk[1]) * unit.amount };
}

function readCount(word: string): number | undefined {
  if (ONE_WORDS.has(word)) return 1;
  return /^\d{1,4}$/.test(word) ? Number(word) : undefined;
}

function parseIsoDateTime(cell: string, context: Context): CalendarDate | undefined {
  const match = ISO_DATE_TIME.exec(cell);
  if (!match) return undefined;
  const [, y, mo, d, hh, mm, ss, zone] = match;
  const date = makeCalendarDate(Number(y), Number(mo), Number(d));
  if (!date || hh === undefined) return date;
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 60) return undefined;
  // Without a zone the time is the page's local time, which is the user's: the date stands as written.
  if (zone === undefined) return date;
  const offsetMinutes = zone === 'z' || zone === 'utc' ? 0 : readZoneOffset(zone);
  if (offsetMinutes === undefined) return undefined;
  const instant =
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(hh), Number(mm), Number(ss ?? 0)) -
    offsetMinutes * 60_000;
  return safeToday(instant, context.timeZone);
}

function readZoneOffset(zone: string): number | undefined {
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 14 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

function parseAbsolute(cell: string, context: Context, column: DateColumn): CalendarDate | undefined {
  const text = stripLeadingWeekday(cell);
  return (
    parseCjkDate(text, context, column) ??
    parseNumericDate(text, context, column) ??
    parseWordDate(text, context, column)
  );
}

function stripLeadingWeekday(cell: string): string {
  const match = /^([a-z-]+)\.?,? (.*)$/.exec(cell);
  return match && WEEKDAYS.has(match[1] ?? '') ? (match[2] ?? '') : cell;
}

function parseCjkDate(text: string, context: Context, column: DateColumn): CalendarDate | undefined {
  const match = CJK_DATE.exec(text);
  if (!match || !CJK_TAIL.test(match[4] ?? '')) return undefined;
  return resolveDate(match[1], Number(match[2]), Number(match[3]), context, column);
}

function parseNumericDate(text: string, context: Context, column: DateColumn): CalendarDate | undefined {
  const yearFirst = NUMERIC_YEAR_FIRST.exec(text);
  if (yearFirst) return makeCalendarDate(Number(yearFirst[1]), Number(yearFirst[3]), Number(yearFirst[4]));

  const dayMonth = NUMERIC_DAY_MONTH.exec(text);
  if (dayMonth) return resolveDate(undefined, Number(dayMonth[2]), Number(dayMonth[1]), context, column);

  const yearLast = NUMERIC_YEAR_LAST.exec(text);
  if (!yearLast) return undefined;
  const a = Number(yearLast[1]);
  const b = Number(yearLast[3]);
  const yearText = yearLast[4] ?? '';
  const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  const dayFirst = yearLast[2] === '.' ? true : decideDayFirst(a, b, context.locale);
  if (dayFirst === undefined) return undefined;
  return dayFirst ? makeCalendarDate(year, b, a) : makeCalendarDate(year, a, b);
}

// `.` separates day.month.year wherever it is used; `/` and `-` need the numbers or the locale.
function decideDayFirst(a: number, b: number, locale: string | undefined): boolean | undefined {
  if (a > 12 && b <= 12) return true;
  if (b > 12 && a <= 12) return false;
  if (a === b) return true;
  return locale === undefined ? undefined : localeOrdersDayFirst(locale);
}

const dayFirstByLocale = new Map<string, boolean | undefined>();

function localeOrdersDayFirst(locale: string): boolean | undefined {
  if (dayFirstByLocale.has(locale)) return dayFirstByLocale.get(locale);
  let dayFirst: boolean | undefined;
  try {
    const parts = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(Date.UTC(2001, 1, 3))
      .map((part) => part.type);
    const day = parts.indexOf('day');
    const month = parts.indexOf('month');
    dayFirst = day >= 0 && month >= 0 ? day < month : undefined;
  } catch {
    dayFirst = undefined;
  }
  dayFirstByLocale.set(locale, dayFirst);
  return dayFirst;
}

function parseWordDate(text: string, context: Context, column: DateColumn): CalendarDate | undefined {
  let month: number | undefined;
  let day: number | undefined;
  let year: string | undefined;
  for (const raw of text.replace(/,/g, ' ').split(' ')) {
    const token = raw.replace(/\.$/, '');
    if (
      token === '' ||
      FILLER_WORDS.has(token) ||
      WEEKDAYS.has(token) ||
      /^\d{1,2}:\d{2}(?::\d{2})?$/.test(token)
    ) {
      continue;
    }
    const monthNumber = MONTHS.get(token);
    if (monthNumber !== undefined) {
      if (month !== undefined) return undefined;
      month = monthNumber;
      continue;
    }
    if (/^\d{4}$/.test(token)) {
      if (year !== undefined) return undefined;
      year = token;
      continue;
    }
    const dayMatch = DAY_TOKEN.exec(token);
    if (dayMatch && day === undefined) {
      day = Number(dayMatch[1]);
      continue;
    }
    return undefined;
  }
  if (month === undefined || day === undefined) return undefined;
  return resolveDate(year, month, day, context, column);
}

// A date shown without a year: for created and last-used it is the latest such day not after
// today (both lie in the past); for expiry, the one nearest to today, so a token that expired
// last week and one expiring next week both come out right.
function resolveDate(
  yearText: string | undefined,
  month: number,
  day: number,
  context: Context,
  column: DateColumn,
): CalendarDate | undefined {
  if (yearText !== undefined) return makeCalendarDate(Number(yearText), month, day);
  const today = context.today();
  if (!today) return undefined;
  const { year } = splitCalendarDate(today);
  // Four years back so that Feb 29 always has a candidate.
  const candidates = [year - 4, year - 3, year - 2, year - 1, year, year + 1]
    .map((y) => makeCalendarDate(y, month, day))
    .filter((date): date is CalendarDate => date !== undefined);
  if (column !== 'expires') {
    const past = candidates.filter((date) => date <= today);
    return past[past.length - 1];
  }
  let best: CalendarDate | undefined;
  for (const candidate of candidates) {
    if (best === undefined || Math.abs(daysBetween(today, candidate)) < Math.abs(daysBetween(today, best))) {
      best = candidate;
    }
  }
  return best;
}

function buildMonthTable(rows: [string, number][]): Map<string, number> {
  const table = new Map<string, number>();
  for (const [names, month] of rows) {
    for (const name of names.split(' ')) table.set(name, month);
  }
  return table;
}

// Space-separated words, or '|'-separated phrases when some contain spaces.
function phrases(list: string, unit: Offset['unit'], amount: number): [string, Offset][] {
  return list.split(list.includes('|') ? '|' : ' ').map((item) => [item, { unit, amount }]);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
