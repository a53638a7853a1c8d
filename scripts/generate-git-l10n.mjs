// Reads git's own translation catalogs for the messages the diagnoser keys on, and writes
//   scripts/data/git-l10n/catalogs.json  what each catalog says (the data tests render real lines from)
//   lib/git-l10n.ts                       the compact table the diagnoser ships (generated, not edited)
// Sources (docs/evidence/git-messages.md): git's po/<lang>.po files at chosen revisions of a git
// checkout, and the compiled git.mo catalogs of the installed git. A new git release or language:
//   npm run generate:git-l10n -- --git ~/src/git --rev v2.39.5 --rev v2.56.0
// Without --git the po data already in catalogs.json is kept; without catalogs on this machine the
// .mo data is kept too; the table is always regenerated. `--check` only says whether anything changes.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DATA_FILE = join(ROOT, 'scripts/data/git-l10n/catalogs.json');
export const MODULE_FILE = join(ROOT, 'lib/git-l10n.ts');

/**
 * The msgids that matter, with where git prints them (v2.39.5 source) and `english`, the item of
 * RULES (lib/diagnose-rules.ts) its translations stand beside: they may be as loose as it is (the
 * English "unable to access" also matches "unable to access commit %s"). Only the first line of a
 * multi-line message counts: that is the line a paste shows first and whole. A `prefix` is kept
 * whole; `render` ones are kept in catalogs.json only, for the tests that render git's output in
 * a language the installed git lacks.
 */
export const MESSAGES = [
  { key: 'fatal', msgid: 'fatal: ', where: 'usage.c: the prefix of every die()', prefix: true },
  {
    key: 'error',
    msgid: 'error: ',
    where: 'usage.c: the prefix of every error()',
    prefix: true,
    render: true,
  },
  {
    key: 'auth_failed',
    msgid: "Authentication failed for '%s'",
    english: 'authentication failed',
    where: 'remote-curl.c: HTTP 401',
  },
  {
    key: 'repo_not_found',
    msgid: "repository '%s' not found",
    english: "repository '…' not found",
    where: 'remote-curl.c: HTTP 404',
  },
  {
    key: 'unable_access',
    msgid: "unable to access '%s': %s",
    english: 'unable to access',
    where: "remote-curl.c: any other HTTP failure; the second %s is curl's English",
  },
  {
    key: 'could_not_read_remote',
    msgid:
      'Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.',
    english: 'could not read from remote repository',
    where: 'connect.c: every failed ssh connection',
  },
  {
    key: 'remote_hung_up',
    msgid: 'the remote end hung up unexpectedly',
    english: 'remote end hung up',
    where: 'pkt-line.c',
  },
  {
    key: 'rpc_failed',
    msgid: 'RPC failed; %s',
    english: 'rpc failed; curl',
    where: "remote-curl.c: a failed POST; %s is `HTTP <code>` and curl's error",
  },
  {
    key: 'not_git_command',
    msgid: "git: '%s' is not a git command. See 'git --help'.",
    english: 'credential-…is not a git command',
    where: 'help.c: a credential helper that is not installed',
  },
  {
    key: 'cache_unavailable',
    msgid: 'credential-cache unavailable; no unix socket support',
    english: 'credential-cache unavailable',
    where: 'builtin/credential-cache.c',
  },
  {
    key: 'protocol_unsupported',
    msgid: "protocol '%s' is not supported",
    english: "protocol '…' is not supported",
    where: 'connect.c: quotes pasted into a URL',
  },
  {
    key: 'not_a_repo',
    msgid: 'not a git repository (or any of the parent directories): %s',
    english: 'not a git repository',
    where: 'setup.c',
  },
  {
    key: 'no_such_remote',
    msgid: "No such remote '%s'",
    english: 'no such remote',
    where: 'builtin/remote.c: set-url, set-branches',
  },
  {
    key: 'no_such_remote_colon',
    msgid: "No such remote: '%s'",
    english: 'no such remote',
    where: 'builtin/remote.c: rename, remove, get-url',
  },
  {
    key: 'no_push_destination',
    msgid:
      'No configured push destination.\nEither specify the URL from the command-line or configure a remote repository using\n\n    git remote add <name> <url>\n\nand then push using the remote name\n\n    git push <name>\n',
    english: 'no configured push destination',
    where: 'builtin/push.c',
  },
  { key: 'cloning_into', msgid: "Cloning into '%s'...\n", where: 'builtin/clone.c', render: true },
];

