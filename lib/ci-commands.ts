// Clone and fetch for CI and scripts, with the token read from an environment variable. Apart
// from ./fix-plan.ts so that the popup loads it only when its CI section is opened.
import { type CredentialKind, gitUsernameFor, httpsUrl } from './fix-plan';
import type { RepoRef } from './repo-context';
import { quote, type Shell } from './shells';
import { checkEnvVariable, checkSlug, checkUsername, type Problem } from './validation';

export interface CiOptions {
  repo: RepoRef;
  kind: Exclude<CredentialKind, 'ssh'>;
  username?: string;
  /** The environment variable that holds the token in CI, e.g. BITBUCKET_TOKEN. */
  variable: string;
  shell: Shell;
}

export interface CiCommands {
  clone?: string;
  fetch?: string;
  problems: Problem[];
}

/**
 * Clone and fetch where git reads the token from an environment variable through a one-off
 * helper: the token never lands in .git/config, in a URL or in a credential store.
 */
export function buildCiCommands(options: CiOptions): CiCommands {
  const { repo, kind, shell } = options;
  const problems = [
    checkSlug('repository', 'Workspace', repo.workspace, shell) ??
      checkSlug('repository', 'Repository', repo.repo, shell),
    kind === 'api-token-username' ? checkUsername(options.username ?? '', shell) : undefined,
    checkEnvVariable(options.variable),
  ].filter((p): p is Problem => p !== undefined);
  if (problems.length > 0) return { problems };
  const user = gitUsernameFor(kind, options.username) ?? '';
  // git runs a `!` helper with sh, even on Windows, so `$VAR` is read from the environment then.
  // No double quotes inside: cmd.exe can't nest them.
  const helper = `!f() { test $1 = get && echo username=${user} && echo password=$${options.variable}; }; f`;
  const helperArg =
    shell === 'cmd' ? `"credential.helper=${helper}"` : quote(`credential.helper=${helper}`, shell);
  const emptyHelper = shell === 'cmd' ? '"credential.helper="' : quote('credential.helper=', shell);
  // The empty helper first clears inherited helpers, so no store keeps the token afterwards.
  const prefix = `git -c ${emptyHelper} -c ${helperArg}`;
  return {
    clone: `${prefix} clone ${quote(httpsUrl(repo), shell)}`,
    fetch: `${prefix} fetch origin`,
    problems,
  };
}
