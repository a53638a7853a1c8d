// The whole fix against a loopback bitbucket.org: a stale app password is replayed (HTTP 410)
// until the generated script erases it; its verify step then reaches git's prompt, and the new
// token works. The CI form clones with a token from the environment that lands nowhere on disk.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCiCommands } from '../../lib/ci-commands';
import { buildFixPlan } from '../../lib/fix-plan';
import { bitbucketResponses, type FakeBitbucket, startFakeBitbucket } from '../support/fake-bitbucket';
import { homeEnv, makeHome, REAL_SHELLS, runPasted } from '../support/shells';

const STALE = 'stale-app-password';
const NEW_TOKEN = 'new-api-token-value';
let fake: FakeBitbucket;
let staleReplays = 0;

beforeAll(async () => {
  fake = await startFakeBitbucket({
    repos: ['acme/web-app'],
    respond: (req) => {
      if (!req.authorization) return bitbucketResponses.unauthorized();
      if (req.authorization.password === STALE) {
        staleReplays++;
        return bitbucketResponses.appPasswordRemoved();
      }
      const { username, password } = req.authorization;
      const ok = password === NEW_TOKEN && (username === 'alice' || username === 'x-token-auth');
      return ok ? { kind: 'git' } : bitbucketResponses.unauthorized();
    },
  });
});
afterAll(async () => fake?.close());

// Asynchronous on purpose: the fake server lives in this process, so a synchronous git would
// block the very event loop that has to answer it.
function gitIn(env: NodeJS.ProcessEnv) {
  return (args: string[], cwd: string, input?: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile('git', args, { cwd, env, encoding: 'utf8' }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
      child.stdin?.on('error', () => {}); // git may exit before reading its input
      child.stdin?.end(input ?? '');
    });
}

async function setUp() {
  const home = makeHome();
  const env = { ...homeEnv(home), ...fake.gitEnv };
  const git = gitIn(env);
  await git(['config', '--global', 'credential.helper', 'store'], home);
  writeFileSync(
    join(home, '.git-credentials'),
    `https://alice:${STALE}@bitbucket.org\nhttps://carol:github-token@github.com\n`,
  );
  const repo = mkdtempSync(join(tmpdir(), 'bbah-clone-'));
  await git(['init', '-q'], repo);
  await git(['remote', 'add', 'origin', 'https://bitbucket.org/acme/web-app.git'], repo);
  return { home, env, repo, git };
}

describe.each(REAL_SHELLS)('%s: the generated script on a clone with a stale app password', (shell) => {
  it('erases the replayed credential, verify reaches the prompt, and the new token works', async () => {
    const { home, env, repo, git } = await setUp();
    const before = await git(['ls-remote', '--heads', 'origin'], repo);
    expect(before.stderr).toContain('CHANGE-3222');
    expect(before.stderr).toContain('returned error: 410');

    const plan = buildFixPlan({
      repo: { workspace: 'acme', repo: 'web-app' },
      kind: 'api-token-username',
      username: 'alice',
      shell,
      helper: 'any',
    });
    expect(plan.script).toBeDefined();
    const replaysBefore = staleReplays;
    const run = await runPasted(shell, plan.script ?? '', { cwd: repo, env });
    // The verify step asked for a password (prompts are off in tests), instead of replaying one.
    expect(run.stderr).toContain("could not read Password for 'https://alice@bitbucket.org'");
    expect(run.stderr).not.toContain('410');
    expect(replaysBefore).toBeGreaterThan(0);
    expect(staleReplays).toBe(replaysBefore);
    expect(readFileSync(join(home, '.git-credentials'), 'utf8')).toBe(
      'https://carol:github-token@github.com\n',
    );
    expect((await git(['remote', 'get-url', 'origin'], repo)).stdout.trim()).toBe(
      'https://alice@bitbucket.org/acme/web-app.git',
    );

    // What the prompt would store once the user pastes the new API token.
    await git(
      ['credential', 'approve'],
      repo,
      `protocol=https\nhost=bitbucket.org\nusername=alice\npassword=${NEW_TOKEN}\n\n`,
    );
    const verify = plan.steps.find((s) => s.id === 'verify')?.command ?? '';
    const after = await runPasted(shell, `${verify} > heads.txt`, { cwd: repo, env });
    expect(after.stderr).not.toContain('fatal');
    expect(readFileSync(join(repo, 'heads.txt'), 'utf8')).toMatch(/refs\/heads\/main\n$/);
  });
});

describe.each(REAL_SHELLS)('%s: CI clone with the token from an environment variable', (shell) => {
  it('clones, and the token is in no file afterwards', async () => {
    const { home, env, git } = await setUp();
    const ci = buildCiCommands({
      repo: { workspace: 'acme', repo: 'web-app' },
      kind: 'access-token',
      variable: 'BITBUCKET_TOKEN',
      shell,
    });
    const work = mkdtempSync(join(tmpdir(), 'bbah-ci-'));
    const run = await runPasted(shell, ci.clone ?? '', {
      cwd: work,
      env: { ...env, BITBUCKET_TOKEN: NEW_TOKEN },
    });
    expect(run.stderr).not.toContain('fatal');
    const clone = join(work, 'web-app');
    expect(existsSync(join(clone, '.git'))).toBe(true);
    expect((await git(['log', '--oneline'], clone)).stdout.trim()).not.toBe('');
    expect(readFileSync(join(clone, '.git/config'), 'utf8')).not.toContain(NEW_TOKEN);
    expect(readFileSync(join(home, '.git-credentials'), 'utf8')).not.toContain(NEW_TOKEN);
    expect(fake.requests.some((r) => r.username === 'x-token-auth')).toBe(true);
  });
});
