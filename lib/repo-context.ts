// Which Bitbucket repository a page URL or a pasted string is about.
// Shapes and reserved paths: docs/evidence/pages.md#repository-pages; the URL forms git accepts:
// docs/evidence/git-credentials.md#urls. Credentials in a paste: docs/evidence/tokens.md (a
// password in the URL is dropped, a token-shaped name refused).
import { looksLikeSecret, startsLikeToken, TOKEN_REFUSAL } from './secrets';

export interface RepoRef {
  workspace: string;
  repo: string;
}

export type RemoteProtocol = 'https' | 'ssh';

export interface ParsedRemote {
  repo: RepoRef;
  /** `shorthand` for a bare `ws/repo`; a bitbucket.org page URL counts as `https`. */
  protocol: RemoteProtocol | 'shorthand';
  /** The user part of an HTTPS URL, decoded (`alice`, `alice@corp.com`), never the secret. */
  username?: string;
  /** True when the URL carried `user:secret@`: the secret itself is dropped at once. */
  hasEmbeddedSecret: boolean;
}

export type RepoInputResult = { ok: true; value: ParsedRemote } | { ok: false; reason: RepoInputError };

export type RepoInputError =
  | 'empty'
  | 'other-host'
  | 'not-a-repository'
  | 'invalid-name'
  | 'unserved-protocol'
  | 'home-path'
  | 'remote-helper'
  | 'unrecognised'
  | 'secret';

const SLUG_PATTERN = /^[A-Za-z0-9._-]{1,62}$/;

/** First path segments of bitbucket.org that are site routes, not workspaces. */
export const RESERVED_FIRST_SEGMENTS: ReadonlySet<string> = new Set([
  'account',
  'dashboard',
  'product',
  'site',
  'blog',
  'repo',
  'snippets',
  '!api',
  'api',
  'socialauth',
  'support',
  'gateway',
  'pricing',
]);

/** `/{ws}/workspace/…` is a workspace route (settings, projects, repository list). */
const RESERVED_SECOND_SEGMENTS: ReadonlySet<string> = new Set(['workspace']);

const BITBUCKET_HOSTS: ReadonlySet<string> = new Set(['bitbucket.org', 'www.bitbucket.org']);
const SSH_HOSTS: ReadonlySet<string> = new Set(['bitbucket.org', 'altssh.bitbucket.org']);

