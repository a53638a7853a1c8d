// git's translations: the generated table is what the generator makes of the committed catalogs,
// and every message the diagnoser keys on, as git prints it in each language and catalog
// revision (rendered from the catalogs, typographic quotes and no-break spaces included), gives
// the answer the English gives. Real git's output in each language: tests/integration/git-languages.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CauseKey, diagnose } from '../../lib/diagnose';
import { RULES } from '../../lib/diagnose-rules';
import { GIT_L10N, GIT_L10N_KEYS } from '../../lib/git-l10n';
import {
  ENGLISH_ONLY,
  fragmentOf,
  MESSAGES,
  MIN_WEIGHT,
  normalize,
  parseMo,
  parsePo,
  QUOTES,
  renderModule,
  SHIPPED,
} from '../../scripts/generate-git-l10n.mjs';
import { CATALOGS, error, fatal, LANGUAGES, say, text } from '../support/git-l10n';

const URL = 'https://bitbucket.org/acme/web-app.git/';
const PROMPT_OFF = "could not read Username for 'https://bitbucket.org': terminal prompts disabled";
const groups = RULES.split('\n').map((g) => g.split('|'));

describe('the generated table', () => {
  it('lib/git-l10n.ts is exactly what the generator writes from catalogs.json (run `npm run generate:git-l10n`)', () => {
    expect(readFileSync(join(__dirname, '../../lib/git-l10n.ts'), 'utf8')).toBe(renderModule(CATALOGS));
  });

  it('covers every language of every catalog, one field per message the diagnoser looks for', () => {
    // is.po translates none of these messages: Icelandic git prints them in English.
    expect(GIT_L10N.map((row) => row.split('|')[0])).toEqual(LANGUAGES.filter((l) => l !== 'is'));
    for (const revision of Object.values(CATALOGS.revisions)) expect(revision.languages.is).toEqual({});
    expect(LANGUAGES).toEqual(
      expect.arrayContaining(['bg', 'ca', 'de', 'el', 'es', 'fr', 'ga', 'id', 'is', 'it', 'ko']),
    );
    expect(LANGUAGES).toEqual(
      expect.arrayContaining(['pl', 'pt_PT', 'ru', 'sv', 'tr', 'uk', 'vi', 'zh_CN', 'zh_TW']),
    );
    expect([...GIT_L10N_KEYS]).toEqual(SHIPPED.map((m) => m.key));
    for (const row of GIT_L10N) expect(row.split('|')).toHaveLength(GIT_L10N_KEYS.length + 1);
  });

  it('each fragment is a run of its own message (or, where none is unique, the whole first line)', () => {
    let fragments = 0;
    for (const revision of Object.values(CATALOGS.revisions))
      for (const [lang, byKey] of Object.entries(revision.fragments))
        for (const [key, fragment] of Object.entries(byKey)) {
          const message = normalize(revision.languages[lang]?.[key] ?? '');
          const within = message.split('%s').some((segment) => segment.includes(fragment));
          expect(within || fragment === message, `${lang} ${key}`).toBe(true);
          fragments++;
        }
    expect(fragments).toBeGreaterThan(500);
  });

  it('RULES name each translated message beside the English item it stands for', () => {
    const items = groups.flatMap(([, ...rest]) => rest);
    for (const item of items.filter((i) => i.startsWith('@')))
      expect(GIT_L10N_KEYS, item).toContain(item.slice(1).split('…')[0]);
    for (const m of SHIPPED.filter((x) => !x.prefix)) {
      const group = groups.find((g) => g.includes(m.english ?? ''));
      expect(group, m.key).toBeDefined();
      expect(
        group?.some((i) => i.split('…')[0] === `@${m.key}`),
        `@${m.key} next to ${m.english}`,
      ).toBe(true);
    }
  });

  it('every English item of RULES is a message git translates or is listed as English in every language', () => {
    const translated = new Set(MESSAGES.map((m) => m.english));
    const english = new Set(ENGLISH_ONLY.map((e) => e.text));
    const items = groups.flatMap(([, ...rest]) => rest).filter((i) => !i.startsWith('@'));
    for (const item of items) expect(translated.has(item) || english.has(item), item).toBe(true);
    // And nothing is listed that the diagnoser does not read.
    for (const e of english) expect(items, e).toContain(e);
  });
});

