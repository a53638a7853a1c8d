// The fixture pages behave like the real ones (React-controlled inputs, SPA navigation, implications,
// variants), proven in real Chromium WITHOUT the extension. The extension's e2e tests rely on this.
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildFixtures } from '../../scripts/build-fixtures.mjs';
import { launchChromium } from '../support/chromium.mjs';
import {
  FIXTURE_URLS,
  type FixtureOptions,
  fixtureStateOf,
  installFixtureRoutes,
} from '../support/fixture-routes.mjs';

const SHOTS = 'test-results/fixtures';
let context: BrowserContext;
let page: Page;
let uninstall: (() => Promise<void>) | undefined;
let served = '';

/** Serve the fixtures with these options, replacing the previous ones (a no-op when they are the same). */
async function serve(options: FixtureOptions = {}) {
  if (JSON.stringify(options) === served) return;
  await uninstall?.();
  ({ uninstall } = await installFixtureRoutes(context, options));
  served = JSON.stringify(options);
}

/** Today + n days as ISO `YYYY-MM-DD` and as typed `D/M/YYYY`, in local time like the page. */
function inDays(n: number) {
  const d = new Date();
  d.setDate(d.getDate() + n);
  const iso = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return { iso, typed: `${d.getDate()}/${d.getMonth() + 1}/${d.getFullYear()}` };
}

const dialog = () => page.getByRole('dialog');
const button = (name: string) => dialog().getByRole('button', { name, exact: true });
const scopeBox = (id: string) => dialog().locator(`input[type="checkbox"][value="${id}"]`);

async function typeDate(input: Locator, typed: string) {
  await input.click();
  await input.pressSequentially(typed);
  await input.press('Enter');
}

/** Walk the scoped wizard to the scope step for Bitbucket (the deep link preselects the app). */
async function toScopeStep() {
  await page.goto(FIXTURE_URLS.apiTokensDeepLink);
  await dialog().getByLabel('Name').fill('laptop');
  await button('Next').click();
  await button('Next').click();
}

beforeAll(async () => {
  // Build and launch side by side: a fresh clone has no bundles yet.
  [, context] = await Promise.all([
    buildFixtures(),
    launchChromium({
      viewport: { width: 1200, height: 900 },
      // Atlaskit honours reduced motion: modals open without a transition for Playwright to wait out.
      reducedMotion: 'reduce',
    }).then((launched) => launched.context),
  ]);
  // Fail fast with the locator in the message, well inside Vitest's test timeout.
  context.setDefaultTimeout(5000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  page = await context.newPage();
});

afterAll(async () => {
  await uninstall?.();
  await context?.close();
});

beforeEach(async () => {
  await serve();
});

describe('routes', () => {
  it('answers the session API, bundles and unknown paths like the real hosts', async () => {
    await serve({ missingRepos: ['acme/gone'] });
    await page.goto(FIXTURE_URLS.dashboard);
    const answers = await page.evaluate(async () => {
      const get = async (path: string) => {
        const res = await fetch(path);
        return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
      };
      return {
        user: await get('/!api/2.0/user'),
        repo: await get('/!api/2.0/repositories/acme/website?fields=links.clone'),
        gone: await get('/!api/2.0/repositories/acme/gone'),
        otherApi: await get('/!api/2.0/workspaces'),
        bundle: await get('/__fixtures__/bitbucket.js'),
        noBundle: await get('/__fixtures__/nope.js'),
      };
    });
    expect(answers.user.status).toBe(200);
    expect(answers.user.type).toContain('application/json');
    expect(JSON.parse(answers.user.body)).toEqual({
      username: 'alice-dev',
      display_name: 'Alice Example',
      account_id: '557058:aaaa-bbbb',
      uuid: '{c0ffee00-0000-4000-8000-000000000001}',
      type: 'user',
    });
    expect(JSON.parse(answers.repo.body)).toEqual({
      links: {
        clone: [
          { name: 'https', href: 'https://alice-dev@bitbucket.org/acme/website.git' },
          { name: 'ssh', href: 'git@bitbucket.org:acme/website.git' },
        ],
      },
    });
    expect(answers.gone.status).toBe(404);
    expect(answers.otherApi.status).toBe(404);
    expect(answers.bundle.status).toBe(200);
    expect(answers.noBundle.status).toBe(404);
    expect((await page.goto('https://bitbucket.org/acme/gone'))?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'That link has no power here' }).count()).resolves.toBe(1);
  });

  it('answers 401 on /!api/2.0/user when logged out', async () => {
    await serve({ user: null });
    await page.goto(FIXTURE_URLS.dashboard);
    const res = await page.evaluate(async () => {
      const r = await fetch('/!api/2.0/user');
      return { status: r.status, body: await r.json() };
    });
    expect(res).toEqual({ status: 401, body: { type: 'error', error: { message: 'Unauthorized' } } });
  });
});