export function isValidSlug(value: string): boolean {
  return SLUG_PATTERN.test(value) && value !== '.' && value !== '..';
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function toUrl(url: URL | string): URL | undefined {
  if (url instanceof URL) return url;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * The repository a bitbucket.org page belongs to, or undefined.
 * @example https://bitbucket.org/acme/web-app → acme/web-app
 * @example https://bitbucket.org/acme/web-app/src/main/README.md → acme/web-app
 * @example https://bitbucket.org/acme/web-app/pull-requests/12 → acme/web-app
 * @example https://bitbucket.org/acme/workspace/settings → undefined (workspace route)
 * @example https://bitbucket.org/account/settings/app-passwords/ → undefined (reserved)
 */
export function parseRepoPageUrl(url: URL | string): RepoRef | undefined {
  const u = toUrl(url);
  if (u?.protocol !== 'https:' || !BITBUCKET_HOSTS.has(u.hostname.toLowerCase())) return undefined;
  const parsed = fromPathSegments(u.pathname.split('/').filter(Boolean), 'https', {
    hasEmbeddedSecret: false,
  });
  return parsed.ok ? parsed.value.repo : undefined;
}

function stripGitSuffix(repo: string): string {
  return repo.toLowerCase().endsWith('.git') ? repo.slice(0, -4) : repo;
}

function fromPathSegments(
  segments: string[],
  protocol: ParsedRemote['protocol'],
  extra: Omit<ParsedRemote, 'repo' | 'protocol'>,
): RepoInputResult {
  if (segments.length < 2) return { ok: false, reason: 'not-a-repository' };
  const ws = decodeSegment(segments[0] ?? '');
  const rawRepo = decodeSegment(segments[1] ?? '');
  if (ws === undefined || rawRepo === undefined) return { ok: false, reason: 'invalid-name' };
  const repo = stripGitSuffix(rawRepo);
  if (RESERVED_FIRST_SEGMENTS.has(ws.toLowerCase()) || RESERVED_SECOND_SEGMENTS.has(repo.toLowerCase())) {
    return { ok: false, reason: 'not-a-repository' };
  }
  if (startsLikeToken(ws) || startsLikeToken(repo)) return { ok: false, reason: 'secret' };
  if (!isValidSlug(ws) || !isValidSlug(repo)) return { ok: false, reason: 'invalid-name' };
  return { ok: true, value: { repo: { workspace: ws, repo }, protocol, ...extra } };
}

// The userinfo runs to the last `@` before a bitbucket.org host, whatever it holds: people paste
// passwords with `/ ? # @` unencoded (docs/evidence/tokens.md#userinfo).
const BITBUCKET_USERINFO = /^(https?):\/\/(.*)@((?:www\.)?bitbucket\.org)(?::(\d*))?([/?#].*)?$/is;

function parseHttpsLike(text: string): RepoInputResult {
  // URL() would percent-decode nothing and accept odd hosts; parse by hand for precise errors.
  const withUser = BITBUCKET_USERINFO.exec(text);
  const m = withUser
    ? [
        withUser[0],
        withUser[1],
        withUser[2],
        withUser[3],
        withUser[4],
        /^\/[^?#]*/.exec(withUser[5] ?? '')?.[0],
      ]
    : /^(https?):\/\/(?:([^@/]*)@)?([^/:?#]+)(?::(\d+))?(\/[^?#]*)?/i.exec(text);
  if (!m) return { ok: false, reason: 'unrecognised' };
  const host = (m[3] ?? '').toLowerCase();
  if (!BITBUCKET_HOSTS.has(host)) return { ok: false, reason: 'other-host' };
  const userinfo = m[2];
  let username: string | undefined;
  let hasEmbeddedSecret = false;
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(':');
    const rawUser = colon === -1 ? userinfo : userinfo.slice(0, colon);
    hasEmbeddedSecret = colon !== -1 && colon < userinfo.length - 1;
    username = decodeSegment(rawUser) ?? rawUser;
    // A token pasted as the user (`https://ATBB…@bitbucket.org/…`) is a secret, not a name.
    if (looksLikeSecret(username)) {
      hasEmbeddedSecret = true;
      username = undefined;
    }
    if (username === '') username = undefined;
  }
  const segments = (m[5] ?? '/').split('/').filter(Boolean);
  return fromPathSegments(segments, 'https', { username, hasEmbeddedSecret });
}

/** The path of an SSH URL on `host` (`ws/repo.git`, `/ws/repo.git/`), as Bitbucket reads it. */
function fromSsh(host = '', path = ''): RepoInputResult {
  if (!SSH_HOSTS.has(host.toLowerCase())) return { ok: false, reason: 'other-host' };
  // `~user/…` is a home folder on an SSH server; Bitbucket has none.
  if (/^\/?~/.test(path)) return { ok: false, reason: 'home-path' };
  const segments = path.split('/').filter(Boolean);
  if (segments.length !== 2) return { ok: false, reason: 'not-a-repository' };
  return fromPathSegments(segments, 'ssh', { hasEmbeddedSecret: false });
}

/** Pulls the repository argument out of a `git clone [options] <url> [dir]` line. */
function cloneArgument(text: string): string | undefined {
  const words = text.trim().split(/\s+/);
  const at = words.findIndex(
    (w, i) => w === 'clone' && words[i - 1]?.replace(/^.*[\\/]/, '').startsWith('git'),
  );
  if (at === -1) return undefined;
  const optionsWithValue = new Set(['-b', '--branch', '-o', '--origin', '--depth', '-c', '--config', '-u']);
  for (let i = at + 1; i < words.length; i++) {
    const w = words[i] ?? '';
    if (w === '--') return words[i + 1];
    if (w.startsWith('-')) {
      if (optionsWithValue.has(w)) i++;
      continue;
    }
    return w;
  }
  return undefined;
}

function unquote(text: string): string {
  const t = text.trim();
  const q = t[0];
  if ((q === '"' || q === "'") && t.endsWith(q) && t.length >= 2) return t.slice(1, -1);
  return t;
}

/**
 * What a user typed or pasted: a page URL, a clone URL in any form git accepts for bitbucket.org,
 * a `git clone …` line or `ws/repo`. npm's `git+https://` and `#committish` name the repository
 * just as clearly (no Bitbucket name holds a `#`).
 * @example "git clone https://alice@bitbucket.org/acme/web-app.git" → acme/web-app (https, alice)
 * @example "git@bitbucket.org:acme/web-app.git" → acme/web-app (ssh)
 * @example "bitbucket.org:/acme/web-app.git" → acme/web-app (ssh)
 * @example "git+ssh://git@bitbucket.org/acme/web-app.git" → acme/web-app (ssh)
 * @example "https::https://bitbucket.org/acme/web-app.git" → acme/web-app (https)
 * @example "acme/web-app" → acme/web-app (shorthand)
 */
export function parseRepoInput(input: string): RepoInputResult {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  const result = parseRepoText(trimmed);
  // Whatever was not understood, a token in it is named as such: the hint never echoes it.
  return !result.ok && result.reason !== 'secret' && looksLikeSecret(trimmed)
    ? { ok: false, reason: 'secret' }
    : result;
}

function parseRepoText(trimmed: string): RepoInputResult {
  let text = unquote(cloneArgument(trimmed) ?? trimmed).replace(/#.*/s, '');
  // `<transport>::<address>` hands the address to git-remote-<transport>.
  const helper = /^([\w+.-]+)::(.*)/s.exec(text);
  if (helper) {
    if (!/^https?$/i.test(helper[1] ?? '') || !/^https?:\/\//i.test(helper[2] ?? ''))
      return { ok: false, reason: 'remote-helper' };
    text = helper[2] ?? '';
  }
  if (/^(?:git\+)?https?:\/\//i.test(text)) return parseHttpsLike(text.replace(/^git\+/i, ''));
  // ssh://, and its old spellings git+ssh:// and ssh+git://: [user@]host[:port]/path
  let m = /^(?:git\+)?ssh(?:\+git)?:\/\/(?:[^@/\s]*@)?([^/:\s]+)(?::\d*)?(\/\S*)?$/i.exec(text);
  if (m) return fromSsh(m[1], m[2]);
  m = /^([a-z][\w+.-]*):\/\/(?:[^@/]*@)?([^/:?#]*)/i.exec(text);
  if (m) {
    const host = m[2]?.toLowerCase() ?? '';
    if (!BITBUCKET_HOSTS.has(host) && !SSH_HOSTS.has(host)) return { ok: false, reason: 'other-host' };
    return {
      ok: false,
      reason: /^(?:git|ftps?|rsync)$/i.test(m[1] ?? '') ? 'unserved-protocol' : 'unrecognised',
    };
  }
  // git's scp-like form: `[user@]host:path` with no `/` before the first `:`, or `[user@host:port]:path`.
  m = /^(?:\[([^\]/\s]*)\]|([^/:\s[\]]+)):(\S*)$/.exec(text);
  if (m) return fromSsh((m[1] ?? m[2])?.replace(/^.*@|:\d*$/g, ''), m[3]);
  if (/^(www\.)?bitbucket\.org\//i.test(text)) return parseHttpsLike(`https://${text}`);
  m = /^([^/\s]+)\/([^/\s]+?)\/?$/.exec(text);
  if (m) return fromPathSegments([m[1] ?? '', m[2] ?? ''], 'shorthand', { hasEmbeddedSecret: false });
  return { ok: false, reason: 'unrecognised' };
}

export const REPO_INPUT_MESSAGES: Record<RepoInputError, string> = {
  empty: 'Type or paste a repository: workspace/repo, a clone URL or a bitbucket.org link.',
  'other-host': 'That is not a bitbucket.org address. This helper only knows Bitbucket Cloud.',
  'not-a-repository': 'That address is not a repository (a workspace, account or site page).',
  'invalid-name':
    'Workspace and repository names use only letters, digits, ".", "_" and "-" (at most 62 characters).',
  'unserved-protocol': 'Bitbucket serves git over HTTPS and SSH, not git:// or ftp://.',
  'home-path': 'Bitbucket has no ~user paths: use workspace/repository.',
  'remote-helper':
    'Of the <transport>::<address> forms, only https::https://bitbucket.org/… reaches Bitbucket.',
  unrecognised: 'Not recognised. Paste workspace/repo, an HTTPS or SSH clone URL, or a bitbucket.org link.',
  secret: TOKEN_REFUSAL,
};

/** @example formatRepo({workspace:'acme', repo:'web-app'}) → "acme/web-app" */
export function formatRepo(repo: RepoRef): string {
  return `${repo.workspace}/${repo.repo}`;
}
