// Serves the fixture pages as the real https URLs of id.atlassian.com and bitbucket.org, through
// Playwright request routing (no network needed). Plain ES module: usable from Vitest and from a
// `node` demo script. It takes a Playwright BrowserContext and never imports Playwright itself.
// Build the bundles first: `node scripts/build-fixtures.mjs` (or `buildFixtures()`).
import { readdir, readFile, stat } from 'node:fs/promises';
import { DEFAULT_USER, resolveFixtureOptions, VARIANTS } from '../fixtures/pages/src/fixture-options.js';
import {
  renderAppPasswordsPage,
  renderNewAppPasswordPage,
} from '../fixtures/pages/src/legacy-app-passwords.js';
import {
  FAMILIES,
  FAMILY_IDS,
  findVariant,
  MATRIX_VARIANTS,
  switchesOf,
  variantsOf,
} from '../fixtures/pages/src/variants.js';

const PAGES_DIR = new URL('../fixtures/pages/', import.meta.url);
const DIST_DIR = new URL('../fixtures/dist/', import.meta.url);

/** The variant matrix (tests/fixtures/pages/src/variants.js): families, named variants, switches. */
export {
  DEFAULT_USER,
  FAMILIES as FIXTURE_FAMILIES,
  FAMILY_IDS,
  findVariant,
  MATRIX_VARIANTS,
  resolveFixtureOptions,
  switchesOf,
  variantsOf,
};

/** Every fixture variant name; `options.variant` takes one or a list of them. */
export const FIXTURE_VARIANTS = VARIANTS;

/** The fixture URLs (the workspace, repo and project are examples: any names work). */
export const FIXTURE_URLS = {
  security: 'https://id.atlassian.com/manage-profile/security',
  apiTokens: 'https://id.atlassian.com/manage-profile/security/api-tokens',
  apiTokensDeepLink:
    'https://id.atlassian.com/manage-profile/security/api-tokens?autofillToken&appId=bitbucket&expiryDays=30',
  dashboard: 'https://bitbucket.org/dashboard/overview',
  workspaceOverview: 'https://bitbucket.org/acme/workspace/overview',
  repo: 'https://bitbucket.org/acme/website',
  repoSource: 'https://bitbucket.org/acme/website/src/main/README.md',
  pullRequests: 'https://bitbucket.org/acme/website/pull-requests/',
  pullRequest: 'https://bitbucket.org/acme/website/pull-requests/1',
  repoAccessTokens: 'https://bitbucket.org/acme/website/admin/access-tokens',
  projectAccessTokens: 'https://bitbucket.org/acme/workspace/projects/WEB/settings/access-tokens',
  workspaceAccessTokens: 'https://bitbucket.org/acme/workspace/settings/access-tokens',
  appPasswords: 'https://bitbucket.org/account/settings/app-passwords/',
  appPasswordsNew: 'https://bitbucket.org/account/settings/app-passwords/new',
  /** The deep link as Atlassian's own tools write it: with selectedScopes it may open past the scope step. */
  apiTokensSelectedScopes:
    'https://id.atlassian.com/manage-profile/security/api-tokens?autofillToken&appId=bitbucket&expiryDays=30&selectedScopes=all',
  /** Named by third-party tools only: a token list, a create entry or a redirect (variant switch). */
  bitbucketApiTokens: 'https://bitbucket.org/account/settings/api-tokens/',
  apiUser: 'https://bitbucket.org/!api/2.0/user',
  apiRepository: 'https://bitbucket.org/!api/2.0/repositories/acme/website?fields=links.clone',
};

// First path segments of bitbucket.org that are not workspaces (docs/evidence/pages.md#repository-pages), plus the bundles' folder.
const NOT_WORKSPACES = new Set([
  'account',
  'dashboard',
  'product',
  'site',
  'blog',
  'repo',
  'snippets',
  '!api',
  'socialauth',
  'support',
  'gateway',
  'pricing',
  '__fixtures__',
]);

let cached;

/**
 * Reads the HTML templates and the built bundles. Kept in memory until the bundles are rebuilt
 * (the build swaps the folder, which changes its mtime): the variant matrix installs routes for
 * hundreds of pages.
 */
