// "What went wrong?" for a pasted terminal, IDE or CI log: the most likely cause of a Bitbucket
// git failure, the lines that show it, and what the paste says about the remote, shell and OS.
// Pure and linear-time: lines are split once, matched with `includes` and anchored, bounded
// regexes (no nested quantifiers). Rules and texts: ./diagnose-rules.ts. Nothing leaves this
// function; secrets are masked before anything is kept.
import {
  CAUSE_INFO,
  CAUSE_KEYS,
  type CauseInfo,
  type CauseKey,
  LOCALE_MARKERS,
  RULES,
  type Tier,
  type TokenPreset,
} from './diagnose-rules';
import type { CredentialHelper } from './fix-plan';
import { parseRepoInput, type RepoRef } from './repo-context';
import type { Shell } from './shells';

export { CAUSE_INFO, CAUSE_KEYS, type CauseInfo, type CauseKey, type TokenPreset };

export type Os = 'windows' | 'macos' | 'linux';

export interface Evidence {
  /** Index into `cleanedLines`. */
  line: number;
  /** The cleaned, masked line. */
  text: string;
  /** Which rule matched (the telltale text, or a derived rule such as `url: embedded secret`). */
  rule: string;
  /** The cause this line points at; null for a line recognised without a cause of its own. */
  cause: CauseKey | null;
}

export interface DiagnosisContext {
  /** The most telling bitbucket.org remote in the paste, secrets masked. */
  remoteUrl?: string;
  repo?: RepoRef;
  protocol?: 'https' | 'ssh';
  username?: string;
  usernameIsEmail: boolean;
  /** A `user:secret@` URL was seen (the secret itself is masked everywhere). */
  embeddedSecret: boolean;
  /** The last HTTP status Bitbucket answered with, when the paste shows one. */
  httpStatus?: number;
  shell?: Shell;
  os?: Os;
  /** git's message language: `en`, `de`, `fr`, `es` or `zh_CN`. */
  locale?: string;
  /** The credential helper named in the paste, when it is clear which one. */
  helper?: CredentialHelper;
}

export interface Diagnosis {
  cause: CauseKey | 'unknown';
  secondary: CauseKey[];
  confidence: 'high' | 'medium' | 'low';
  evidence: Evidence[];
  context: DiagnosisContext;
  /** The token preset to link, refined from the paste (push or not, GCM, Sourcetree). */
  preset?: TokenPreset;
  /** The paste without ANSI codes, timestamps, prompts and progress lines; secrets masked. */
  cleanedLines: string[];
}

// Work caps: a paste is read whole up to these; beyond, the head (the command) and the tail (the
// error) are kept, since git prints the failure last.
const MAX_CHARS = 400_000;
const HEAD_CHARS = 40_000;
const MAX_LINES = 10_000;
const HEAD_LINES = 1_000;
const MAX_LINE_CHARS = 4_096;
const MAX_EVIDENCE = 40;
/** Distinct URL secrets remembered to mask elsewhere (a real paste has one or two). */
const MAX_SECRETS = 16;

