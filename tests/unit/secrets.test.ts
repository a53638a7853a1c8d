// The one place that recognises credentials (lib/secrets.ts): shapes from docs/evidence/tokens.md.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  containsSecret,
  isVariableReference,
  looksLikeSecret,
  redactSecrets,
  startsLikeToken,
  urlSecretRanges,
} from '../../lib/secrets';
import { ACCESS_TOKEN, API_TOKEN, APP_PASSWORD } from '../fixtures/secret-samples';

describe('fields: what starts like a token', () => {
  it.each([
    API_TOKEN,
    ACCESS_TOKEN,
    APP_PASSWORD,
    'ATBB',
    'ATATT3x',
    '  ATCTT',
    API_TOKEN.slice(0, 40), // pasted without its =… tail
  ])('%s is refused', (value) => {
    expect(startsLikeToken(value)).toBe(true);
    expect(looksLikeSecret(value)).toBe(true);
  });

  it.each(['alice-dev', 'origin', 'BITBUCKET_TOKEN', 'atbb-tools', 'ATB', 'my-ATBB-tool'])(
    '%s is not a token',
    (value) => {
      expect(startsLikeToken(value)).toBe(false);
    },
  );

  it('a token shape inside a longer value is found; a name that merely contains the letters is not', () => {
    expect(containsSecret(`token: ${APP_PASSWORD}`)).toBe(true);
    expect(containsSecret(`x${API_TOKEN}`)).toBe(true);
    expect(containsSecret('ATBB-tools and ATATT')).toBe(false);
    expect(containsSecret('git-push@laptop 2026-11')).toBe(false);
  });
});

