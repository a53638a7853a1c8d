// What a Bitbucket credential looks like, so that none is stored, shown or put in a command,
// whichever field or paste it came through. The shapes and their sources:
// docs/evidence/tokens.md (#prefixes for tokens, #userinfo for passwords in URLs).

const REFUSAL = 'looks like a token; put it where git asks for the password, never here';
export const TOKEN_REFUSAL = `This ${REFUSAL}.`;
/** The same, as one problem in a list of them ("field: problem"). */
export const TOKEN_REFUSAL_PROBLEM = `this ${REFUSAL}`;

const STARTS_LIKE_TOKEN = /^\s*(ATATT|ATCTT|ATBB)/;
// The prefix kept when masking (`ATATT3x***`), then at least six token characters, the first a
// letter or digit: `ATBB-tools` is a name (docs/evidence/tokens.md#prefixes).
const TOKEN_SHAPE = /(ATATT3x|ATATT|ATCTT|ATBB)[A-Za-z0-9][\w=+/%-]{5,}/g;
const BITBUCKET_AT = /@(?:www\.|altssh\.)?bitbucket\.org(?![\w.-])/gi;
const URL_START = /[\s'"`<>()[\]{}|,;=]/;
// Any other host's URL: the userinfo as RFC 3986 reads it, up to `/ ? #`.
const AUTHORITY = /:\/\/([^\s'"`<>()[\]{}|,;\\/?#]*)/g;
/** A URL authority's host (and port) that is bitbucket.org. */
export const BITBUCKET_HOST = /^(?:www\.|altssh\.)?bitbucket\.org(?::\d{0,5})?$/i;
// `https://x-token-auth:${BB_TOKEN}@…` names a CI variable: no secret.
const VARIABLE = /^(?:\$\{?\w{1,64}\}?|%\w{1,64}%|\$env:\w{1,64})$/;

/** `ATATT…`, `ATCTT…`, `ATBB…` at the start, however short: never a username, remote or name. */
export function startsLikeToken(value: string): boolean {
  return STARTS_LIKE_TOKEN.test(value);
}

/**
 * A value as a message may quote it: one that starts like a token becomes its prefix and `***`,
 * however short (redactSecrets wants six characters after the prefix); others are returned as is.
 * @example redactTokenStart('ATBBab') → 'ATBB***'
 */
export function redactTokenStart(value: string): string {
  const prefix = STARTS_LIKE_TOKEN.exec(value)?.[1];
  return prefix === undefined ? value : `${prefix}***`;
}

export function isVariableReference(value: string): boolean {
  return VARIABLE.test(value);
}

/**
 * The passwords of `user:secret@bitbucket.org` URLs in `text`, as [start, end) ranges in order:
 * from the first `:` of the userinfo to the last `@` before the host, whatever lies between, blanks
 * included (docs/evidence/tokens.md#userinfo); other hosts' as RFC 3986 reads them. A user that
 * starts like a token is the token: masked after its prefix (`ATBB***@`). CI variables and `***`
 * are not secrets.
 */
export function urlSecretRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  // Each scan stops where the previous host ended: linear however many URLs a line holds.
  let floor = 0;
  for (const at of text.matchAll(BITBUCKET_AT)) {
    const end = at.index;
    let start = end;
    while (start > floor && !/\s/.test(text.charAt(start - 1))) start--;
    const bound = floor;
    floor = end + at[0].length;
    const word = text.slice(start, end);
    const inWord = userinfoIn(word, start);
    // A word that holds no whole userinfo may be a password's last part: `://alice:my secret@`.
    const before = userinfoBefore(text, bound, start, end);
    const range =
      (word.includes('://') ? secretOf(text, inWord, end) : undefined) ??
      (before && secretOf(text, before, end)) ??
      secretOf(text, inWord, end);
    if (range) ranges.push(range);
  }
  for (const url of text.matchAll(AUTHORITY)) {
    const authority = url[1] ?? '';
    const at = authority.lastIndexOf('@');
    const colon = authority.indexOf(':');
    if (at === -1 || BITBUCKET_HOST.test(authority.slice(at + 1))) continue;
    const secret = authority.slice(colon + 1, at);
    if (colon === -1 || colon >= at - 1 || secret === '***' || VARIABLE.test(secret)) continue;
    const start = url.index + 3 + colon + 1;
    ranges.push([start, start + secret.length]);
  }
  // In order, without overlaps (a password may itself hold something URL-like).
  ranges.sort((a, b) => a[0] - b[0]);
  return ranges.filter((range, i) => i === 0 || range[0] >= (ranges[i - 1]?.[1] ?? 0));
}

/** Where a userinfo starts, and its first `:` (-1 for none), both as offsets into the text. */
interface Userinfo {
  from: number;
  colon: number;
}

/** The userinfo of the URL or scp-like address `word` (at `offset` in the text) ends. */
function userinfoIn(word: string, offset: number): Userinfo {
  const scheme = word.indexOf('://');
  let from = scheme + 3;
  if (scheme === -1) {
    from = word.length;
    while (from > 0 && !URL_START.test(word.charAt(from - 1))) from--;
    // `https::git@bitbucket.org:…` hands `git@…` to a remote helper: `::` is no userinfo.
    const helper = word.lastIndexOf('::');
    if (helper !== -1) from = Math.max(from, helper + 2);
  }
  const colon = word.indexOf(':', from);
  return { from: offset + from, colon: colon === -1 ? -1 : offset + colon };
}

const SCHEME_USER = /([a-z][a-z0-9+.-]*):\/\/([^\s/?#@:'"`<>()[\]{}|,;\\]+):/iy;
const PORT = /^\d{1,5}(?:[/?#\s]|$)/;
// Candidates refused for a quote or a port before giving up: each costs a look at the password.
const MAX_REFUSED = 4;

/**
 * The first `scheme://user:` on the same line (after `bound`) whose password can run across blanks
 * to the host at `end`: the first, since a password may hold `://` itself. Not when the text
 * between holds the quote that opened the URL (git quotes URLs in its messages), nor for a host's
 * port (`https://mirror.example:8443/x … git@bitbucket.org`).
 */
function userinfoBefore(text: string, bound: number, start: number, end: number): Userinfo | undefined {
  const before = text.slice(bound, start);
  const lineStart = before.lastIndexOf('\n') + 1;
  let refused = 0;
  for (let found = before.indexOf('://', lineStart); found !== -1; found = before.indexOf('://', found + 3)) {
    let schemeStart = found;
    while (schemeStart > lineStart && /[A-Za-z0-9+.-]/.test(before.charAt(schemeStart - 1))) schemeStart--;
    SCHEME_USER.lastIndex = schemeStart;
    const match = SCHEME_USER.exec(before);
    if (!match) continue;
    const colon = bound + schemeStart + match[0].length - 1;
    const user = match[2] ?? '';
    const quote = before.charAt(schemeStart - 1);
    const password = text.slice(colon + 1, end);
    const quoted = quote !== '' && `'"\``.includes(quote) && password.includes(quote);
    if (!quoted && !(PORT.test(password) && (user.includes('.') || user === 'localhost')))
      return { from: colon - user.length, colon };
    if (++refused >= MAX_REFUSED) return undefined;
  }
  return undefined;
}

/** The range to mask of the userinfo that ends at `end`: the password, or a token user's body. */
function secretOf(text: string, userinfo: Userinfo, end: number): [number, number] | undefined {
  const { from, colon } = userinfo;
  const prefix = STARTS_LIKE_TOKEN.exec(text.slice(from, colon === -1 ? end : colon))?.[0];
  if (prefix === undefined && colon === -1) return undefined;
  const secretStart = prefix === undefined ? colon + 1 : from + prefix.length;
  const secret = text.slice(secretStart, end);
  return secret === '' || secret === '***' || VARIABLE.test(secret) ? undefined : [secretStart, end];
}

/**
 * `text` with every URL password replaced by `***` and every token shape by its prefix and `***`.
 * `onSecret` hears each URL password found, so a caller can mask it elsewhere too.
 * @example redactSecrets("fatal: unable to access 'https://alice:ab/S3cr3t@bitbucket.org/a/b.git/'") → "fatal: unable to access 'https://alice:***@bitbucket.org/a/b.git/'"
 * @example redactSecrets('export T=ATATT3xFfGF0abcdef') → 'export T=ATATT3x***'
 */
export function redactSecrets(text: string, onSecret?: (secret: string) => void): string {
  let out = text;
  // From the right, so earlier ranges keep their offsets.
  for (const [start, end] of urlSecretRanges(text).reverse()) {
    onSecret?.(out.slice(start, end));
    out = `${out.slice(0, start)}***${out.slice(end)}`;
  }
  return out.replace(TOKEN_SHAPE, '$1***');
}

/** A token shape anywhere, or a password in a bitbucket.org URL. */
export function containsSecret(text: string): boolean {
  TOKEN_SHAPE.lastIndex = 0;
  return TOKEN_SHAPE.test(text) || urlSecretRanges(text).length > 0;
}

/** What a field must never keep: it starts like a token, or holds a secret anywhere. */
export function looksLikeSecret(value: string): boolean {
  return startsLikeToken(value) || containsSecret(value);
}
