// What may go into a generated command. `git remote set-url` validates nothing and stores
// spaces, quotes and `$()` verbatim (docs/evidence/git-credentials.md#urls), so we refuse instead.
import { isValidSlug } from './repo-context';
import { looksLikeSecret, TOKEN_REFUSAL } from './secrets';
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

/**
 * A token or a URL password typed into a field that is saved or put in a command: refused with
 * the reason, before any other check can echo the value (docs/evidence/tokens.md#fields).
 */
function secretProblem(field: Field, value: string, message = TOKEN_REFUSAL): Problem | undefined {
  return looksLikeSecret(value) ? { field, severity: 'invalid', message } : undefined;
}

function cmdProblem(field: Field, value: string, shell: Shell): Problem | undefined {
  if (shell !== 'cmd' || !CMD_HAZARDS.test(value)) return undefined;
  return {
    field,
    severity: 'invalid',
    message: `cmd.exe can't carry ${JSON.stringify(value)} safely (% expands even inside quotes; " ^ & | < > split the command). Choose PowerShell as the shell, or fix the value.`,
  };
}

export function checkSlug(field: Field, label: string, value: string, shell: Shell): Problem | undefined {
  const secret = secretProblem(field, value);
  if (secret) return secret;
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
  const secret = secretProblem('username', username);
  if (secret) return secret;
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
  const secret = secretProblem('remote', remote);
  if (secret) return secret;
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

const ENV_VARIABLE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The CI variable's name; its label invites pasting the token itself, which is refused. */
export function checkEnvVariable(value: string): Problem | undefined {
  const secret = secretProblem(
    'variable',
    value,
    "This looks like the token itself. Keep the token in your CI's secret variables and put only the variable's name here (e.g. BITBUCKET_TOKEN).",
  );
  if (secret) return secret;
  if (ENV_VARIABLE.test(value)) return undefined;
  return {
    field: 'variable',
    severity: 'invalid',
    message: 'An environment variable name has letters, digits and "_", and does not start with a digit.',
  };
}
