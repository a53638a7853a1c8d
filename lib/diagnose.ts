// "What went wrong?" for a pasted terminal, IDE or CI log: the most likely cause of a Bitbucket
// git failure, the lines that show it, and what the paste says about the remote, shell and OS.
// Pure and linear-time: lines are split once, matched with `includes` and anchored, bounded
// regexes (no nested quantifiers). Rules and texts: ./diagnose-rules.ts; git's own translations
// of its messages: ./git-l10n.ts (docs/evidence/git-messages.md). Nothing leaves this function;
// secrets are masked before anything is kept.
import {
  CAUSE_INFO,
  CAUSE_KEYS,
  type CauseInfo,
  type CauseKey,
  RULES,
  type Tier,
  type TokenPreset,
} from './diagnose-rules';
import type { CredentialHelper } from './fix-plan';
import { GIT_L10N, GIT_L10N_KEYS } from './git-l10n';
import { parseRepoInput, type RepoRef } from './repo-context';
import {
  BITBUCKET_HOST,
  isVariableReference,
  redactSecrets,
  redactTokenStart,
  startsLikeToken,
} from './secrets';
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
  /** git's message language: `en`, or the code of git's catalog (`de`, `pt_PT`, `zh_CN`, …). */
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
const SKIPPED = '… part of the paste not examined …';

/** A `head|item|item…` table, one group a line (./diagnose-rules.ts), as [head, item] pairs in order. */
const pairs = (table: string) =>
  table.split('\n').flatMap((group) => {
    const [head = '', ...items] = group.split('|');
    return items.map((item) => [head, item] as const);
  });

