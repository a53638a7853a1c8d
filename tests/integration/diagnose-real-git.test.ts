// Real git 2.39 and OpenSSH against the loopback fakes: what they print for each Bitbucket answer
// is the ground truth the diagnoser's rules rest on. DIAGNOSE_CAPTURE=1 also writes each capture
// to tests/fixtures/diagnose-corpus/captured-*.txt (commit the ones worth keeping).
import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CauseKey, diagnose } from '../../lib/diagnose';
import { API_TOKEN, APP_PASSWORD, TOKEN_SHAPE } from '../fixtures/secret-samples';
import {
  bitbucketResponses as answers,
  type FakeBitbucket,
  type FakeRequest,
  type FakeResponse,
  startFakeBitbucket,
} from '../support/fake-bitbucket';
import { type FakeSsh, startFakeSsh } from '../support/fake-ssh';

const CAPTURE = process.env.DIAGNOSE_CAPTURE === '1';
const GIT_VERSION = execFileSync('git', ['--version']).toString().trim();
const CORPUS = join(__dirname, '../fixtures/diagnose-corpus');
const REPO_URL = 'https://bitbucket.org/acme/web-app.git';
const SECRET = APP_PASSWORD;
const HELPER = ['-c', `credential.helper=!f() { echo username=alice; echo password=${SECRET}; }; f`];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, cwd, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** What a user pastes: the command they typed, then what git printed. */
function pasteOf(command: string, r: Run, prompt = '$ '): string {
  return `${prompt}${command}\n${r.stdout}${r.stderr}`;
}

async function capture(
  name: string,
  expected: CauseKey | 'unknown',
  how: string,
  paste: string,
): Promise<void> {
  if (!CAPTURE) return;
  const header = `#! expect: ${expected}\n#! source: captured from ${GIT_VERSION} (${how}), tests/integration/diagnose-real-git.test.ts\n`;
  await writeFile(join(CORPUS, `captured-${name}.txt`), header + paste);
}