describe('Atlassian account: API tokens', () => {
  it('navigates client-side from Security to API tokens and back (no reload, popstate)', async () => {
    await page.goto(FIXTURE_URLS.security);
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 42;
    });
    await page.getByRole('link', { name: 'Create and manage API tokens' }).click();
    await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
    expect(page.url()).toBe(FIXTURE_URLS.apiTokens);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    const names = await page.getByRole('row').allInnerTexts();
    expect(names.join('\n')).toContain('laptop git');

    await page.goBack();
    await page.getByRole('heading', { name: 'Security', level: 1 }).waitFor();
    expect((await fixtureStateOf(page)).page).toBe('security');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  });

  it('keeps the name React-controlled: fill() reaches the state, a bare .value does not', async () => {
    await page.goto(FIXTURE_URLS.apiTokens);
    await page.getByRole('button', { name: 'Create API token with scopes' }).click();
    const name = dialog().getByLabel('Name');
    await name.fill('from playwright');
    expect((await fixtureStateOf(page)).name).toBe('from playwright');

    await name.evaluate((input: HTMLInputElement) => {
      input.value = 'bare assignment';
    });
    expect((await fixtureStateOf(page)).name).toBe('from playwright');
    await expect(page.getByTestId('fixture-state').textContent()).resolves.toContain('"from playwright"');
  });

  it('accepts a typed expiry date and rejects one outside 1–365 days', async () => {
    await page.goto(FIXTURE_URLS.apiTokens);
    await page.getByRole('button', { name: 'Create API token with scopes' }).click();
    expect((await fixtureStateOf(page)).expiresOn).toBe(inDays(365).iso);
    await dialog().getByLabel('Name').fill('dated');

    await typeDate(dialog().getByLabel('Expires on'), inDays(30).typed);
    expect((await fixtureStateOf(page)).expiresOn).toBe(inDays(30).iso);
    await expect(button('Next').isEnabled()).resolves.toBe(true);

    await typeDate(dialog().getByLabel('Expires on'), inDays(400).typed);
    expect((await fixtureStateOf(page)).expiresOn).toBe(inDays(400).iso);
    await expect(dialog().getByRole('alert').textContent()).resolves.toContain('between 1 and 365 days');
    await expect(button('Next').isDisabled()).resolves.toBe(true);
  });

  it('opens the wizard from the deep link with the app and expiry filled in', async () => {
    await page.goto(FIXTURE_URLS.apiTokensDeepLink);
    await dialog().waitFor();
    const state = await fixtureStateOf(page);
    expect(state).toMatchObject({
      dialog: 'api-token-with-scopes',
      appId: 'bitbucket',
      expiresOn: inDays(30).iso,
    });

    await page.goto(
      `${FIXTURE_URLS.apiTokens}?autofillToken&appId=bitbucket&expiryDays=max&selectedScopes=all`,
    );
    await dialog().waitFor();
    expect(await fixtureStateOf(page)).toMatchObject({
      appId: 'bitbucket',
      expiresOn: inDays(365).iso,
      scopes: [],
    });
    await dialog().getByLabel('Name').fill('deep');
    await button('Next').click();
    await expect(dialog().getByLabel('Bitbucket', { exact: true }).isChecked()).resolves.toBe(true);
  });

  it('walks name → app → scopes → review → token, with real clicks only reaching the state', async () => {
    await page.goto(FIXTURE_URLS.apiTokens);
    await page.getByRole('button', { name: 'Create API token with scopes' }).click();
    await expect(button('Next').isDisabled()).resolves.toBe(true);
    await dialog().getByLabel('Name').fill('laptop');
    await button('Next').click();

    const radios = dialog().getByRole('radio');
    expect(await radios.evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value))).toEqual([
      'bitbucket',
      'confluence',
      'jira',
      'jira-service-management',
    ]);
    await dialog().getByLabel('Bitbucket', { exact: true }).check();
    expect((await fixtureStateOf(page)).appId).toBe('bitbucket');
    await button('Next').click();

    const read = scopeBox('read:repository:bitbucket');
    await expect(dialog().getByRole('checkbox', { name: 'read:repository:bitbucket' }).count()).resolves.toBe(
      1,
    );
    await read.click();
    await scopeBox('write:repository:bitbucket').click();
    // A script that flips .checked without a click does not change the page's state.
    await scopeBox('read:user:bitbucket').evaluate((box: HTMLInputElement) => {
      box.checked = true;
    });
    expect((await fixtureStateOf(page)).scopes).toEqual([
      'read:repository:bitbucket',
      'write:repository:bitbucket',
    ]);
    await page.screenshot({ path: `${SHOTS}/api-token-scope-step.png` });

    const allBoxes = await dialog().getByRole('checkbox').count();
    await dialog().getByLabel('Search scopes').fill('pullrequest');
    await expect
      .poll(() =>
        dialog()
          .getByRole('checkbox')
          .evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value)),
      )
      .toEqual(['read:pullrequest:bitbucket', 'write:pullrequest:bitbucket']);
    await dialog().getByLabel('Search scopes').fill('');
    await button('Write').click();
    const writeOnly = await dialog()
      .getByRole('checkbox')
      .evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
    expect(writeOnly.length).toBeGreaterThan(3);
    expect(writeOnly.length).toBeLessThan(allBoxes);
    expect(writeOnly.every((id) => id.startsWith('write:'))).toBe(true);
    await button('All').click();

    await button('Next').click();
    const state = await fixtureStateOf(page);
    const listed = await dialog().getByRole('list', { name: 'Scopes' }).getByRole('listitem').allInnerTexts();
    expect(listed).toEqual(state.scopes);
    await expect(dialog().textContent()).resolves.toContain('laptop');

    await button('Create token').click();
    await expect(dialog().getByLabel('Token', { exact: true }).inputValue()).resolves.toBe(
      'FAKE-TOKEN-NOT-A-SECRET',
    );
    await button('Copy to clipboard').click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe('FAKE-TOKEN-NOT-A-SECRET');
    expect(await fixtureStateOf(page)).toMatchObject({
      submitted: true,
      copied: true,
      submittedValues: {
        kind: 'scoped',
        name: 'laptop',
        expiresOn: inDays(365).iso,
        appId: 'bitbucket',
        scopes: ['read:repository:bitbucket', 'write:repository:bitbucket'],
      },
    });
    await button('Close').click();
    await expect(page.getByRole('cell', { name: 'laptop', exact: true }).count()).resolves.toBe(1);
  });

  it('shows other scopes for other apps and makes unscoped tokens with the plain button', async () => {
    await page.goto(FIXTURE_URLS.apiTokens);
    await page.getByRole('button', { name: 'Create API token with scopes' }).click();
    await dialog().getByLabel('Name').fill('wiki');
    await button('Next').click();
    await dialog().getByLabel('Confluence').check();
    await button('Next').click();
    await expect(scopeBox('read:confluence-content.all').count()).resolves.toBe(1);
    await expect(scopeBox('read:repository:bitbucket').count()).resolves.toBe(0);
    await button('Cancel').click();

    await page.getByRole('button', { name: 'Create API token', exact: true }).click();
    await dialog().getByLabel('Name').fill('plain');
    await button('Create').click();
    expect((await fixtureStateOf(page)).submittedValues).toEqual({
      kind: 'unscoped',
      name: 'plain',
      expiresOn: inDays(365).iso,
    });
  });
});