/** The messages the diagnoser looks for, in GIT_L10N_KEYS order. */
export const SHIPPED = MESSAGES.filter((m) => !m.render);

/** Whether git's English `msgid` is one the diagnoser's English item for `m` also matches. */
const alike = (m, msgid) =>
  msgid === m.msgid || (m.english?.split('…').every((p) => msgid.toLowerCase().includes(p)) ?? false);

/**
 * The items of RULES (lib/diagnose-rules.ts) that no catalog translates, as the diagnoser writes
 * them: git prints them without _(), or another program prints them (curl, OpenSSH, Git
 * Credential Manager, Bitbucket's server). They are English in every language; a unit test keeps
 * this list and RULES in step, and --git checks that no catalog has a msgid with a `git` one.
 */
export const ENGLISH_ONLY = [
  ['git', 'terminal prompts disabled', 'prompt.c: die("could not read %s%s") without _()'],
  ['git', 'could not read username for', "prompt.c, with credential.c's \"%s for '%s': \" prompt"],
  ['git', 'could not read password for', "prompt.c, with credential.c's \"%s for '%s': \" prompt"],
  ['git', 'does not appear to be a git repository', 'upload-pack.c, receive-pack.c: die() without _()'],
  ['git', "don't handle protocol", "connect.c before git 2.19: \"I don't handle protocol '%s'\""],
  ['curl', 'returned error: 401', 'curl: "The requested URL returned error: %d"'],
  ['curl', 'returned error: 403', 'curl'],
  ['curl', 'returned error: 404', 'curl'],
  ['curl', 'returned error: 410', 'curl'],
  ['curl', 'returned error: 413', 'curl'],
  ['curl', 'returned error:', 'curl'],
  ['curl', 'could not resolve host', 'curl; also ssh\'s "Could not resolve hostname"'],
  ['curl', 'could not resolve proxy', 'curl'],
  ['curl', 'failed to connect to', 'curl'],
  ['curl', 'connect tunnel failed', 'curl'],
  ['curl', 'from proxy after connect', 'curl'],
  ['curl', 'bad/illegal format', 'curl: "URL using bad/illegal format or missing URL"'],
  ['curl', 'url rejected:', 'curl'],
  ['curl', 'malformed input to a url', 'curl'],
  ['curl', 'ssl certificate problem', 'curl with OpenSSL'],
  ['curl', 'certificate verification failed', 'curl with GnuTLS'],
  ['curl', 'certificate verify failed', 'curl'],
  ['curl', 'schannel:', 'curl on Windows'],
  ['curl', 'connection timed out', 'curl, ssh'],
  ['curl', 'operation timed out', 'curl'],
  ['curl', 'connection refused', 'curl, ssh'],
  ['curl', 'network is unreachable', 'curl, ssh'],
  ['curl', 'gnutls_handshake() failed', 'curl with GnuTLS'],
  ['curl', 'ssl_error_syscall', 'curl with OpenSSL'],
  ['openssh', 'permission denied (publickey', 'ssh'],
  ['openssh', 'host key verification failed', 'ssh'],
  ['openssh', 'remote host identification has changed', 'ssh'],
  ['openssh', 'host key is known for', 'ssh'],
  ['openssh', 'authenticity of host', 'ssh'],
  ['openssh', 'kex_exchange_identification', 'ssh'],
  ['openssh', 'ssh: bad port', 'ssh'],
  ['gcm', 'invalid credentials', 'Git Credential Manager; also a `remote:` line'],
  ['gcm', 'unencrypted http is not recommended', 'Git Credential Manager'],
  ['gcm', 'no credential store has been selected', 'Git Credential Manager'],
  ['gcm', 'unable to persist credentials', 'Git Credential Manager'],
  ['gcm', 'cannot prompt because', 'Git Credential Manager'],
  ['gcm', 'unable to read askpass response', 'Git Credential Manager'],
  ['gcm', 'does not indicate success: 401', "Git Credential Manager (.NET's HttpClient)"],
  ['gcm', 'does not indicate success: 403', "Git Credential Manager (.NET's HttpClient)"],
  ['server', 'change-3222', "Bitbucket's `remote:` lines"],
  ['server', 'app passwords are deprecated', 'Bitbucket'],
  ['server', 'stopped supporting account passwords', 'Bitbucket'],
  ['server', 'required privilege scopes', 'Bitbucket'],
  ['server', 'has no bitbucket scopes', 'Bitbucket'],
  ['server', 'failed to get user details', 'Sourcetree'],
  ['server', 'enable two-step', 'Bitbucket'],
  ['server', 'two-step verification', 'Bitbucket'],
  ['server', 'whitelist your ip', 'Bitbucket'],
  ['server', 'allowlist your ip', 'Bitbucket'],
  ['server', 'ip allowlist', 'Bitbucket'],
  ['server', 'deployment key is read-only', "Bitbucket's `conq:`"],
  ['server', 'conq: repository does not exist', "Bitbucket's `conq:`"],
  ['server', 'conq: repository access denied', "Bitbucket's `conq:`"],
  ['server', 'either does not exist or you do not have access', 'Bitbucket'],
  ['server', 'may not have access to this repository', 'Bitbucket'],
  ['server', 'no longer exists in this workspace', 'Bitbucket'],
  ['server', 'pack exceeds maximum allowed size', "the server's git, as `remote: fatal: …`"],
  ['server', 'over the size limit', 'Bitbucket'],
  ['server', 'remote: not found', 'Bitbucket (404 body)'],
  ['server', 'repository not found', 'servers and IDEs'],
  ['server', 'invalid username or password', 'servers'],
].map(([by, text, where]) => ({ by, text, where }));

