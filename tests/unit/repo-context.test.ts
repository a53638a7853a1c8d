import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatRepo,
  parseRepoInput,
  parseRepoPageUrl,
  REPO_INPUT_MESSAGES,
  type RepoInputError,
} from '../../lib/repo-context';

describe('parseRepoPageUrl', () => {
  it.each([
    ['https://bitbucket.org/acme/web-app', 'acme/web-app'],
    ['https://bitbucket.org/acme/web-app/', 'acme/web-app'],
    ['https://bitbucket.org/acme/web-app/src/main/', 'acme/web-app'],
    ['https://bitbucket.org/acme/web-app/src/main/lib/a.ts?at=main#lines-3', 'acme/web-app'],
    ['https://bitbucket.org/acme/web-app/pull-requests/12', 'acme/web-app'],
    ['https://bitbucket.org/acme/web-app/pull-requests/12/diff', 'acme/web-app'],
    ['https://bitbucket.org/acme/web-app/branches', 'acme/web-app'],
    ['https://bitbucket.org/acme/web-app/branches/compare/a%0Db', 'acme/web-app'],
    ['https://bitbucket.org/acme/web-app/branch/feature/x', 'acme/web-app'],
    ['https://bitbucket.org/acme/web-app/commits/0123abcd', 'acme/web-app'],
    ['https://bitbucket.org/acme/web-app/pipelines', 'acme/web-app'],
    ['https://bitbucket.org/acme/web-app/pipelines/results/42', 'acme/web-app'],
    ['https://bitbucket.org/acme/web-app/admin/access-tokens', 'acme/web-app'],
    ['https://BITBUCKET.org/Acme/Web.App_2-x', 'Acme/Web.App_2-x'],
    ['https://www.bitbucket.org/acme/web-app', 'acme/web-app'],
    ['https://bitbucket.org/a/b', 'a/b'],
    [`https://bitbucket.org/${'w'.repeat(62)}/${'r'.repeat(62)}`, `${'w'.repeat(62)}/${'r'.repeat(62)}`],
    ['https://bitbucket.org/acme/...x', 'acme/...x'],
    ['https://bitbucket.org/acme/web%2Dapp', 'acme/web-app'],
    // A clone URL opened in the browser: Bitbucket shows the repository.
    ['https://bitbucket.org/acme/web-app.git', 'acme/web-app'],
  ])('%s → %s', (url, expected) => {
    const repo = parseRepoPageUrl(url);
    expect(repo && formatRepo(repo)).toBe(expected);
  });

  it.each([
    'https://bitbucket.org/',
    'https://bitbucket.org/acme',
    'https://bitbucket.org/acme/',
    'https://bitbucket.org/acme/workspace/settings',
    'https://bitbucket.org/acme/workspace/projects/PRJ',
    'https://bitbucket.org/acme/workspace/repositories',
    'https://bitbucket.org/account/settings/app-passwords/',
    'https://bitbucket.org/account/settings/app-passwords/new',
    'https://bitbucket.org/dashboard/overview',
    'https://bitbucket.org/product/features',
    'https://bitbucket.org/site/ssh',
    'https://bitbucket.org/blog/x',
    'https://bitbucket.org/repo/create',
    'https://bitbucket.org/snippets/acme/x',
    'https://bitbucket.org/!api/2.0/user',
    'https://bitbucket.org/%21api/2.0/user',
    'https://bitbucket.org/socialauth/login',
    'https://bitbucket.org/support/x',
    'https://bitbucket.org/gateway/x',
    'https://bitbucket.org/pricing/x',
    'https://bitbucket.org/acme/..',
    'https://bitbucket.org/acme/web%20app',
    `https://bitbucket.org/acme/${'r'.repeat(63)}`,
    'https://bitbucket.org/acme/web%E2app',
    'http://bitbucket.org/acme/web-app',
    'https://github.com/acme/web-app',
    'https://bitbucket.org.evil.com/acme/web-app',
    'https://id.atlassian.com/manage-profile/security/api-tokens',
    'chrome-extension://abc/popup.html',
    'not a url',
  ])('%s is not a repository page', (url) => {
    expect(parseRepoPageUrl(url)).toBeUndefined();
  });
});

