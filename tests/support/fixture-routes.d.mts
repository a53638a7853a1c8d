// Types of fixture-routes.mjs (hand-written: the module is plain JavaScript so a `node` script can use it).
// Type-only import: the module itself never loads Playwright.
import type { BrowserContext, Page } from 'playwright-core';
import type { Family, FamilyId, MatrixVariant } from '../fixtures/pages/src/variants.js';

export type { Family, FamilyId, MatrixVariant };

/** The legacy names (every family) or a matrix variant's name (its family: MATRIX_VARIANTS). */
export type FixtureVariant =
  | 'default'
  | 'reordered'
  | 'wrapped'
  | 'renamed'
  | 'de'
  | 'missing-scope'
  | 'slow'
  | (string & {});

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
  /** The page language of every family ('de' is the same as adding the 'de' variant). */
  locale?: 'en' | 'de' | 'fr' | 'ja';
  /** `'{ws}/{repo}'` entries: their repository pages and `/!api/2.0/repositories/…` answer 404. */
  missingRepos?: string[];
  /** The access-token form hides "No expiry" (an admin requires expiry, facts §4). Default false. */
  requireExpiry?: boolean;
  /** Single switches per family on top of the variants: `{ 'access-token': { expiry: 'required-90' } }`. */
  switches?: Partial<Record<FamilyId, Record<string, string>>>;
}

/** The options as the pages read them (`window.__FIXTURE__`). */
export interface ResolvedFixtureOptions {
  /** The legacy variant names in force (not 'default'). */
  variants: string[];
  /** The matrix variant in force per family, or null. */
  matrix: Record<FamilyId, string | null>;
  /** Every switch of every family, defaults filled in. */
  switches: Record<FamilyId, Record<string, string>>;
  /** The API-token family's language. */
  lang: 'en' | 'de' | 'fr' | 'ja';
  user: FixtureUser | null;
  apiTokens: ApiTokenRow[];
  accessTokens: AccessTokenRow[];
  appPasswords: AppPasswordRow[];
  slowScopeStepMs: number;
  /** How `rows: late` pickers load: a spinner for firstMs, then `batches` batches batchMs apart. */
  late: { firstMs: number; batchMs: number; batches: number };
  /** The scopes every page leaves out; when empty, each family's `missing` switch decides. */
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
  apiTokensSelectedScopes: string;
  bitbucketApiTokens: string;
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
  context: BrowserContext | Page,
  options?: FixtureOptions,
): Promise<{ fixture: ResolvedFixtureOptions; uninstall(): Promise<void> }>;

export const FIXTURE_FAMILIES: Record<FamilyId, Family>;
export const FAMILY_IDS: FamilyId[];
export const MATRIX_VARIANTS: MatrixVariant[];
export function findVariant(name: string): MatrixVariant | undefined;
export function switchesOf(variant: Pick<MatrixVariant, 'family' | 'switches'>): Record<string, string>;
export function variantsOf(family: FamilyId): MatrixVariant[];
/** The URL where a user meets the variant (its entry, level or mode decide). */
export function entryUrlOf(variant: MatrixVariant | string): string;

/** The page's own state: `window.__fixtureState()`, else the JSON of `[data-testid="fixture-state"]`. */
// biome-ignore lint/suspicious/noExplicitAny: the state's shape differs per page; tests narrow it.
export function fixtureStateOf(page: Page): Promise<any>;
