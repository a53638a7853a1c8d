// Access-token forms (repository, project, workspace) and the legacy app-password pages.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_PRESETS, scopesFor } from '../../lib/presets';
import { closeClassic } from '../../lib/scopes';
import { buildFixtures } from '../../scripts/build-fixtures.mjs';
import { FIXTURE_URLS, fixtureStateOf } from '../support/fixture-routes.mjs';
import AxeBuilder from './axe';
import { isoInDays } from './dates';
import { type ExtensionBrowser, launchWithExtension } from './extension';

let ext: ExtensionBrowser;
const classic = (id: string, surface: 'access-token' | 'app-password' = 'access-token') => {
  const preset = BUILT_IN_PRESETS.find((p) => p.id === id);
  return [...closeClassic(preset ? (scopesFor(preset, surface) ?? []) : [])].sort();
};

beforeAll(async () => {
  await buildFixtures();
  ext = await launchWithExtension();
});
afterAll(async () => ext?.close());

const stateScopes = async (page: Page) => [...((await fixtureStateOf(page)).scopes ?? [])].sort();

describe('access-token forms', () => {
  it.each([
    ['repository', FIXTURE_URLS.repoAccessTokens, 'git-push'],
    ['project', FIXTURE_URLS.projectAccessTokens, 'ci-read'],
    ['workspace', FIXTURE_URLS.workspaceAccessTokens, 'pipelines'],
  ])(
    '%s level: the preset ticks exactly its classic scopes, names the token and sets an expiry',
    async (_, url, preset) => {
      const page = await ext.openFixture(url);
      await page.getByTestId('preset-bar').locator(`[data-preset="${preset}"]`).click();
      await expect.poll(() => stateScopes(page)).toEqual(classic(preset));
      await expect.poll(async () => (await fixtureStateOf(page)).expiresOn).toBe(isoInDays(90));
      const state = await fixtureStateOf(page);
      expect(state.name).toMatch(new RegExp(`^${preset}@`));
      expect(state.expiry).toBe('date');
      expect(await page.getByTestId('preset-warning').count()).toBe(0);
      await page.close();
    },
  );

  it.each(['reordered', 'wrapped', 'renamed', 'de'] as const)('variant %s', async (variant) => {
    const page = await ext.openFixture(FIXTURE_URLS.repoAccessTokens, { variant });
    await page.getByTestId('preset-bar').locator('[data-preset="pr-bot"]').click();
    await expect.poll(() => stateScopes(page)).toEqual(classic('pr-bot'));
    expect(await page.getByTestId('preset-fallback').count()).toBe(0);
    await page.close();
  });

  it('slow permissions: ticked once they render', async () => {
    const page = await ext.openFixture(FIXTURE_URLS.repoAccessTokens, { slowScopeStepMs: 2000 });
    await page.getByTestId('preset-bar').locator('[data-preset="git-read"]').click();
    await expect.poll(() => stateScopes(page), { timeout: 6000 }).toEqual(classic('git-read'));
    await page.close();
  });

  it('a missing permission: the rest is ticked, nothing wrong, and the note names it', async () => {
    const page = await ext.openFixture(FIXTURE_URLS.repoAccessTokens, { missingScopes: ['pipeline:write'] });
    await page.getByTestId('preset-bar').locator('[data-preset="pipelines"]').click();
    await expect.poll(() => page.getByTestId('preset-fallback').textContent()).toContain('pipeline:write');
    const ticked = await stateScopes(page);
    for (const scope of ticked) expect(classic('pipelines')).toContain(scope);
    await page.close();
  });

  it('the popup link (#bbah-preset) opens the form and applies the preset; the note links the git commands', async () => {
    const page = await ext.openFixture(`${FIXTURE_URLS.repoAccessTokens}#bbah-preset=git-read`);
    await expect.poll(() => stateScopes(page), { timeout: 5000 }).toEqual(classic('git-read'));
    await expect.poll(() => page.getByTestId('preset-bar').textContent()).toContain('x-token-auth');
    const [popup] = await Promise.all([
      ext.context.waitForEvent('page'),
      page.getByTestId('preset-bar').getByRole('button', { name: 'Show the git commands' }).click(),
    ]);
    await popup.waitForLoadState();
    expect(popup.url()).toContain('/popup.html?');
    expect(await popup.getByLabel('Credential', { exact: true }).inputValue()).toBe('access-token');
    const [, ws, repo] = new URL(FIXTURE_URLS.repoAccessTokens).pathname.split('/');
    await expect
      .poll(() => popup.getByTestId('snippet-set-url').textContent())
      .toBe(`git remote set-url origin https://x-token-auth@bitbucket.org/${ws}/${repo}.git`);
    await popup.close();
    const results = await new AxeBuilder(page).include('bbah-access-token-presets').analyze();
    expect(results.violations).toEqual([]);
    await page.close();
  });
});

describe('legacy app passwords', () => {
  it('the list page shows the banner, and its button opens the API-token page with the matching preset', async () => {
    const page = await ext.openFixture(FIXTURE_URLS.appPasswords, {
      appPasswords: [{ label: 'laptop', created: 'Mar 1, 2024', lastUsed: 'Jul 1, 2026' }],
    });
    const banner = page.getByTestId('app-password-banner');
    await expect.poll(() => banner.textContent()).toContain('2026-07-28');
    const [tab] = await Promise.all([
      ext.context.waitForEvent('page'),
      banner.getByRole('button', { name: 'Create the equivalent API token' }).click(),
    ]);
    await tab.waitForLoadState();
    expect(tab.url()).toMatch(/^https:\/\/id\.atlassian\.com\/manage-profile\/security\/api-tokens#/);
    expect(tab.url()).toContain('bbah-preset=git-push');
    await expect
      .poll(() => tab.getByRole('dialog').locator('#api-token-name').inputValue())
      .toMatch(/^git-push@/);
    const results = await new AxeBuilder(page).include('bbah-app-password-banner').analyze();
    expect(results.violations).toEqual([]);
    await tab.close();
    await page.close();
  });

  it('the old creation form gets presets with classic scopes and the label', async () => {
    const page = await ext.openFixture(FIXTURE_URLS.appPasswordsNew);
    await page.getByTestId('preset-bar').locator('[data-preset="git-ide"]').click();
    await expect.poll(async () => await page.locator('#id_name').inputValue()).toMatch(/^git-ide@/);
    const ticked = await page
      .locator('input[name=scopes]:checked')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value).sort());
    expect(ticked).toEqual(classic('git-ide', 'app-password'));
    expect(await page.getByTestId('app-password-banner').count()).toBe(1);
    await page.close();
  });

  it('the old form without its label field and one permission: both go in the pick-by-hand note', async () => {
    const page = await ext.openFixture(FIXTURE_URLS.appPasswordsNew, { missingScopes: ['account'] });
    await page.locator('#id_name').evaluate((input) => input.closest('.field-group')?.remove());
    await page.getByTestId('preset-bar').locator('[data-preset="git-ide"]').click();
    const note = page.getByTestId('preset-fallback');
    await expect.poll(() => note.textContent()).toContain('Label: git-ide@');
    expect(await note.textContent()).toContain('account');
    // What could be ticked still is: the preset's other permission.
    expect(await page.locator('input[value="repository:write"]').isChecked()).toBe(true);
    await page.close();
  });
});
