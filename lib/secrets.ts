// What a Bitbucket credential looks like, so that none is stored, shown or put in a command,
// whichever field or paste it came through. The shapes and their sources:
// docs/evidence/tokens.md (#prefixes for tokens, #userinfo for passwords in URLs).

const REFUSAL = 'looks like a token; put it where git asks for the password, never here';
export const TOKEN_REFUSAL = `This ${REFUSAL}.`;
/** The same, as one problem in a list of them ("field: problem"). */
export const TOKEN_REFUSAL_PROBLEM = `this ${REFUSAL}`;

const STARTS_LIKE_TOKEN = /^\s*(?:ATATT|ATCTT|ATBB)/;
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

export function isVariableReference(value: string): boolean {
  return VARIABLE.test(value);
}

/**
 * The passwords of `user:secret@bitbucket.org` URLs in `text`, as [start, end) ranges in order:
 * from the first `:` of the userinfo to the last `@` before the host, whatever lies between
 * (docs/evidence/tokens.md#userinfo); other hosts' as RFC 3986 reads them. CI variables and
 * `***` are not secrets.
 */
export function urlSecretRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  // Each scan stops where the previous host ended: linear however many URLs a line holds.
  let floor = 0;
  for (const at of text.matchAll(BITBUCKET_AT)) {
    const end = at.index;
    let start = end;
    while (start > floor && !/\s/.test(text.charAt(start - 1))) start--;
    floor = end + at[0].length;
    const word = text.slice(start, end);
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
    if (colon === -1 || colon >= word.length - 1) continue;
    const secret = word.slice(colon + 1);
    if (secret !== '***' && !VARIABLE.test(secret)) ranges.push([start + colon + 1, end]);
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