const ESC = '\u001b';
// CSI (`ESC [ … m`), OSC (`ESC ] … BEL` or `ESC ] … ESC \`), and two-character escapes.
const ANSI = new RegExp(
  `${ESC}(?:\\[[0-?]{0,32}[ -/]{0,8}[@-~]|\\][^\\u0007${ESC}]{0,2048}(?:\\u0007|${ESC}\\\\)?|[@-Z\\\\-_])`,
  'g',
);
// What is left of a colour code when the ESC was lost in copying: `[31m`, `[0;1m`.
const SGR_REMNANT = /\[(?:\d{1,3};){0,8}\d{1,3}m/g;
// ISO timestamps (GitHub Actions raw logs, VS Code's Git output), clock times (Jenkins
// timestamper `[09:17:01]`, IntelliJ `09:17:01.123:`), log levels and CI prefixes.
const LEADING_NOISE = [
  /^\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?\]? {0,4}/,
  /^\[?\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?\]?:? {1,4}/,
  /^\[(?:info|warn|warning|error|trace|debug)\] {1,4}/i,
  /^##\[[a-z]{1,16}\]/,
  /^(?:stderr|stdout): ?/,
];
const ODD_SPACE = /[\u00a0\u202f\uFEFF]/;
const NOISE_START = /^[\d[#s]/;
const PROGRESS =
  /^(?:remote: {0,2})?(?:Enumerating|Counting|Compressing|Receiving|Resolving|Writing|Unpacking|Updating|Checking|Filtering)(?: [a-z]{1,12})?(?: objects| deltas| files| out files| content)?: {1,4}\d{1,3}% /;

// Shell prompts, most specific first: [pattern, shell, os, strong]. Strong prompts decide the
// shell; `$ ` and `% ` only when nothing else does.
type PromptRule = readonly [RegExp, Shell | undefined, Os | undefined, boolean];
const PROMPTS: readonly PromptRule[] = [
  [/^PS [A-Za-z]:\\[^>]{0,260}> ?/, 'powershell', 'windows', true],
  [/^PS [/~][^>]{0,260}> ?/, 'powershell', undefined, true],
  [/^[A-Za-z]:\\[^>]{0,260}>/, 'cmd', 'windows', true],
  // Git Bash puts `user@HOST MINGW64 ~/dir (branch)` on its own line and `$ ` on the next.
  [/^[\w.-]{1,64}@[\w.-]{1,64} (?:MINGW64|MINGW32|MSYS|UCRT64|CLANG64)\b.{0,260}$/, 'bash', 'windows', true],
  [/^[\w.-]{1,64}@[\w.-]{1,64}:[~/][^\s$#]{0,260}[$#] /, 'bash', 'linux', true], // Debian/Ubuntu PS1
  [/^[\w.-]{1,64}:[^\s]{0,260} [\w.-]{1,64}\$ /, 'bash', 'macos', true], // macOS bash `host:dir user$`
  [/^[\w.-]{1,64}@[\w.-]{1,64} [^\s%]{1,260} % /, 'zsh', 'macos', true], // macOS zsh default `%n@%m %1~ %#`
  [/^[➜→] {1,2}[^\s]{1,260}(?: git:\([^)\s]{0,100}\))?(?: ✗)? /, 'zsh', undefined, true], // oh-my-zsh
  [/^[\w.-]{1,64}@[\w.-]{1,64} [~/][^>]{0,260}> /, 'fish', undefined, true],
  [/^\$ /, 'bash', undefined, false],
  [/^% /, 'zsh', undefined, false],
  [/^\+ /, 'bash', undefined, false], // `set -x` in CI scripts (Bitbucket Pipelines)
  [/^> /, undefined, undefined, false], // VS Code's Git log, Jenkins' git plugin
];
/** A cheap gate before PROMPTS: most lines are plainly output. */
const MAYBE_PROMPT = /^(?:[$%+>➜→]|PS |[A-Za-z]:\\|[\w.-]{1,64}(?:@|:[^\s]{0,260} [\w.-]{1,64}\$ ))/;
const SHELL_HINTS: readonly (readonly [string, Shell])[] = [
  ['fullyqualifiederrorid', 'powershell'],
  ['categoryinfo', 'powershell'],
  ['at line:1 char:', 'powershell'],
  ['fish: ', 'fish'],
  ['zsh: ', 'zsh'],
];
const GIT_COMMAND = /^(?:sudo )?(?:[^\s]{0,200}[/\\])?git(?:\.exe)? {1,4}[-a-z]/;
const GIT_REMOTE_OP = / (?:clone|fetch|pull|push|ls-remote|submodule|remote update)\b/;

const TOKEN = /\b(ATATT3x|ATCTT|ATBB)[A-Za-z0-9_=+/-]{6,}/g; // facts §2 token formats
const PASSWORD_HINT = /password=|authorization:/i;
const PASSWORD_FIELD = /(password=|authorization: ?(?:basic|bearer) )[^\s'"]+/gi;
// `https://x-token-auth:${TOKEN}@…` names a CI variable, as git-credentials.md §1 advises: no secret.
const VARIABLE = /^(?:\$\{?\w{1,64}\}?|%\w{1,64}%|\$env:\w{1,64})$/;
const URL_END = new Set([...' \t\'"`<>()[]{}|,;\\']);
const AUTHORITY_END = new Set([...URL_END, '/', '?', '#']);
const BITBUCKET_HOSTS = new Set(['bitbucket.org', 'www.bitbucket.org', 'altssh.bitbucket.org']);
const STATUS_MARKERS = [
  'returned error: ',
  'rpc failed; http ',
  'does not indicate success: ',
  '< http/1.1 ',
  '< http/2 ',
];

interface CompiledRule {
  cause: CauseKey | null;
  tier: Tier;
  parts: string[];
  name: string;
}
const COMPILED: CompiledRule[] = RULES.map(([cause, tier, needle]) => ({
  cause,
  tier,
  parts: needle.split('&&'),
  name: needle.replace('&&', '…'),
}));

// One pass over a line tells whether any rule can match; the table is walked only for such lines.
const escapeRe = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ANY_NEEDLE = new RegExp([...new Set(COMPILED.map((r) => r.parts[0] ?? ''))].map(escapeRe).join('|'));

/** git's language from one line: a translation wins over English, the first translation stays. */
function localeOf(lower: string): string | undefined {
  for (const [lang, marker] of LOCALE_MARKERS) if (lower.includes(marker)) return lang;
  return undefined;
}

interface Hit {
  line: number;
  cause: CauseKey | null;
  tier: Tier | 5;
  rule: string;
  /** Which attempt (git command reaching a remote) the line belongs to. */
  attempt: number;
}

interface UrlSeen {
  line: number;
  url: string;
  repo?: RepoRef;
  protocol?: 'https' | 'ssh';
  username?: string;
  secret: boolean;
}

/** Masks `scheme://user:secret@` in one line and remembers the secrets, to mask them elsewhere too. */
function maskUrlSecrets(line: string, secrets: Set<string>): string {
  let out = '';
  let from = 0;
  for (let k = line.indexOf('://'); k !== -1; k = line.indexOf('://', k + 3)) {
    let end = k + 3;
    while (end < line.length && !AUTHORITY_END.has(line.charAt(end))) end++;
    const authority = line.slice(k + 3, end);
    const at = authority.lastIndexOf('@');
    const colon = authority.indexOf(':');
    if (at > 0 && colon !== -1 && colon < at - 1) {
      const secret = authority.slice(colon + 1, at);
      if (secret !== '***' && !VARIABLE.test(secret)) {
        if (secrets.size < MAX_SECRETS) secrets.add(secret);
        out += `${line.slice(from, k + 4 + colon)}***`;
        from = k + 3 + at;
      }
    }
    k = end - 3;
  }
  return from === 0 ? line : out + line.slice(from);
}

function maskTokens(line: string): string {
  let t = line.includes('AT') ? line.replace(TOKEN, '$1***') : line;
  if (PASSWORD_HINT.test(t)) t = t.replace(PASSWORD_FIELD, '$1***');
  return t;
}

function lastVisibleSegment(line: string): string {
  if (!line.includes('\r')) return line;
  const parts = line.split('\r');
  for (let i = parts.length - 1; i >= 0; i--) if ((parts[i] ?? '').trim() !== '') return parts[i] ?? '';
  return '';
}

function stripNoise(raw: string): string {
  let line =
    raw.length > MAX_LINE_CHARS
      ? `${raw.slice(0, MAX_LINE_CHARS / 2)} … ${raw.slice(-MAX_LINE_CHARS / 2)}`
      : raw;
  // Colour codes go before the CR split: a code between CR and LF must not become the visible part.
  if (line.includes(ESC)) line = line.replace(ANSI, '').replace(ANSI, '').replaceAll(ESC, '');
  line = lastVisibleSegment(line);
  if (line.includes('[')) line = line.replace(SGR_REMNANT, '');
  // French git puts a no-break space before its colons ("fatal : "); keep the matching plain.
  if (ODD_SPACE.test(line)) line = line.replace(/[\u00a0\u202f]/g, ' ').replace(/^\uFEFF/, '');
  for (let pass = 0; pass < 4 && NOISE_START.test(line); pass++) {
    const before = line;
    for (const re of LEADING_NOISE) line = line.replace(re, '');
    if (line === before) break;
  }
  return line.trimEnd();
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A bitbucket.org URL's parts. An adapter over parseRepoInput, which rejects host-only URLs
 * (git's prompts: `Password for 'https://alice%40corp.com@bitbucket.org':`) and URLs whose
 * unencoded e-mail makes the host unparseable (`https://alice@corp.com:tok@bitbucket.org/…`).
 */
function readUrl(url: string, line: number): UrlSeen | undefined {
  const scheme = url.indexOf('://');
  if (scheme === -1) {
    const parsed = parseRepoInput(url); // scp-like git@bitbucket.org:ws/repo.git
    if (!parsed.ok || parsed.value.protocol !== 'ssh') return undefined;
    return { line, url, repo: parsed.value.repo, protocol: 'ssh', secret: false };
  }
  const proto = url.slice(0, scheme).toLowerCase();
  const rest = url.slice(scheme + 3);
  let slash = 0;
  while (slash < rest.length && !AUTHORITY_END.has(rest.charAt(slash))) slash++;
  const authority = rest.slice(0, slash);
  const at = authority.lastIndexOf('@');
  const host = authority
    .slice(at + 1)
    .replace(/:\d{0,5}$/, '')
    .toLowerCase();
  if (!BITBUCKET_HOSTS.has(host)) return undefined;
  const userinfo = at === -1 ? '' : authority.slice(0, at);
  const colon = userinfo.indexOf(':');
  const user = decode(colon === -1 ? userinfo : userinfo.slice(0, colon));
  const secret = colon !== -1 && colon < userinfo.length - 1 && !VARIABLE.test(userinfo.slice(colon + 1));
  const protocol = proto === 'ssh' ? 'ssh' : proto === 'https' || proto === 'http' ? 'https' : undefined;
  if (!protocol) return undefined;
  const path = rest.slice(slash);
  const parsed = protocol === 'ssh' ? parseRepoInput(url) : parseRepoInput(`https://bitbucket.org${path}`);
  return {
    line,
    url,
    repo: parsed.ok ? parsed.value.repo : undefined,
    protocol,
    username: user === '' || (protocol === 'ssh' && user === 'git') ? undefined : user,
    secret,
  };
}

function trimUrl(url: string): string {
  let end = url.length;
  while (end > 0 && '.:,;!'.includes(url.charAt(end - 1))) end--;
  return url.slice(0, end);
}

/** Every URL-looking word in a line: `scheme://…` and scp-like `user@bitbucket.org:…`. */
function findUrls(line: string, lower: string, add: (url: string) => void): void {
  let next = 0;
  for (let k = line.indexOf('://'); k !== -1; k = line.indexOf('://', Math.max(k + 3, next))) {
    let start = k;
    while (start > 0 && start > k - 10 && /[a-z+]/i.test(line.charAt(start - 1))) start--;
    let end = k + 3;
    while (end < line.length && !URL_END.has(line.charAt(end))) end++;
    next = end;
    if (start < k) add(trimUrl(line.slice(start, end)));
  }
  const scp = lower.indexOf('@bitbucket.org:');
  if (scp !== -1 && lower.charAt(scp + 15) !== '/') {
    let start = scp;
    while (start > 0 && !URL_END.has(line.charAt(start - 1))) start--;
    let end = scp + 15;
    while (end < line.length && !URL_END.has(line.charAt(end))) end++;
    if (!line.slice(start, scp).includes('/')) add(trimUrl(line.slice(start, end)));
  }
}

function isEmail(value: string): boolean {
  const at = value.indexOf('@');
  return at > 0 && at === value.lastIndexOf('@') && value.indexOf('.', at) > at + 1 && !/\s/.test(value);
}

function readStatus(lower: string): number | undefined {
  for (const marker of STATUS_MARKERS) {
    const i = lower.indexOf(marker);
    if (i === -1) continue;
    const code = Number.parseInt(lower.slice(i + marker.length, i + marker.length + 3), 10);
    if (code >= 100 && code <= 599) return code;
  }
  return undefined;
}

// Path fragments that give the OS away, checked only where a path can start.
const OS_PATHS: readonly (readonly [string, Os])[] = [
  ['c:\\users\\', 'windows'],
  ['c:/users/', 'windows'],
  ['/c/users/', 'windows'],
  ['/users/', 'macos'],
  ['/home/', 'linux'],
  ['/opt/atlassian/pipelines/', 'linux'],
  ['/var/lib/jenkins/', 'linux'],
];
function osFromPaths(lower: string): Os | undefined {
  for (const [fragment, os] of OS_PATHS) {
    const i = lower.indexOf(fragment);
    if (i === -1) continue;
    const before = i === 0 ? ' ' : lower.charAt(i - 1);
    if (fragment.startsWith('c') || ' \'"=(:'.includes(before)) return os;
  }
  if (lower.includes('osxkeychain') || lower.includes('darwin')) return 'macos';
  if (lower.includes('mingw64') || lower.includes('.exe')) return 'windows';
  return undefined;
}

const CI_HINTS = [
  '/opt/atlassian/pipelines',
  'pipelines',
  '##[',
  '[pipeline]',
  'jenkins',
  '/home/runner/',
  'github_workspace',
];

const HELPER_HINTS: readonly (readonly [string, CredentialHelper | 'gcm'])[] = [
  ['osxkeychain', 'osxkeychain'],
  ['wincred', 'wincred'],
  ['libsecret', 'libsecret'],
  ['credential-store', 'store'],
  ['.git-credentials', 'store'],
  ['credential-cache', 'cache'],
  ['credential-manager', 'gcm'],
  ['git credential manager', 'gcm'],
  ['gcm_', 'gcm'],
];

// A generic line (tier 4) is not a second cause when the primary already accounts for it: a 401
// after a removed password, a 403 after the missing-scope text. Otherwise it is listed.
const EXPLAINS_401: ReadonlySet<CauseKey> = new Set([
  'password-auth-removed',
  'app-password-removed',
  'token-missing-scope',
  'wrong-username',
  'credential-helper-stale',
]);
const EXPLAINS_403: ReadonlySet<CauseKey> = new Set([
  'token-missing-scope',
  'two-step-required',
  'ip-allowlist',
]);
function isExplained(generic: CauseKey, primary: CauseKey): boolean {
  if (generic === primary) return true;
  if (generic === 'invalid-credentials') return EXPLAINS_401.has(primary);
  if (generic === 'repo-not-found-or-no-access') return EXPLAINS_403.has(primary);
  return false;
}

// Within one tier a root cause beats what it leads to: with no working helper git falls back to
// a prompt, which CI then refuses (real: both lines appear together).
const ROOT_OVER: ReadonlyMap<CauseKey, CauseKey> = new Map([
  ['credential-helper-misconfigured', 'no-tty-prompt'],
]);

interface Best {
  cause: CauseKey;
  tier: Tier | 5;
  line: number;
  /** Seen in the current (last failing) attempt. */
  current: boolean;
}
/** The strongest sighting of one cause: in the current attempt, then most specific, then last. */
function better(a: Best, b: Best): boolean {
  if (a.current !== b.current) return a.current;
  return a.tier < b.tier || (a.tier === b.tier && a.line > b.line);
}
function outranks(a: Best, b: Best): boolean {
  if (a.current !== b.current) return a.current;
  if (a.tier !== b.tier) return a.tier < b.tier;
  if (ROOT_OVER.get(a.cause) === b.cause) return true;
  if (ROOT_OVER.get(b.cause) === a.cause) return false;
  return a.line > b.line; // the last attempt in the paste is the current state
}

function selectLines(text: string): string[] {
  let headLines: string[];
  let tailLines: string[] = [];
  const headEnd = text.length > MAX_CHARS ? text.lastIndexOf('\n', HEAD_CHARS) : -1;
  const tailStart = headEnd === -1 ? -1 : text.indexOf('\n', text.length - (MAX_CHARS - HEAD_CHARS));
  if (tailStart > headEnd) {
    headLines = text.slice(0, headEnd).split('\n');
    tailLines = text.slice(tailStart + 1).split('\n');
  } else {
    headLines = text.split('\n');
  }
  if (tailLines.length === 0 && headLines.length <= MAX_LINES) return headLines;
  const keepTail = MAX_LINES - HEAD_LINES;
  const rest = tailLines.length >= keepTail ? tailLines : [...headLines.slice(HEAD_LINES), ...tailLines];
  return [...headLines.slice(0, HEAD_LINES), '… part of the paste not examined …', ...rest.slice(-keepTail)];
}

/** Diagnoses a pasted git failure. Pure: the text goes nowhere and no secret is kept. */
export function diagnose(text: string): Diagnosis {
  const secrets = new Set<string>();
  const cleaned: string[] = [];
  const lowers: string[] = [];
  /** 0: output; 1: a command (context only); 2: a git command that talks to a remote (a new attempt). */
  const kinds: (0 | 1 | 2)[] = [];
  let strongShell: Shell | undefined;
  let weakShell: Shell | undefined;
  let promptOs: Os | undefined;
  let pathOs: Os | undefined;

  // CR-only line ends (old clipboards) become lines; a lone CR inside a line is a progress overwrite.
  const unified = text.includes('\n') ? text.replace(/\r\n/g, '\n') : text.replace(/\r/g, '\n');
  for (const raw of selectLines(unified)) {
    let line = stripNoise(raw);
    if (PROGRESS.test(line)) continue;
    line = maskTokens(line.includes('://') ? maskUrlSecrets(line, secrets) : line);
    let prompted = false;
    line = line.trimStart();
    const rawLower = line.toLowerCase();
    pathOs = osFromPaths(rawLower) ?? pathOs;
    const first = line.charAt(0);
    if (MAYBE_PROMPT.test(line)) {
      for (const [re, shell, os, strong] of PROMPTS) {
        const m = re.exec(line);
        if (!m) continue;
        if (shell && strong) strongShell = shell;
        else if (shell) weakShell ??= shell;
        if (os) promptOs = os;
        line = line.slice(m[0].length);
        prompted = true;
        break;
      }
    }
    if (prompted && line.trim() === '') continue; // a prompt alone (Git Bash's first line)
    const lower = prompted ? line.toLowerCase() : rawLower;
    let kind: 0 | 1 | 2 = prompted ? 1 : 0;
    // `+ git …` is not a new attempt: CI's `set -x` stops at the first failure anyway, and
    // PowerShell echoes the failed command that way inside its error record.
    if (GIT_COMMAND.test(lower)) kind = GIT_REMOTE_OP.test(lower) && first !== '+' ? 2 : 1;
    cleaned.push(line);
    lowers.push(lower);
    kinds.push(kind);
  }

  // Secrets seen in one URL are masked wherever else they appear.
  const longSecrets = [...secrets].filter((s) => s.length >= 4);
  if (longSecrets.length > 0) {
    for (let i = 0; i < cleaned.length; i++) {
      let line = cleaned[i] ?? '';
      for (const s of longSecrets) if (line.includes(s)) line = line.split(s).join('***');
      if (line !== cleaned[i]) {
        cleaned[i] = line;
        lowers[i] = line.toLowerCase();
      }
    }
  }

  const hits: Hit[] = [];
  const urls: UrlSeen[] = [];
  let attempt = 0;
  let httpStatus: number | undefined;
  let locale: string | undefined;
  let typedUser: { name: string; line: number } | undefined;
  let gcmInvalidLine = -1;
  let helperHint: CredentialHelper | 'gcm' | undefined;
  let isPush = false;
  let mentionsGcm = false;
  let mentionsSourcetree = false;
  let inCi = false;

  for (let i = 0; i < cleaned.length; i++) {
    const line = cleaned[i] ?? '';
    const lower = lowers[i] ?? '';
    if (lower === '') continue;
    if (lower.includes('://') || lower.includes('@bitbucket.org:')) {
      // git's own echo of a URL (`unable to access '…'`) drops the user; a user there is what is
      // left of an unencoded e-mail (`https://alice@corp.com:tok@…` → `corp.com:***@`): ignore it.
      const echoed = lower.includes("unable to access '") || lower.includes("repository '");
      findUrls(line, lower, (url) => {
        const seen = readUrl(url, i);
        if (seen && echoed) seen.username = undefined;
        if (seen) urls.push(seen);
      });
    }
    if (lower.includes('credential') || lower.includes('gcm_')) {
      for (const [needle, helper] of HELPER_HINTS) {
        if (lower.includes(needle)) {
          helperHint = helper;
          break;
        }
      }
    }
    if (lower.includes('credential-manager') || lower.includes('git credential manager')) mentionsGcm = true;
    if (lower.includes('sourcetree')) mentionsSourcetree = true;
    if (!inCi && CI_HINTS.some((h) => lower.includes(h))) inCi = true;
    for (const [hint, shell] of SHELL_HINTS) if (lower.includes(hint)) strongShell = shell;
    if (kinds[i] !== 0) {
      if (/\bpush\b/.test(lower)) isPush = true;
      if (kinds[i] === 2) {
        attempt++;
        gcmInvalidLine = -1;
      }
      continue; // what the user typed is context, not evidence
    }
    if (lower.includes('failed to push') || lower.includes('[remote rejected]')) isPush = true;

    const userPrompt = lower.indexOf("username for '");
    const answer = userPrompt === -1 ? -1 : line.indexOf("': ", userPrompt);
    if (answer !== -1) {
      const typed = line.slice(answer + 3).trim();
      if (/^[\w.@%+-]{1,128}$/.test(typed)) typedUser = { name: typed, line: i };
    }
    if (lower.includes('fatal: invalid credentials')) gcmInvalidLine = i;
    if (gcmInvalidLine !== -1 && gcmInvalidLine < i && lower.includes("password for '")) {
      // facts §1: GCM's generic line followed by git's own password prompt is the 2022 password
      // removal; ranked below what the URL shows (the issue: a generic line never outranks).
      const rule = 'fatal: invalid credentials + password prompt';
      hits.push({ line: gcmInvalidLine, cause: 'password-auth-removed', tier: 3, rule, attempt });
      hits.push({ line: i, cause: 'password-auth-removed', tier: 3, rule, attempt });
      gcmInvalidLine = -1;
    }
    httpStatus = readStatus(lower) ?? httpStatus;
    if (locale === undefined || locale === 'en') locale = localeOf(lower) ?? locale;
    if (ANY_NEEDLE.test(lower)) {
      const rule = COMPILED.find((r) => r.parts.every((p) => lower.includes(p)));
      if (rule) hits.push({ line: i, cause: rule.cause, tier: rule.tier, rule: rule.name, attempt });
    }
  }

  // The remote: the last URL naming a repository, preferring one that also names the user.
  let remote: UrlSeen | undefined;
  for (const u of urls) if (u.repo && (!remote?.username || u.username)) remote = u;
  let lastUser: { name: string; line: number } | undefined;
  for (const u of urls)
    if (u.username && (!lastUser || u.line >= lastUser.line)) lastUser = { name: u.username, line: u.line };
  if (typedUser && (!lastUser || typedUser.line >= lastUser.line)) lastUser = typedUser;
  const secretUrl = urls.find((u) => u.secret);
  const usernameIsEmail = lastUser !== undefined && isEmail(lastUser.name);

  // A paste often holds several attempts (each git command that reaches a remote starts one);
  // the last attempt that failed for a known reason is the current state, earlier ones are listed.
  let current = -1;
  for (const h of hits) if (h.cause && h.attempt > current) current = h.attempt;

  // (2) What the URL shows counts as a cause when the current failure is an authentication
  // failure; otherwise it is only listed (tier 5: secondary at most).
  const authFailure = hits.some((h) => h.cause === 'invalid-credentials' && h.attempt === current);
  if (secretUrl) {
    const tier = authFailure ? 2 : 5;
    hits.push({
      line: secretUrl.line,
      cause: 'credential-helper-stale',
      tier,
      rule: 'url: embedded secret',
      attempt: current,
    });
  }
  if (usernameIsEmail && lastUser) {
    const tier = authFailure ? 2 : 5;
    hits.push({
      line: lastUser.line,
      cause: 'wrong-username',
      tier,
      rule: 'url: e-mail as username',
      attempt: current,
    });
  }

  const best = new Map<CauseKey, Best>();
  for (const h of hits) {
    if (!h.cause) continue;
    const cur = best.get(h.cause);
    const cand: Best = { cause: h.cause, tier: h.tier, line: h.line, current: h.attempt === current };
    if (!cur || better(cand, cur)) best.set(h.cause, cand);
  }
  let primary: Best | undefined;
  for (const b of best.values())
    if (b.current && b.tier <= 4 && (!primary || outranks(b, primary))) primary = b;

  const cause: CauseKey | 'unknown' = primary?.cause ?? 'unknown';
  const secondary = [...best.values()]
    .filter((b) => b.cause !== cause && !(b.tier === 4 && primary && isExplained(b.cause, primary.cause)))
    .sort((a, b) => (outranks(a, b) ? -1 : 1))
    .map((b) => b.cause);

  // Evidence: the primary's lines, the generic lines it accounts for, the secondary causes', then
  // lines recognised without a cause (all an `unknown` answer can show).
  const rank = (h: Hit) => {
    if (h.cause === null) return 3;
    if (h.cause === cause) return 0;
    return secondary.includes(h.cause) ? 2 : 1;
  };
  const evidence: Evidence[] = hits
    .filter((h) => h.tier <= 4 || h.cause === cause || (h.cause && secondary.includes(h.cause)))
    .sort((a, b) => rank(a) - rank(b) || a.line - b.line)
    .slice(0, MAX_EVIDENCE)
    .map((h) => ({ line: h.line, text: cleaned[h.line] ?? '', rule: h.rule, cause: h.cause }));

  let confidence: Diagnosis['confidence'] = 'low';
  if (primary && primary.tier <= 1) confidence = 'high';
  else if (primary && (primary.tier <= 3 || cause === 'app-password-removed')) confidence = 'medium';

  const os = promptOs ?? pathOs;
  let helper: CredentialHelper | undefined;
  if (helperHint === 'gcm') helper = os ? (`gcm-${os}` as CredentialHelper) : undefined;
  else helper = helperHint;

  let protocol = remote?.protocol;
  if (!protocol && cause !== 'unknown') {
    if (cause.startsWith('ssh-')) protocol = 'ssh';
    else if (CAUSE_INFO[cause].fixKind === 'https-token') protocol = 'https';
  }

  // People push, so a token for a person gets push scopes; read-only only for CI that fetches.
  let preset = CAUSE_INFO[cause].preset;
  if (preset) {
    if (mentionsSourcetree) preset = 'sourcetree';
    else if (mentionsGcm) preset = 'git-ide';
    else preset = isPush || !(inCi || cause === 'no-tty-prompt') ? 'git-push' : 'git-read';
  }

  const context: DiagnosisContext = {
    usernameIsEmail,
    embeddedSecret: secretUrl !== undefined,
    ...(remote ? { remoteUrl: remote.url } : {}),
    ...(remote?.repo ? { repo: remote.repo } : {}),
    ...(protocol ? { protocol } : {}),
    ...(lastUser ? { username: lastUser.name } : {}),
    ...(httpStatus ? { httpStatus } : {}),
    ...(strongShell || weakShell ? { shell: strongShell ?? weakShell } : {}),
    ...(os ? { os } : {}),
    ...(locale ? { locale } : {}),
    ...(helper ? { helper } : {}),
  };
  while (cleaned.length > 0 && cleaned[cleaned.length - 1] === '') cleaned.pop();
  return {
    cause,
    secondary,
    confidence,
    evidence,
    context,
    ...(preset ? { preset } : {}),
    cleanedLines: cleaned,
  };
}
