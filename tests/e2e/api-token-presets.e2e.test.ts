// The preset bar on the API-token wizard, against the Atlaskit fixture served as id.atlassian.com.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_PRESETS } from '../../lib/presets';
import { buildFixtures } from '../../scripts/build-fixtures.mjs';
import { FIXTURE_URLS, fixtureStateOf, installFixtureRoutes } from '../support/fixture-routes.mjs';
import AxeBuilder from './axe';
import { isoInDays } from './dates';
import { type ExtensionBrowser, launchWithExtension } from './extension';

let ext: ExtensionBrowser;
const NEXT = /^(Next|Continue|Weiter)$/;
const CREATE = /^(Create token|Generate token|Token erstellen)$/;
const apiScopes = (id: string) => [...(BUILT_IN_PRESETS.find((p) => p.id === id)?.apiToken ?? [])].sort();

beforeAll(async () => {
  await buildFixtures();
  mkdirSync('test-results', { recursive: true });
  ext = await launchWithExtension();
});
afterAll(async () => ext?.close());

async function next(page: Page) {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: NEXT }).click();
}

/** Walks the wizard like a user who accepts what the preset filled in, and creates the token. */
async function walkAndCreate(page: Page) {
  const dialog = page.getByRole('dialog');
  await expect.poll(() => dialog.getByRole('button', { name: NEXT }).isEnabled()).toBe(true);
  await next(page); // details → app
  await expect.poll(() => page.locator('input[type=radio][value=bitbucket]').isChecked()).toBe(true);
  await next(page); // app → scopes
  return dialog;
}