describe('reading the catalogs', () => {
  it('parsePo: what msgfmt compiles (no fuzzy, obsolete, empty or header entries; C escapes; plurals)', () => {
    const po = [
      'msgid ""',
      'msgstr "Content-Type: text/plain; charset=UTF-8\\n"',
      '',
      '#: remote-curl.c:505',
      '#, c-format',
      'msgid "Authentication failed for \'%s\'"',
      "msgstr \"Échec d'authentification pour '%s'\"",
      '',
      '#, fuzzy, c-format',
      'msgid "repository \'%s\' not found"',
      'msgstr "dépôt \'%s\' non trouvé"',
      '',
      'msgid "untranslated"',
      'msgstr ""',
      '',
      'msgid ""',
      '"Could not read from remote repository.\\n"',
      '"\\n"',
      '"Please make sure"',
      'msgstr ""',
      '"Impossible de lire le dépôt distant.\\n"',
      '"\\n"',
      '"Veuillez \\"vérifier\\"\\t\\\\"',
      '',
      '#~ msgid "old"',
      '#~ msgstr "ancien"',
      '',
      'msgid "%d file"',
      'msgid_plural "%d files"',
      'msgstr[0] "%d fichier"',
      'msgstr[1] "%d fichiers"',
      '',
      'msgctxt "verb"',
      'msgid "push"',
      'msgstr "pousser"',
    ].join('\n');
    expect([...parsePo(po)]).toEqual([
      ["Authentication failed for '%s'", "Échec d'authentification pour '%s'"],
      [
        'Could not read from remote repository.\n\nPlease make sure',
        'Impossible de lire le dépôt distant.\n\nVeuillez "vérifier"\t\\',
      ],
      ['%d file', '%d fichier'],
    ]);
  });

  it('parseMo: GNU .mo in either byte order, header, context and plural entries left out', () => {
    const entries: [string, string][] = [
      ['', 'Content-Type: text/plain; charset=UTF-8\n'],
      ['%d file\u0000%d files', '%d fichier\u0000%d fichiers'],
      ["Authentication failed for '%s'", 'Authentifizierung fehlgeschlagen für „%s“'],
      ['verb\u0004push', 'pousser'],
    ];
    for (const littleEndian of [true, false]) {
      const mo = buildMo(entries, littleEndian);
      expect([...parseMo(mo)]).toEqual([
        ['%d file', '%d fichier'],
        ["Authentication failed for '%s'", 'Authentifizierung fehlgeschlagen für „%s“'],
      ]);
    }
    expect(() => parseMo(Buffer.alloc(28))).toThrow(/not a GNU \.mo/);
  });

  it('fragmentOf: the shortest run of whole words no other text has; the whole message when none', () => {
    const pool = ['konnte nicht lesen', "remote-repository '%s' nicht gefunden"].join('\0');
    expect(fragmentOf("repository '%s' nicht gefunden", pool)).toBe("repository '%s' nicht gefunden");
    expect(fragmentOf("authentifizierung fehlgeschlagen für '%s'", pool)).toBe('fehlgeschlagen');
    // Han text has no spaces: any character boundary counts, each character twice towards the minimum.
    expect(fragmentOf("'%s' 鉴权失败", '失败')).toBe("' 鉴权失");
    expect(MIN_WEIGHT).toBeGreaterThanOrEqual(8);
  });
});