describe('parseRepoInput', () => {
  it.each([
    ['acme/web-app', 'acme/web-app', 'shorthand', undefined, false],
    ['  acme/web-app/  ', 'acme/web-app', 'shorthand', undefined, false],
    ['https://bitbucket.org/acme/web-app.git', 'acme/web-app', 'https', undefined, false],
    ['https://alice@bitbucket.org/acme/web-app.git', 'acme/web-app', 'https', 'alice', false],
    [
      'https://alice%40corp.com@bitbucket.org/acme/web-app.git',
      'acme/web-app',
      'https',
      'alice@corp.com',
      false,
    ],
    ['https://alice:s3cr3t@bitbucket.org/acme/web-app.git', 'acme/web-app', 'https', 'alice', true],
    ['https://x-token-auth@bitbucket.org/acme/web-app.git', 'acme/web-app', 'https', 'x-token-auth', false],
    ['https://bitbucket.org/acme/web-app/', 'acme/web-app', 'https', undefined, false],
    ['https://bitbucket.org/acme/web-app/src/main/', 'acme/web-app', 'https', undefined, false],
    ['bitbucket.org/acme/web-app', 'acme/web-app', 'https', undefined, false],
    ['git@bitbucket.org:acme/web-app.git', 'acme/web-app', 'ssh', undefined, false],
    ['git@bitbucket.org:acme/web-app', 'acme/web-app', 'ssh', undefined, false],
    ['ssh://git@bitbucket.org/acme/web-app.git', 'acme/web-app', 'ssh', undefined, false],
    ['ssh://git@altssh.bitbucket.org:443/acme/web-app.git', 'acme/web-app', 'ssh', undefined, false],
    ['git clone https://alice@bitbucket.org/acme/web-app.git', 'acme/web-app', 'https', 'alice', false],
    ['git clone git@bitbucket.org:acme/web-app.git my-dir', 'acme/web-app', 'ssh', undefined, false],
    [
      '$ git clone --depth 1 -b main https://bitbucket.org/acme/web-app.git',
      'acme/web-app',
      'https',
      undefined,
      false,
    ],
    ['git clone "https://bitbucket.org/acme/web-app.git"', 'acme/web-app', 'https', undefined, false],
    ["'git@bitbucket.org:acme/web-app.git'", 'acme/web-app', 'ssh', undefined, false],
  ])('%s', (input, repo, protocol, username, secret) => {
    const r = parseRepoInput(input);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(formatRepo(r.value.repo)).toBe(repo);
    expect(r.value.protocol).toBe(protocol);
    expect(r.value.username).toBe(username);
    expect(r.value.hasEmbeddedSecret).toBe(secret);
  });

  it('never keeps the secret of a user:secret@ URL', () => {
    const r = parseRepoInput('https://alice:TOPSECRET@bitbucket.org/acme/web-app.git');
    expect(JSON.stringify(r)).not.toContain('TOPSECRET');
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['https://github.com/acme/web-app.git', 'other-host'],
    ['git@github.com:acme/web-app.git', 'other-host'],
    ['https://bitbucket.org/account/settings/', 'not-a-repository'],
    ['https://bitbucket.org/acme/workspace/settings', 'not-a-repository'],
    ['https://bitbucket.org/acme', 'not-a-repository'],
    ['acme/web app', 'unrecognised'],
    ['acme/we$b', 'invalid-name'],
    ["acme/web'app", 'invalid-name'],
    ['acme/`id`', 'invalid-name'],
    ['acme/..', 'invalid-name'],
    ['hello', 'unrecognised'],
    // hosted-git-info's npm shortcut: git reads it as the scp form for a host named `bitbucket`.
    ['bitbucket:111/222', 'other-host'],
    ['git@bitbucket.org:acme/web-app/extra.git', 'not-a-repository'],
  ])('%j is refused (%s)', (input, reason) => {
    const r = parseRepoInput(input);
    expect(r).toEqual({ ok: false, reason });
  });
});