describe('API-token wizard', () => {
  it('a preset picked on the list page fills every step; the page state ends with exactly its scopes', async () => {
    const page = await ext.openFixture(FIXTURE_URLS.apiTokens);
    const bar = page.getByTestId('preset-bar');
    await bar.locator('[data-preset="git-push"]').click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.locator('#api-token-name').inputValue()).toMatch(/^git-push@/);
    await expect.poll(async () => (await fixtureStateOf(page)).expiresOn).toBe(isoInDays(90));
    await walkAndCreate(page);
    await expect
      .poll(async () => [...(await fixtureStateOf(page)).scopes].sort())
      .toEqual(apiScopes('git-push'));
    expect(await page.getByTestId('preset-warning').count()).toBe(0);
    await page.screenshot({ path: 'test-results/api-token-scopes.png' });
    await next(page); // scopes → review
    await dialog.getByRole('button', { name: CREATE }).click();
    const state = await fixtureStateOf(page);
    expect(state.submitted).toBe(true);
    expect([...state.submittedValues.scopes].sort()).toEqual(apiScopes('git-push'));
    expect(state.submittedValues.appId).toBe('bitbucket');
    // The token made through the preset is tracked for reminders: name, preset, dates — no secret.
    await expect
      .poll(async () => {
        const stored = (await ext.storage.get('trackedCredentials')).trackedCredentials as
          | { credentials: { name: string; preset?: string; kind: string }[] }
          | undefined;
        return stored?.credentials.find((c) => c.name === state.submittedValues.name);
      })
      .toMatchObject({ preset: 'git-push', kind: 'api-token' });
    const everything = JSON.stringify(await ext.storage.get(null));
    expect(everything).not.toContain('FAKE-TOKEN-NOT-A-SECRET');
    await page.close();
  });

  it('the popup deep link (#bbah-preset) continues the flow without a click on the bar', async () => {
    const page = await ext.openFixture(
      `${FIXTURE_URLS.apiTokensDeepLink.replace(/#.*/, '')}#bbah-preset=git-read`,
    );
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.locator('#api-token-name').inputValue()).toMatch(/^git-read@/);
    await walkAndCreate(page);
    await expect
      .poll(async () => [...(await fixtureStateOf(page)).scopes].sort())
      .toEqual(apiScopes('git-read'));
    await page.close();
  });

  it("the popup's 'Create an API token for git' opens the wizard with the matching preset", async () => {
    await installFixtureRoutes(ext.context, {});
    const popup = await ext.context.newPage();
    await popup.goto(ext.popupUrl({ url: 'https://bitbucket.org/acme/web-app/src/main/' }));
    await popup.getByLabel('Credential helper', { exact: true }).selectOption('gcm-linux');
    const [wizard] = await Promise.all([
      ext.context.waitForEvent('page'),
      popup.getByTestId('create-token-link').click(),
    ]);
    // The extension opened the tab itself (tabs.create), before Playwright's routing could see
    // its first request: load the link's own URL again, now routed to the fixture.
    const href = (await popup.getByTestId('create-token-link').getAttribute('href')) ?? '';
    expect(href).toContain('#bbah-preset=git-ide');
    expect((await ext.storage.get('pendingPreset')).pendingPreset).toMatchObject({
      preset: 'git-ide',
      expiryDays: 90,
    });
    await wizard.goto(href);
    await expect
      .poll(() => wizard.getByRole('dialog').locator('#api-token-name').inputValue())
      .toMatch(/^git-ide@/);
    await walkAndCreate(wizard);
    await expect
      .poll(async () => [...(await fixtureStateOf(wizard)).scopes].sort())
      .toEqual(apiScopes('git-ide'));
    await wizard.close();
    await popup.close();
  });

  it('the pending-preset record works when the fragment is lost, and is consumed once', async () => {
    await ext.storage.set({ pendingPreset: { preset: 'ci-read', expiryDays: 30, createdAt: Date.now() } });
    const page = await ext.openFixture(FIXTURE_URLS.apiTokens);
    const dialog = page.getByRole('dialog');
    await expect
      .poll(() => dialog.locator('#api-token-name').inputValue(), { timeout: 5000 })
      .toMatch(/^ci-read@/);
    await expect.poll(async () => (await fixtureStateOf(page)).expiresOn).toBe(isoInDays(30));
    await walkAndCreate(page);
    await expect
      .poll(async () => [...(await fixtureStateOf(page)).scopes].sort())
      .toEqual(apiScopes('ci-read'));
    // Consumed: the record is gone, so a later visit doesn't apply it again.
    expect(await ext.storage.get('pendingPreset')).toEqual({});
    await page.close();
  });

  it.each([
    ['reordered', {}],
    ['wrapped', {}],
    ['renamed', {}],
    ['de', {}],
    ['slow', { slowScopeStepMs: 2000 }],
  ] as const)('variant %s: exactly the preset scopes', async (variant, extra) => {
    const page = await ext.openFixture(FIXTURE_URLS.apiTokens, { variant, ...extra });
    await page.getByTestId('preset-bar').locator('[data-preset="sourcetree"]').click();
    await walkAndCreate(page);
    await expect
      .poll(async () => [...(await fixtureStateOf(page)).scopes].sort(), { timeout: 6000 })
      .toEqual(apiScopes('sourcetree'));
    expect(await page.getByTestId('preset-fallback').count()).toBe(0);
    await page.close();
  });

  it('a scope missing from the page: nothing wrong is ticked and the note names it', async () => {
    const page = await ext.openFixture(FIXTURE_URLS.apiTokens, { missingScopes: ['read:user:bitbucket'] });
    await page.getByTestId('preset-bar').locator('[data-preset="git-ide"]').click();
    await walkAndCreate(page);
    const fallback = page.getByTestId('preset-fallback');
    await expect.poll(() => fallback.textContent()).toContain('read:user:bitbucket');
    const scopes: string[] = (await fixtureStateOf(page)).scopes;
    expect([...scopes].sort()).toEqual(['read:repository:bitbucket', 'write:repository:bitbucket']);
    await fallback.getByRole('button', { name: 'Copy a report' }).click();
    const report = await page.evaluate(() => navigator.clipboard.readText());
    expect(report).toContain('feature: api-token-presets');
    expect(report).toContain('page: https://id.atlassian.com/manage-profile/security/api-tokens');
    expect(report).not.toContain('?');
    await page.close();
  });

  it('warns about write without read, and about another app, before Create', {
    timeout: 12_000,
  }, async () => {
    const page = await ext.openFixture(FIXTURE_URLS.apiTokens);
    await page.getByRole('button', { name: 'Create API token with scopes' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#api-token-name').fill('by hand');
    await next(page);
    await dialog.locator('input[type=radio][value=jira]').check();
    const warning = (id: string) => page.locator(`[data-testid="preset-warning"][data-warning="${id}"]`);
    await expect.poll(() => warning('not-bitbucket-app').count()).toBe(1);
    await dialog.locator('input[type=radio][value=bitbucket]').check();
    await next(page);
    await dialog.locator('input[value="write:repository:bitbucket"]').check();
    await expect.poll(() => warning('not-bitbucket-app').count()).toBe(0);
    await expect.poll(() => warning('write-without-read').count()).toBe(1);
    await next(page);
    await expect
      .poll(() => warning('write-without-read').textContent())
      .toContain('read:repository:bitbucket');
    await page.close();
  });

  it('appears after client-side navigation into the page, and the bar passes axe', async () => {
    const page = await ext.openFixture(FIXTURE_URLS.security);
    await page.evaluate(() => {
      (window as unknown as { bbahMarker: number }).bbahMarker = 1;
    });
    await page.getByRole('link', { name: 'Create and manage API tokens' }).click();
    await expect.poll(() => page.getByTestId('preset-bar').count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { bbahMarker?: number }).bbahMarker)).toBe(1);
    await page.getByTestId('preset-bar').locator('[data-preset="git-push"]').focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('dialog').locator('#api-token-name').inputValue())
      .toMatch(/^git-push@/);
    // The bar is inside the modal now: let its fade-in end, or axe measures half-faded colours.
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    const results = await new AxeBuilder(page).include('bbah-api-token-presets').analyze();
    expect(results.violations, JSON.stringify(results.violations, null, 1)).toEqual([]);
    await page.close();
  });
});