describe('Bitbucket SPA', () => {
  it('has the repository page markers and navigates client-side to the access tokens', async () => {
    await page.goto(FIXTURE_URLS.repoSource);
    await expect(page.locator('header[data-qa="page-header-wrapper"]').count()).resolves.toBe(1);
    await expect(page.locator('[data-qa="bk-file__header"]').textContent()).resolves.toContain('README.md');
    await page.getByRole('button', { name: 'Clone' }).click();
    await expect(dialog().textContent()).resolves.toContain(
      'git clone https://alice-dev@bitbucket.org/acme/website.git',
    );
    await button('Close').click();
    await dialog().waitFor({ state: 'detached' });

    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 7;
    });
    await page.getByRole('link', { name: 'Pull requests' }).click();
    await page.getByRole('link', { name: /#1/ }).click();
    await page.getByTestId('pr-header').waitFor();
    expect(page.url()).toBe(FIXTURE_URLS.pullRequest);
    await page.getByRole('link', { name: 'Repository settings' }).click();
    await page.getByRole('heading', { name: 'Access tokens', level: 1 }).waitFor();
    expect(page.url()).toBe(FIXTURE_URLS.repoAccessTokens);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(7);
  });

  it('ticks and disables what a classic scope implies, and records the created token', async () => {
    await page.goto(FIXTURE_URLS.repoAccessTokens);
    await page.getByRole('button', { name: 'Create access token' }).click();
    await dialog().getByLabel('Name').fill('ci');
    await expect(dialog().locator('input[value^="project"]').count()).resolves.toBe(0);
    await scopeBox('pullrequest:write').click();
    const state = await fixtureStateOf(page);
    expect(state.scopes).toEqual(['repository', 'repository:write', 'pullrequest', 'pullrequest:write']);
    for (const implied of ['repository', 'repository:write', 'pullrequest']) {
      await expect(scopeBox(implied).isChecked()).resolves.toBe(true);
      await expect(scopeBox(implied).isDisabled()).resolves.toBe(true);
    }
    await scopeBox('pipeline:variable').click();
    expect((await fixtureStateOf(page)).scopes).toContain('pipeline');

    await dialog().getByLabel('Expires on').check();
    await typeDate(dialog().getByLabel('Expiry date'), inDays(90).typed);
    await page.screenshot({ path: `${SHOTS}/access-token-form.png` });
    await scopeBox('pullrequest:write').click();
    // Implied scopes were never ticked themselves: they go when what implied them goes.
    expect((await fixtureStateOf(page)).scopes).toEqual(['pipeline', 'pipeline:write', 'pipeline:variable']);
    await expect(scopeBox('repository').isChecked()).resolves.toBe(false);
    await expect(scopeBox('repository').isDisabled()).resolves.toBe(false);
    await scopeBox('repository').click();

    await button('Create').click();
    await page.getByRole('dialog', { name: 'Access token created' }).waitFor();
    expect(await fixtureStateOf(page)).toMatchObject({
      submitted: true,
      submittedValues: {
        name: 'ci',
        expiry: 'date',
        expiresOn: inDays(90).iso,
        scopes: ['repository', 'pipeline', 'pipeline:write', 'pipeline:variable'],
      },
    });
    await expect(page.getByRole('dialog', { name: 'Access token created' }).textContent()).resolves.toContain(
      'x-token-auth',
    );
  });

  it('adds the Projects group on project and workspace token forms', async () => {
    const projectIds = async (url: string) => {
      await page.goto(url);
      await page.getByRole('button', { name: 'Create access token' }).click();
      return dialog()
        .locator('input[type="checkbox"]')
        .evaluateAll((els) =>
          els.map((el) => (el as HTMLInputElement).value).filter((v) => v.startsWith('project')),
        );
    };
    expect(await projectIds(FIXTURE_URLS.projectAccessTokens)).toEqual(['project']);
    expect(await projectIds(FIXTURE_URLS.workspaceAccessTokens)).toEqual(['project', 'project:admin']);
  });
});

