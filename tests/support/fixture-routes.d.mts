// Types of fixture-routes.mjs (hand-written: the module is plain JavaScript so a `node` script can use it).
// Type-only import: the module itself never loads Playwright.
import type { BrowserContext, Page } from 'playwright-core';

export type FixtureVariant =
  | 'default'
  | 'reordered'
  | 'wrapped'
  | 'renamed'
  | 'de'
  | 'missing-scope'
  | 'slow';

export interface FixtureUser {
  username: string;
  display_name: string;
  account_id: string;
  uuid: string;
}

/** A row of the API-token list; every field is the display string the page shows ('Nov 26, 2025', 'Never', '—'). */
export interface ApiTokenRow {
  name: string;
  created: string;
  expires: string;
  lastAccessed: string;
  /** Shown by the row's "View scopes" dialog. */
  scopes?: string[];
}

/** A row of an access-token list (repository, project or workspace). */
export interface AccessTokenRow {
  name: string;
  created: string;
  expires: string;
  lastUsed: string;
  scopes?: string[];
}

export interface AppPasswordRow {
  label: string;
  created: string;
  lastUsed: string;
}

export interface FixtureOptions {
  /** One variant or several combined, e.g. `['de', 'wrapped']`. Default 'default'. */
  variant?: FixtureVariant | FixtureVariant[];
  /** `null`: logged out (`/!api/2.0/user` answers 401). Partial users are merged with the default alice-dev. */
  user?: Partial<FixtureUser> | null;
  apiTokens?: ApiTokenRow[];
  accessTokens?: AccessTokenRow[];
  appPasswords?: AppPasswordRow[];
  /** Delay before the scope checkboxes render (a spinner first). Default 0, or 2000 with variant 'slow'. */
  slowScopeStepMs?: number;
  /** Scope ids (modern or classic) left out of every page. Default none, or a few with 'missing-scope'. */
  missingScopes?: string[];
  /** 'de' is the same as adding the 'de' variant. */
  locale?: 'en' | 'de';
  /** `'{ws}/{repo}'` entries: their repository pages and `/!api/2.0/repositories/…` answer 404. */
  missingRepos?: string[];
  /** The access-token form hides "No expiry" (an admin requires expiry, facts §4). Default false. */
  requireExpiry?: boolean;
}

/** The options as the pages read them (`window.__FIXTURE__`). */
export interface ResolvedFixtureOptions {
  variants: Exclude<FixtureVariant, 'default'>[];
  lang: 'en' | 'de';
  user: FixtureUser | null;
  apiTokens: ApiTokenRow[];
  accessTokens: AccessTokenRow[];
  appPasswords: AppPasswordRow[];
  slowScopeStepMs: number;
  missingScopes: string[];
  missingRepos: string[];
  requireExpiry: boolean;
}

export interface FixtureResponse {
  status: number;
  contentType: string;
  body: string | Uint8Array;
}

export interface FixtureAssets {
  html: Record<'atlassian' | 'bitbucket' | 'app-passwords' | 'app-passwords-new', string>;
  dist: Map<string, Uint8Array>;
}

export const DEFAULT_USER: FixtureUser;
export const FIXTURE_VARIANTS: FixtureVariant[];
export const FIXTURE_URLS: {
  security: string;
  apiTokens: string;
  apiTokensDeepLink: string;
  dashboard: string;
  workspaceOverview: string;
  repo: string;
  repoSource: string;
  pullRequests: string;
  pullRequest: string;
  repoAccessTokens: string;
  projectAccessTokens: string;
  workspaceAccessTokens: string;
  appPasswords: string;
  appPasswordsNew: string;
  apiUser: string;
  apiRepository: string;
};

export function resolveFixtureOptions(options?: FixtureOptions): ResolvedFixtureOptions;
export function loadFixtureAssets(): Promise<FixtureAssets>;
export function fixtureResponse(
  url: string,
  fixture: ResolvedFixtureOptions,
  assets: FixtureAssets,
): FixtureResponse;

/**
 * Routes https://id.atlassian.com/** and https://bitbucket.org/** of a BrowserContext to the fixtures.
 * Throws when the bundles are not built (run scripts/build-fixtures.mjs).
 */
export function installFixtureRoutes(
  context: BrowserContext,
  options?: FixtureOptions,
): Promise<{ fixture: ResolvedFixtureOptions; uninstall(): Promise<void> }>;

/** The page's own state: `window.__fixtureState()`, else the JSON of `[data-testid="fixture-state"]`. */
// biome-ignore lint/suspicious/noExplicitAny: the state's shape differs per page; tests narrow it.
export function fixtureStateOf(page: Page): Promise<any>;