describe('passwords in bitbucket.org URLs, whatever they hold (tokens.md#userinfo)', () => {
  const cases: [string, string, string][] = [
    [
      "fatal: unable to access 'https://alice:ab/S3cr3tValue99@bitbucket.org/acme/web.git/': URL using bad/illegal format or missing URL",
      'ab/S3cr3tValue99',
      "fatal: unable to access 'https://alice:***@bitbucket.org/acme/web.git/': URL using bad/illegal format or missing URL",
    ],
    [
      'git clone https://alice:p?w#d@bitbucket.org/a/b.git',
      'p?w#d',
      'git clone https://alice:***@bitbucket.org/a/b.git',
    ],
    ['https://alice:a@b:c%40d@bitbucket.org:443/a/b', 'a@b:c%40d', 'https://alice:***@bitbucket.org:443/a/b'],
    [
      'https://alice%40corp.com:tok@www.bitbucket.org/a/b',
      'tok',
      'https://alice%40corp.com:***@www.bitbucket.org/a/b',
    ],
    ['url=alice:pw1234@bitbucket.org:ws/repo.git', 'pw1234', 'url=alice:***@bitbucket.org:ws/repo.git'],
    [
      'ssh://git:sekrit@altssh.bitbucket.org:443/ws/r',
      'sekrit',
      'ssh://git:***@altssh.bitbucket.org:443/ws/r',
    ],
    // Whitespace too: the word before the host is not where the password starts.
    [
      'git clone https://alice:my secret@bitbucket.org/acme/web.git',
      'my secret',
      'git clone https://alice:***@bitbucket.org/acme/web.git',
    ],
    [
      "fatal: unable to access 'https://alice:two words/and?more@bitbucket.org/acme/web.git/': URL rejected: Malformed input to a URL function",
      'two words/and?more',
      "fatal: unable to access 'https://alice:***@bitbucket.org/acme/web.git/': URL rejected: Malformed input to a URL function",
    ],
    [
      '"https://bob.smith:pass\tw:rd@bitbucket.org/a/b"',
      'pass\tw:rd',
      '"https://bob.smith:***@bitbucket.org/a/b"',
    ],
  ];
  it.each(cases)('%s', (text, secret, shown) => {
    const heard: string[] = [];
    expect(redactSecrets(text, (s) => heard.push(s))).toBe(shown);
    expect(heard).toEqual([secret]);
    expect(containsSecret(text)).toBe(true);
  });

  it.each([
    'https://alice@bitbucket.org/acme/web.git',
    `https://x-token-auth:\${BB_TOKEN}@bitbucket.org/acme/web.git`,
    'https://x-token-auth:$BB_TOKEN@bitbucket.org/acme/web.git',
    'https://x-token-auth:%BB_TOKEN%@bitbucket.org/acme/web.git',
    'https://x-token-auth:$env:BB_TOKEN@bitbucket.org/acme/web.git',
    'https://alice:***@bitbucket.org/acme/web.git',
    'git@bitbucket.org:acme/web.git',
    'mail alice@bitbucket.org now',
    // What a look-back across blanks must leave alone: other URLs' ports and quotes, other lines.
    'Cloning from https://mirror.corp.example:8443/acme/web.git into git@bitbucket.org:acme/web.git',
    "fatal: unable to access 'https://proxy:3128/': then git@bitbucket.org:acme/web.git",
    'warning: redirecting to https://bitbucket.org/acme/web.git/ for alice@bitbucket.org',
    'https://alice:\npw git@bitbucket.org:acme/web.git',
    "fatal: could not read Username for 'https://bitbucket.org': terminal prompts disabled",
  ])('no secret in %s', (text) => {
    expect(urlSecretRanges(text)).toEqual([]);
    expect(redactSecrets(text)).toBe(text);
  });

  it('other hosts: the password as RFC 3986 reads it (up to / ? #) is masked too', () => {
    expect(redactSecrets('git clone https://alice:pw12@github.com/acme/web.git')).toBe(
      'git clone https://alice:***@github.com/acme/web.git',
    );
    expect(redactSecrets('https://alice:pw12@bitbucket.org.evil.example/a')).toBe(
      'https://alice:***@bitbucket.org.evil.example/a',
    );
    expect(redactSecrets('https://a:b@github.com and https://c:d/e@bitbucket.org/x')).toBe(
      'https://a:***@github.com and https://c:***@bitbucket.org/x',
    );
  });

  it('tokens keep their prefix and lose the rest', () => {
    expect(redactSecrets(`export BB=${API_TOKEN} and ${APP_PASSWORD}, ${ACCESS_TOKEN}`)).toBe(
      'export BB=ATATT3x*** and ATBB***, ATCTT***',
    );
  });

  it('any secret of `/?#@:%`, blanks and letters is masked whole, and nothing of it is left (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
        fc.oneof(
          fc.stringMatching(/^[A-Za-z0-9/?#@:%]{1,40}$/),
          fc.stringMatching(/^[A-Za-z0-9/?#@:% \t]{1,40}$/),
        ),
        fc.constantFrom('', "fatal: unable to access '", 'git clone ', '+ git push ', 'remote: url "'),
        (user, secret, before) => {
          // `%NAME%` is a cmd.exe variable, as the CI form writes it: no secret. A last word
          // like `x://y:z` after a blank is a URL of its own, whatever came before it.
          const lastWord = secret.split(/\s/).at(-1) ?? '';
          fc.pre(!isVariableReference(secret) && !(/\s/.test(secret) && /:\/\/.*:/.test(lastWord)));
          const text = `${before}https://${user}:${secret}@bitbucket.org/acme/web.git/`;
          expect(redactSecrets(text)).toBe(`${before}https://${user}:***@bitbucket.org/acme/web.git/`);
          expect(containsSecret(redactSecrets(text))).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('stays linear on a line full of hosts', () => {
    const line = `${'x:y@bitbucket.org'.repeat(20_000)}`;
    const start = performance.now();
    redactSecrets(line);
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe('a user that starts like a token is the token (tokens.md#fields)', () => {
  it.each([
    ['https://ATBB7xQz@bitbucket.org/acme/web.git', 'https://ATBB***@bitbucket.org/acme/web.git'],
    ['git clone https://ATATT3x:x@bitbucket.org/a/b', 'git clone https://ATATT***@bitbucket.org/a/b'],
    ['url=ATCTT9k@bitbucket.org:acme/web.git', 'url=ATCTT***@bitbucket.org:acme/web.git'],
    ["fatal: 'https://ATBB7xQz:my pw@bitbucket.org/a/b'", "fatal: 'https://ATBB***@bitbucket.org/a/b'"],
  ])('%s → %s', (text, shown) => {
    expect(redactSecrets(text)).toBe(shown);
    expect(redactSecrets(shown)).toBe(shown);
    expect(containsSecret(text)).toBe(true);
  });

  it('a name that only contains the letters is no token', () => {
    expect(redactSecrets('https://my-ATBB-bot@bitbucket.org/a/b')).toBe(
      'https://my-ATBB-bot@bitbucket.org/a/b',
    );
  });
});

describe('remote-helper addresses', () => {
  it('`https::git@bitbucket.org:ws/repo` holds no password (git hands `git@…` to the helper)', () => {
    expect(containsSecret('https::git@bitbucket.org:acme/web-app.git')).toBe(false);
    expect(redactSecrets('https::https://alice:pw/x@bitbucket.org/acme/web.git')).toBe(
      'https::https://alice:***@bitbucket.org/acme/web.git',
    );
  });
});