let home: string;
const baseEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: home,
  GIT_CONFIG_NOSYSTEM: '1',
  LANGUAGE: 'C',
  LC_ALL: 'C.UTF-8',
  GIT_TERMINAL_PROMPT: '0',
  ...extra,
});

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'diagnose-home-'));
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('real git over HTTPS against the fake bitbucket.org', () => {
  let fb: FakeBitbucket;
  let respond: (req: FakeRequest) => FakeResponse = () => answers.git();
  const gitEnv = (extra: NodeJS.ProcessEnv = {}) => baseEnv({ ...fb.gitEnv, ...extra });
  /** Anonymous requests get 401 (so git asks its helper); authenticated ones get `answer`. */
  const whenAuthenticated = (answer: FakeResponse) => (req: FakeRequest) =>
    req.authorization ? answer : answers.unauthorized();

  beforeAll(async () => {
    fb = await startFakeBitbucket({ repos: ['acme/web-app'], respond: (req) => respond(req) });
  });
  afterAll(async () => {
    await fb.close();
  });

  it('serves a real repository through git http-backend, and records users but no passwords', async () => {
    respond = whenAuthenticated(answers.git());
    const r = await run('git', [...HELPER, 'ls-remote', REPO_URL], gitEnv());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^[0-9a-f]{40}\tHEAD\n[0-9a-f]{40}\trefs\/heads\/main\n$/);
    expect(fb.requests.some((q) => q.username === 'alice')).toBe(true);
    expect(JSON.stringify(fb.requests)).not.toContain(SECRET);
    expect(diagnose(pasteOf(`git ls-remote ${REPO_URL}`, r)).cause).toBe('unknown');
  });

  // Each case: the answer, the exact lines git 2.39.5 prints (Debian: curl 7.88 with gnutls), the cause.
  const cases: { name: string; answer: FakeResponse; lines: string[]; cause: CauseKey }[] = [
    {
      name: 'http-410-app-password',
      answer: answers.appPasswordRemoved(),
      lines: [
        'remote: CHANGE-3222 - Functionality has been deprecated',
        'remote: App passwords are deprecated and must be replaced with API tokens.',
        `fatal: unable to access '${REPO_URL}/': The requested URL returned error: 410`,
      ],
      cause: 'app-password-removed',
    },
    {
      name: 'http-403-scope',
      answer: answers.missingScope(),
      lines: [
        'remote: Your credentials lack one or more required privilege scopes.',
        `fatal: unable to access '${REPO_URL}/': The requested URL returned error: 403`,
      ],
      cause: 'token-missing-scope',
    },
    {
      name: 'http-404',
      answer: answers.notFound(),
      lines: ['remote: Not Found', `fatal: repository '${REPO_URL}/' not found`],
      cause: 'repo-not-found-or-no-access',
    },
    {
      name: 'http-401-plain',
      answer: answers.unauthorized(),
      lines: [`fatal: Authentication failed for '${REPO_URL}/'`],
      cause: 'invalid-credentials',
    },
    {
      name: 'http-401-invalid-credentials',
      answer: answers.unauthorized('Invalid credentials\n'),
      lines: ['remote: Invalid credentials', `fatal: Authentication failed for '${REPO_URL}/'`],
      cause: 'invalid-credentials',
    },
    {
      name: 'http-401-password-removed',
      answer: answers.passwordAuthRemoved(),
      lines: [
        'remote: Bitbucket Cloud recently stopped supporting account passwords for Git authentication.',
        'remote: See our community post for more details: https://atlassian.community/t5/x/x/ba-p/1948231',
        'remote: App passwords are recommended for most use cases and can be created in your Personal settings:',
        'remote: https://bitbucket.org/account/settings/app-passwords/',
        `fatal: Authentication failed for '${REPO_URL}/'`,
      ],
      cause: 'password-auth-removed',
    },
    {
      name: 'http-403-two-step',
      answer: answers.twoStepRequired(),
      lines: [
        'remote: To access this repository, enable two-step authentication.',
        `fatal: unable to access '${REPO_URL}/': The requested URL returned error: 403`,
      ],
      cause: 'two-step-required',
    },
    {
      name: 'http-403-ip-allowlist',
      answer: answers.ipAllowlist(),
      lines: [
        'remote: To access this repository, an admin must whitelist your IP.',
        `fatal: unable to access '${REPO_URL}/': The requested URL returned error: 403`,
      ],
      cause: 'ip-allowlist',
    },
    {
      name: 'http-403-bare',
      answer: { status: 403 },
      lines: [`fatal: unable to access '${REPO_URL}/': The requested URL returned error: 403`],
      cause: 'repo-not-found-or-no-access',
    },
  ];

  it.each(cases)('$name: git prints the body as remote: lines and diagnose() answers $cause', async (c) => {
    respond = whenAuthenticated(c.answer);
    const r = await run('git', [...HELPER, 'ls-remote', REPO_URL], gitEnv());
    expect(r.code).toBe(128);
    expect(r.stderr.trimEnd().split(/\r?\n/)).toEqual(c.lines);
    const paste = pasteOf(`git ls-remote ${REPO_URL}`, r);
    const d = diagnose(paste);
    expect(d.cause).toBe(c.cause);
    expect(d.context.repo).toEqual({ workspace: 'acme', repo: 'web-app' });
    expect(JSON.stringify(d)).not.toContain(SECRET);
    await capture(
      c.name,
      c.cause,
      `fake bitbucket answers ${'status' in c.answer ? c.answer.status : 'git'}`,
      paste,
    );
  });

  const localized: { lang: string; answer: FakeResponse; fatal: string; cause: CauseKey }[] = [
    {
      lang: 'de',
      answer: answers.unauthorized(),
      fatal: `Schwerwiegend: Authentifizierung fehlgeschlagen für '${REPO_URL}/'`,
      cause: 'invalid-credentials',
    },
    {
      lang: 'fr',
      answer: answers.notFound(),
      fatal: `fatal\u00a0: dépôt '${REPO_URL}/' non trouvé`,
      cause: 'repo-not-found-or-no-access',
    },
    {
      lang: 'es',
      answer: answers.missingScope(),
      fatal: `fatal: no es posible acceder a '${REPO_URL}/': The requested URL returned error: 403`,
      cause: 'token-missing-scope',
    },
    {
      lang: 'zh_CN',
      answer: answers.appPasswordRemoved(),
      fatal: `致命错误：无法访问 '${REPO_URL}/'：The requested URL returned error: 410`,
      cause: 'app-password-removed',
    },
    {
      lang: 'es',
      answer: answers.unauthorized(),
      fatal: `fatal: Autenticación falló para '${REPO_URL}/'`,
      cause: 'invalid-credentials',
    },
    {
      lang: 'zh_CN',
      answer: answers.unauthorized(),
      fatal: `致命错误：'${REPO_URL}/' 鉴权失败`,
      cause: 'invalid-credentials',
    },
  ];

  it.each(localized)('LANGUAGE=$lang: git translates its own fatal line ($cause)', async (c) => {
    respond = whenAuthenticated(c.answer);
    const r = await run('git', [...HELPER, 'ls-remote', REPO_URL], gitEnv({ LANGUAGE: c.lang }));
    expect(r.stderr.trimEnd().split(/\r?\n/).at(-1)).toBe(c.fatal);
    const paste = pasteOf(`git ls-remote ${REPO_URL}`, r);
    const d = diagnose(paste);
    expect(d.cause).toBe(c.cause);
    expect(d.context.locale).toBe(c.lang);
    await capture(`${c.lang}-${c.cause}`, c.cause, `LANGUAGE=${c.lang}`, paste);
  });

  it('no credential and prompts disabled: no-tty-prompt (git does not translate this message)', async () => {
    respond = whenAuthenticated(answers.git());
    for (const lang of ['C', 'de']) {
      const r = await run('git', ['ls-remote', REPO_URL], gitEnv({ LANGUAGE: lang }));
      const prefix = lang === 'de' ? 'Schwerwiegend: ' : 'fatal: ';
      expect(r.stderr).toBe(
        `${prefix}could not read Username for 'https://bitbucket.org': terminal prompts disabled\n`,
      );
      expect(diagnose(pasteOf(`git ls-remote ${REPO_URL}`, r)).cause).toBe('no-tty-prompt');
      if (lang === 'C')
        await capture(
          'no-tty-prompt',
          'no-tty-prompt',
          'GIT_TERMINAL_PROMPT=0',
          pasteOf(`git ls-remote ${REPO_URL}`, r),
        );
    }
  });

  it('a helper that is not installed: credential-helper-misconfigured, with no-tty-prompt second', async () => {
    respond = whenAuthenticated(answers.git());
    const r = await run('git', ['-c', 'credential.helper=manager-core', 'ls-remote', REPO_URL], gitEnv());
    expect(r.stderr.split('\n').slice(0, 2)).toEqual([
      "git: 'credential-manager-core' is not a git command. See 'git --help'.",
      "fatal: could not read Username for 'https://bitbucket.org': terminal prompts disabled",
    ]);
    const paste = pasteOf(`git ls-remote ${REPO_URL}`, r);
    const d = diagnose(paste);
    expect(d.cause).toBe('credential-helper-misconfigured');
    expect(d.secondary).toEqual(['no-tty-prompt']);
    await capture('helper-manager-core', d.cause, 'credential.helper=manager-core', paste);
  });

  it('a token in the remote URL and a 401: git hides it in its fatal line; the typed command shows it', async () => {
    respond = whenAuthenticated(answers.unauthorized('Invalid credentials\n'));
    const url = `https://alice:${SECRET}@bitbucket.org/acme/web-app.git`;
    const r = await run('git', ['ls-remote', url], gitEnv());
    expect(r.stderr).not.toContain(SECRET);
    const d = diagnose(pasteOf(`git ls-remote ${url}`, r));
    expect(d.cause).toBe('credential-helper-stale');
    expect(d.context.embeddedSecret).toBe(true);
    expect(JSON.stringify(d)).not.toContain(SECRET);
    expect(d.context.remoteUrl).toBe('https://alice:***@bitbucket.org/acme/web-app.git');
  });

  it('an e-mail as username, typed at the real terminal prompt (pty): wrong-username', async () => {
    // Bitbucket answers 401 to an e-mail as git username (docs/evidence/bitbucket-auth.md#credential-kinds).
    respond = (req) =>
      !req.authorization || req.authorization.username.includes('@') ? answers.unauthorized() : answers.git();
    const env = gitEnv({ TERM: 'dumb' });
    delete env.GIT_TERMINAL_PROMPT;
    // `script` gives git a terminal; answer each prompt when it appears so nothing is echoed early.
    const child = spawn('script', ['-qec', `git ls-remote ${REPO_URL}`, '/dev/null'], { env });
    let out = '';
    const answered = new Set<string>();
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Username for') && !answered.has('u')) {
        answered.add('u');
        child.stdin.write('alice@corp.com\n');
      }
      if (out.includes('Password for') && !answered.has('p')) {
        answered.add('p');
        child.stdin.write(`${SECRET}\n`);
      }
    });
    await new Promise<void>((resolve) => child.on('close', () => resolve()));
    expect(out.split('\r\n')).toEqual([
      "Username for 'https://bitbucket.org': alice@corp.com",
      "Password for 'https://alice%40corp.com@bitbucket.org': ",
      `fatal: Authentication failed for '${REPO_URL}/'`,
      '',
    ]);
    const paste = `$ git ls-remote ${REPO_URL}\r\n${out}`;
    const d = diagnose(paste);
    expect(d.cause).toBe('wrong-username');
    expect(d.context.username).toBe('alice@corp.com');
    expect(JSON.stringify(d)).not.toContain(SECRET);
    await capture(
      'pty-email-username',
      'wrong-username',
      'a pty via script(1), CRLF as the terminal shows it',
      paste,
    );
  });

  it('malformed URLs: a space, an unencoded e-mail with a token, pasted quotes', async () => {
    const spaced = 'https://bitbucket.org/acme/web app.git';
    const r1 = await run('git', ['ls-remote', spaced], gitEnv());
    expect(r1.stderr).toBe(
      `fatal: unable to access '${spaced}/': URL using bad/illegal format or missing URL\n`,
    );
    expect(diagnose(pasteOf(`git ls-remote '${spaced}'`, r1)).cause).toBe('bad-remote-url');
    await capture(
      'bad-url-space',
      'bad-remote-url',
      'a space in the URL',
      pasteOf(`git ls-remote '${spaced}'`, r1),
    );

    const email = `https://alice@corp.com:${API_TOKEN}@bitbucket.org/acme/web-app.git`;
    const r2 = await run('git', ['ls-remote', email], gitEnv());
    // git's "anonymised" URL still carries the token here: the masking must catch it.
    expect(r2.stderr).toBe(
      `fatal: unable to access 'https://corp.com:${API_TOKEN}@bitbucket.org/acme/web-app.git/': URL using bad/illegal format or missing URL\n`,
    );
    const d2 = diagnose(pasteOf(`git clone ${email}`, r2));
    expect(d2.cause).toBe('bad-remote-url');
    expect(d2.secondary).toEqual(expect.arrayContaining(['wrong-username', 'credential-helper-stale']));
    expect(JSON.stringify(d2)).not.toMatch(TOKEN_SHAPE);
    expect(JSON.stringify(d2)).not.toContain(API_TOKEN.slice(12, 40));

    const r3 = await run('git', ['ls-remote', `"${REPO_URL}"`], gitEnv());
    expect(r3.stderr).toBe(`fatal: protocol '"https' is not supported\n`);
    expect(diagnose(pasteOf(`git ls-remote "${REPO_URL}"`, r3, 'C:\\Users\\ana>')).cause).toBe(
      'bad-remote-url',
    );
  });

  it('network and TLS: a proxy that wants 407, an unresolvable proxy, an unknown CA', async () => {
    const fb407 = await startFakeBitbucket({ proxyStatus: 407 });
    try {
      const r = await run('git', ['ls-remote', REPO_URL], baseEnv(fb407.gitEnv));
      expect(r.stderr).toBe(`fatal: unable to access '${REPO_URL}/': CONNECT tunnel failed, response 407\n`);
      expect(diagnose(pasteOf(`git ls-remote ${REPO_URL}`, r)).cause).toBe('network-or-proxy');
      await capture(
        'proxy-407',
        'network-or-proxy',
        'a proxy answering 407',
        pasteOf(`git ls-remote ${REPO_URL}`, r),
      );
    } finally {
      await fb407.close();
    }
    const r2 = await run(
      'git',
      ['-c', 'http.proxy=http://proxy.invalid:3128', 'ls-remote', REPO_URL],
      gitEnv(),
    );
    expect(r2.stderr).toBe(
      `fatal: unable to access '${REPO_URL}/': Could not resolve proxy: proxy.invalid\n`,
    );
    expect(diagnose(pasteOf(`git ls-remote ${REPO_URL}`, r2)).cause).toBe('network-or-proxy');

    // The proxy but not our CA: what a TLS-intercepting company proxy looks like to git.
    const noCa = baseEnv({
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.proxy',
      GIT_CONFIG_VALUE_0: fb.proxyUrl,
    });
    const r3 = await run('git', ['ls-remote', REPO_URL], noCa);
    expect(r3.stderr).toMatch(
      /^fatal: unable to access 'https:\/\/bitbucket\.org\/acme\/web-app\.git\/': server certificate verification failed\. CAfile: \S+ CRLfile: none\n$/,
    );
    expect(diagnose(pasteOf(`git ls-remote ${REPO_URL}`, r3)).cause).toBe('tls-certificate');
    await capture(
      'tls-unknown-ca',
      'tls-certificate',
      'a CA git does not know',
      pasteOf(`git ls-remote ${REPO_URL}`, r3),
    );
  });

  it('not a repository, no such remote, and a remote name git cannot find', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'diagnose-norepo-'));
    try {
      const r1 = await run('git', ['fetch'], baseEnv(), dir);
      expect(r1.stderr).toBe('fatal: not a git repository (or any of the parent directories): .git\n');
      expect(diagnose(pasteOf('git fetch', r1)).cause).toBe('not-a-repo-or-no-remote');
      await run('git', ['init', '-q'], baseEnv(), dir);
      const r2 = await run('git', ['remote', 'set-url', 'origin', REPO_URL], baseEnv(), dir);
      expect(r2.stderr).toBe("error: No such remote 'origin'\n");
      expect(diagnose(pasteOf(`git remote set-url origin ${REPO_URL}`, r2)).cause).toBe(
        'not-a-repo-or-no-remote',
      );
      const r3 = await run('git', ['fetch', 'origin'], baseEnv({ LANGUAGE: 'fr' }), dir);
      expect(r3.stderr.split('\n')[0]).toBe("fatal\u00a0: 'origin' does not appear to be a git repository");
      const d3 = diagnose(pasteOf('git fetch origin', r3));
      expect(d3.cause).toBe('not-a-repo-or-no-remote');
      expect(d3.context.locale).toBe('fr');
      await capture(
        'fr-no-remote',
        'not-a-repo-or-no-remote',
        'LANGUAGE=fr, no origin',
        pasteOf('git fetch origin', r3),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a push over the size limit (receive.maxInputSize): repo-size-limit', async () => {
    respond = whenAuthenticated(answers.git());
    const work = join(home, 'push-work');
    expect((await run('git', [...HELPER, 'clone', '-q', REPO_URL, work], gitEnv())).code).toBe(0);
    await run(
      'git',
      ['-C', join(fb.repoRoot, 'acme/web-app.git'), 'config', 'receive.maxInputSize', '64'],
      baseEnv(),
    );
    await writeFile(join(work, 'big.bin'), `${'x'.repeat(4096)}${Math.random()}`);
    await run('git', ['-C', work, 'add', '.'], baseEnv());
    await run(
      'git',
      ['-C', work, '-c', 'user.name=A', '-c', 'user.email=a@example.invalid', 'commit', '-qm', 'big'],
      baseEnv(),
    );
    const r = await run('git', [...HELPER, '-C', work, 'push', 'origin', 'main'], gitEnv());
    await run(
      'git',
      ['-C', join(fb.repoRoot, 'acme/web-app.git'), 'config', '--unset', 'receive.maxInputSize'],
      baseEnv(),
    );
    expect(r.stderr).toMatch(/^remote: fatal: pack exceeds maximum allowed size {0,16}$/m);
    const d = diagnose(pasteOf('git push origin main', r));
    expect(d.cause).toBe('repo-size-limit');
    expect(d.preset).toBeUndefined();
    await capture(
      'push-size-limit',
      'repo-size-limit',
      'receive.maxInputSize=64',
      pasteOf('git push origin main', r),
    );
  });

  it('git erases a stored credential on 401 only: on 410 it is replayed (docs/evidence/bitbucket-auth.md#timeline)', async () => {
    const store = join(home, 'git-credentials');
    const storeEnv = gitEnv();
    const withStore = ['-c', `credential.helper=store --file=${store}`];
    for (const [answer, kept] of [
      [answers.appPasswordRemoved(), true],
      [answers.missingScope(), true],
      [answers.unauthorized(), false],
    ] as const) {
      await writeFile(store, `https://alice:${SECRET}@bitbucket.org\n`);
      respond = whenAuthenticated(answer);
      await run('git', [...withStore, 'ls-remote', REPO_URL], storeEnv);
      expect((await readFile(store, 'utf8')).includes(SECRET)).toBe(kept);
    }
  });
});