// ---------------------------------------------------------------------------------------------
// Catalog readers
// ---------------------------------------------------------------------------------------------

const ESCAPES = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"' };

/** A C string literal's content, as msgfmt reads it. */
function unescapeC(s) {
  return s.replace(/\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.))/g, (all, oct, hex, ch) => {
    if (oct) return String.fromCharCode(Number.parseInt(oct, 8));
    if (hex) return String.fromCharCode(Number.parseInt(hex, 16));
    return ESCAPES[ch] ?? all;
  });
}

/**
 * A .po file as msgfmt compiles it: msgid → msgstr, without fuzzy entries, obsolete (`#~`) ones,
 * untranslated ones (empty msgstr) or the header. Plural entries give their first form.
 * @returns {Map<string, string>}
 */
export function parsePo(text) {
  const out = new Map();
  for (const block of text.replace(/\r\n/g, '\n').split(/\n{2,}/)) {
    let fuzzy = false;
    let field = '';
    const fields = {};
    for (const line of block.split('\n')) {
      if (line.startsWith('#,')) fuzzy ||= /\bfuzzy\b/.test(line);
      if (line.startsWith('#')) continue;
      const m = /^(msgctxt|msgid_plural|msgid|msgstr(?:\[0\])?|msgstr\[\d+\])\s+"(.*)"\s*$/.exec(line);
      if (m) {
        field = m[1] === 'msgstr[0]' ? 'msgstr' : m[1];
        fields[field] = unescapeC(m[2]);
      } else if (/^\s*"(.*)"\s*$/.test(line) && field) {
        fields[field] += unescapeC(/^\s*"(.*)"\s*$/.exec(line)[1]);
      }
    }
    if (fuzzy || fields.msgctxt !== undefined || !fields.msgid || !fields.msgstr) continue;
    out.set(fields.msgid, fields.msgstr);
  }
  return out;
}

/**
 * A compiled GNU .mo catalog (either byte order): msgid → msgstr. Entries with a context
 * (`ctx\x04msgid`) are left out; plural entries give their first form.
 * @param {Buffer} buf
 * @returns {Map<string, string>}
 */