export async function loadFixtureAssets() {
  const version = await stat(DIST_DIR)
    .then((s) => s.mtimeMs)
    .catch(() => 0);
  if (cached?.version === version) return cached.assets;
  const html = {};
  for (const name of ['atlassian', 'bitbucket', 'app-passwords', 'app-passwords-new']) {
    html[name] = await readFile(new URL(`${name}.html`, PAGES_DIR), 'utf8');
  }
  const dist = new Map();
  const files = await readdir(DIST_DIR).catch(() => []);
  for (const file of files) dist.set(file, await readFile(new URL(file, DIST_DIR)));
  if (!dist.has('atlassian.js') || !dist.has('bitbucket.js')) {
    throw new Error(
      'Fixture bundles missing in tests/fixtures/dist: run `node scripts/build-fixtures.mjs` (or buildFixtures()) first.',
    );
  }
  cached = { version, assets: { html, dist } };
  return cached.assets;
}

const json = (status, body) => ({ status, contentType: 'application/json', body: JSON.stringify(body) });
const htmlPage = (status, body) => ({ status, contentType: 'text/html; charset=utf-8', body });
const notFound = () => ({ status: 404, contentType: 'text/plain', body: 'Not found (fixture)' });
const errorJson = (status, message) => json(status, { type: 'error', error: { message } });

function spaPage(template, fixture, status = 200) {
  const script = `<script>window.__FIXTURE__ = ${JSON.stringify(fixture).replace(/</g, '\\u003c')};</script>`;
  return htmlPage(
    status,
    template.replace('<!--FIXTURE_OPTIONS-->', script).replace('lang="en"', `lang="${fixture.lang}"`),
  );
}

/** `?fields=links.clone,name` as the REST API does it: keep only the listed dotted paths. */
function pickFields(object, fields) {
  if (!fields) return object;
  const picked = {};
  for (const path of fields.split(',')) {
    const keys = path.trim().split('.');
    let from = object;
    let to = picked;
    keys.forEach((key, i) => {
      if (from === undefined || from === null) return;
      if (i === keys.length - 1) to[key] = from[key];
      else {
        to[key] ??= {};
        to = to[key];
      }
      from = from[key];
    });
  }
  return picked;
}

function repositoryJson(workspace, slug, fixture) {
  const user = fixture.user ? `${fixture.user.username}@` : '';
  return {
    type: 'repository',
    full_name: `${workspace}/${slug}`,
    name: slug,
    slug,
    is_private: true,
    workspace: { type: 'workspace', slug: workspace },
    mainbranch: { type: 'branch', name: 'main' },
    links: {
      html: { href: `https://bitbucket.org/${workspace}/${slug}` },
      clone: [
        { name: 'https', href: `https://${user}bitbucket.org/${workspace}/${slug}.git` },
        { name: 'ssh', href: `git@bitbucket.org:${workspace}/${slug}.git` },
      ],
    },
  };
}

const isMissingRepo = (fixture, workspace, slug) =>
  fixture.missingRepos.includes(`${workspace}/${slug}`.toLowerCase());

/**
 * The response for one URL: `{status, contentType, body}`. Pure apart from the assets, so it can be
 * checked without a browser.
 */