describe('legacy app passwords (server-rendered)', () => {
  it('records the submitted label and scopes, ticking implied scopes', async () => {
    await page.goto(FIXTURE_URLS.appPasswordsNew);
    await page.locator('#id_name').fill('sourcetree');
    await page.getByLabel('Write repository:write').check();
    await page.locator('input[name="scopes"][value="pipeline:variable"]').check();
    await page.getByRole('button', { name: 'Create' }).click();
    expect(await fixtureStateOf(page)).toMatchObject({
      submitted: true,
      submittedValues: {
        label: 'sourcetree',
        scopes: ['repository', 'repository:write', 'pipeline', 'pipeline:write', 'pipeline:variable'],
      },
    });
    expect(page.url()).toBe(FIXTURE_URLS.appPasswordsNew);
  });

  it('shows the 2025 notice with a link to API tokens and the old passwords', async () => {
    await serve({ appPasswords: [{ label: 'ci-old', created: 'May 1, 2024', lastUsed: 'Never' }] });
    await page.goto(FIXTURE_URLS.appPasswords);
    await expect(page.getByRole('link', { name: 'Go to API tokens' }).getAttribute('href')).resolves.toBe(
      FIXTURE_URLS.apiTokens,
    );
    await expect(page.locator('body').textContent()).resolves.toMatch(/disabled since September 9, 2025/);
    expect(await page.locator('table tbody tr').allInnerTexts()).toEqual(['ci-old\tMay 1, 2024\tNever']);
  });
});