export function parseMo(buf) {
  const magic = buf.readUInt32LE(0);
  const le = magic === 0x950412de;
  if (!le && buf.readUInt32BE(0) !== 0x950412de) throw new Error('not a GNU .mo file');
  const u32 = (at) => (le ? buf.readUInt32LE(at) : buf.readUInt32BE(at));
  const count = u32(8);
  const originals = u32(12);
  const translations = u32(16);
  const str = (table, i) => {
    const length = u32(table + 8 * i);
    const offset = u32(table + 8 * i + 4);
    return buf.toString('utf8', offset, offset + length);
  };
  const out = new Map();
  for (let i = 0; i < count; i++) {
    const id = str(originals, i);
    if (id === '' || id.includes('\x04')) continue;
    const msgstr = str(translations, i).split('\0')[0] ?? '';
    if (msgstr !== '') out.set(id.split('\0')[0] ?? id, msgstr);
  }
  return out;
}

/**
 * The messages that matter from one catalog: key → msgstr, those the catalog translates. A
 * multi-line message whose later lines git has since reworded (No configured push destination.
 * gained a paragraph after 2.39) is found by its first line, which is all the diagnoser reads.
 */
export function pick(catalog) {
  const out = {};
  for (const { key, msgid } of MESSAGES) {
    const first = msgid.includes('\n') ? `${msgid.split('\n')[0]}\n` : undefined;
    const id = catalog.has(msgid) || !first ? msgid : [...catalog.keys()].find((k) => k.startsWith(first));
    const msgstr = id === undefined ? undefined : catalog.get(id);
    if (msgstr !== undefined) out[key] = msgstr;
  }
  return out;
}

