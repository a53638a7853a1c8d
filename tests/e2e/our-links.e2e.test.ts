// Every link of ours to the API-token wizard, taken from the built extension where a user meets
// it — the popup's "Create an API token", "Recreate like this" on the API-token list, "Replace
// with an API token" on the app-password list, the app-password banner's button, a reminder —
// and opened into the fixture in both ways Atlassian's prefilled link is known to behave
// (docs/evidence/pages.md#api-token-deep-link): at the details step, or past the scopes at the
// review. Ours carry the preset in a fragment and no `autofillToken` query, so in both they must
// land at or before the scope step, and the preset must end with exactly its scopes ticked.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_PRESETS } from '../../lib/presets';
import { targetUrlFor } from '../../lib/reminder-schedule';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import type { TrackedCredential } from '../../lib/tracked-credentials';
import { buildFixtures } from '../../scripts/build-fixtures.mjs';
import { FIXTURE_URLS, fixtureStateOf, installFixtureRoutes } from '../support/fixture-routes.mjs';
import { shownInDays } from './dates';
import { type ExtensionBrowser, launchWithExtension } from './extension';

const BEHAVIOURS = ['to-details', 'past-scopes'] as const;
const apiScopes = (id: string) => [...(BUILT_IN_PRESETS.find((p) => p.id === id)?.apiToken ?? [])].sort();
const en = (days: number) => shownInDays(days);

let ext: ExtensionBrowser;
/** Where each link was found → its href and the preset it should carry. */
const links: { where: string; href: string; preset: string }[] = [];

beforeAll(async () => {
  await buildFixtures();
  ext = await launchWithExtension();
}, 60_000);
afterAll(async () => ext?.close());

/** A new tab the extension opens (window.open or tabs.create), once it has an address. */
async function newTabFrom(click: () => Promise<void>): Promise<string> {
  const [tab] = await Promise.all([ext.context.waitForEvent('page'), click()]);
  await expect.poll(() => tab.url()).not.toBe('about:blank');
  const url = tab.url();
  await tab.close();
  return url;
}

describe('our links to the API-token wizard', () => {
  it('are collected from the popup, both lists, the banner and a reminder', async () => {
    await installFixtureRoutes(ext.context, {
      apiTokens: [{ name: 'git-push@laptop', created: en(-100), expires: en(5), lastAccessed: en(-1) }],
      appPasswords: [{ label: 'sourcetree', created: en(-700), lastUsed: en(-120) }],
    });

    const popup = await ext.context.newPage();
    await popup.goto(ext.popupUrl({ url: 'https://bitbucket.org/acme/web-app/src/main/' }));
    await popup.getByLabel('Credential helper', { exact: true }).selectOption('gcm-linux');
    const createLink = popup.getByTestId('create-token-link');
    links.push({ where: 'popup', href: (await createLink.getAttribute('href')) ?? '', preset: 'git-ide' });
    await popup.close();

    const list = await ext.context.newPage();
    await list.goto(FIXTURE_URLS.apiTokens);
    const recreate = list
      .locator('tbody tr', { hasText: 'git-push@laptop' })
      .getByRole('link', { name: 'Recreate like this' });
    await expect.poll(() => recreate.getAttribute('href')).toContain('bbah-preset=');
    links.push({
      where: 'Recreate like this',
      href: (await recreate.getAttribute('href')) ?? '',
      preset: 'git-push',
    });
    await list.close();

    const passwords = await ext.context.newPage();
    await passwords.goto(FIXTURE_URLS.appPasswords);
    const replace = passwords
      .locator('tbody tr', { hasText: 'sourcetree' })
      .getByRole('link', { name: /^Replace with an API token/ });
    await expect.poll(() => replace.getAttribute('href')).toContain('bbah-preset=');
    links.push({
      where: 'Replace with an API token',
      href: (await replace.getAttribute('href')) ?? '',
      preset: 'sourcetree',
    });
    const banner = passwords.getByTestId('app-password-banner');
    await banner.getByRole('combobox').selectOption('pr-bot');
    const bannerHref = await newTabFrom(() =>
      banner.getByRole('button', { name: 'Create the equivalent API token' }).click(),
    );
    links.push({ where: 'app-password banner', href: bannerHref, preset: 'pr-bot' });
    await passwords.close();

    // The reminder's target: the function the background opens on a notification click.
    const credential: TrackedCredential = {
      id: 'r1',
      kind: 'api-token',
      name: 'ci-read@runner',
      preset: 'ci-read',
      where: FIXTURE_URLS.apiTokens,
      created: '2026-06-01',
      expires: '2026-12-10',
      firstSeen: '2026-06-01',
      lastSeen: '2026-12-01',
      notified: {},
    };
    links.push({ where: 'reminder', href: targetUrlFor(credential, DEFAULT_SETTINGS), preset: 'ci-read' });

    for (const link of links) {
      const url = new URL(link.href);
      expect(`${url.origin}${url.pathname}`, link.where).toBe(FIXTURE_URLS.apiTokens);
      // What could open the wizard past its scope step is never in our links.
      expect(url.search, link.where).toBe('');
      expect(url.hash, link.where).toContain(`bbah-preset=${link.preset}`);
    }
    await ext.storage.set({ pendingPreset: null });
  });

  for (const deepLink of BEHAVIOURS) {
    it(`land at or before the scope step and tick exactly the preset's scopes (${deepLink})`, async () => {
      expect(links.length, 'the links were collected').toBe(5);
      await installFixtureRoutes(ext.context, { switches: { 'api-token': { deepLink } } });
      // The fixture does model this behaviour here: Atlassian's own prefilled link with
      // selectedScopes opens at the review when the page skips the scopes.
      const control = await ext.context.newPage();
      await control.goto(FIXTURE_URLS.apiTokensSelectedScopes);
      await expect
        .poll(async () => (await fixtureStateOf(control))?.step)
        .toBe(deepLink === 'past-scopes' ? 'review' : 'details');
      await control.close();

      for (const link of links) {
        await ext.storage.set({ pendingPreset: null });
        const page = await ext.context.newPage();
        const steps = await walk(page, link.href);
        expect(steps, link.where).not.toContain('review');
        expect(steps[0], `${link.where}: the first step shown`).toBe('details');
        await expect
          .poll(async () => [...(await fixtureStateOf(page)).scopes].sort(), { message: link.where })
          .toEqual(apiScopes(link.preset));
        await page.close();
      }
    });
  }
});

/**
 * Opens `href` and goes on like a user who accepts what the preset filled in (Next at details
 * and app) until the scope step; returns the steps seen in order.
 */
async function walk(page: Page, href: string): Promise<string[]> {
  const steps: string[] = [];
  await page.goto(href);
  const dialog = page.getByRole('dialog');
  const deadline = Date.now() + 20_000;
  for (;;) {
    expect(Date.now(), `the scope step was never reached (${steps.join(' → ')})`).toBeLessThan(deadline);
    const state = await fixtureStateOf(page);
    const step = String(state?.step ?? '');
    if (step && step !== 'list' && steps.at(-1) !== step) steps.push(step);
    if (step === 'scopes' || step === 'review') return steps;
    const ready =
      (step === 'details' && String(state.name ?? '').length > 0 && state.expiresOn) ||
      (step === 'app' && state.appId === 'bitbucket');
    if (ready) await dialog.getByRole('button', { name: 'Next', exact: true }).click();
    await page.waitForTimeout(150);
  }
}