// The causes English gives for each message, and how to print it as git does.
interface Case {
  key: string;
  paste: (revision: string, lang: string) => string;
  cause: CauseKey | 'unknown';
  /** The keys whose text the paste shows (the locale is read from them). */
  shows: string[];
}
const CASES: Case[] = [
  {
    key: 'auth_failed',
    paste: (r, l) => fatal(r, l, 'auth_failed', URL),
    cause: 'invalid-credentials',
    shows: ['fatal', 'auth_failed'],
  },
  {
    key: 'repo_not_found',
    paste: (r, l) => fatal(r, l, 'repo_not_found', URL),
    cause: 'repo-not-found-or-no-access',
    shows: ['fatal', 'repo_not_found'],
  },
  {
    key: 'unable_access',
    paste: (r, l) => fatal(r, l, 'unable_access', URL, 'Recv failure: Connection reset by peer'),
    cause: 'unknown',
    shows: ['fatal', 'unable_access'],
  },
  {
    key: 'could_not_read_remote',
    paste: (r, l) =>
      `git@bitbucket.org: Permission denied (publickey).\n${fatal(r, l, 'could_not_read_remote')}`,
    cause: 'ssh-publickey',
    shows: ['fatal', 'could_not_read_remote'],
  },
  {
    key: 'remote_hung_up',
    paste: (r, l) => fatal(r, l, 'remote_hung_up'),
    cause: 'unknown',
    shows: ['fatal', 'remote_hung_up'],
  },
  {
    key: 'rpc_failed',
    paste: (r, l) =>
      error(r, l, 'rpc_failed', 'curl 18 transfer closed with outstanding read data remaining'),
    cause: 'network-or-proxy',
    shows: ['error', 'rpc_failed'],
  },
  {
    key: 'not_git_command',
    paste: (r, l) =>
      `${say(r, l, 'not_git_command', 'credential-manager-core')}\n${say(r, l, 'fatal')}${PROMPT_OFF}`,
    cause: 'credential-helper-misconfigured',
    shows: ['not_git_command', 'fatal'],
  },
  {
    key: 'cache_unavailable',
    paste: (r, l) => fatal(r, l, 'cache_unavailable'),
    cause: 'credential-helper-misconfigured',
    shows: ['fatal', 'cache_unavailable'],
  },
  {
    key: 'protocol_unsupported',
    paste: (r, l) => fatal(r, l, 'protocol_unsupported', '"https'),
    cause: 'bad-remote-url',
    shows: ['fatal', 'protocol_unsupported'],
  },
  {
    key: 'not_a_repo',
    paste: (r, l) => fatal(r, l, 'not_a_repo', '.git'),
    cause: 'not-a-repo-or-no-remote',
    shows: ['fatal', 'not_a_repo'],
  },
  {
    key: 'no_such_remote',
    paste: (r, l) => error(r, l, 'no_such_remote', 'origin'),
    cause: 'not-a-repo-or-no-remote',
    shows: ['error', 'no_such_remote'],
  },
  {
    key: 'no_such_remote_colon',
    paste: (r, l) => error(r, l, 'no_such_remote_colon', 'origin'),
    cause: 'not-a-repo-or-no-remote',
    shows: ['error', 'no_such_remote_colon'],
  },
  {
    key: 'no_push_destination',
    paste: (r, l) => fatal(r, l, 'no_push_destination'),
    cause: 'not-a-repo-or-no-remote',
    shows: ['fatal', 'no_push_destination'],
  },
  {
    key: 'fatal',
    paste: (r, l) => `${say(r, l, 'fatal')}${PROMPT_OFF}`,
    cause: 'no-tty-prompt',
    shows: ['fatal'],
  },
];

const translated = (revision: string, lang: string, key: string) =>
  normalize(text(revision, lang, key)) !== normalize(CATALOGS.messages[key]?.msgid ?? '');
const everywhere = Object.keys(CATALOGS.revisions).flatMap((revision) =>
  Object.keys(CATALOGS.revisions[revision]?.languages ?? {}).map((lang) => ({ revision, lang })),
);