describe('real ssh and git against the fake sshd', () => {
  let sshd: FakeSsh;
  const sshEnv = (opts: Parameters<FakeSsh['sshCommand']>[0] = {}, extra: NodeJS.ProcessEnv = {}) =>
    baseEnv({ GIT_SSH_COMMAND: sshd.sshCommand(opts), ...extra });
  const readFailure = [
    'fatal: Could not read from remote repository.',
    '',
    'Please make sure you have the correct access rights',
    'and the repository exists.',
  ];

  beforeAll(async () => {
    sshd = await startFakeSsh({ repos: ['acme/web-app'] });
  });
  afterAll(async () => {
    await sshd.close();
  });

  it('a known key lists the refs; ssh -T gets the greeting', async () => {
    await sshd.setAnswer('git');
    const r = await run('git', ['ls-remote', `${sshd.loginUser}@bitbucket.org:acme/web-app.git`], sshEnv());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('refs/heads/main');
    const t = await run(
      'ssh',
      [
        '-F',
        sshd.configFile,
        '-o',
        `IdentityFile=${sshd.identityFile}`,
        '-o',
        `UserKnownHostsFile=${sshd.knownHostsFile}`,
        '-T',
        `${sshd.loginUser}@bitbucket.org`,
      ],
      baseEnv(),
    );
    expect(t.stdout).toContain('authenticated via ssh key.');
    expect(diagnose(pasteOf('ssh -T git@bitbucket.org', t)).cause).toBe('unknown');
  });

  it('a key Bitbucket does not know: ssh-publickey', async () => {
    const url = 'git@bitbucket.org:acme/web-app.git';
    const r = await run('git', ['clone', url, join(home, 'never')], sshEnv({ identity: 'stranger' }));
    expect(r.stderr.trimEnd().split(/\r?\n/)).toEqual([
      `Cloning into '${join(home, 'never')}'...`,
      'git@bitbucket.org: Permission denied (publickey).',
      ...readFailure,
    ]);
    const paste = pasteOf(`git clone ${url}`, r);
    const d = diagnose(paste);
    expect(d.cause).toBe('ssh-publickey');
    expect(d.context.protocol).toBe('ssh');
    await capture('ssh-publickey', 'ssh-publickey', 'OpenSSH 9.2, key not in authorized_keys', paste);
    const de = await run('git', ['ls-remote', url], sshEnv({ identity: 'stranger' }, { LANGUAGE: 'de' }));
    expect(de.stderr.split('\n')[1]).toBe('Schwerwiegend: Konnte nicht vom Remote-Repository lesen.');
    expect(diagnose(pasteOf(`git ls-remote ${url}`, de)).context.locale).toBe('de');
  });

  it('no host key known, and a changed host key: ssh-host-key', async () => {
    const url = 'git@bitbucket.org:acme/web-app.git';
    const unknown = await run('git', ['ls-remote', url], sshEnv({ knownHosts: 'empty' }));
    expect(unknown.stderr.trimEnd().split(/\r?\n/)).toEqual([
      'No ED25519 host key is known for bitbucket.org and you have requested strict checking.',
      'Host key verification failed.',
      ...readFailure,
    ]);
    expect(diagnose(pasteOf(`git ls-remote ${url}`, unknown)).cause).toBe('ssh-host-key');
    const changed = await run('git', ['ls-remote', url], sshEnv({ knownHosts: 'changed' }));
    expect(changed.stderr).toContain('@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @');
    expect(changed.stderr).toContain(
      'Host key for bitbucket.org has changed and you have requested strict checking.',
    );
    const paste = pasteOf(`git ls-remote ${url}`, changed);
    expect(diagnose(paste).cause).toBe('ssh-host-key');
    await capture(
      'ssh-host-key-changed',
      'ssh-host-key',
      'OpenSSH 9.2, known_hosts holds another key',
      paste,
    );
  });

  it('conq answers: repository does not exist; deploy key is read-only on push', async () => {
    const url = `${sshd.loginUser}@bitbucket.org:acme/nope.git`;
    await sshd.setAnswer('repo-not-found');
    const r = await run('git', ['ls-remote', url], sshEnv());
    expect(r.stderr.trimEnd().split(/\r?\n/)).toEqual(['conq: repository does not exist.', ...readFailure]);
    const paste = pasteOf('git ls-remote git@bitbucket.org:acme/nope.git', r);
    expect(diagnose(paste).cause).toBe('repo-not-found-or-no-access');
    await capture('ssh-conq-not-found', 'repo-not-found-or-no-access', 'fake sshd forced command', paste);

    await sshd.setAnswer('deploy-key-readonly');
    const work = join(home, 'ssh-work');
    const sshUrl = `${sshd.loginUser}@bitbucket.org:acme/web-app.git`;
    expect((await run('git', ['clone', '-q', sshUrl, work], sshEnv())).code).toBe(0);
    await run(
      'git',
      [
        '-C',
        work,
        '-c',
        'user.name=A',
        '-c',
        'user.email=a@example.invalid',
        'commit',
        '-q',
        '--allow-empty',
        '-m',
        'x',
      ],
      baseEnv(),
    );
    const push = await run('git', ['-C', work, 'push', 'origin', 'main'], sshEnv());
    expect(push.stderr.trimEnd().split(/\r?\n/)).toEqual([
      'conq: repository access denied. access via a deployment key is read-only.',
      ...readFailure,
    ]);
    const pushPaste = pasteOf('git push origin main', push);
    expect(diagnose(pushPaste).cause).toBe('ssh-deploy-key-readonly');
    await capture(
      'ssh-deploy-key-push',
      'ssh-deploy-key-readonly',
      'fake sshd forced command, push',
      pushPaste,
    );
  });
});
