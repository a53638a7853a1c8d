// The page families the capture kit visits and what the replay test expects of each. A family is
// one page (one URL shape); its states are what the walk leaves on screen (the list, a create
// form, a wizard step). URL shapes: docs/evidence/capture-walk.md#access-token-pages (repository
// [M], project and workspace [L]) and #bitbucket-api-tokens-page [L].

export const URLS = {
  apiTokens: 'https://id.atlassian.com/manage-profile/security/api-tokens',
  // Our own links to the wizard use this form; where it lands is what the capture shows.
  apiTokensDeepLink:
    'https://id.atlassian.com/manage-profile/security/api-tokens?autofillToken&appId=bitbucket&expiryDays=30',
  repositoryAccessTokens: (workspace, repo) =>
    `https://bitbucket.org/${workspace}/${repo}/admin/access-tokens`,
  projectAccessTokens: (workspace, key) =>
    `https://bitbucket.org/${workspace}/workspace/projects/${key}/settings/access-tokens`,
  workspaceAccessTokens: (workspace) => `https://bitbucket.org/${workspace}/workspace/settings/access-tokens`,
  appPasswords: 'https://bitbucket.org/account/settings/app-passwords/',
  appPasswordsNew: 'https://bitbucket.org/account/settings/app-passwords/new',
  bitbucketApiTokens: 'https://bitbucket.org/account/settings/api-tokens/',
};

const accessTokens = {
  form: 'access-token-presets',
  formOnList: true,
  list: 'access-token-list-reminders',
};

/**
 * Per family, the features the replay holds to the contract (ids = file names in features/):
 * - `form`: its host must say `recognised` or `fallback` on a create form (inside the topmost
 *   open dialog when there is one), and `list` on the list page when `formOnList`;
 * - `list`: the list feature must mark the list's rows (`data-credential-status`);
 * - `banner`: its host must be on the page.
 * A family without features is reported, not failed.
 */
export const FAMILIES = {
  'api-tokens': {
    title: 'Atlassian API tokens: list, "Create API token with scopes" wizard, plain "Create API token"',
    form: 'api-token-presets',
    formOnList: true,
    list: 'api-token-list-reminders',
  },
  'repository-access-tokens': { title: 'Repository access tokens', ...accessTokens },
  'project-access-tokens': { title: 'Project access tokens', ...accessTokens },
  'workspace-access-tokens': { title: 'Workspace access tokens', ...accessTokens },
  'app-passwords': {
    title: 'Legacy App passwords: list and the /new form, if still served',
    form: 'app-password-presets',
    formOnList: false,
    list: 'app-password-list-reminders',
    banner: 'app-password-banner',
  },
  // If it serves a token list or a create entry, it gets the API-token features (the same
  // include, lib/page-urls.ts isApiTokensPage); if it redirects, the capture shows where to.
  'bitbucket-api-tokens': {
    title: 'Bitbucket-side API tokens page, if it exists',
    form: 'api-token-presets',
    formOnList: true,
    list: 'api-token-list-reminders',
  },
};

/** The values `data-bbah-state` may take (the contract with the page features). */
export const HOST_STATES = ['recognised', 'fallback', 'list'];
