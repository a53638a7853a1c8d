import { describe, expect, it } from 'vitest';
import { buildCiCommands } from '../../lib/ci-commands';
import {
  buildFixPlan,
  CREDENTIAL_KINDS,
  type CredentialHelper,
  type FixOptions,
  HELPERS,
  remoteUrlFor,
} from '../../lib/fix-plan';
import { quote, SHELLS, type Shell } from '../../lib/shells';

const repo = { workspace: 'acme', repo: 'web-app' };
const base: FixOptions = {
  repo,
  kind: 'api-token-username',
  username: 'alice',
  shell: 'bash',
  helper: 'any',
};
const step = (options: Partial<FixOptions>, id: string) =>
  buildFixPlan({ ...base, ...options }).steps.find((s) => s.id === id)?.command;
const UNPIN = 'git config --global --unset-all credential.https://bitbucket.org.username';
const REJECT = "printf 'protocol=https\\nhost=bitbucket.org\\n\\n' | git credential reject";

describe('remote URLs (docs/evidence/git-credentials.md#urls)', () => {
  it.each([
    ['api-token-username', 'alice', 'https://alice@bitbucket.org/acme/web-app.git'],
    ['api-token-static', undefined, 'https://x-bitbucket-api-token-auth@bitbucket.org/acme/web-app.git'],
    ['access-token', undefined, 'https://x-token-auth@bitbucket.org/acme/web-app.git'],
    ['ssh', undefined, 'git@bitbucket.org:acme/web-app.git'],
  ] as const)('%s → %s', (kind, username, url) => {
    expect(remoteUrlFor(repo, kind, username)).toBe(url);
    expect(buildFixPlan({ ...base, kind, username }).remoteUrl).toBe(url);
  });
});