describe('every message in every language and catalog gives the English answer', () => {
  it.each(CASES)('$key → $cause', ({ key, paste, cause, shows }) => {
    let translations = 0;
    const english = diagnose(paste('', 'en'));
    expect(english.cause).toBe(cause);
    for (const { revision, lang } of everywhere) {
      const d = diagnose(`$ git fetch\n${paste(revision, lang)}`);
      const where = `${lang} (${revision}): ${paste(revision, lang)}`;
      expect(d.cause, where).toBe(cause);
      // The line is recognised (highlighted), whether or not it names a cause.
      expect(d.evidence.length, where).toBe(english.evidence.length);
      // git's `error: ` alone tells nothing (the message after it does, where it is translated).
      const speaks = shows.some((k) => k !== 'error' && translated(revision, lang, k));
      expect(d.context.locale, where).toBe(speaks ? lang : 'en');
      if (translated(revision, lang, key)) translations++;
    }
    // Translations in most of the 58 language-catalog pairs (is.po translates none of these).
    expect(translations).toBeGreaterThan(20);
  });

  it('a command git does not know is not a broken helper, in any language', () => {
    for (const { revision, lang } of everywhere)
      expect(diagnose(say(revision, lang, 'not_git_command', 'pish')).cause, lang).toBe('unknown');
  });

  it('typographic quotes come from the catalogs: „…“ „…” «…» “…” ”…” all occur, and all read as one', () => {
    const all = JSON.stringify(CATALOGS.revisions);
    for (const quoted of ['„%s“', '„%s”', '«%s»', '“%s”', '”%s”']) expect(all).toContain(quoted);
    // Every mark the generator folds, the diagnoser folds too (here around zh_CN's 401 message).
    let marks = 0;
    for (let code = 0x21; code < 0x3100; code++) {
      const mark = String.fromCodePoint(code);
      QUOTES.lastIndex = 0;
      if (!QUOTES.test(mark)) continue;
      marks++;
      expect(diagnose(`致命错误：${mark}${URL}${mark} 鉴权失败`).cause, mark).toBe('invalid-credentials');
    }
    expect(marks).toBeGreaterThanOrEqual(16);
  });

  it("git ≥ 2.55's French wording: « Pas de serveur distant »", () => {
    const head = Object.keys(CATALOGS.revisions).find((r) => r.startsWith('po v2.55'));
    expect(head).toBeDefined();
    const line = error(head ?? '', 'fr', 'no_such_remote', 'origin');
    expect(line).toBe("erreur\u00a0: Pas de serveur distant 'origin'");
    expect(diagnose(line).cause).toBe('not-a-repo-or-no-remote');
  });
});

/** A GNU .mo file: header, then the original and translation tables, then the strings. */
function buildMo(entries: [string, string][], littleEndian: boolean): Buffer {
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const n = sorted.length;
  const strings: Buffer[] = [];
  const table = Buffer.alloc(16 * n);
  let offset = 28 + 16 * n;
  const put = (at: number, value: number) =>
    littleEndian ? table.writeUInt32LE(value, at) : table.writeUInt32BE(value, at);
  sorted.forEach(([id], i) => {
    const b = Buffer.from(id, 'utf8');
    put(8 * i, b.length);
    put(8 * i + 4, offset);
    strings.push(b, Buffer.alloc(1));
    offset += b.length + 1;
  });
  sorted.forEach(([, str], i) => {
    const b = Buffer.from(str, 'utf8');
    put(8 * n + 8 * i, b.length);
    put(8 * n + 8 * i + 4, offset);
    strings.push(b, Buffer.alloc(1));
    offset += b.length + 1;
  });
  const header = Buffer.alloc(28);
  const h = (at: number, value: number) =>
    littleEndian ? header.writeUInt32LE(value, at) : header.writeUInt32BE(value, at);
  h(0, 0x950412de);
  h(4, 0);
  h(8, n);
  h(12, 28);
  h(16, 28 + 8 * n);
  return Buffer.concat([header, table, ...strings]);
}