describe('variants', () => {
  const ENGLISH_BUTTONS = [
    'Create API token with scopes',
    'Create API token',
    'Next',
    'Back',
    'Cancel',
    'Create token',
    'Copy to clipboard',
    'Close',
    'View scopes',
    'Revoke',
    'All',
    'Read',
    'Write',
    'Admin',
    'Delete',
    'Selected',
    'Create access token',
    'Create',
    'Rotate',
    'Clone',
  ];
  const buttonTexts = () => page.getByRole('button').allInnerTexts();

  it('de: German texts everywhere, scope ids unchanged', async () => {
    await serve({ variant: 'de' });
    const seen: string[] = [];
    await page.goto(FIXTURE_URLS.apiTokens);
    seen.push(...(await buttonTexts()));
    await page.getByRole('button', { name: 'API-Token mit Bereichen erstellen' }).click();
    await dialog().getByLabel('Name').fill('Laptop');
    await expect(dialog().getByText('Ablaufdatum', { exact: true }).count()).resolves.toBe(1);
    seen.push(...(await buttonTexts()));
    await button('Weiter').click();
    await dialog().getByLabel('Bitbucket', { exact: true }).check();
    await button('Weiter').click();
    seen.push(...(await buttonTexts()));
    await expect(dialog().getByRole('heading', { name: 'Repositorys' }).count()).resolves.toBe(1);
    await scopeBox('read:repository:bitbucket').click();
    await button('Weiter').click();
    seen.push(...(await buttonTexts()));
    await button('Token erstellen').click();
    seen.push(...(await buttonTexts()));
    expect((await fixtureStateOf(page)).submittedValues.scopes).toEqual(['read:repository:bitbucket']);

    await page.goto(FIXTURE_URLS.repoAccessTokens);
    await page.getByRole('button', { name: 'Zugriffstoken erstellen' }).click();
    seen.push(...(await buttonTexts()));
    await expect(dialog().getByLabel('Lesen').first().getAttribute('value')).resolves.toBe('repository');
    await page.goto(FIXTURE_URLS.appPasswordsNew);
    seen.push(...(await buttonTexts()));
    await expect(page.getByLabel('Schreiben repository:write').count()).resolves.toBe(1);

    const english = seen.map((text) => text.trim()).filter((text) => ENGLISH_BUTTONS.includes(text));
    expect(english).toEqual([]);
    expect(seen).toContain('Zurück');
  });

  it('renamed, reordered, wrapped and missing-scope change the markup, not the scope ids', async () => {
    const firstScope = () => dialog().locator('input[type="checkbox"]').first().getAttribute('value');

    await serve({ variant: 'renamed' });
    await page.goto(FIXTURE_URLS.apiTokens);
    await page.getByRole('button', { name: 'New scoped API token' }).click();
    await dialog().getByLabel('Token name').fill('renamed');
    await button('Continue').click();
    await expect(dialog().getByText('Choose an app').first().count()).resolves.toBe(1);

    await serve({ variant: 'reordered' });
    await toScopeStep();
    expect(await firstScope()).toBe('read:me');

    await serve({ variant: ['wrapped', 'missing-scope'] });
    await toScopeStep();
    expect(await firstScope()).toBe('read:repository:bitbucket');
    await expect(dialog().locator('.fx-wrap .scope-row').count()).resolves.toBeGreaterThan(10);
    await expect(scopeBox('read:user:bitbucket').count()).resolves.toBe(0);
    await scopeBox('read:repository:bitbucket').click();
    expect((await fixtureStateOf(page)).scopes).toEqual(['read:repository:bitbucket']);

    await page.goto(FIXTURE_URLS.repoAccessTokens);
    await page.getByRole('button', { name: 'Create access token' }).click();
    await expect(scopeBox('pipeline:write').count()).resolves.toBe(0);
    await expect(scopeBox('pipeline').count()).resolves.toBe(1);
  });

  it('slow: the scope step shows a spinner, then the scopes after ~2 s', async () => {
    await serve({ variant: 'slow' });
    await toScopeStep();
    const started = Date.now();
    await expect(dialog().getByRole('img', { name: 'Loading scopes' }).count()).resolves.toBe(1);
    await expect(scopeBox('read:repository:bitbucket').count()).resolves.toBe(0);
    await scopeBox('read:repository:bitbucket').waitFor({ timeout: 6000 });
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThan(1500);
    expect(waited).toBeLessThan(4500);
  });
});