describe('step order and content', () => {
  it('HTTPS: set-url, erase, verify; the script carries them all in order', () => {
    const plan = buildFixPlan(base);
    expect(plan.steps.map((s) => s.id)).toEqual(['set-url', 'erase', 'verify']);
    expect(plan.script).toBe(
      [
        '# 1. Point origin at the HTTPS URL',
        'git remote set-url origin https://alice@bitbucket.org/acme/web-app.git',
        '',
        '# 2. Forget every stored bitbucket.org credential',
        UNPIN,
        "for i in 1 2 3; do printf 'protocol=https\\nhost=bitbucket.org\\n\\n' | git credential reject; done",
        '',
        '# 3. Check that it works',
        'git ls-remote --heads origin',
      ].join('\n'),
    );
    for (const s of plan.steps) expect(s.why.length).toBeGreaterThan(20);
  });

  it('GCM: basic mode, then unpin, erase every account (three times), pin the username again', () => {
    const plan = buildFixPlan({ ...base, helper: 'gcm-linux' });
    expect(plan.steps.map((s) => s.id)).toEqual(['set-url', 'gcm-config', 'erase', 'erase-native', 'verify']);
    expect(step({ helper: 'gcm-linux' }, 'gcm-config')).toBe(
      'git config --global credential.bitbucketAuthModes basic',
    );
    // While the username is pinned, git adds it to the erase: only that account would go.
    expect(step({ helper: 'gcm-linux' }, 'erase')).toBe(
      [
        UNPIN,
        `for i in 1 2 3; do ${REJECT}; done`,
        'git config --global credential.https://bitbucket.org.username alice',
      ].join('\n'),
    );
    expect(plan.steps.find((s) => s.id === 'erase')?.why).toMatch(/unpinned first, pinned again after/);
  });

  it('every plan that erases every account unpins first; only GCM plans with one username pin again', () => {
    for (const kind of CREDENTIAL_KINDS)
      for (const shell of SHELLS)
        for (const helper of HELPERS)
          for (const perWorkspaceUsername of [false, true]) {
            const plan = buildFixPlan({ ...base, kind, shell, helper, perWorkspaceUsername });
            const erase = plan.steps.find((s) => s.id === 'erase')?.command.split('\n') ?? [];
            const where = `${kind} ${shell} ${helper} ${perWorkspaceUsername}`;
            if (kind === 'ssh' || plan.problems.some((p) => p.field === 'helper')) {
              expect(erase, where).toEqual([]);
              continue;
            }
            expect(erase[0], where).toMatch(
              /^git config --global --unset-all ['"]?credential\.https:\/\/bitbucket\.org\.username['"]?$/,
            );
            const pins = helper.startsWith('gcm-') && !perWorkspaceUsername;
            expect(erase.at(-1)?.startsWith('git config --global '), where).toBe(pins);
            // Nothing else pins the host-wide username, before or after.
            const all = plan.steps.map((s) => s.command).join('\n');
            expect(
              all.match(/git config --global ['"]?credential\.https:\/\/bitbucket\.org\.username['"]? /g) ??
                [],
              where,
            ).toHaveLength(pins ? 1 : 0);
          }
    // An erase that names the user needs no unpin: git lets the named user win.
    expect(step({ helper: 'gcm-linux', eraseScope: 'user' }, 'erase')).toBe(
      "printf 'protocol=https\\nhost=bitbucket.org\\nusername=%s\\n\\n' alice | git credential reject",
    );
  });

  it('SSH: set-url to the SSH form, no erase, verify with ssh -T; optional key and host-key steps', () => {
    expect(buildFixPlan({ ...base, kind: 'ssh' }).steps.map((s) => s.id)).toEqual(['set-url', 'verify']);
    const full = buildFixPlan({ ...base, kind: 'ssh', ssh: { addKey: true, refreshHostKey: true } });
    expect(full.steps.map((s) => s.id)).toEqual(['set-url', 'known-hosts', 'add-key', 'verify']);
    expect(step({ kind: 'ssh' }, 'set-url')).toBe(
      'git remote set-url origin git@bitbucket.org:acme/web-app.git',
    );
    expect(step({ kind: 'ssh' }, 'verify')).toBe('ssh -T git@bitbucket.org');
    expect(full.steps.find((s) => s.id === 'known-hosts')?.command).toBe(
      'ssh-keygen -R bitbucket.org\ncurl -fsS https://bitbucket.org/site/ssh >> ~/.ssh/known_hosts',
    );
  });

  it('several accounts: the username is pinned to the workspace and left out of the URL', () => {
    const plan = buildFixPlan({ ...base, perWorkspaceUsername: true });
    expect(plan.steps.map((s) => s.id)).toEqual(['set-url', 'username-config', 'erase', 'verify']);
    expect(plan.remoteUrl).toBe('https://bitbucket.org/acme/web-app.git');
    expect(step({ perWorkspaceUsername: true }, 'username-config')).toBe(
      'git config --global credential.https://bitbucket.org/acme.username alice',
    );
    // With GCM the workspace key replaces the global one.
    expect(step({ perWorkspaceUsername: true, helper: 'gcm-macos' }, 'gcm-config')).toBe(
      'git config --global credential.bitbucketAuthModes basic',
    );
  });

  it('helpers that erase every match get one call; the others (and "any") get three', () => {
    const reject = (options: Partial<FixOptions>) => step(options, 'erase')?.split('\n')[1];
    for (const helper of ['store', 'libsecret', 'wincred'] as const) expect(reject({ helper })).toBe(REJECT);
    for (const helper of ['any', 'cache', 'osxkeychain', 'gcm-windows'] as const)
      expect(reject({ helper })).toBe(`for i in 1 2 3; do ${REJECT}; done`);
    expect(reject({ helper: 'cache', shell: 'fish' })).toBe(`for i in 1 2 3; ${REJECT}; end`);
  });

  it('narrowing the erase to one user passes the username as printf data, not as format', () => {
    expect(step({ eraseScope: 'user' }, 'erase')).toBe(
      "printf 'protocol=https\\nhost=bitbucket.org\\nusername=%s\\n\\n' alice | git credential reject",
    );
    expect(step({ eraseScope: 'user', kind: 'access-token' }, 'erase')).toBe(
      "printf 'protocol=https\\nhost=bitbucket.org\\nusername=%s\\n\\n' x-token-auth | git credential reject",
    );
  });

  it('a custom remote name is used by set-url and verify', () => {
    const plan = buildFixPlan({ ...base, remote: 'upstream' });
    expect(plan.steps[0]?.command).toBe(
      'git remote set-url upstream https://alice@bitbucket.org/acme/web-app.git',
    );
    expect(plan.steps.at(-1)?.command).toBe('git ls-remote --heads upstream');
  });
});

describe('PowerShell and cmd.exe text (golden rules of docs/evidence/git-credentials.md#erase and #quoting: these shells cannot run here)', () => {
  it.each<[Shell, CredentialHelper, string, string]>([
    [
      'powershell',
      'any',
      'set-url',
      "git remote set-url 'origin' 'https://alice@bitbucket.org/acme/web-app.git'",
    ],
    [
      'powershell',
      'wincred',
      'erase',
      [
        "git config --global --unset-all 'credential.https://bitbucket.org.username'",
        '"protocol=https`nhost=bitbucket.org`n" | git credential reject',
      ].join('\n'),
    ],
    [
      'powershell',
      'gcm-windows',
      'erase',
      [
        "git config --global --unset-all 'credential.https://bitbucket.org.username'",
        '1..3 | ForEach-Object { "protocol=https`nhost=bitbucket.org`n" | git credential reject }',
        "git config --global 'credential.https://bitbucket.org.username' 'alice'",
      ].join('\n'),
    ],
    [
      'powershell',
      'gcm-windows',
      'gcm-config',
      "git config --global 'credential.bitbucketAuthModes' 'basic'",
    ],
    ['powershell', 'gcm-windows', 'erase-native', 'cmdkey /list\ncmdkey /delete:git:https://bitbucket.org'],
    ['powershell', 'any', 'verify', "git ls-remote --heads 'origin'"],
    ['cmd', 'any', 'set-url', 'git remote set-url "origin" "https://alice@bitbucket.org/acme/web-app.git"'],
    [
      'cmd',
      'wincred',
      'erase',
      [
        'git config --global --unset-all "credential.https://bitbucket.org.username"',
        '(echo protocol=https& echo host=bitbucket.org& echo.)>"%TEMP%\\bbah-credential.txt"',
        'git credential reject < "%TEMP%\\bbah-credential.txt"',
        'del "%TEMP%\\bbah-credential.txt"',
      ].join('\n'),
    ],
    [
      'cmd',
      'gcm-windows',
      'erase',
      [
        'git config --global --unset-all "credential.https://bitbucket.org.username"',
        '(echo protocol=https& echo host=bitbucket.org& echo.)>"%TEMP%\\bbah-credential.txt"',
        'for /L %i in (1,1,3) do git credential reject < "%TEMP%\\bbah-credential.txt"',
        'del "%TEMP%\\bbah-credential.txt"',
        'git config --global "credential.https://bitbucket.org.username" "alice"',
      ].join('\n'),
    ],
    ['cmd', 'any', 'verify', 'git ls-remote --heads "origin"'],
  ])('%s / %s / %s', (shell, helper, id, expected) => {
    expect(step({ shell, helper }, id)).toBe(expected);
  });

  it('cmd: no space before & (a trailing space silently matches nothing), and the blank line is there', () => {
    const erase = step({ shell: 'cmd', eraseScope: 'user' }, 'erase') ?? '';
    expect(erase.split('\n')[0]).toBe(
      '(echo protocol=https& echo host=bitbucket.org& echo username=alice& echo.)>"%TEMP%\\bbah-credential.txt"',
    );
    expect(erase).not.toMatch(/ &/);
  });

  it('PowerShell: narrowed erase and a REM-free script with # comments', () => {
    expect(step({ shell: 'powershell', eraseScope: 'user' }, 'erase')).toBe(
      '"protocol=https`nhost=bitbucket.org`nusername=alice`n" | git credential reject',
    );
    const script = buildFixPlan({ ...base, shell: 'powershell' }).script ?? '';
    expect(script.split('\n').filter((l) => l.startsWith('#'))).toHaveLength(3);
    expect(buildFixPlan({ ...base, shell: 'cmd' }).script?.split('\n')[0]).toBe(
      'REM 1. Point origin at the HTTPS URL',
    );
  });

  it('PowerShell writes known_hosts in ASCII, never with >> (UTF-16 in Windows PowerShell)', () => {
    const cmd =
      step({ shell: 'powershell', kind: 'ssh', ssh: { refreshHostKey: true } }, 'known-hosts') ?? '';
    expect(cmd).toContain('Add-Content -Encoding ascii');
    expect(cmd).not.toContain('>>');
  });

  it('Git Bash: cmdkey arguments are protected from MSYS path conversion', () => {
    expect(step({ shell: 'bash', helper: 'gcm-windows', eraseScope: 'user' }, 'erase-native')).toBe(
      'MSYS_NO_PATHCONV=1 cmdkey /delete:git:https://alice@bitbucket.org',
    );
  });
});

describe('refused input: a clear message, never a wrong command', () => {
  it.each(['50%', 'a"b', 'a^b', 'a&b', 'a|b', 'a<b', 'a>b', 'a\nb'])(
    'quoting %j for cmd.exe throws instead of returning a command that would run something else',
    (value) => {
      expect(() => quote(value, 'cmd')).toThrow(/cmd\.exe cannot carry/);
      expect(quote(value, 'powershell')).toMatch(/^'.*'$/s);
    },
  );

  it.each([
    ['an e-mail as username', { username: 'alice@corp.com' }, 'username', /e-mail/],
    ['spaces in the username', { username: 'alice smith' }, 'username', /letters, digits/],
    ['a leading dash', { username: '-alice' }, 'username', /does not start/],
    ['x-token-auth typed as username', { username: 'x-token-auth' }, 'username', /Access token/],
    ['a hostile remote', { remote: 'origin;rm -rf ~' }, 'remote', /remote name/],
    ['a remote starting with -', { remote: '-v' }, 'remote', /remote name/],
    ['a remote with ..', { remote: 'a..b' }, 'remote', /remote name/],
    ['a remote ending .lock', { remote: 'x.lock' }, 'remote', /remote name/],
    ['a hostile repo', { repo: { workspace: 'acme', repo: '$(id)' } }, 'repository', /not a Bitbucket name/],
    [
      'percent for cmd',
      { repo: { workspace: 'acme', repo: 'a%PATH%' }, shell: 'cmd' },
      'repository',
      /PowerShell/,
    ],
  ] as const)('%s', (_, options, field, message) => {
    const plan = buildFixPlan({ ...base, ...(options as Partial<FixOptions>) });
    const problem = plan.problems.find((p) => p.field === field);
    expect(problem?.severity).toBe('invalid');
    expect(problem?.message).toMatch(message);
    expect(plan.script).toBeUndefined();
    expect(plan.steps.find((s) => s.id === 'set-url')).toBeUndefined();
  });

  it('a Unix-only helper with cmd.exe: refused, no erase step, the set-url step still stands', () => {
    const plan = buildFixPlan({ ...base, shell: 'cmd', helper: 'osxkeychain' });
    expect(plan.problems).toEqual([expect.objectContaining({ field: 'helper', severity: 'invalid' })]);
    expect(plan.problems[0]?.message).toMatch(/Windows/);
    expect(plan.steps.map((s) => s.id)).toEqual(['set-url', 'verify']);
    expect(plan.script).toBeUndefined();
  });

  it('without a username the username-based steps are missing, the universal erase is still offered', () => {
    const plan = buildFixPlan({ ...base, username: '' });
    expect(plan.problems).toEqual([expect.objectContaining({ field: 'username', severity: 'missing' })]);
    expect(plan.steps.map((s) => s.id)).toEqual(['erase', 'verify']);
    expect(plan.script).toBeUndefined();
  });

  it('the static-name, access-token and SSH kinds need no username', () => {
    for (const kind of ['api-token-static', 'access-token', 'ssh'] as const) {
      const plan = buildFixPlan({ ...base, kind, username: undefined });
      expect(plan.problems).toEqual([]);
      expect(plan.script).toBeDefined();
    }
  });

  it('never a placeholder in any command, for every kind, shell and helper', () => {
    for (const kind of CREDENTIAL_KINDS)
      for (const shell of SHELLS)
        for (const helper of HELPERS)
          for (const eraseScope of ['all', 'user'] as const) {
            const plan = buildFixPlan({ ...base, kind, shell, helper, eraseScope });
            for (const s of plan.steps)
              expect(s.command).not.toMatch(/<[A-Za-z_ -]+>|USERNAME|YOUR_|\{\w+\}/);
          }
  });
});

describe('CI: the token comes from an environment variable, never a value', () => {
  it('bash form', () => {
    const ci = buildCiCommands({ repo, kind: 'access-token', variable: 'BITBUCKET_TOKEN', shell: 'bash' });
    expect(ci.clone).toBe(
      "git -c 'credential.helper=' -c 'credential.helper=!f() { test $1 = get && echo username=x-token-auth && echo password=$BITBUCKET_TOKEN; }; f' clone https://bitbucket.org/acme/web-app.git",
    );
    expect(ci.fetch).toMatch(/ fetch origin$/);
  });

  it('cmd form uses double quotes and no nested quote', () => {
    const ci = buildCiCommands({ repo, kind: 'api-token-static', variable: 'BB_TOKEN', shell: 'cmd' });
    expect(ci.clone).toBe(
      'git -c "credential.helper=" -c "credential.helper=!f() { test $1 = get && echo username=x-bitbucket-api-token-auth && echo password=$BB_TOKEN; }; f" clone "https://bitbucket.org/acme/web-app.git"',
    );
  });

  it.each(['1TOKEN', 'MY-TOKEN', 'X;rm', ''])('refuses the variable name %j', (variable) => {
    const ci = buildCiCommands({ repo, kind: 'access-token', variable, shell: 'bash' });
    expect(ci.clone).toBeUndefined();
    expect(ci.problems[0]?.field).toBe('variable');
  });

  it('refuses an e-mail as the CI username', () => {
    const ci = buildCiCommands({
      repo,
      kind: 'api-token-username',
      username: 'a@b.co',
      variable: 'T',
      shell: 'fish',
    });
    expect(ci.clone).toBeUndefined();
    expect(ci.problems[0]?.message).toMatch(/e-mail/);
  });
});
