// The generated commands, pasted into real bash, zsh and fish, against real git.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCiCommands } from '../../lib/ci-commands';
import { buildFixPlan, type CredentialKind, type FixOptions } from '../../lib/fix-plan';
import { quote } from '../../lib/shells';
import { checkRemote, checkUsername } from '../../lib/validation';
import { homeEnv, makeHome, REAL_SHELLS, type RealShell, runPasted } from '../support/shells';

const CASES_PER_SHELL = 1000;

function git(args: string[], cwd: string, env: NodeJS.ProcessEnv, input?: string): string {
  return execFileSync('git', args, { cwd, env, input, encoding: 'utf8' });
}

const slug = fc.stringMatching(/^[A-Za-z0-9._-]{1,62}$/).filter((s) => s !== '.' && s !== '..');
const username = fc
  .stringMatching(/^[A-Za-z0-9._][A-Za-z0-9._-]{0,39}$/)
  .filter((u) => checkUsername(u, 'bash') === undefined);
const remoteName = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,24}$/);
const kind = fc.constantFrom<CredentialKind>('api-token-username', 'api-token-static', 'access-token', 'ssh');

/** What the URL must be, written out independently of the generator. */
function expectedUrl(c: {
  ws: string;
  repo: string;
  user: string;
  kind: CredentialKind;
  scoped: boolean;
}): string {
  if (c.kind === 'ssh') return `git@bitbucket.org:${c.ws}/${c.repo}.git`;
  if (c.scoped) return `https://bitbucket.org/${c.ws}/${c.repo}.git`;
  const user = {
    'api-token-username': c.user,
    'api-token-static': 'x-bitbucket-api-token-auth',
    'access-token': 'x-token-auth',
  }[c.kind];
  return `https://${user}@bitbucket.org/${c.ws}/${c.repo}.git`;
}

describe.each(REAL_SHELLS)('%s', (shell: RealShell) => {
  it(`quote() carries ${CASES_PER_SHELL} arbitrary strings through the real shell unchanged`, async () => {
    const dir = mkdtempSync(join(tmpdir(), `bbah-quote-${shell}-`));
    // fish's interactive reader takes control characters as keystrokes (a paste never has them).
    const isControl = (ch: string) => {
      const code = ch.codePointAt(0) ?? 0;
      return code < 0x20 || (code >= 0x7f && code <= 0x9f);
    };
    const noControls = (s: string) =>
      shell === 'fish' ? ![...s].some(isControl) : !s.includes('\0') && !s.includes('\r');
    const strings = fc.sample(fc.string({ unit: 'grapheme', maxLength: 40 }).filter(noControls), {
      numRuns: CASES_PER_SHELL,
      seed: 20261126,
    });
    strings.push(
      `'`,
      `\\'`,
      '$(id)',
      '`id`',
      'a;b',
      '!!',
      '!x',
      '~',
      '=x',
      '{a,b}',
      '*',
      '%self',
      'a b',
      '"',
    );
    const script = strings.map((s) => `printf '%s\\0' ${quote(s, shell)} >> out.bin`).join('\n');
    const run = await runPasted(shell, script, { cwd: dir, env: homeEnv(makeHome()) });
    const out = readFileSync(join(dir, 'out.bin'), 'utf8').split('\0').slice(0, -1);
    expect(run.stderr).not.toMatch(/event not found|parse error|syntax error|Unexpected/);
    expect(out).toEqual(strings);
  });

  it(`set-url makes git remote get-url return exactly the intended URL (${CASES_PER_SHELL} cases)`, async () => {
    const cases = fc
      .sample(
        fc.record({ ws: slug, repo: slug, user: username, remote: remoteName, kind, scoped: fc.boolean() }),
        { numRuns: CASES_PER_SHELL * 1.3, seed: shell.length * 7919 },
      )
      .map((c, i) => ({ ...c, remote: `${c.remote}_${i}` }))
      .filter((c) => checkRemote(c.remote, shell) === undefined)
      .slice(0, CASES_PER_SHELL);
    expect(cases).toHaveLength(CASES_PER_SHELL);
    const home = makeHome();
    const env = homeEnv(home);
    const dir = mkdtempSync(join(tmpdir(), `bbah-seturl-${shell}-`));
    git(['init', '-q'], dir, env);
    // Remotes exist before set-url (it refuses unknown ones); written in one go to stay fast.
    const config = readFileSync(join(dir, '.git/config'), 'utf8');
    writeFileSync(
      join(dir, '.git/config'),
      config +
        cases.map((c) => `[remote "${c.remote}"]\n\turl = https://example.invalid/placeholder\n`).join(''),
    );
    const commands = cases.map((c) => {
      const options: FixOptions = {
        repo: { workspace: c.ws, repo: c.repo },
        kind: c.kind,
        username: c.user,
        remote: c.remote,
        shell,
        helper: 'any',
        perWorkspaceUsername: c.scoped,
      };
      const setUrl = buildFixPlan(options).steps.find((s) => s.id === 'set-url');
      expect(setUrl, JSON.stringify(c)).toBeDefined();
      return setUrl?.command ?? '';
    });
    const run = await runPasted(shell, commands.join('\n'), { cwd: dir, env });
    expect(run.stderr).not.toMatch(/error|fatal|No such remote/i);
    const urls = new Map(
      git(['config', '--get-regexp', '^remote\\..*\\.url$'], dir, env)
        .trim()
        .split('\n')
        .map((line) => {
          const [key = '', url = ''] = line.split(' ');
          return [key.slice('remote.'.length, -'.url'.length), url] as const;
        }),
    );
    for (const c of cases) expect(urls.get(c.remote), JSON.stringify(c)).toBe(expectedUrl(c));
  });
});