// Independent tables: the URL forms of git's own documentation (Documentation/urls.txt at v2.39.5,
// urls.adoc at 1a3e64c6c4; transport.c for git+ssh:// and ssh+git://), and the Bitbucket rows of
// two peer libraries' test suites (npm/hosted-git-info test/fixtures/bitbucket.js, owner 111 and
// project 222; IonicaBizau/git-url-parse test/index.js). Real git reads each SSH form the same
// way (tests/integration/repo-url-forms.test.ts). docs/evidence/git-credentials.md#urls.
describe('every URL form git accepts for bitbucket.org', () => {
  it.each([
    // git's documentation
    ['ssh://git@bitbucket.org/acme/web-app.git', 'acme/web-app', 'ssh'],
    ['ssh://git@bitbucket.org:22/acme/web-app.git/', 'acme/web-app', 'ssh'],
    ['ssh://bitbucket.org/acme/web-app.git', 'acme/web-app', 'ssh'],
    ['ssh://bitbucket.org:/acme/web-app.git', 'acme/web-app', 'ssh'],
    ['git+ssh://git@bitbucket.org/acme/web-app.git', 'acme/web-app', 'ssh'],
    ['ssh+git://git@bitbucket.org/acme/web-app.git', 'acme/web-app', 'ssh'],
    ['git@bitbucket.org:acme/web-app.git', 'acme/web-app', 'ssh'],
    ['git@bitbucket.org:acme/web-app.git/', 'acme/web-app', 'ssh'],
    ['git@bitbucket.org:/acme/web-app.git', 'acme/web-app', 'ssh'],
    ['bitbucket.org:acme/web-app.git', 'acme/web-app', 'ssh'],
    ['bitbucket.org:/acme/web-app.git', 'acme/web-app', 'ssh'],
    ['[git@bitbucket.org:22]:acme/web-app.git', 'acme/web-app', 'ssh'],
    ['[bitbucket.org]:acme/web-app', 'acme/web-app', 'ssh'],
    ['git@altssh.bitbucket.org:acme/web-app.git', 'acme/web-app', 'ssh'],
    ['https://bitbucket.org/acme/web-app.git', 'acme/web-app', 'https'],
    ['https://bitbucket.org:443/acme/web-app.git/', 'acme/web-app', 'https'],
    ['http://bitbucket.org/acme/web-app.git', 'acme/web-app', 'https'],
    ['https::https://bitbucket.org/acme/web-app.git', 'acme/web-app', 'https'],
    ['http::https://alice@bitbucket.org/acme/web-app.git', 'acme/web-app', 'https'],
    ['git clone https::https://bitbucket.org/acme/web-app.git', 'acme/web-app', 'https'],
    ['git clone bitbucket.org:acme/web-app.git', 'acme/web-app', 'ssh'],
    // npm/hosted-git-info test/fixtures/bitbucket.js
    ['https://bitbucket.org/111/222', '111/222', 'https'],
    ['https://bitbucket.org/111/222.git', '111/222', 'https'],
    ['https://bitbucket.org/111/222#feature/x', '111/222', 'https'],
    ['https://bitbucket.org/111/222.git#feature/x', '111/222', 'https'],
    ['git+https://bitbucket.org/111/222', '111/222', 'https'],
    ['git+https://bitbucket.org/111/222.git#feature/x', '111/222', 'https'],
    ['git@bitbucket.org:111/222', '111/222', 'ssh'],
    ['git@bitbucket.org:111/222.git#feature/x', '111/222', 'ssh'],
    ['git+ssh://git@bitbucket.org/111/222', '111/222', 'ssh'],
    ['git+ssh://git@bitbucket.org/111/222.git#feature/x', '111/222', 'ssh'],
    // IonicaBizau/git-url-parse test/index.js
    ['https://x-token-auth:token@bitbucket.org/owner/name.git', 'owner/name', 'https'],
    ['https://owner@bitbucket.org/owner/name', 'owner/name', 'https'],
  ])('%s → %s (%s)', (input, repo, protocol) => {
    const r = parseRepoInput(input);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (!r.ok) return;
    expect(formatRepo(r.value.repo)).toBe(repo);
    expect(r.value.protocol).toBe(protocol);
  });

  it.each<[string, RepoInputError]>([
    ['git://bitbucket.org/acme/web-app.git', 'unserved-protocol'],
    ['ftp://bitbucket.org/acme/web-app.git', 'unserved-protocol'],
    ['ftps://bitbucket.org/acme/web-app.git', 'unserved-protocol'],
    // Local paths, as git reads them: no bitbucket.org address.
    ['file:///srv/git/web-app.git', 'other-host'],
    ['/srv/git/web-app.git', 'unrecognised'],
    ['C:\\src\\web-app', 'other-host'],
    ['ssh://git@bitbucket.org/~acme/web-app.git', 'home-path'],
    ['git@bitbucket.org:~acme/web-app.git', 'home-path'],
    ['bitbucket.org:/~acme/web-app.git', 'home-path'],
    ['ext::ssh -i key git@bitbucket.org %S acme/web-app', 'remote-helper'],
    ['https::git@bitbucket.org:acme/web-app.git', 'remote-helper'],
    // git reads the host as `bitbucket.org:acme` here (fetch-pack --diag-url).
    ['ssh://git@bitbucket.org:acme/web-app.git', 'unrecognised'],
    ['git://github.com/acme/web-app.git', 'other-host'],
    ['github.com:acme/web-app.git', 'other-host'],
    ['git+ssh://git@github.com/acme/web-app.git', 'other-host'],
    ['git@bitbucket.org:acme/web-app/extra.git', 'not-a-repository'],
    ['bitbucket.org:acme', 'not-a-repository'],
  ])('%s is refused (%s)', (input, reason) => {
    expect(parseRepoInput(input)).toEqual({ ok: false, reason });
  });

  it('each refusal names the form', () => {
    expect(REPO_INPUT_MESSAGES['unserved-protocol']).toMatch(/git:\/\/.*ftp:\/\//);
    expect(REPO_INPUT_MESSAGES['home-path']).toMatch(/~user/);
    expect(REPO_INPUT_MESSAGES['remote-helper']).toMatch(/<transport>::<address>.*https::https:/);
    for (const message of Object.values(REPO_INPUT_MESSAGES)) expect(message.length).toBeGreaterThan(20);
  });

  it('never a wrong repository: any workspace and repository, in every form', () => {
    const slug = fc.stringMatching(/^[A-Za-z0-9._-]{1,62}$/).filter((s) => s !== '.' && s !== '..');
    const forms = [
      (w: string, r: string) => `https://bitbucket.org/${w}/${r}.git`,
      (w: string, r: string) => `https::https://alice@bitbucket.org/${w}/${r}`,
      (w: string, r: string) => `git+ssh://git@bitbucket.org/${w}/${r}.git`,
      (w: string, r: string) => `ssh+git://bitbucket.org:22/${w}/${r}.git/`,
      (w: string, r: string) => `git@bitbucket.org:/${w}/${r}.git`,
      (w: string, r: string) => `bitbucket.org:${w}/${r}.git`,
      (w: string, r: string) => `[git@bitbucket.org:22]:${w}/${r}`,
    ];
    fc.assert(
      fc.property(slug, slug, fc.constantFrom(...forms), (w, r, form) => {
        const parsed = parseRepoInput(form(w, r));
        const stripped = r.toLowerCase().endsWith('.git') ? r.slice(0, -4) : r;
        // A name that is nothing but `.git` (or `...git` down to `.`) is no repository: refused.
        if (!parsed.ok) return expect(['.', '..', ''].includes(stripped)).toBe(true);
        expect(parsed.value.repo).toEqual({ workspace: w, repo: stripped });
      }),
      { numRuns: 2000 },
    );
  });
});
