// Every URL form git accepts for bitbucket.org, read by real git: what git itself parses an SSH
// form into (`git fetch-pack --diag-url`), and which repository the loopback bitbucket.org and sshd
// actually serve it (two repositories with different commits), must be the repository
// parseRepoInput names; forms it refuses, git reads as something else. docs/evidence/git-credentials.md#urls.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRepo, parseRepoInput } from '../../lib/repo-context';
import { type FakeBitbucket, startFakeBitbucket } from '../support/fake-bitbucket';
import { type FakeSsh, startFakeSsh } from '../support/fake-ssh';

const REPOS = ['acme/web-app', 'acme/api'];
const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: mkdtempSync(join(tmpdir(), 'url-forms-home-')),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_TERMINAL_PROMPT: '0',
  LANGUAGE: 'C',
  LC_ALL: 'C.UTF-8',
  ...extra,
});

function git(args: string[], e: NodeJS.ProcessEnv, cwd?: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile('git', args, { env: e, cwd, timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

/** git's own reading of an SSH or scp-like URL: host and path, or `file` for a local path. */
function diagUrl(url: string, cwd: string): { protocol: string; host?: string; path?: string } {
  const out = execFileSync('git', ['fetch-pack', '--diag-url', url], { cwd, env: env(), encoding: 'utf8' });
  const field = (name: string) => new RegExp(`^Diag: ${name}=(.*)$`, 'm').exec(out)?.[1];
  const userAndHost = field('userandhost') ?? field('hostandport') ?? '';
  return { protocol: field('protocol') ?? '', host: userAndHost.replace(/^.*@/, ''), path: field('path') };
}

/** The repository a path names, as Bitbucket reads it: `ws/repo`, `.git` and slashes aside. */
const repoOfPath = (path = '') =>
  path
    .split('/')
    .filter(Boolean)
    .join('/')
    .replace(/\.git$/, '');

describe('SSH and scp-like forms: git reads the same host and repository', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'url-forms-'));
  beforeAll(() => {
    execFileSync('git', ['init', '-q'], { cwd, env: env() });
  });

  it.each([
    'ssh://git@bitbucket.org/acme/web-app.git',
    'ssh://git@bitbucket.org:22/acme/web-app.git/',
    'ssh://bitbucket.org:/acme/web-app.git',
    'git+ssh://git@bitbucket.org/acme/web-app.git',
    'ssh+git://git@bitbucket.org/acme/web-app.git',
    'git@bitbucket.org:acme/web-app.git',
    'git@bitbucket.org:/acme/web-app.git',
    'bitbucket.org:acme/web-app.git',
    'bitbucket.org:/acme/web-app.git/',
    '[git@bitbucket.org:22]:acme/web-app.git',
    'git@altssh.bitbucket.org:acme/web-app.git',
  ])('%s', (url) => {
    const seen = diagUrl(url, cwd);
    expect(seen.protocol).toBe('ssh');
    expect(seen.host).toMatch(/^(?:altssh\.)?bitbucket\.org$/);
    const parsed = parseRepoInput(url);
    expect(parsed.ok && formatRepo(parsed.value.repo)).toBe(repoOfPath(seen.path));
    expect(parsed.ok && parsed.value.protocol).toBe('ssh');
  });

  it.each([
    // git asks a server for a home directory, or for another host, or reads a local path.
    ['ssh://git@bitbucket.org/~acme/web-app.git', 'home-path'],
    ['git@bitbucket.org:~acme/web-app.git', 'home-path'],
    ['ssh://git@bitbucket.org:acme/web-app.git', 'unrecognised'],
    ['./bitbucket.org:acme/web-app.git', 'unrecognised'],
  ])('%s: refused (%s), and git reads no bitbucket.org repository there', (url, reason) => {
    const seen = diagUrl(url, cwd);
    const reachesRepo = seen.protocol === 'ssh' && seen.host === 'bitbucket.org' && !seen.path?.includes('~');
    expect(reachesRepo).toBe(false);
    expect(parseRepoInput(url)).toEqual({ ok: false, reason });
  });
});

describe('what the loopback bitbucket.org and sshd serve for each form', () => {
  let fb: FakeBitbucket;
  let sshd: FakeSsh;
  const heads = new Map<string, string>();

  beforeAll(async () => {
    fb = await startFakeBitbucket({ repos: REPOS, respond: () => ({ kind: 'git' }) });
    sshd = await startFakeSsh({ repos: REPOS });
    for (const repo of REPOS) {
      const r = await git(['ls-remote', `https://bitbucket.org/${repo}.git`, 'HEAD'], env(fb.gitEnv));
      heads.set(r.out.split('\t')[0] ?? '', repo);
    }
    expect(heads.size).toBe(2);
  });
  afterAll(async () => {
    await fb?.close();
    await sshd?.close();
  });

  const served = async (url: string, e: NodeJS.ProcessEnv) => {
    const r = await git(['ls-remote', url, 'HEAD'], e);
    expect(r.code, r.out).toBe(0);
    return heads.get(r.out.split('\t')[0] ?? '');
  };

  it.each([
    'https://bitbucket.org/acme/api.git',
    'https://bitbucket.org:443/acme/api.git/',
    'https://www.bitbucket.org/acme/api',
    'https::https://bitbucket.org/acme/api.git',
    'http::https://bitbucket.org/acme/api.git',
  ])('%s', async (url) => {
    const parsed = parseRepoInput(url);
    expect(parsed.ok && formatRepo(parsed.value.repo)).toBe(await served(url, env(fb.gitEnv)));
  });

  // The fake sshd logs in as the current user (see fake-ssh.ts), so that name stands for `git`.
  it.each([
    'ssh://USER@bitbucket.org/acme/api.git',
    'git+ssh://USER@bitbucket.org/acme/api.git',
    'ssh+git://USER@bitbucket.org:22/acme/api.git/',
    'USER@bitbucket.org:acme/api.git',
    'USER@bitbucket.org:/acme/api.git',
    'bitbucket.org:acme/api.git',
    '[USER@bitbucket.org:22]:acme/api.git',
  ])('%s', async (form) => {
    const url = form.replace('USER', sshd.loginUser);
    const parsed = parseRepoInput(url);
    const e = env({ GIT_SSH_COMMAND: sshd.sshCommand() });
    expect(parsed.ok && formatRepo(parsed.value.repo)).toBe(await served(url, e));
  });
});