// CSI (`ESC [ … m`), OSC (`ESC ] … BEL` or `ESC ] … ESC \`), and two-character escapes.
// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape codes are what it removes
const ANSI = /\x1b(?:\[[0-?]{0,32}[ -/]{0,8}[@-~]|\][^\x07\x1b]{0,2048}(?:\x07|\x1b\\)?|[@-Z\\-_])/g;
// What is left of a colour code when the ESC was lost in copying: `[31m`, `[0;1m`.
const SGR_REMNANT = /\[(?:\d{1,3};){0,8}\d{1,3}m/g;
// Timestamps (GitHub Actions raw logs, VS Code's Git output, Jenkins timestamper `[09:17:01]`,
// IntelliJ `09:17:01.123:`), log levels and CI prefixes; stripped again while one is left.
const LEADING_NOISE =
  /^(?:\[?(?:\d{4}-\d\d-\d\d[T ])?\d{1,2}:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)?\]?:? {0,4}|\[(?:info|warn|warning|error|trace|debug)\] {0,4}|##\[[a-z]{1,16}\]|std(?:err|out): ?)/i;
// git's progress (`Receiving objects:  45% (450/1000)`, `remote: Counting objects: 100% (3/3)`),
// its title in any of git's languages (`Empfange Objekte:  45% (450/1000)`).
const PROGRESS = /^(?:remote: {0,2})?[^:]{1,40}: {1,4}\d{1,3}% \(/;

// Shell prompts, most specific first: [pattern, shell, os]. The first STRONG decide the shell;
// `$ `, `% `, `+ ` and `> ` only when nothing else does.
const PROMPTS: readonly (readonly [RegExp, Shell?, Os?])[] = [
  [/^PS [A-Za-z]:\\[^>]{0,260}> ?/, 'powershell', 'windows'],
  [/^PS [/~][^>]{0,260}> ?/, 'powershell'],
  [/^[A-Za-z]:\\[^>]{0,260}>/, 'cmd', 'windows'],
  // Git Bash puts `user@HOST MINGW64 ~/dir (branch)` on its own line and `$ ` on the next.
  [/^[\w.-]{1,64}@[\w.-]{1,64} (?:MINGW64|MINGW32|MSYS|UCRT64|CLANG64)\b.{0,260}$/, 'bash', 'windows'],
  [/^[\w.-]{1,64}@[\w.-]{1,64}:[~/][^\s$#]{0,260}[$#] /, 'bash', 'linux'], // Debian/Ubuntu PS1
  [/^[\w.-]{1,64}:[^\s]{0,260} [\w.-]{1,64}\$ /, 'bash', 'macos'], // macOS bash `host:dir user$`
  [/^[\w.-]{1,64}@[\w.-]{1,64} [^\s%]{1,260} % /, 'zsh', 'macos'], // macOS zsh default `%n@%m %1~ %#`
  [/^[➜→] {1,2}[^\s]{1,260}(?: git:\([^)\s]{0,100}\))?(?: ✗)? /, 'zsh'], // oh-my-zsh
  [/^[\w.-]{1,64}@[\w.-]{1,64} [~/][^>]{0,260}> /, 'fish'],
  [/^[$+] /, 'bash'], // `+ `: `set -x` in CI scripts (Bitbucket Pipelines)
  [/^% /, 'zsh'],
  [/^> /], // VS Code's Git log, Jenkins' git plugin
];
const STRONG = 9;
// Where several apply, the last hint wins.
const SHELL_HINTS = pairs(
  'powershell|fullyqualifiederrorid|categoryinfo|at line:1 char:\nfish|fish: \nzsh|zsh: ',
);
const GIT_COMMAND = /^(?:sudo )?(?:[^\s]{0,200}[/\\])?git(?:\.exe)? {1,4}[-a-z]/;
const GIT_REMOTE_OP = / (?:clone|fetch|pull|push|ls-remote|submodule|remote update)\b/;

const PASSWORD_FIELD = /(password=|authorization: ?(?:basic|bearer) )[^\s'"]+/gi;
// A username given to git: its prompt answered, or `git credential fill`'s field. One that starts
// like a token is the token (the popup refuses it: tokens.md#fields).
const ANSWERED_USERNAME = /((?:^|\s)[Uu]sername for '[^']*': *|^username=)(\S+)/;
// URLs end at blanks, quotes (git's translations quote with „“”«»「」 too), brackets and `|,;\`,
// less a trailing `.:!`. The scp-like form (`git@bitbucket.org:ws/repo`, `bitbucket.org:/ws/repo`)
// is a whole word without a `/` before the host.
const URL =
  /[a-z+]{1,10}:\/\/(?:[^ \t'"`<>()[\]{}|,;\\„“”«»「」]*[^ \t'"`<>()[\]{}|,;\\.:!„“”«»「」])?|(?<=^|[ \t'"`<>()[\]{}|,;\\„“”«»「」])(?:[^ \t'"`<>()[\]{}|,;\\/„“”«»「」]*@)?bitbucket\.org:(?!\/\/)(?:[^ \t'"`<>()[\]{}|,;\\„“”«»「」]*[^ \t'"`<>()[\]{}|,;\\.:!„“”«»「」])?/gi;
// Quote marks git's translations put around names; lines are compared with all of them as `'`
// (the same set as scripts/generate-git-l10n.mjs QUOTES).
const QUOTE_MARKS = /["`«»‘’‚‛“”„‟‹›「」『』]/g;
const lowered = (line: string) => line.toLowerCase().replace(QUOTE_MARKS, "'");
const STATUS =
  /(?:returned error:|rpc failed; http|does not indicate success:|< http\/1\.1|< http\/2) ([1-5]\d\d)/;
// Path fragments that give the OS away (after a blank, quote, `=`, `(` or `:` when they start with
// `/`), then helper and shell names.
const OS_HINTS = pairs(
  'windows|c:\\users\\|c:/users/|/c/users/\nmacos|/users/\nlinux|/home/|/opt/atlassian/pipelines/|/var/lib/jenkins/' +
    '\nmacos|osxkeychain|darwin\nwindows|mingw64|.exe',
);
const CI_HINTS = /pipelines|##\[|\[pipeline\]|jenkins|\/home\/runner\/|github_workspace/;
const HELPER_HINTS = pairs(
  'osxkeychain|osxkeychain\nwincred|wincred\nlibsecret|libsecret\nstore|credential-store|.git-credentials' +
    '\ncache|credential-cache\ngcm|credential-manager|git credential manager|gcm_',
);
/** git's message `key` in each language it translates it to (./git-l10n.ts); `%s` splits the parts. */
const L10N = GIT_L10N.map((row) => row.split('|'));
const translations = (key: string) => {
  const i = GIT_L10N_KEYS.indexOf(key as (typeof GIT_L10N_KEYS)[number]);
  return L10N.flatMap(([lang = '', ...fields]) =>
    (fields[i] ?? '')
      .split('~')
      .filter(Boolean)
      .map((text) => ({ lang, parts: text.split('%s').filter(Boolean) })),
  );
};
// git's translated `fatal: ` tells its language where what follows is not translated.
const FATAL = translations('fatal').map(({ lang, parts }) => [lang, parts[0] ?? ''] as const);
const anyOf = (texts: string[]) =>
  new RegExp(texts.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));

const COMPILED = pairs(RULES).flatMap(([head, item]) => {
  const [cause, tier] = head.split(' ');
  const [first = '', ...more] = item.split('…');
  const key = first.slice(1);
  return (first.startsWith('@') ? translations(key) : [{ lang: undefined, parts: [first] }]).map(
    ({ lang, parts }) => {
      const all = [...parts, ...more];
      return {
        cause: cause === '-' ? null : (cause as CauseKey),
        tier: Number(tier) as Tier,
        parts: all,
        // The longest part is the rarest: it is what the one-pass check below looks for.
        needle: all.reduce((a, b) => (b.length > a.length ? b : a)),
        rule: all.join('…'),
        lang,
        key: lang && key,
      };
    },
  );
});
// git's translations of the messages that echo the URL (`unable to access '…'`, `repository '…'`).
const ECHOES = COMPILED.filter((r) => r.key === 'unable_access' || r.key === 'repo_not_found');
// One pass over a line tells whether any rule can match; the table is walked only for such lines.
const ANY_NEEDLE = anyOf(COMPILED.map((r) => r.needle));

// A generic line (tier 4) is not a second cause when the primary already accounts for it: a 401
// after a removed password, a 403 after the missing-scope text. Otherwise it is listed.
const EXPLAINS: Partial<Record<CauseKey, string[]>> = {
  'invalid-credentials': [
    'password-auth-removed',
    'app-password-removed',
    'token-missing-scope',
    'wrong-username',
    'credential-helper-stale',
  ],
  'repo-not-found-or-no-access': ['token-missing-scope', 'two-step-required', 'ip-allowlist'],
};

interface Hit {
  line: number;
  cause: CauseKey | null;
  /** 5: listed at most. */
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

/**
 * A bitbucket.org URL's parts. An adapter over parseRepoInput, which rejects host-only URLs
 * (git's prompts: `Password for 'https://alice%40corp.com@bitbucket.org':`) and URLs whose
 * unencoded e-mail makes the host unparseable (`https://alice@corp.com:tok@bitbucket.org/…`).
 */
function readUrl(url: string, line: number): UrlSeen | undefined {
  const [, scheme, authority = '', path] = /^([a-z+]*):\/\/([^/?#]*)(.*)/is.exec(url) ?? [];
  if (scheme === undefined) {
    const parsed = parseRepoInput(url); // scp-like git@bitbucket.org:ws/repo.git, bitbucket.org:/ws/repo
    if (!parsed.ok || parsed.value.protocol !== 'ssh') return undefined;
    return { line, url, repo: parsed.value.repo, protocol: 'ssh', secret: false };
  }
  const protocol = /^(?:ssh|git\+ssh|ssh\+git)$/i.test(scheme)
    ? 'ssh'
    : /^https?$/i.test(scheme)
      ? 'https'
      : undefined;
  const at = authority.lastIndexOf('@');
  if (!protocol || !BITBUCKET_HOST.test(authority.slice(at + 1))) return undefined;
  const [user = '', ...rest] = authority.slice(0, Math.max(at, 0)).split(':');
  // A token pasted as the user (`https://ATBB***@…`, masked by now) is the secret itself.
  const secret = startsLikeToken(user) ? user : rest.join(':');
  let username = user;
  try {
    username = decodeURIComponent(user);
  } catch {
    // kept as typed
  }
  const parsed = parseRepoInput(protocol === 'ssh' ? url : `https://bitbucket.org${path}`);
  return {
    line,
    url,
    repo: parsed.ok ? parsed.value.repo : undefined,
    protocol,
    username:
      username === '' || secret === user || (protocol === 'ssh' && username === 'git') ? undefined : username,
    secret: secret !== '' && !isVariableReference(secret),
  };
}

/** The whole lines within the work caps, with a marker where some were left out. */
function selectLines(text: string): string[] {
  const lines =
    text.length > MAX_CHARS
      ? [
          ...text.slice(0, HEAD_CHARS).split('\n').slice(0, -1),
          SKIPPED,
          ...text
            .slice(HEAD_CHARS - MAX_CHARS)
            .split('\n')
            .slice(1),
        ]
      : text.split('\n');
  return lines.length > MAX_LINES
    ? [...lines.slice(0, HEAD_LINES), SKIPPED, ...lines.slice(HEAD_LINES - MAX_LINES)]
    : lines;
}

/** Diagnoses a pasted git failure. Pure: the text goes nowhere and no secret is kept. */
export function diagnose(text: string): Diagnosis {
  const secrets = new Set<string>();
  const cleaned: string[] = [];
  const hits: Hit[] = [];
  const urls: UrlSeen[] = [];
  let attempt = 0;
  let hintShell: Shell | undefined;
  let strongShell: Shell | undefined;
  let weakShell: Shell | undefined;
  let promptOs: Os | undefined;
  let pathOs: Os | undefined;
  let httpStatus: number | undefined;
  let locale: string | undefined;
  let typedUser: { username?: string; line: number } | undefined;
  let gcmInvalidLine = -1;
  let helperHint: string | undefined;
  let isPush = false;
  let mentionsGcm = false;
  let mentionsSourcetree = false;
  let inCi = false;

  // CR-only line ends (old clipboards) become lines; a lone CR inside a line is a progress overwrite.
  for (let line of selectLines(text.replaceAll(text.includes('\n') ? '\r\n' : '\r', '\n'))) {
    if (line.length > MAX_LINE_CHARS)
      line = `${line.slice(0, MAX_LINE_CHARS / 2)} … ${line.slice(-MAX_LINE_CHARS / 2)}`;
    // Colour codes go before the CR split: a code between CR and LF must not become the visible
    // part. French git puts a no-break space before its colons ("fatal : "): made a plain space.
    // (trim() also drops a byte order mark.)
    line = (
      line
        .replace(ANSI, '')
        .replace(ANSI, '')
        .replaceAll('\u001b', '')
        .split('\r')
        .findLast((part) => part.trim()) ?? ''
    )
      .replace(SGR_REMNANT, '')
      .replace(/[\u00a0\u202f]/g, ' ')
      .trim();
    for (let pass = 0; pass < 8 && LEADING_NOISE.test(line); pass++)
      line = line.replace(LEADING_NOISE, '').trimStart();
    if (PROGRESS.test(line)) continue;
    // URL passwords (whatever they hold: docs/evidence/tokens.md#userinfo) and token shapes.
    line = redactSecrets(line, (secret) => {
      // Its pieces too: git's echo of `a@b` keeps the `b` (tokens.md#userinfo).
      for (const piece of [secret, ...secret.split(/[/?#@:]/)])
        if (secrets.size < MAX_SECRETS && piece.length > 3) secrets.add(piece);
    })
      .replace(PASSWORD_FIELD, '$1***')
      .replace(ANSWERED_USERNAME, (whole, asked: string, username: string) => {
        if (!startsLikeToken(username)) return whole;
        const masked = redactTokenStart(username);
        // Masked wherever else it appears (`echo ATBB7xQ`), unless redactSecrets already masked it.
        const body = username.slice(masked.length - 3);
        if (secrets.size < MAX_SECRETS && body !== '' && body !== '***') secrets.add(username);
        return `${asked}${masked}`;
      });
    let lower = lowered(line);
    pathOs =
      (OS_HINTS.find(([, hint]) => {
        const i = lower.indexOf(hint);
        return i !== -1 && (hint.charAt(0) !== '/' || ' \'"=(:'.includes(lower.charAt(i - 1)));
      })?.[0] as Os) ?? pathOs;
    const setX = line.charAt(0) === '+';
    const n = PROMPTS.findIndex(([re]) => re.test(line));
    const [prompt, shell, os] = PROMPTS[n] ?? [];
    if (prompt) {
      if (n < STRONG) strongShell = shell;
      else weakShell ??= shell;
      promptOs = os ?? promptOs;
      line = line.replace(prompt, '');
      if (line.trim() === '') continue; // a prompt alone (Git Bash's first line)
      lower = lowered(line);
    }
    const i = cleaned.push(line) - 1;
    if (lower === '') continue;
    const matches = (r: (typeof COMPILED)[number]) => r.parts.every((p) => lower.includes(p));
    const known = ANY_NEEDLE.test(lower);
    const rule = known && COMPILED.find(matches);

    // git's own echo of a URL (`unable to access '…'`) drops the user; a user there is what is
    // left of an unencoded e-mail (`https://alice@corp.com:tok@…` → `corp.com:***@`): ignore it.
    const echoed =
      lower.includes("unable to access '") ||
      lower.includes("repository '") ||
      (known && ECHOES.some(matches));
    for (const [url] of line.matchAll(URL)) {
      const seen = readUrl(url, i);
      if (seen && echoed) seen.username = undefined;
      if (seen) urls.push(seen);
    }
    if (lower.includes('credential') || lower.includes('gcm_'))
      helperHint = HELPER_HINTS.find(([, hint]) => lower.includes(hint))?.[0] ?? helperHint;
    mentionsGcm ||= /credential-manager|git credential manager/.test(lower);
    mentionsSourcetree ||= lower.includes('sourcetree');
    inCi ||= CI_HINTS.test(lower);
    for (const [shell, hint] of SHELL_HINTS) if (lower.includes(hint)) hintShell = shell as Shell;
    // What the user typed is context, not evidence. `+ git …` is not a new attempt: CI's `set -x`
    // stops at the first failure anyway, and PowerShell echoes the failed command that way
    // inside its error record.
    if (GIT_COMMAND.test(lower) || prompt) {
      isPush ||= /\bpush\b/.test(lower);
      if (GIT_COMMAND.test(lower) && GIT_REMOTE_OP.test(lower) && !setX) {
        attempt++;
        gcmInvalidLine = -1;
      }
      continue;
    }
    isPush ||= lower.includes('[remote rejected]');
    const typed = /username for '[^']*': (.*)/i.exec(line)?.[1]?.trim() ?? '';
    if (/^[\w.@%+-]{1,128}$/.test(typed)) typedUser = { username: typed, line: i };
    if (lower.includes('fatal: invalid credentials')) gcmInvalidLine = i;
    if (gcmInvalidLine !== -1 && gcmInvalidLine < i && lower.includes("password for '")) {
      // bitbucket-auth.md#timeline: GCM's generic line followed by git's own password prompt is the 2022 password
      // removal; ranked below what the URL shows (the issue: a generic line never outranks).
      const rule = 'fatal: invalid credentials + password prompt';
      for (const line of [gcmInvalidLine, i])
        hits.push({ line, cause: 'password-auth-removed', tier: 3, rule, attempt });
      gcmInvalidLine = -1;
    }
    const status = STATUS.exec(lower);
    if (status) httpStatus = Number(status[1]);
    // git's language: the first line in another one decides; English only when nothing else does.
    if (locale === undefined || locale === 'en')
      locale = FATAL.find(([, prefix]) => lower.includes(prefix))?.[0] ?? locale;
    if (known && (locale === undefined || locale === 'en'))
      locale = COMPILED.find((r) => r.lang && matches(r))?.lang ?? locale;
    locale ??= lower.includes('fatal: ') || lower.includes('error: ') ? 'en' : undefined;
    if (rule) hits.push({ ...rule, line: i, attempt });
  }

  // Secrets seen in one URL are masked wherever else they appear.
  const mask = (s = '') => {
    for (const secret of secrets) if (secret.length > 3) s = s.replaceAll(secret, '***');
    return s;
  };
  // The remote: the last URL naming a repository, preferring one that also names the user.
  let remote: UrlSeen | undefined;
  let user = typedUser;
  for (const u of urls) {
    if (u.repo && (!remote?.username || u.username)) remote = u;
    if (u.username && (!typedUser || u.line > typedUser.line)) user = u;
  }
  const username = user && mask(user.username);
  const secretUrl = urls.find((u) => u.secret);
  const usernameIsEmail = /^[^@\s]+@[^@\s.]+\.[^@\s]*$/.test(username ?? '');

  // A paste often holds several attempts (each git command that reaches a remote starts one);
  // the last attempt that failed for a known reason is the current state, earlier ones are listed.
  const current = hits.findLast((h) => h.cause)?.attempt ?? -1;

  // (2) What the URL shows counts as a cause when the current failure is an authentication
  // failure; otherwise it is only listed (tier 5: secondary at most).
  const tier = hits.some((h) => h.cause === 'invalid-credentials' && h.attempt === current) ? 2 : 5;
  if (secretUrl)
    hits.push({
      line: secretUrl.line,
      cause: 'credential-helper-stale',
      tier,
      rule: 'url: embedded secret',
      attempt: current,
    });
  if (usernameIsEmail && user)
    hits.push({
      line: user.line,
      cause: 'wrong-username',
      tier,
      rule: 'url: e-mail as username',
      attempt: current,
    });

  // Each cause's strongest sighting, strongest first: in the current (last failing) attempt, then
  // the most specific; within one tier a root cause beats what it leads to (with no working helper
  // git falls back to a prompt, which CI then refuses: real, both lines appear together), then the
  // last line, since the last attempt in the paste is the current state.
  const isCurrent = (h: Hit) => Number(h.attempt === current);
  const rootFirst = (a: Hit, b: Hit) =>
    Number(a.cause === 'no-tty-prompt' && b.cause === 'credential-helper-misconfigured') -
    Number(a.cause === 'credential-helper-misconfigured' && b.cause === 'no-tty-prompt');
  const best = new Map<CauseKey, Hit>();
  for (const h of hits
    .filter((h) => h.cause)
    .sort((a, b) => isCurrent(b) - isCurrent(a) || a.tier - b.tier || rootFirst(a, b) || b.line - a.line))
    if (h.cause && !best.has(h.cause)) best.set(h.cause, h);
  const [primary] = best.values();
  const cause = primary?.cause && isCurrent(primary) && primary.tier <= 4 ? primary.cause : 'unknown';
  const secondary = [...best]
    .filter(([c, b]) => c !== cause && !(b.tier === 4 && EXPLAINS[c]?.includes(cause)))
    .map(([c]) => c);

  // Evidence: the primary's lines, the generic lines it accounts for, the secondary causes', then
  // lines recognised without a cause (all an `unknown` answer can show).
  const rank = (h: Hit) =>
    h.cause === null ? 3 : h.cause === cause ? 0 : secondary.includes(h.cause) ? 2 : 1;
  const cleanedLines = cleaned.map((line) => mask(line));
  const evidence: Evidence[] = hits
    .filter((h) => h.tier <= 4 || h.cause === cause || (h.cause && secondary.includes(h.cause)))
    .sort((a, b) => rank(a) - rank(b) || a.line - b.line)
    .slice(0, MAX_EVIDENCE)
    .map((h) => ({ line: h.line, text: cleanedLines[h.line] ?? '', rule: h.rule, cause: h.cause }));

  const tierOf = cause === 'unknown' ? 5 : (primary?.tier ?? 5);
  const os = promptOs ?? pathOs;
  const info = CAUSE_INFO[cause];
  while (cleanedLines.at(-1) === '') cleanedLines.pop();
  return {
    cause,
    secondary,
    confidence: tierOf <= 1 ? 'high' : tierOf <= 3 || cause === 'app-password-removed' ? 'medium' : 'low',
    evidence,
    context: {
      remoteUrl: remote && mask(remote.url),
      repo: remote?.repo,
      protocol:
        remote?.protocol ??
        (cause.startsWith('ssh-') ? 'ssh' : info.fixKind === 'https-token' ? 'https' : undefined),
      username,
      usernameIsEmail,
      embeddedSecret: secretUrl !== undefined,
      httpStatus,
      shell: hintShell ?? strongShell ?? weakShell,
      os,
      locale,
      helper: (helperHint === 'gcm' ? os && `gcm-${os}` : helperHint) as CredentialHelper | undefined,
    },
    // People push, so a token for a person gets push scopes; read-only only for CI that fetches.
    preset:
      info.preset &&
      (mentionsSourcetree
        ? 'sourcetree'
        : mentionsGcm
          ? 'git-ide'
          : isPush || !(inCi || cause === 'no-tty-prompt')
            ? 'git-push'
            : 'git-read'),
    cleanedLines,
  };
}