export function fixtureResponse(url, fixture, assets) {
  const { hostname, pathname, searchParams } = new URL(url);
  const asset = /^\/__fixtures__\/([\w.-]+)$/.exec(pathname);
  if (asset) {
    const body = assets.dist.get(asset[1]);
    if (!body) return notFound();
    const contentType = asset[1].endsWith('.css') ? 'text/css' : 'text/javascript';
    return { status: 200, contentType, body };
  }
  if (hostname === 'id.atlassian.com') return spaPage(assets.html.atlassian, fixture);
  if (hostname !== 'bitbucket.org') return notFound();

  if (pathname === '/!api/2.0/user') {
    return fixture.user
      ? json(200, {
          username: fixture.user.username,
          display_name: fixture.user.display_name,
          account_id: fixture.user.account_id,
          uuid: fixture.user.uuid,
          type: 'user',
        })
      : errorJson(401, 'Unauthorized');
  }
  const repoApi = /^\/!api\/2\.0\/repositories\/([\w.-]+)\/([\w.-]+)\/?$/.exec(pathname);
  if (repoApi) {
    const [, workspace, slug] = repoApi;
    if (isMissingRepo(fixture, workspace, slug))
      return errorJson(404, `Repository ${workspace}/${slug} not found`);
    return json(200, pickFields(repositoryJson(workspace, slug, fixture), searchParams.get('fields')));
  }
  if (pathname.startsWith('/!api/')) return errorJson(404, 'Resource not found');
  const django = fixture.switches['app-password'].stack === 'django';
  if (django && /^\/account\/settings\/app-passwords\/new\/?$/.test(pathname)) {
    return htmlPage(200, renderNewAppPasswordPage(assets.html['app-passwords-new'], fixture));
  }
  if (django && /^\/account\/settings\/app-passwords\/?$/.test(pathname)) {
    return htmlPage(200, renderAppPasswordsPage(assets.html['app-passwords'], fixture));
  }
  if (
    /^\/account\/settings\/api-tokens\/?$/.test(pathname) &&
    fixture.switches['bitbucket-api-tokens'].mode === 'redirect'
  ) {
    // A client-side redirect: Playwright does not route the request that a 302 from route.fulfill
    // leads to, and an unrouted id.atlassian.com does not resolve here.
    const target = FIXTURE_URLS.apiTokens;
    return htmlPage(
      200,
      `<!doctype html><meta http-equiv="refresh" content="0; url=${target}"><script>location.replace(${JSON.stringify(target)})</script>`,
    );
  }
  // A missing repository's pages answer 404, like the real site; the SPA shows its not-found page.
  const [workspace, slug] = pathname.split('/').filter(Boolean);
  const missing =
    workspace &&
    slug &&
    !NOT_WORKSPACES.has(workspace) &&
    slug !== 'workspace' &&
    isMissingRepo(fixture, workspace, slug);
  return spaPage(assets.html.bitbucket, fixture, missing ? 404 : 200);
}

/**
 * Routes https://id.atlassian.com/** and https://bitbucket.org/** of `context` to the fixtures.
 * A Page works too: its routes win over its context's, so pages of one context can show different
 * variants side by side (the service worker's requests still need a context route).
 * @param {import('playwright-core').BrowserContext | import('playwright-core').Page} context
 * @param {import('./fixture-routes.d.mts').FixtureOptions} [options]
 */
export async function installFixtureRoutes(context, options = {}) {
  const fixture = resolveFixtureOptions(options);
  const assets = await loadFixtureAssets();
  const handler = (route) => {
    let response;
    try {
      response = fixtureResponse(route.request().url(), fixture, assets);
    } catch (error) {
      // A broken fixture answers at once and says why, rather than leaving the page waiting.
      response = { status: 500, contentType: 'text/plain', body: `Fixture error: ${error?.stack ?? error}` };
    }
    return route.fulfill(response);
  };
  const patterns = ['https://id.atlassian.com/**', 'https://bitbucket.org/**'];
  for (const pattern of patterns) await context.route(pattern, handler);
  return {
    fixture,
    async uninstall() {
      for (const pattern of patterns) await context.unroute(pattern, handler);
    },
  };
}

/** The page's own state (what its React state holds), from `window.__fixtureState()`. */
export async function fixtureStateOf(page) {
  return page.evaluate(() => {
    if (typeof window.__fixtureState === 'function') return window.__fixtureState();
    const box = document.querySelector('[data-testid="fixture-state"]');
    return box ? JSON.parse(box.textContent) : null;
  });
}

/** Where a user meets a matrix variant: the page to open (the variant's switches decide). */
export function entryUrlOf(variantOrName) {
  const variant = typeof variantOrName === 'string' ? findVariant(variantOrName) : variantOrName;
  const sw = switchesOf(variant);
  switch (variant.family) {
    case 'api-token':
      if (sw.entry === 'details') return FIXTURE_URLS.apiTokensDeepLink;
      if (sw.entry === 'review') return FIXTURE_URLS.apiTokensSelectedScopes;
      return FIXTURE_URLS.apiTokens;
    case 'access-token':
      return {
        repository: FIXTURE_URLS.repoAccessTokens,
        project: FIXTURE_URLS.projectAccessTokens,
        workspace: FIXTURE_URLS.workspaceAccessTokens,
      }[sw.level];
    case 'app-password':
      return FIXTURE_URLS.appPasswordsNew;
    default:
      return FIXTURE_URLS.bitbucketApiTokens;
  }
}