function git(repo, args) {
  return execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** Every po/<lang>.po of a git checkout at `rev`, read with `git show` (no work tree needed). */
function readRevision(repo, rev) {
  const commit = git(repo, ['rev-parse', `${rev}^{commit}`]).trim();
  const files = git(repo, ['ls-tree', '--name-only', commit, 'po/'])
    .split('\n')
    .filter((f) => /^po\/[a-z]{2,3}(?:_[A-Z]{2})?\.po$/.test(f));
  const catalogs = {};
  for (const file of files) catalogs[file.slice(3, -3)] = parsePo(git(repo, ['show', `${commit}:${file}`]));
  let describe = rev;
  try {
    describe = git(repo, ['describe', '--tags', commit]).trim();
  } catch {
    // an untagged history: the name given is all there is
  }
  return {
    name: `po ${describe}`,
    revision: {
      source: `https://github.com/git/git/tree/${commit}/po`,
      commit,
      describe,
      date: git(repo, ['show', '-s', '--format=%cs', commit]).trim(),
    },
    catalogs,
  };
}

/** The installed git's compiled catalogs, `<dir>/<lang>/LC_MESSAGES/git.mo`. */
function readInstalled(dir) {
  if (!existsSync(dir)) return undefined;
  const catalogs = {};
  for (const lang of readdirSync(dir).sort()) {
    const file = join(dir, lang, 'LC_MESSAGES/git.mo');
    if (existsSync(file)) catalogs[lang] = parseMo(readFileSync(file));
  }
  if (Object.keys(catalogs).length === 0) return undefined;
  const version = execFileSync('git', ['--version'], { encoding: 'utf8' }).trim();
  let pkg = '';
  try {
    pkg = execFileSync('dpkg-query', ['--show', 'git'], { encoding: 'utf8' }).trim().replace('\t', ' ');
  } catch {
    // not a Debian system: the version git reports is what we have
  }
  return {
    name: `mo ${version.replace(/^git version /, 'git ')}`,
    revision: {
      source: `${dir}/<lang>/LC_MESSAGES/git.mo`,
      describe: `${version}${pkg ? ` (Debian package ${pkg})` : ''}`,
    },
    catalogs,
  };
}

// ---------------------------------------------------------------------------------------------
// Fragments: what the diagnoser looks for
// ---------------------------------------------------------------------------------------------

/** Quote marks translators use around `%s`; the diagnoser reads every one of them as `'`. */
export const QUOTES =
  /["`\u00ab\u00bb\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2039\u203a\u300c\u300d\u300e\u300f]/g;

/** What the diagnoser compares: lower case, one quote mark, plain spaces. */
export function normalizeText(text) {
  return text
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(QUOTES, "'")
    .toLowerCase();
}

/** A message as the diagnoser compares it: normalized, its first line only. */
export function normalize(msgstr) {
  return normalizeText(msgstr.split('\n')[0] ?? '');
}

// Han and kana run without spaces: any character boundary is a word edge there. Those and Hangul
// carry more per character, so they count double towards the minimum length.
const HAN = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/;
const DOUBLE = /[\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef]/;
/** The shortest fragment that is long enough to be no accident. */
export const MIN_WEIGHT = 8;
const weight = (s) => [...s].reduce((n, ch) => n + (DOUBLE.test(ch) ? 2 : 1), 0);

/** Runs of whole words of `segment` (any run of Han or kana), shortest first. */
function candidates(segment) {
  const chars = [...segment];
  const edge = (i) =>
    i === 0 ||
    i === chars.length ||
    chars[i - 1] === ' ' ||
    chars[i] === ' ' ||
    HAN.test(chars[i - 1]) ||
    HAN.test(chars[i]);
  const out = [];
  for (let i = 0; i < chars.length; i++) {
    if (!edge(i) || chars[i] === ' ') continue;
    for (let j = i + 1; j <= chars.length; j++) {
      if (!edge(j) || chars[j - 1] === ' ') continue;
      const f = chars.slice(i, j).join('');
      if (weight(f) >= MIN_WEIGHT) out.push(f);
    }
  }
  return out.sort((a, b) => weight(a) - weight(b));
}

/**
 * The fragment of `message` (normalized, first line) the diagnoser looks for: the shortest run of
 * whole words between placeholders that no other text of the catalogs contains (`pool`: every
 * other msgstr of the language and every English msgid, normalized). When every run also
 * occurs elsewhere (German "Repository '%s' nicht gefunden" is inside "Remote-Repository '%s'
 * nicht gefunden"), the whole message with its placeholders: the diagnoser then relies on its
 * rule order, as it does for the English.
 */
export function fragmentOf(message, pool) {
  for (const f of message
    .split('%s')
    .flatMap(candidates)
    .sort((a, b) => weight(a) - weight(b)))
    if (!pool.includes(f)) return f;
  return message;
}

/**
 * Fragments for every translated message of the catalogs read in this run. A fragment must occur
 * in no other text of any catalog: not in another message of the language (unless the English
 * item matches that one too), not in any message of another language (it also tells the
 * language), not in git's English. A translation a kept revision already has keeps its fragment,
 * which was checked against the catalogs read then (a run with the installed .mo alone would
 * otherwise check new fragments against fewer texts).
 */
function fragments(loaded, kept) {
  const out = new Map(loaded.map((l) => [l.name, {}]));
  const byLang = new Map();
  for (const l of loaded)
    for (const [lang, catalog] of Object.entries(l.catalogs)) {
      if (!byLang.has(lang)) byLang.set(lang, []);
      for (const [id, msgstr] of catalog) byLang.get(lang).push({ id, text: normalizeText(msgstr) });
    }
  const english = [
    ...new Set([...[...byLang.values()].flat().map((e) => e.id), ...ENGLISH_ONLY.map((e) => e.text)]),
  ].map(normalizeText);
  for (const [lang, entries] of byLang) {
    const elsewhere = [
      ...english,
      ...[...byLang].filter(([other]) => other !== lang).flatMap(([, list]) => list.map((e) => e.text)),
    ].join('\0');
    for (const m of SHIPPED.filter((x) => !x.prefix)) {
      const pool = `${elsewhere}\0${entries
        .filter((e) => !alike(m, e.id))
        .map((e) => e.text)
        .join('\0')}`;
      for (const l of loaded) {
        const msgstr = l.picked[lang]?.[m.key];
        if (msgstr === undefined || normalize(msgstr) === normalize(m.msgid)) continue;
        const fragmentsOf = out.get(l.name);
        fragmentsOf[lang] ??= {};
        const known = Object.values(kept).find((r) => r.languages[lang]?.[m.key] === msgstr);
        fragmentsOf[lang][m.key] = known ? known.fragments[lang][m.key] : fragmentOf(normalize(msgstr), pool);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The generated table
// ---------------------------------------------------------------------------------------------

const FIELD = '|';
const VARIANT = '~';

/**
 * Languages in order, each with one field per message: what the diagnoser looks for (the prefix
 * itself, or the fragment), every variant the catalogs have; none where git prints English.
 */
export function table(data) {
  const revisions = Object.values(data.revisions);
  const langs = [...new Set(revisions.flatMap((r) => Object.keys(r.languages)))].sort();
  const rows = langs.map((lang) => ({
    lang,
    fields: SHIPPED.map(({ key, msgid }) => {
      const seen = revisions.flatMap((r) => {
        const msgstr = r.languages[lang]?.[key];
        if (msgstr === undefined || normalize(msgstr) === normalize(msgid)) return [];
        return [SHIPPED.find((m) => m.key === key)?.prefix ? normalize(msgstr) : r.fragments[lang]?.[key]];
      });
      if (seen.includes(undefined)) throw new Error(`${lang} ${key}: no fragment`);
      return [...new Set(seen)];
    }),
  }));
  // A language that translates none of them (is.po) prints English: nothing to ship.
  return rows.filter((row) => row.fields.some((f) => f.length > 0));
}

export function renderModule(data) {
  const rows = table(data);
  for (const { lang, fields } of rows)
    for (const v of fields.flat())
      if (v.includes(FIELD) || v.includes(VARIANT) || v.includes('\n') || v.trim() === '')
        throw new Error(`${lang}: ${JSON.stringify(v)} cannot be a field`);
  const sources = Object.entries(data.revisions).map(
    ([name, r]) => `//   ${name}: ${r.describe}${r.date ? `, ${r.date}` : ''}, ${r.source}`,
  );
  const lines = rows.map(({ lang, fields }) =>
    quoteTs(`${lang}${FIELD}${fields.map((f) => f.join(VARIANT)).join(FIELD)}`),
  );
  return `// GENERATED by scripts/generate-git-l10n.mjs (\`npm run generate:git-l10n\`) from git's own catalogs,
// as extracted into scripts/data/git-l10n/catalogs.json: do not edit. Evidence: docs/evidence/git-messages.md.
${sources.join('\n')}
// One row per language: its code, then one field per GIT_L10N_KEYS entry, in the form the diagnoser
// compares text (lower case, every quote mark made ', no-break spaces made spaces). A prefix is
// given whole; any other message by its fragment: the shortest run of whole words that no other
// text of any catalog contains, in any language or git's English (or, if there is none, the whole
// first line, %s standing for git's placeholders). Variants from different catalogs are separated
// by ${VARIANT}; an empty field means git prints the English.
// English in every language (no catalog translates them; \`--list\` prints them all):
${wrap(
  ENGLISH_ONLY.filter((e) => e.by === 'git').map((e) => JSON.stringify(e.text)),
  '//   git without _(): ',
)}
//   and every text of curl, OpenSSH, Git Credential Manager and Bitbucket's server.

export const GIT_L10N_KEYS = [
${SHIPPED.map((m) => `  '${m.key}',`).join('\n')}
] as const;

export const GIT_L10N = [
${lines.map((l) => `  ${l},`).join('\n')}
];
`;
}

/** A TypeScript string literal, quoted as Biome formats it (double quotes spare escaping `'`). */
function quoteTs(s) {
  if (s.includes("'") && !s.includes('"')) return `"${s.replace(/\\/g, '\\\\')}"`;
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Items joined on lines of at most 110 characters. */
function wrap(items, indent, sep = ',') {
  const out = [];
  let line = indent;
  for (const item of items) {
    const next = `${item}${sep}`;
    if (line.length + next.length + 1 > 110 && line !== indent) {
      out.push(line.trimEnd());
      line = indent;
    }
    line += `${next} `;
  }
  out.push(indent.startsWith('//') ? line.trimEnd().replace(/,$/, '') : line.trimEnd());
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------

function args(argv) {
  const out = { revs: [], git: undefined, mo: '/usr/share/locale', check: false, list: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--git') out.git = argv[++i];
    else if (a === '--rev') out.revs.push(argv[++i]);
    else if (a === '--mo') out.mo = argv[++i];
    else if (a === '--no-mo') out.mo = undefined;
    else if (a === '--check') out.check = true;
    else if (a === '--list') out.list = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (out.git && out.revs.length === 0) throw new Error('--git needs at least one --rev');
  return out;
}

function main() {
  const opts = args(process.argv.slice(2));
  const before = existsSync(DATA_FILE) ? readFileSync(DATA_FILE, 'utf8') : '';
  const kept = before ? JSON.parse(before).revisions : {};

  const loaded = [];
  if (opts.git) {
    for (const rev of opts.revs) {
      const r = readRevision(opts.git, rev);
      // What the diagnoser keeps English must be no msgid anywhere (or git would translate it).
      const msgids = [...new Set(Object.values(r.catalogs).flatMap((c) => [...c.keys()]))].map((id) =>
        id.toLowerCase(),
      );
      const translatable = ENGLISH_ONLY.filter(
        (e) => e.by === 'git' && msgids.some((id) => id.includes(e.text)),
      );
      if (translatable.length)
        throw new Error(`${rev}: translatable after all: ${JSON.stringify(translatable)}`);
      // Server lines reach the paste as `remote: …` (sideband.c): were the prefix translated, the
      // server's English would follow a translated word.
      if (msgids.includes('remote: ')) throw new Error(`${rev}: "remote: " is translated`);
      loaded.push(r);
    }
    // The po revisions are replaced as a set: the ones named now are the ones the table covers.
    for (const name of Object.keys(kept)) if (name.startsWith('po ')) delete kept[name];
  }
  const installed = opts.mo && readInstalled(opts.mo);
  if (installed) {
    for (const name of Object.keys(kept)) if (name.startsWith('mo ')) delete kept[name];
    loaded.push(installed);
  }
  // A message no longer listed leaves the kept revisions too.
  const listed = (byKey = {}) =>
    Object.fromEntries(Object.entries(byKey).filter(([k]) => MESSAGES.some((m) => m.key === k)));
  for (const r of Object.values(kept))
    for (const field of ['languages', 'fragments'])
      r[field] = Object.fromEntries(
        Object.entries(r[field] ?? {}).map(([lang, byKey]) => [lang, listed(byKey)]),
      );
  for (const l of loaded)
    l.picked = Object.fromEntries(
      Object.entries(l.catalogs)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([lang, catalog]) => [lang, pick(catalog)]),
    );
  const fragmentsOf = fragments(loaded, kept);
  for (const l of loaded)
    kept[l.name] = { ...l.revision, languages: l.picked, fragments: fragmentsOf.get(l.name) };
  const data = {
    note: 'Written by scripts/generate-git-l10n.mjs from git catalogs: see README.md here.',
    messages: Object.fromEntries(MESSAGES.map((m) => [m.key, { msgid: m.msgid, where: m.where }])),
    englishOnly: ENGLISH_ONLY,
    revisions: Object.fromEntries(Object.entries(kept).sort(([a], [b]) => a.localeCompare(b))),
  };

  const json = `${JSON.stringify(data, null, 2)}\n`;
  const module = renderModule(data);
  const oldModule = existsSync(MODULE_FILE) ? readFileSync(MODULE_FILE, 'utf8') : '';
  if (opts.list) {
    console.log('English in every language (the diagnoser keeps these English-only):');
    for (const e of ENGLISH_ONLY) console.log(`  ${e.by.padEnd(8)} ${JSON.stringify(e.text)}  (${e.where})`);
  }
  const changed = json !== before || module !== oldModule;
  if (opts.check) {
    console.log(changed ? 'git-l10n: out of date' : 'git-l10n: up to date');
    process.exitCode = changed ? 1 : 0;
    return;
  }
  writeFileSync(DATA_FILE, json);
  writeFileSync(MODULE_FILE, module);
  console.log(
    `git-l10n: ${table(data).length} languages × ${SHIPPED.length} messages from ${Object.keys(data.revisions).join(', ')}` +
      `; ${ENGLISH_ONLY.length} texts stay English (--list)${changed ? '' : '; nothing changed'}`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
