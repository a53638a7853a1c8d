import { describe, expect, it } from 'vitest';
import { formatRepo, parseRepoInput, parseRepoPageUrl } from '../../lib/repo-context';

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
    ['git@bitbucket.org:acme/web-app/extra.git', 'not-a-repository'],
  ])('%j is refused (%s)', (input, reason) => {
    const r = parseRepoInput(input);
    expect(r).toEqual({ ok: false, reason });
  });
});