describe('hostile strings in any field: refused, nothing to run', () => {
  // Surrounding text never starts or ends with blanks: a pasted value is trimmed, not refused.
  const side = fc.string({ maxLength: 10 }).filter((t) => t.trim() === t);
  const hostile = fc
    .tuple(
      side,
      fc.constantFrom(
        "'",
        '"',
        '$(id)',
        '`id`',
        ';',
        ' ',
        '%PATH%',
        'é',
        '🙂',
        '\n',
        '&',
        '|',
        '>',
        '\\',
        '*',
      ),
      side,
    )
    .map(([a, b, c]) => a + b + c)
    .filter((bad) => bad.trim() === bad && bad !== '');
  const field = fc.constantFrom('workspace', 'repo', 'username', 'remote');
  const valid = (shell: FixOptions['shell']) =>
    new Map(
      buildFixPlan({
        repo: { workspace: 'acme', repo: 'web-app' },
        kind: 'api-token-username',
        username: 'alice',
        shell,
        helper: 'any',
      }).steps.map((s) => [s.id, s.command]),
    );

  it.each(['bash', 'zsh', 'fish', 'powershell', 'cmd'] as const)('%s', (shell) => {
    fc.assert(
      fc.property(hostile, field, (bad, where) => {
        const options: FixOptions = {
          repo: { workspace: where === 'workspace' ? bad : 'acme', repo: where === 'repo' ? bad : 'web-app' },
          kind: 'api-token-username',
          username: where === 'username' ? bad : 'alice',
          remote: where === 'remote' ? bad : 'origin',
          shell,
          helper: 'any',
        };
        const plan = buildFixPlan(options);
        expect(plan.problems.length).toBeGreaterThan(0);
        expect(plan.script).toBeUndefined();
        expect(plan.steps.find((s) => s.id === 'set-url')).toBeUndefined();
        // What is still offered is exactly what valid input gives: nothing of `bad` leaked in.
        for (const s of plan.steps) expect(s.command).toBe(valid(shell).get(s.id));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('erase with real git helpers (store + cache), two bitbucket.org users and github.com', () => {
  const homes: string[] = [];
  afterAll(() => {
    for (const home of homes) {
      try {
        execFileSync('git', ['credential-cache', `--socket=${join(home, 'cache-sock')}`, 'exit'], {
          env: homeEnv(home),
          stdio: 'ignore',
        });
      } catch {
        // the daemon may already be gone
      }
    }
  });

  type Configured = 'store' | 'cache';
  function setUpHelpers(helpers: Configured[]): { home: string; env: NodeJS.ProcessEnv } {
    const home = makeHome();
    homes.push(home);
    const env = homeEnv(home);
    writeFileSync(join(home, '.git-credentials'), '');
    const spec = { store: 'store', cache: `cache --timeout=600 --socket=${join(home, 'cache-sock')}` };
    for (const h of helpers) git(['config', '--global', '--add', 'credential.helper', spec[h]], home, env);
    for (const [host, user, pass] of [
      ['bitbucket.org', 'alice', 'old-alice-token'],
      ['bitbucket.org', 'bob', 'old-bob-token'],
      ['github.com', 'carol', 'github-token'],
    ]) {
      git(
        ['credential', 'approve'],
        home,
        env,
        `protocol=https\nhost=${host}\nusername=${user}\npassword=${pass}\n\n`,
      );
    }
    return { home, env };
  }

  function stored(home: string, env: NodeJS.ProcessEnv, helpers: Configured[]) {
    const file = readFileSync(join(home, '.git-credentials'), 'utf8');
    const inCache = (host: string, user: string) =>
      git(
        ['credential-cache', `--socket=${join(home, 'cache-sock')}`, 'get'],
        home,
        env,
        `protocol=https\nhost=${host}\nusername=${user}\n\n`,
      ).includes('password=');
    return {
      store: helpers.includes('store')
        ? ['alice', 'bob', 'carol'].filter((u) => file.includes(`//${u}:`))
        : [],
      cache: !helpers.includes('cache')
        ? []
        : [
            ['bitbucket.org', 'alice'],
            ['bitbucket.org', 'bob'],
            ['github.com', 'carol'],
          ]
            .filter(([h, u]) => inCache(h ?? '', u ?? ''))
            .map(([, u]) => u),
    };
  }

  beforeAll(() => {
    // Prove the set-up holds what the test expects to be erased.
    const { home, env } = setUpHelpers(['store', 'cache']);
    const all = ['alice', 'bob', 'carol'];
    expect(stored(home, env, ['store', 'cache'])).toEqual({ store: all, cache: all });
  });

  // `any` is the default: both helpers are configured and the user doesn't know which one holds it.
  const variants = REAL_SHELLS.flatMap((shell) =>
    (['all', 'user'] as const).flatMap((eraseScope) =>
      (['any', 'store', 'cache'] as const).map((helper) => [shell, eraseScope, helper] as const),
    ),
  );
  it.each(variants)('%s, erase %s, helper chosen: %s', async (shell, eraseScope, helper) => {
    const configured: Configured[] = helper === 'any' ? ['store', 'cache'] : [helper];
    const { home, env } = setUpHelpers(configured);
    const plan = buildFixPlan({
      repo: { workspace: 'acme', repo: 'web-app' },
      kind: 'api-token-username',
      username: 'alice',
      shell,
      helper,
      eraseScope,
    });
    const erase = plan.steps.find((s) => s.id === 'erase');
    expect(erase).toBeDefined();
    await runPasted(shell, erase?.command ?? '', { cwd: home, env });
    const left = stored(home, env, configured);
    const expected = eraseScope === 'all' ? ['carol'] : ['bob', 'carol'];
    expect(left).toEqual({
      store: configured.includes('store') ? expected : [],
      cache: configured.includes('cache') ? expected : [],
    });
  });
});

describe('a GCM plan erases every account: unpin, erase, re-pin (store standing in for GCM)', () => {
  // GCM cannot run here; git hands it the same erase input as any helper, so `store` shows what
  // git asks for. Two bitbucket.org accounts and a github.com one, on a first and a second run.
  function approveAll(home: string, env: NodeJS.ProcessEnv) {
    for (const [host, user] of [
      ['bitbucket.org', 'alice'],
      ['bitbucket.org', 'bob'],
      ['github.com', 'carol'],
    ])
      git(
        ['credential', 'approve'],
        home,
        env,
        `protocol=https\nhost=${host}\nusername=${user}\npassword=t-${user}\n\n`,
      );
  }
  const users = (home: string) =>
    ['alice', 'bob', 'carol'].filter((u) =>
      readFileSync(join(home, '.git-credentials'), 'utf8').includes(`//${u}:`),
    );
  const pinned = (home: string, env: NodeJS.ProcessEnv) => {
    try {
      return git(
        ['config', '--global', '--get-all', 'credential.https://bitbucket.org.username'],
        home,
        env,
      ).trim();
    } catch {
      return '';
    }
  };

  it('control: with a username pinned, the plain erase reaches that account only', () => {
    const home = makeHome();
    const env = homeEnv(home);
    git(['config', '--global', 'credential.helper', 'store'], home, env);
    approveAll(home, env);
    git(['config', '--global', 'credential.https://bitbucket.org.username', 'alice'], home, env);
    git(['credential', 'reject'], home, env, 'protocol=https\nhost=bitbucket.org\n\n');
    expect(users(home)).toEqual(['bob', 'carol']);
  });

  it.each(REAL_SHELLS)(
    '%s: both bitbucket.org accounts are gone on the first run and on the second',
    async (shell) => {
      const home = makeHome();
      const env = homeEnv(home);
      git(['config', '--global', 'credential.helper', 'store'], home, env);
      const plan = buildFixPlan({
        repo: { workspace: 'acme', repo: 'web-app' },
        kind: 'api-token-username',
        username: 'alice',
        shell,
        helper: 'gcm-linux',
      });
      const steps = plan.steps.filter((s) => s.id === 'gcm-config' || s.id === 'erase').map((s) => s.command);
      expect(steps).toHaveLength(2);
      for (const run of ['first', 'second']) {
        approveAll(home, env);
        expect(users(home), run).toEqual(['alice', 'bob', 'carol']);
        // The second run starts with the pin the first one set.
        expect(pinned(home, env), run).toBe(run === 'first' ? '' : 'alice');
        const r = await runPasted(shell, steps.join('\n'), { cwd: home, env });
        expect(r.stderr, run).not.toMatch(/error|fatal|unknown/i);
        expect(users(home), run).toEqual(['carol']);
        expect(pinned(home, env), run).toBe('alice');
        expect(git(['config', '--global', 'credential.bitbucketAuthModes'], home, env).trim()).toBe('basic');
      }
    },
  );
});

describe('CI: the one-off helper reads the token from the environment', () => {
  it.each(REAL_SHELLS)('%s', async (shell) => {
    const home = makeHome();
    const env = { ...homeEnv(home), BITBUCKET_TOKEN: 'value-from-env' };
    const ci = buildCiCommands({
      repo: { workspace: 'acme', repo: 'web-app' },
      kind: 'access-token',
      variable: 'BITBUCKET_TOKEN',
      shell,
    });
    expect(ci.clone).toBeDefined();
    // Same quoting as the clone line; `credential fill` shows what git would send.
    writeFileSync(join(home, 'in.txt'), 'protocol=https\nhost=bitbucket.org\n\n');
    const fill = (ci.clone ?? '').replace(/ clone \S+$/, ' credential fill < in.txt > out.txt');
    await runPasted(shell, fill, { cwd: home, env });
    expect(readFileSync(join(home, 'out.txt'), 'utf8')).toBe(
      'protocol=https\nhost=bitbucket.org\nusername=x-token-auth\npassword=value-from-env\n',
    );
  });
});
