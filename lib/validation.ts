// What may go into a generated command. `git remote set-url` validates nothing and stores
// spaces, quotes and `$()` verbatim (../shared/git-credentials.md §1), so we refuse instead.
import { isValidSlug } from './repo-context';
import { CMD_HAZARDS, type Shell } from './shells';

export const STATIC_API_TOKEN_USERNAME = 'x-bitbucket-api-token-auth';
export const ACCESS_TOKEN_USERNAME = 'x-token-auth';

export type Field = 'repository' | 'username' | 'remote' | 'helper' | 'variable';

export interface Problem {
  field: Field;
  /** `missing` asks for input; `invalid` refuses what was given (shown as an alert). */
  severity: 'missing' | 'invalid';
  message: string;
}

const USERNAME = /^[A-Za-z0-9._-]+$/;
const REMOTE = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function cmdProblem(field: Field, value: string, shell: Shell): Problem | undefined {
  if (shell !== 'cmd' || !CMD_HAZARDS.test(value)) return undefined;
  return {
    field,
    severity: 'invalid',
    message: `cmd.exe can't carry ${JSON.stringify(value)} safely (% expands even inside quotes; " ^ & | < > split the command). Choose PowerShell as the shell, or fix the value.`,
  };
}

export function checkSlug(field: Field, label: string, value: string, shell: Shell): Problem | undefined {
  const cmd = cmdProblem(field, value, shell);
  if (cmd) return cmd;
  if (isValidSlug(value)) return undefined;
  return {
    field,
    severity: 'invalid',
    message: `${label} ${JSON.stringify(value)} is not a Bitbucket name: use only letters, digits, ".", "_" and "-", at most 62 characters.`,
  };
}

/**
 * The Bitbucket username git should send with an API token.
 * @example checkUsername('alice-dev', 'bash') → undefined (fine)
 * @example checkUsername('alice@corp.com', 'bash') → refused: git needs the username, not the e-mail
 */
export function checkUsername(value: string, shell: Shell): Problem | undefined {
  const username = value.trim();
  if (username === '') {
    return {
      field: 'username',
      severity: 'missing',
      message:
        'Enter your Bitbucket username (Personal settings → Account settings → Username) to see the HTTPS steps.',
    };
  }
  if (EMAIL.test(username) || username.includes('@')) {
    return {
      field: 'username',
      severity: 'invalid',
      message:
        'That is an e-mail address. Git needs your Bitbucket username (Personal settings → Account settings → Username); the e-mail only works for the REST API, and git answers 401 with it.',
    };
  }
  const cmd = cmdProblem('username', username, shell);
  if (cmd) return cmd;
  if (username === ACCESS_TOKEN_USERNAME) {
    return {
      field: 'username',
      severity: 'invalid',
      message: `${ACCESS_TOKEN_USERNAME} is the username for repository, project and workspace access tokens: choose "Access token" as the credential.`,
    };
  }
  if (username === STATIC_API_TOKEN_USERNAME) {
    return {
      field: 'username',
      severity: 'invalid',
      message: `${STATIC_API_TOKEN_USERNAME} is the static name for API tokens: choose it as the credential instead of typing it here.`,
    };
  }
  if (!USERNAME.test(username) || username.startsWith('-')) {
    return {
      field: 'username',
      severity: 'invalid',
      message:
        'A Bitbucket username has only letters, digits, ".", "_" and "-" (and does not start with "-"). Copy it from Personal settings → Account settings.',
    };
  }
  return undefined;
}

/** Stricter than git's own rules (refs/remotes/<name>), so whatever passes, git accepts. */
export function checkRemote(value: string, shell: Shell): Problem | undefined {
  const remote = value.trim();
  if (remote === '')
    return { field: 'remote', severity: 'missing', message: 'Enter the remote name (usually origin).' };
  const cmd = cmdProblem('remote', remote, shell);
  if (cmd) return cmd;
  if (!REMOTE.test(remote) || remote.includes('..') || remote.endsWith('.') || remote.endsWith('.lock')) {
    return {
      field: 'remote',
      severity: 'invalid',
      message:
        'A remote name has only letters, digits, ".", "_" and "-", starts with a letter, digit or "_", and has no "..". `git remote -v` lists yours.',
    };
  }
  return undefined;
}
