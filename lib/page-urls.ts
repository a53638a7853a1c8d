// URL predicates for the pages the features augment, each with examples; the sites are
// single-page apps, so callers pass the current URL every time (never memoised).
import { isValidSlug, type RepoRef } from './repo-context';

const isHost = (url: URL, host: string) => url.protocol === 'https:' && url.hostname === host;

/**
 * Atlassian's API-token page, and Bitbucket's own under personal settings if it serves one
 * (docs/evidence/pages.md#bitbucket-api-tokens-page: named by third-party tools only [L]).
 * @example https://id.atlassian.com/manage-profile/security/api-tokens → true
 * @example https://id.atlassian.com/manage-profile/security/api-tokens?autofillToken&appId=bitbucket → true
 * @example https://bitbucket.org/account/settings/api-tokens/ → true
 * @example https://id.atlassian.com/manage-profile/security → false
 */
export function isApiTokensPage(url: URL): boolean {
  return (
    (isHost(url, 'id.atlassian.com') && /^\/manage-profile\/security\/api-tokens\/?$/.test(url.pathname)) ||
    (isHost(url, 'bitbucket.org') && /^\/account\/settings\/api-tokens\/?$/.test(url.pathname))
  );
}

export type AccessTokenLevel =
  | { level: 'repository'; repo: RepoRef }
  | { level: 'project'; workspace: string; project: string }
  | { level: 'workspace'; workspace: string };

/**
 * Which access-token settings page this is (docs/evidence/pages.md#access-token-form: repository URL [M], project and workspace [L]).
 * @example https://bitbucket.org/acme/web-app/admin/access-tokens → repository acme/web-app
 * @example https://bitbucket.org/acme/workspace/projects/WEB/settings/access-tokens → project WEB
 * @example https://bitbucket.org/acme/workspace/settings/access-tokens → workspace acme
 * @example https://bitbucket.org/acme/web-app/admin/ssh-keys → undefined
 */
export function accessTokenLevel(url: URL): AccessTokenLevel | undefined {
  if (!isHost(url, 'bitbucket.org')) return undefined;
  const p = url.pathname.split('/').filter(Boolean);
  if (p.length === 4 && p[2] === 'admin' && p[3] === 'access-tokens' && p[1] !== 'workspace') {
    const [workspace = '', repo = ''] = p;
    return isValidSlug(workspace) && isValidSlug(repo)
      ? { level: 'repository', repo: { workspace, repo } }
      : undefined;
  }
  if (
    p.length === 6 &&
    p[1] === 'workspace' &&
    p[2] === 'projects' &&
    p[4] === 'settings' &&
    p[5] === 'access-tokens'
  ) {
    return { level: 'project', workspace: p[0] ?? '', project: p[3] ?? '' };
  }
  if (p.length === 4 && p[1] === 'workspace' && p[2] === 'settings' && p[3] === 'access-tokens') {
    return { level: 'workspace', workspace: p[0] ?? '' };
  }
  return undefined;
}

/** @example https://bitbucket.org/acme/web-app/admin/access-tokens → true */
export function isAccessTokensPage(url: URL): boolean {
  return accessTokenLevel(url) !== undefined;
}

/**
 * @example https://bitbucket.org/account/settings/app-passwords/ → true
 * @example https://bitbucket.org/account/settings/app-passwords/new → true
 * @example https://bitbucket.org/account/settings/ → false
 */
export function isAppPasswordsPage(url: URL): boolean {
  return isHost(url, 'bitbucket.org') && /^\/account\/settings\/app-passwords(\/.*)?$/.test(url.pathname);
}

/**
 * The list of app passwords itself (not the creation form).
 * @example https://bitbucket.org/account/settings/app-passwords/ → true
 * @example https://bitbucket.org/account/settings/app-passwords → true
 * @example https://bitbucket.org/account/settings/app-passwords/new → false
 */
export function isAppPasswordListPage(url: URL): boolean {
  return isHost(url, 'bitbucket.org') && /^\/account\/settings\/app-passwords\/?$/.test(url.pathname);
}

/** The examples above, for the test that checks each predicate accepts its own and no other's. */
export const PAGE_EXAMPLES = {
  isApiTokensPage: [
    'https://id.atlassian.com/manage-profile/security/api-tokens',
    'https://id.atlassian.com/manage-profile/security/api-tokens?autofillToken&appId=bitbucket&expiryDays=90#bbah-preset=git-push',
    'https://bitbucket.org/account/settings/api-tokens/',
  ],
  isAccessTokensPage: [
    'https://bitbucket.org/acme/web-app/admin/access-tokens',
    'https://bitbucket.org/acme/workspace/projects/WEB/settings/access-tokens',
    'https://bitbucket.org/acme/workspace/settings/access-tokens',
  ],
  isAppPasswordsPage: [
    'https://bitbucket.org/account/settings/app-passwords/',
    'https://bitbucket.org/account/settings/app-passwords/new',
  ],
} as const;
