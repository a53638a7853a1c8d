// From a repository and the user's setup to the ordered commands that fix their clone.
// Every command and fact rests on docs/evidence/git-credentials.md (#urls, #erase, #pinning, #quoting).
import type { RepoRef } from './repo-context';
import { commentLine, quote, repeat, type Shell } from './shells';
import {
  ACCESS_TOKEN_USERNAME,
  checkRemote,
  checkSlug,
  checkUsername,
  type Problem,
  STATIC_API_TOKEN_USERNAME,
} from './validation';

export const CREDENTIAL_KINDS = ['api-token-username', 'api-token-static', 'access-token', 'ssh'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export const CREDENTIAL_KIND_LABELS: Record<CredentialKind, string> = {
  'api-token-username': 'API token with your Bitbucket username',
  'api-token-static': `API token with ${STATIC_API_TOKEN_USERNAME}`,
  'access-token': `Repository/project/workspace access token (${ACCESS_TOKEN_USERNAME})`,
  ssh: 'SSH key',
};

export const HELPERS = [
  'any',
  'gcm-windows',
  'gcm-macos',
  'gcm-linux',
  'osxkeychain',
  'wincred',
  'libsecret',
  'store',
  'cache',
] as const;
export type CredentialHelper = (typeof HELPERS)[number];

export const HELPER_LABELS: Record<CredentialHelper, string> = {
  any: 'Any / all helpers (universal erase)',
  'gcm-windows': 'Git Credential Manager on Windows',
  'gcm-macos': 'Git Credential Manager on macOS',
  'gcm-linux': 'Git Credential Manager on Linux',
  osxkeychain: 'osxkeychain (Apple git, macOS Keychain)',
  wincred: 'wincred (old Git for Windows)',
  libsecret: 'libsecret (GNOME Keyring / KWallet)',
  store: 'store (~/.git-credentials file)',
  cache: 'cache (in memory)',
};

const UNIX_ONLY_HELPERS: ReadonlySet<CredentialHelper> = new Set([
  'gcm-macos',
  'gcm-linux',
  'osxkeychain',
  'libsecret',
  'cache',
]);

export function isCredentialKind(value: unknown): value is CredentialKind {
  return typeof value === 'string' && (CREDENTIAL_KINDS as readonly string[]).includes(value);
}

export function isCredentialHelper(value: unknown): value is CredentialHelper {
  return typeof value === 'string' && (HELPERS as readonly string[]).includes(value);
}

export type StepId =
  | 'set-url'
  | 'username-config'
  | 'gcm-config'
  | 'erase'
  | 'erase-native'
  | 'known-hosts'
  | 'add-key'
  | 'verify';

export interface FixStep {
  id: StepId;
  title: string;
  /** One line: why this step is needed. */
  why: string;
  /** Only the command(s), one per line, ready to paste into the chosen shell. */
  command: string;
}

export interface FixOptions {
  /** Without a repository, only the steps that don't name one are built. */
  repo?: RepoRef;
  kind: CredentialKind;
  /** The Bitbucket username; only the `api-token-username` kind needs it. */
  username?: string;
  remote?: string;
  shell: Shell;
  helper: CredentialHelper;
  /** Erase every stored bitbucket.org credential (default) or only this user's. */
  eraseScope?: 'all' | 'user';
  /** Two Bitbucket accounts on one machine: pin the username to this workspace's URLs. */
  perWorkspaceUsername?: boolean;
  ssh?: { addKey?: boolean; refreshHostKey?: boolean };
}

export interface FixPlan {
  /** The steps whose inputs are valid, in order. */
  steps: FixStep[];
  /** The all-in-one script; only when nothing is missing or refused. */
  script?: string;
  /** The URL the remote will point at, when it could be built. */
  remoteUrl?: string;
  problems: Problem[];
}

const HOST = 'bitbucket.org';
const ERASE_REPEATS = 3;
/**
 * The host-wide username GCM plans pin. While it is set, git adds it to `git credential reject`
 * input that names none, so the erase reaches that one account only (docs/evidence/git-credentials.md#pinning).
 */
const PIN_KEY = `credential.https://${HOST}.username`;

// Helpers that drop only the first matching entry per erase: GCM [source], osxkeychain [source],
// and git 2.39's cache daemon (tests/integration: two users, one reject, bob stays cached).
// With `any` we don't know, so we repeat; an extra reject is harmless (exit 0, no output).
const ERASES_ONE_PER_CALL: ReadonlySet<CredentialHelper> = new Set([
  'any',
  'cache',
  'gcm-windows',
  'gcm-macos',
  'gcm-linux',
  'osxkeychain',
]);

export function gitUsernameFor(kind: CredentialKind, username: string | undefined): string | undefined {
  switch (kind) {
    case 'api-token-username':
      return username?.trim() || undefined;
    case 'api-token-static':
      return STATIC_API_TOKEN_USERNAME;
    case 'access-token':
      return ACCESS_TOKEN_USERNAME;
    case 'ssh':
      return undefined;
  }
}

/**
 * @example remoteUrlFor({workspace:'acme', repo:'web-app'}, 'ssh') → git@bitbucket.org:acme/web-app.git
 * @example remoteUrlFor({workspace:'acme', repo:'web-app'}, 'api-token-username', 'alice') → https://alice@bitbucket.org/acme/web-app.git
 */
export function remoteUrlFor(repo: RepoRef, kind: CredentialKind, username?: string): string {
  if (kind === 'ssh') return `git@${HOST}:${repo.workspace}/${repo.repo}.git`;
  return httpsUrl(repo, gitUsernameFor(kind, username));
}

export function httpsUrl(repo: RepoRef, user?: string): string {
  return `https://${user ? `${user}@` : ''}${HOST}/${repo.workspace}/${repo.repo}.git`;
}

function eraseInput(username: string | undefined, shell: Shell): string {
  const lines = ['protocol=https', `host=${HOST}`, ...(username ? [`username=${username}`] : [])];
  switch (shell) {
    case 'bash':
    case 'zsh':
    case 'fish':
      // The username goes through %s, never into the format string (§2 "narrowed").
      return username
        ? `printf 'protocol=https\\nhost=${HOST}\\nusername=%s\\n\\n' ${quote(username, shell)}`
        : `printf 'protocol=https\\nhost=${HOST}\\n\\n'`;
    case 'powershell':
      // Validated usernames hold no `$` or backtick, so the double-quoted string is literal.
      return `"${lines.join('`n')}\`n"`;
    case 'cmd':
      return `(${lines.map((l) => `echo ${l}`).join('& ')}& echo.)>"%TEMP%\\bbah-credential.txt"`;
  }
}

function rejectCommand(username: string | undefined, shell: Shell, times: number): string {
  if (shell === 'cmd') {
    const reject = 'git credential reject < "%TEMP%\\bbah-credential.txt"';
    return [
      eraseInput(username, shell),
      times > 1 ? repeat(times, reject, shell) : reject,
      'del "%TEMP%\\bbah-credential.txt"',
    ].join('\n');
  }
  const one = `${eraseInput(username, shell)} | git credential reject`;
  return times > 1 ? repeat(times, one, shell) : one;
}

function isGcm(helper: CredentialHelper): boolean {
  return helper.startsWith('gcm-');
}

function gitConfig(key: string, value: string, shell: Shell): string {
  return `git config --global ${quote(key, shell)} ${quote(value, shell)}`;
}

function nativeEraseCommand(
  helper: CredentialHelper,
  username: string | undefined,
  shell: Shell,
): string | undefined {
  // Git Bash rewrites arguments that start with "/" into paths unless told not to.
  const cmdkey = (args: string) =>
    shell === 'bash' || shell === 'zsh'
      ? `MSYS_NO_PATHCONV=1 cmdkey ${args}`
      : shell === 'fish'
        ? `env MSYS_NO_PATHCONV=1 cmdkey ${args}`
        : `cmdkey ${args}`;
  switch (helper) {
    case 'gcm-windows':
      return username
        ? cmdkey(`/delete:git:https://${username}@${HOST}`)
        : [cmdkey('/list'), cmdkey(`/delete:git:https://${HOST}`)].join('\n');
    case 'gcm-macos':
      return `security delete-generic-password -s ${quote(`git:https://${HOST}`, shell)}${username ? ` -a ${quote(username, shell)}` : ''}`;
    case 'gcm-linux':
      return `secret-tool clear service ${quote(`git:https://${HOST}`, shell)}${username ? ` account ${quote(username, shell)}` : ''}`;
    case 'osxkeychain':
      return `security delete-internet-password -s ${HOST} -r htps${username ? ` -a ${quote(username, shell)}` : ''}`;
    case 'wincred':
      return username ? cmdkey(`/delete:git:https://${username}@${HOST}`) : cmdkey('/list');
    default:
      return undefined;
  }
}

const NATIVE_WHY: Partial<Record<CredentialHelper, string>> = {
  'gcm-windows':
    'GCM keeps one Windows Credential Manager entry per account (git:https://bitbucket.org, git:https://USER@bitbucket.org); delete any it left.',
  'gcm-macos':
    'GCM keeps a generic Keychain item "git:https://bitbucket.org" per account; delete any it left.',
  'gcm-linux':
    'GCM on Linux keeps Secret Service items with service "git:https://bitbucket.org"; clear any it left.',
  osxkeychain:
    'If git still sends the old token, the Keychain internet password for bitbucket.org is removed here.',
  wincred:
    'wincred stores git:https://USER@bitbucket.org in Windows Credential Manager; cmdkey shows and deletes it.',
};

export function buildFixPlan(options: FixOptions): FixPlan {
  const { repo, kind, shell, helper } = options;
  const remote = (options.remote ?? 'origin').trim() || 'origin';
  const problems: Problem[] = [];
  const repoProblem: Problem | undefined = repo
    ? (checkSlug('repository', 'Workspace', repo.workspace, shell) ??
      checkSlug('repository', 'Repository', repo.repo, shell))
    : { field: 'repository', severity: 'missing', message: 'Type or paste the repository to fix.' };
  if (repoProblem) problems.push(repoProblem);
  const remoteProblem = checkRemote(remote, shell);
  if (remoteProblem) problems.push(remoteProblem);
  const usernameProblem =
    kind === 'api-token-username' ? checkUsername(options.username ?? '', shell) : undefined;
  if (usernameProblem) problems.push(usernameProblem);
  if (shell === 'cmd' && UNIX_ONLY_HELPERS.has(helper)) {
    problems.push({
      field: 'helper',
      severity: 'invalid',
      message: `cmd.exe only runs on Windows, and ${HELPER_LABELS[helper]} is not a Windows helper. Choose bash, zsh or fish, or a Windows helper.`,
    });
  }
  const username = usernameProblem ? undefined : gitUsernameFor(kind, options.username);
  const narrowTo = options.eraseScope === 'user' ? username : undefined;
  const canNarrow = options.eraseScope !== 'user' || username !== undefined;
  const scoped = options.perWorkspaceUsername === true && kind !== 'ssh';
  const steps: FixStep[] = [];
  const helperOk = !(shell === 'cmd' && UNIX_ONLY_HELPERS.has(helper));

  let remoteUrl: string | undefined;
  if (repo && !repoProblem && !remoteProblem && !usernameProblem) {
    // With the username pinned per workspace, the URL carries none, so the config decides.
    remoteUrl = scoped ? httpsUrl(repo) : remoteUrlFor(repo, kind, username);
    steps.push({
      id: 'set-url',
      title: `Point ${remote} at the ${kind === 'ssh' ? 'SSH' : 'HTTPS'} URL`,
      why:
        kind === 'ssh'
          ? 'git then authenticates with your SSH key instead of a password or token.'
          : `git then sends ${username} as the username; your ${kind === 'access-token' ? 'access token' : 'API token'} is the password it asks for.`,
      command: `git remote set-url ${quote(remote, shell)} ${quote(remoteUrl, shell)}`,
    });
  }

  // GCM picks the account by the pinned username; the pin is set after the erase (below).
  let pin: string | undefined;
  if (kind !== 'ssh' && username && repo && !repoProblem && helperOk) {
    if (scoped) {
      // A workspace pin does not narrow a host-wide erase (the erase input has no path).
      steps.push({
        id: 'username-config',
        title: `Use ${username} for every repository in ${repo.workspace}`,
        why: `git matches this setting to URLs under https://${HOST}/${repo.workspace}/, so another account can keep other workspaces.`,
        command: gitConfig(`credential.https://${HOST}/${repo.workspace}.username`, username, shell),
      });
    }
    if (isGcm(helper)) {
      pin = scoped ? undefined : username;
      steps.push({
        id: 'gcm-config',
        title: 'Make Git Credential Manager ask for the token',
        why: 'basic mode makes GCM prompt for username and API token instead of the Bitbucket OAuth browser flow.',
        command: gitConfig('credential.bitbucketAuthModes', 'basic', shell),
      });
    }
  }

  if (kind !== 'ssh' && canNarrow && helperOk) {
    const repeats = ERASES_ONE_PER_CALL.has(helper) && !narrowTo;
    // Unpin, erase, re-pin: a pinned username (this plan's, or one an earlier run left) would
    // narrow an erase that names no user. A named user overrides the pin, so that erase needs none.
    const unpin = narrowTo ? [] : [`git config --global --unset-all ${quote(PIN_KEY, shell)}`];
    const repin = narrowTo || !pin ? [] : [gitConfig(PIN_KEY, pin, shell)];
    steps.push({
      id: 'erase',
      title: narrowTo
        ? `Forget the stored credential of ${narrowTo}`
        : 'Forget every stored bitbucket.org credential',
      why: [
        repeats
          ? 'git passes this to every helper; some drop one account per call, so it runs three times (git erases by itself only on 401).'
          : 'git passes this to every configured helper; git erases by itself only on 401, never on 403 or 410.',
        ...(narrowTo
          ? []
          : [
              `A pinned username would narrow it to one account: unpinned first${pin ? `, pinned again after` : ''}.`,
            ]),
      ].join(' '),
      command: [...unpin, rejectCommand(narrowTo, shell, repeats ? ERASE_REPEATS : 1), ...repin].join('\n'),
    });
    const native = nativeEraseCommand(helper, narrowTo, shell);
    const nativeWhy = NATIVE_WHY[helper];
    if (native && nativeWhy) {
      steps.push({
        id: 'erase-native',
        title: 'If git still sends the old token',
        why: nativeWhy,
        command: native,
      });
    }
  }

  if (kind === 'ssh') {
    if (options.ssh?.refreshHostKey) {
      steps.push({
        id: 'known-hosts',
        title: "Refresh bitbucket.org's host keys",
        why: 'Bitbucket rotated its SSH host keys in 2023; this drops the old ones and fetches the current list over HTTPS.',
        command: knownHostsCommand(shell),
      });
    }
    if (options.ssh?.addKey) {
      steps.push({
        id: 'add-key',
        title: 'Create a key and add it to Bitbucket',
        why: 'Paste the printed public key at Personal settings → SSH keys (https://bitbucket.org/account/settings/ssh-keys/).',
        command: addKeyCommand(shell),
      });
    }
  }

  if (!remoteProblem) {
    steps.push({
      id: 'verify',
      title: 'Check that it works',
      why:
        kind === 'ssh'
          ? 'Bitbucket answers "authenticated via ssh key" when your key is accepted.'
          : 'git should now ask for the password: paste the token. Branch names mean it worked.',
      command: kind === 'ssh' ? `ssh -T git@${HOST}` : `git ls-remote --heads ${quote(remote, shell)}`,
    });
  }

  const complete = problems.length === 0 && canNarrow;
  return {
    steps,
    remoteUrl,
    problems,
    script: complete ? buildScript(steps, shell) : undefined,
  };
}

function knownHostsCommand(shell: Shell): string {
  // https://bitbucket.org/site/ssh serves the current known_hosts lines (Atlassian, 2023 key rotation) [M].
  switch (shell) {
    case 'bash':
    case 'zsh':
    case 'fish':
      return [`ssh-keygen -R ${HOST}`, `curl -fsS https://${HOST}/site/ssh >> ~/.ssh/known_hosts`].join('\n');
    case 'powershell':
      // Windows PowerShell's `>>` writes UTF-16, which ssh can't read.
      return [
        `ssh-keygen -R ${HOST}`,
        `curl.exe -fsS https://${HOST}/site/ssh | Add-Content -Encoding ascii "$HOME\\.ssh\\known_hosts"`,
      ].join('\n');
    case 'cmd':
      return [
        `ssh-keygen -R ${HOST}`,
        `curl -fsS https://${HOST}/site/ssh >> "%USERPROFILE%\\.ssh\\known_hosts"`,
      ].join('\n');
  }
}

function addKeyCommand(shell: Shell): string {
  switch (shell) {
    case 'bash':
    case 'zsh':
    case 'fish':
      return ['ssh-keygen -t ed25519 -C bitbucket -f ~/.ssh/id_ed25519', 'cat ~/.ssh/id_ed25519.pub'].join(
        '\n',
      );
    case 'powershell':
      return [
        'ssh-keygen -t ed25519 -C bitbucket -f "$HOME\\.ssh\\id_ed25519"',
        'Get-Content "$HOME\\.ssh\\id_ed25519.pub"',
      ].join('\n');
    case 'cmd':
      return [
        'ssh-keygen -t ed25519 -C bitbucket -f "%USERPROFILE%\\.ssh\\id_ed25519"',
        'type "%USERPROFILE%\\.ssh\\id_ed25519.pub"',
      ].join('\n');
  }
}

function buildScript(steps: FixStep[], shell: Shell): string {
  return steps
    .map((step, i) =>
      [commentLine(`${i + 1}. ${step.title}`, shell), step.command].filter(Boolean).join('\n'),
    )
    .join('\n\n');
}
