// A loopback sshd that plays git@bitbucket.org for real ssh and git: its own host key, its own
// authorized_keys, and a forced command that answers like Bitbucket's `conq` (docs/evidence/git-credentials.md#causes).
// sshd must run as root (it does here and in CI); /run/sshd (privilege separation) is created if absent.
import { execFile, spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createBareRepo } from './fake-bitbucket';

const run = promisify(execFile);

/** What the forced command does with the next connection. */
export type SshAnswer = 'git' | 'repo-not-found' | 'deploy-key-readonly' | 'access-denied';

export interface FakeSsh {
  port: number;
  /**
   * The account the key logs in as: the current user (root in CI). Bitbucket's is `git`, but sshd
   * needs a real account with a usable shell and a fresh Debian has no `git` user. git prints no
   * user name after login, so `conq:` output is the same; failures before login (host key,
   * publickey) happen for any name: use `git@bitbucket.org` for those.
   */
  loginUser: string;
  /** A key in authorized_keys, and one that is not. */
  identityFile: string;
  strangerIdentityFile: string;
  /** known_hosts naming the server's real key as bitbucket.org; and one with another key. */
  knownHostsFile: string;
  changedKnownHostsFile: string;
  emptyKnownHostsFile: string;
  /** ssh config: `Host bitbucket.org` reaches 127.0.0.1:port through a ProxyCommand; strict host keys, BatchMode. */
  configFile: string;
  repoRoot: string;
  setAnswer(answer: SshAnswer): Promise<void>;
  /** A `GIT_SSH_COMMAND` value. */
  sshCommand(opts?: {
    identity?: 'authorized' | 'stranger';
    knownHosts?: 'trusted' | 'changed' | 'empty';
  }): string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// Texts Bitbucket's ssh front end (`conq`) prints; a plain greeting when no command is given (`ssh -T`).
const FORCED_COMMAND = `#!/bin/sh
answer=$(cat "$(dirname "$0")/answer")
case "$SSH_ORIGINAL_COMMAND" in
  '') printf 'authenticated via ssh key.\\n\\nYou can use git to connect to Bitbucket. Shell access is disabled.\\n'; exit 0 ;;
esac
case "$answer" in
  repo-not-found) echo 'conq: repository does not exist.' >&2; exit 1 ;;
  deploy-key-readonly)
    case "$SSH_ORIGINAL_COMMAND" in
      git-receive-pack*) echo 'conq: repository access denied. access via a deployment key is read-only.' >&2; exit 1 ;;
    esac ;;
  access-denied) echo 'conq: repository access denied.' >&2; exit 1 ;;
esac
service=\${SSH_ORIGINAL_COMMAND%% *}
path=\${SSH_ORIGINAL_COMMAND#* }
path=$(printf '%s' "$path" | tr -d "'" | sed 's|^/||')
case "$service" in
  git-upload-pack|git-receive-pack) exec "$service" "$(dirname "$0")/repos/$path" ;;
esac
echo "conq: invalid command syntax." >&2
exit 1
`;

const TCP_PROXY = `const s = require('node:net').connect(Number(process.argv[2]), '127.0.0.1');
process.stdin.pipe(s);
s.pipe(process.stdout);
s.on('error', () => process.exit(1));
s.on('close', () => process.exit(0));
`;

export async function startFakeSsh(opts: { repos?: string[]; answer?: SshAnswer } = {}): Promise<FakeSsh> {
  const dir = await mkdtemp(join(tmpdir(), 'fake-ssh-'));
  const p = (f: string) => join(dir, f);
  const keygen = (file: string, comment: string) =>
    run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
  await Promise.all([
    keygen(p('host_ed25519'), 'fake-bitbucket-host'),
    keygen(p('other_host_ed25519'), 'previous-host-key'),
    keygen(p('id_authorized'), 'authorized@test'),
    keygen(p('id_stranger'), 'stranger@test'),
  ]);
  const repoRoot = p('repos');
  await mkdir(repoRoot);
  for (const slug of opts.repos ?? []) await createBareRepo(repoRoot, slug);
  await writeFile(p('forced-command.sh'), FORCED_COMMAND);
  await chmod(p('forced-command.sh'), 0o755);
  await writeFile(p('answer'), `${opts.answer ?? 'git'}\n`);
  await writeFile(p('tcp-proxy.cjs'), TCP_PROXY);
  const clientKey = (await readFile(p('id_authorized.pub'), 'utf8')).trim();
  await writeFile(
    p('authorized_keys'),
    `command="${p('forced-command.sh')}",no-port-forwarding,no-X11-forwarding,no-agent-forwarding,no-pty ${clientKey}\n`,
  );
  const hostPub = (await readFile(p('host_ed25519.pub'), 'utf8')).trim().split(' ').slice(0, 2).join(' ');
  const otherPub = (await readFile(p('other_host_ed25519.pub'), 'utf8'))
    .trim()
    .split(' ')
    .slice(0, 2)
    .join(' ');
  await writeFile(p('known_hosts'), `bitbucket.org ${hostPub}\n`);
  await writeFile(p('known_hosts_changed'), `bitbucket.org ${otherPub}\n`);
  await writeFile(p('known_hosts_empty'), '');

  const port = await freePort();
  await writeFile(
    p('sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${p('host_ed25519')}`,
      `PidFile ${p('sshd.pid')}`,
      `AuthorizedKeysFile ${p('authorized_keys')}`,
      // The temp dir is not root-owned 0755 all the way down; the file is ours anyway.
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'PermitRootLogin prohibit-password',
      'PrintMotd no',
      'PrintLastLog no',
      'LogLevel INFO',
      '',
    ].join('\n'),
  );
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const sshd = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', p('sshd_config')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // sshd -D outlives a crashed test runner otherwise.
  const killOnExit = () => sshd.kill('SIGTERM');
  process.once('exit', killOnExit);
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sshd did not start:\n${log}`)), 10_000);
    sshd.stderr.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Server listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    sshd.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sshd exited with ${code}:\n${log}`));
    });
  });

  await writeFile(
    p('ssh_config'),
    [
      'Host bitbucket.org',
      // A ProxyCommand, not HostName, so ssh still calls the host bitbucket.org in its messages
      // (`git@bitbucket.org: Permission denied (publickey).`) and in known_hosts.
      `  ProxyCommand ${process.execPath} ${p('tcp-proxy.cjs')} ${port}`,
      '  GlobalKnownHostsFile /dev/null',
      '  StrictHostKeyChecking yes',
      '  IdentitiesOnly yes',
      '  BatchMode yes',
      '  PreferredAuthentications publickey',
      '  LogLevel ERROR',
      '',
    ].join('\n'),
  );

  const loginUser = userInfo().username;
  const knownHostsFiles = {
    trusted: p('known_hosts'),
    changed: p('known_hosts_changed'),
    empty: p('known_hosts_empty'),
  };
  return {
    port,
    loginUser,
    identityFile: p('id_authorized'),
    strangerIdentityFile: p('id_stranger'),
    knownHostsFile: knownHostsFiles.trusted,
    changedKnownHostsFile: knownHostsFiles.changed,
    emptyKnownHostsFile: knownHostsFiles.empty,
    configFile: p('ssh_config'),
    repoRoot,
    setAnswer: (answer) => writeFile(p('answer'), `${answer}\n`),
    sshCommand({ identity = 'authorized', knownHosts = 'trusted' } = {}) {
      const key = identity === 'authorized' ? p('id_authorized') : p('id_stranger');
      return `ssh -F ${p('ssh_config')} -o IdentityFile=${key} -o UserKnownHostsFile=${knownHostsFiles[knownHosts]}`;
    },
    async close() {
      const exited = new Promise<void>((resolve) => {
        if (sshd.exitCode !== null) resolve();
        else sshd.once('exit', () => resolve());
      });
      process.off('exit', killOnExit);
      sshd.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