describe('variant switches (the matrix of tests/fixtures/pages/src/variants.js)', () => {
  const openAccessForm = async (switches: Record<string, string>, url = FIXTURE_URLS.repoAccessTokens) => {
    await serve({ switches: { 'access-token': switches } });
    await page.goto(url);
    await page.getByRole('button', { name: /access token/i }).click();
    const form = switches.container === 'inline' ? page.locator('main') : dialog();
    await form.getByRole('checkbox').first().waitFor();
    return form;
  };

  it('logs who pressed a button: a real click is trusted, a script’s click() is not', async () => {
    await page.goto(FIXTURE_URLS.apiTokens);
    await page.getByRole('button', { name: 'Create API token with scopes' }).click();
    await dialog().getByLabel('Name').fill('x');
    await button('Next').evaluate((el: HTMLButtonElement) => el.click());
    await button('Back').click();
    expect((await fixtureStateOf(page)).presses).toEqual([
      { kind: 'open', trusted: true },
      { kind: 'next', trusted: false },
      { kind: 'back', trusted: true },
    ]);
  });

  it('deep links: with selectedScopes at the review, every scope ticked (past-scopes); else at details', async () => {
    await serve({ switches: { 'api-token': { deepLink: 'past-scopes' } } });
    await page.goto(FIXTURE_URLS.apiTokensSelectedScopes);
    await expect.poll(async () => (await fixtureStateOf(page))?.step).toBe('review');
    const state = await fixtureStateOf(page);
    expect(state.scopes).toContain('admin:repository:bitbucket');
    expect(state.scopes.length).toBeGreaterThan(30);
    await button('Back').click();
    expect((await fixtureStateOf(page)).step).toBe('scopes');
    await page.goto(FIXTURE_URLS.apiTokensDeepLink);
    await expect.poll(async () => (await fixtureStateOf(page))?.step).toBe('details');
    await serve({ switches: { 'api-token': { deepLink: 'to-details' } } });
    await page.goto(FIXTURE_URLS.apiTokensSelectedScopes);
    await expect.poll(async () => (await fixtureStateOf(page))?.step).toBe('details');
  });

  it('entry app / scopes: the wizard is already open at that step when the page loads', async () => {
    for (const entry of ['app', 'scopes']) {
      await serve({ switches: { 'api-token': { entry } } });
      await page.goto(FIXTURE_URLS.apiTokens);
      await dialog().waitFor();
      expect(await fixtureStateOf(page)).toMatchObject({ dialog: 'api-token-with-scopes', step: entry });
    }
  });

  it('a filter already set hides rows a preset needs, until it is cleared', async () => {
    for (const [filter, clear] of [
      ['search', () => dialog().getByLabel('Search scopes').fill('')],
      ['scope-type', () => button('All scope types').click()],
      ['action', () => button('All').click()],
    ] as const) {
      await serve({ switches: { 'api-token': { entry: 'scopes', filter } } });
      await page.goto(FIXTURE_URLS.apiTokens);
      await dialog().getByRole('checkbox').first().waitFor();
      await expect(scopeBox('write:repository:bitbucket').count()).resolves.toBe(0);
      await clear();
      await expect(scopeBox('write:repository:bitbucket').count()).resolves.toBe(1);
    }
  });

  it('late rows arrive in batches after a spinner; virtual rows exist only in view of the scroll container', async () => {
    await serve({ switches: { 'api-token': { entry: 'scopes', rows: 'late' } } });
    await page.goto(FIXTURE_URLS.apiTokens);
    await dialog().getByRole('img', { name: 'Loading scopes' }).waitFor();
    expect((await fixtureStateOf(page)).picker.loaded).toBe(false);
    await scopeBox('read:repository:bitbucket').waitFor();
    await expect.poll(async () => (await fixtureStateOf(page)).picker.loaded).toBe(true);

    await serve({ switches: { 'api-token': { entry: 'scopes', rows: 'virtual' } } });
    await page.goto(FIXTURE_URLS.apiTokens);
    await scopeBox('read:repository:bitbucket').waitFor();
    await expect(scopeBox('read:package:bitbucket').count()).resolves.toBe(0);
    const rendered = (await fixtureStateOf(page)).picker.rendered;
    expect(rendered).toBeLessThan(20);
    // Scroll the dialog's scroll container to the end, as a user would with the wheel.
    await page
      .locator('.scope-list > .scope-spacer')
      .last()
      .evaluate((end) => end.scrollIntoView({ block: 'end' }));
    await scopeBox('read:package:bitbucket').waitFor();
    await expect(scopeBox('read:repository:bitbucket').count()).resolves.toBe(0);
  });

  it.each([
    ['value', 'input[value="repository"]'],
    ['name', 'input[name="repository"]'],
    ['id', 'input[id="repository"]'],
    ['data', 'input[data-testid="repository--hidden-checkbox"]'],
  ])('idAttr %s carries the scope id (%s)', async (idAttr, selector) => {
    const form = await openAccessForm({ idAttr });
    await expect(form.locator(selector).count()).resolves.toBe(1);
  });

  it('idAttr none, idText none: the scope ids are nowhere in the form; idText shows them', async () => {
    let form = await openAccessForm({ idAttr: 'none', idText: 'none' });
    const anyAttribute = await form
      .locator('input[type="checkbox"]')
      .evaluateAll((boxes) =>
        boxes.some((box) => [...box.attributes].some((a) => /^(repository|pipeline)(:|$)/.test(a.value))),
      );
    expect(anyAttribute).toBe(false);
    expect(await form.textContent()).not.toContain('repository:write');
    form = await openAccessForm({ idText: 'code' });
    await expect(form.locator('label code', { hasText: /^repository:write$/ }).count()).resolves.toBe(1);
    form = await openAccessForm({ idText: 'row-text', labelBy: 'for' });
    await expect(form.locator('.scope-id', { hasText: /^repository:write$/ }).count()).resolves.toBe(1);
    await expect(form.locator('label', { hasText: 'repository:write' }).count()).resolves.toBe(0);
  });

  it.each([
    ['wrap', 1],
    ['for', 1],
    ['labelledby', 1],
    ['aria-label', 1],
    ['adjacent', 0],
  ])('labelBy %s: a box named "Write" exists %i time(s) per group', async (labelBy, named) => {
    const form = await openAccessForm({ labelBy, grouping: 'role-group' });
    const group = form.getByRole('group', { name: 'Repositories' });
    await expect(group.getByRole('checkbox', { name: 'Write', exact: true }).count()).resolves.toBe(named);
    await expect(group.getByText('Write', { exact: true }).count()).resolves.toBe(1);
  });

  it.each([
    ['fieldset', 'fieldset > legend'],
    ['heading', 'h4'],
    ['aria-heading', '[role="heading"][aria-level="4"]'],
    ['table', 'th[scope="row"]'],
    ['role-group', '[role="group"][aria-labelledby] > [id]'],
  ])('grouping %s titles the groups with %s', async (grouping, selector) => {
    const form = await openAccessForm({ grouping });
    await expect(form.locator(selector, { hasText: /^Pull requests$/ }).count()).resolves.toBe(1);
  });

  it('expiry required with a 90-day maximum: no "No expiry", later dates refused; optional offers it', async () => {
    let form = await openAccessForm({ expiry: 'required-90' });
    await expect(form.getByRole('radio', { name: 'No expiry' }).count()).resolves.toBe(0);
    expect((await fixtureStateOf(page)).expiry).toBe('date');
    await typeDate(form.getByLabel('Expiry date'), inDays(120).typed);
    await expect(form.getByRole('alert').count()).resolves.toBe(1);
    await typeDate(form.getByLabel('Expiry date'), inDays(90).typed);
    await expect(form.getByRole('alert').count()).resolves.toBe(0);
    form = await openAccessForm({ expiry: 'optional' });
    await expect(form.getByRole('radio', { name: 'No expiry' }).isChecked()).resolves.toBe(true);
  });

  it('Rotate in the row’s "…" menu renders outside the row; its dialog asks for a date; pressing it is logged', async () => {
    await serve({ switches: { 'access-token': { rotate: 'menu' } } });
    await page.goto(FIXTURE_URLS.repoAccessTokens);
    await page.getByRole('button', { name: 'More actions for deploy-bot' }).click();
    const item = page.getByRole('menuitem', { name: 'Rotate' });
    await expect(item.evaluate((el) => el.closest('tr') === null)).resolves.toBe(true);
    await item.click();
    await dialog().getByLabel('New expiry date').waitFor();
    await button('Rotate').click();
    expect((await fixtureStateOf(page)).presses.map((p: { kind: string }) => p.kind)).toEqual([
      'rotate',
      'rotate',
    ]);
  });

  it('createLabel long and the new navigation: other button and dialog wording, no <h1>', async () => {
    await serve({
      switches: {
        'access-token': { createLabel: 'long', nav: 'new', container: 'inline', expiry: 'required-365' },
      },
    });
    await page.goto(FIXTURE_URLS.projectAccessTokens);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect(page.locator('h1').count()).resolves.toBe(0);
    await expect(page.getByRole('heading', { level: 1, name: 'Access tokens' }).count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Create Project Access Token' }).click();
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    await page.locator('#access-token-name').fill('ci');
    await page.locator('input[value="project"]').click();
    await typeDate(page.getByLabel('Expiry date'), inDays(30).typed);
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('dialog', { name: 'Project Access Token created' }).waitFor();
  });

  it('the legacy form in the React app: a dialog over the list at /new; on Django, boxes without ids still post their scopes', async () => {
    await serve({ switches: { 'app-password': { stack: 'spa', container: 'dialog' } } });
    await page.goto(FIXTURE_URLS.appPasswordsNew);
    await dialog().getByLabel('Label').fill('old');
    await dialog().locator('input[value="repository:write"]').click();
    expect(await fixtureStateOf(page)).toMatchObject({
      label: 'old',
      scopes: ['repository', 'repository:write'],
    });

    await serve({ switches: { 'app-password': { idAttr: 'none', idText: 'none', grouping: 'heading' } } });
    await page.goto(FIXTURE_URLS.appPasswordsNew);
    await page.locator('#id_name').fill('plain');
    await page.getByRole('checkbox').nth(1).check();
    expect((await fixtureStateOf(page)).scopes).toEqual(['account']);
  });

  it('bitbucket.org/account/settings/api-tokens/: the wizard, a link to id.atlassian.com, or a redirect', async () => {
    await serve({ switches: { 'bitbucket-api-tokens': { mode: 'wizard' } } });
    await page.goto(FIXTURE_URLS.bitbucketApiTokens);
    await page.getByRole('button', { name: 'Create API token with scopes' }).click();
    await dialog().waitFor();
    expect(await fixtureStateOf(page)).toMatchObject({ family: 'bitbucket-api-tokens', step: 'details' });
    await serve({ switches: { 'bitbucket-api-tokens': { mode: 'link' } } });
    await page.goto(FIXTURE_URLS.bitbucketApiTokens);
    await expect(
      page.getByRole('link', { name: 'Create API token with scopes' }).getAttribute('href'),
    ).resolves.toBe(FIXTURE_URLS.apiTokens);
    await serve({ switches: { 'bitbucket-api-tokens': { mode: 'redirect' } } });
    await page.goto(FIXTURE_URLS.bitbucketApiTokens);
    await page.waitForURL(FIXTURE_URLS.apiTokens);
    await expect.poll(async () => (await fixtureStateOf(page))?.page).toBe('api-tokens');
  });

  it('our own French and Japanese wording (guesses) leaves the scope ids as they are', async () => {
    for (const locale of ['fr', 'ja']) {
      await serve({ switches: { 'api-token': { locale, entry: 'scopes' } } });
      await page.goto(FIXTURE_URLS.apiTokens);
      await scopeBox('read:repository:bitbucket').waitFor();
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe(locale);
      await expect(page.getByRole('button', { name: 'Next', exact: true }).count()).resolves.toBe(0);
    }
  });
});
