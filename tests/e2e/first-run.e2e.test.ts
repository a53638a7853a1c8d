// The first run in real Chromium, as a new user meets it: the options page opens by itself at
// "Start here", its one button opens the API-token list and the list's tokens then show as
// tracked; the popup's footer shows the shortcut the browser has bound; every empty state says
// what to do next. (The same in Firefox: firefox.e2e.test.ts.)
// An update opening nothing is a unit test (tests/unit/first-run.test.ts) only: Chromium reports
// every start of a --load-extension build as "install", even a newer version in the same
// profile, and after chrome.runtime.reload() (which reports "update") the extension did not
// reliably come back under Playwright (seen 2026-12-07).
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtures } from '../../scripts/build-fixtures.mjs';
import { FIXTURE_URLS, installFixtureRoutes } from '../support/fixture-routes.mjs';
import AxeBuilder from './axe';
import { type ExtensionBrowser, launchWithExtension } from './extension';

let ext: ExtensionBrowser;
let uninstall: (() => Promise<void>) | undefined;

beforeAll(async () => {
  await buildFixtures();
  mkdirSync('test-results', { recursive: true });
  ext = await launchWithExtension({ keepStartHere: true });
});
afterAll(async () => ext?.close());

async function route(options: Parameters<typeof installFixtureRoutes>[1]) {
  await uninstall?.();
  uninstall = (await installFixtureRoutes(ext.context, options)).uninstall;
}

describe('on install', () => {
  it('the options page opens by itself at "Start here", which explains, says how to pin, and passes axe', async () => {
    const page = ext.startHere;
    expect(page, 'no tab opened at options.html#start after install').toBeDefined();
    if (!page) return;
    const section = page.getByTestId('start-here');
    await section.waitFor();
    expect(await section.getByRole('heading', { name: 'Start here' }).isVisible()).toBe(true);
    const text = await section.textContent();
    expect(text).toContain('bitbucket.org repository page');
    expect(text).toContain('id.atlassian.com');
    expect(text).toMatch(/Pin it.*puzzle piece/);
    // The shortcut as Chromium bound it (commands.getAll), not as the manifest suggests it.
    await expect.poll(() => section.locator('kbd').textContent()).toBe('Alt+Shift+G');
    expect(await page.getByText('Not affiliated with Atlassian').isVisible()).toBe(true);
    expect((await new AxeBuilder(page).analyze()).violations).toEqual([]);
    await page.screenshot({ path: 'test-results/start-here.png' });
  });

  it('its one button opens the API-token list, and the tokens there then show as tracked', async () => {
    const page = ext.startHere as Page;
    await route({
      apiTokens: [
        { name: 'git-push@laptop', created: 'Nov 2, 2026', expires: 'Never', lastAccessed: 'Never' },
      ],
    });
    const [list] = await Promise.all([
      ext.context.waitForEvent('page'),
      page.getByRole('link', { name: 'Open my API tokens' }).click(),
    ]);
    await list.waitForLoadState();
    expect(list.url()).toBe(FIXTURE_URLS.apiTokens);
    // The options page follows storage: the new row appears without a reload.
    await expect
      .poll(() => page.getByTestId('tracked-credentials').locator('tbody tr').count(), { timeout: 10_000 })
      .toBe(1);
    expect(await page.getByTestId('tracked-credentials').textContent()).toContain('git-push@laptop');
    // Opened at #start, the section stays for someone who wants to read it again.
    expect(await page.getByTestId('start-here').count()).toBe(1);
    await list.close();
  });

  it('the privacy policy opens from the options page, readable (UTF-8), from the package itself', async () => {
    const page = ext.startHere as Page;
    const link = page.getByRole('link', { name: /^Privacy/ });
    expect(await link.getAttribute('href')).toBe('/privacy.txt');
    const privacy = await ext.context.newPage();
    await privacy.goto(`chrome-extension://${ext.extensionId}/privacy.txt`);
    const text = (await privacy.locator('body').textContent()) ?? '';
    expect(text).toMatch(/^# Privacy: Auth Helper for Bitbucket/);
    expect(text).toContain('collects nothing');
    expect(text).not.toMatch(/â€|Ã/); // no UTF-8 read as Latin-1
    await privacy.close();
  });
});

describe('empty states say what to do next', () => {
  it('options, nothing tracked: Start here at the top, and the empty list links the API tokens', async () => {
    await ext.storage.clear();
    const page = await ext.context.newPage();
    await page.goto(`chrome-extension://${ext.extensionId}/options.html`);
    await page.getByTestId('start-here').waitFor();
    const empty = page.getByTestId('tracked-credentials');
    expect(await empty.textContent()).toMatch(/^Nothing tracked yet\. Open your API tokens/);
    expect(await empty.getByRole('link', { name: 'your API tokens' }).getAttribute('href')).toBe(
      FIXTURE_URLS.apiTokens,
    );
    await page.close();
  });

  it('popup, not on a repository page: says to open one or paste one', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.popupUrl({ url: 'https://bitbucket.org/dashboard/overview' }));
    const note = page.getByTestId('not-a-repo');
    await note.waitFor();
    expect(await note.textContent()).toMatch(
      /Open a repository on bitbucket\.org.*or type or paste one below/,
    );
    await page.close();
  });

  it('popup, signed out of Bitbucket: says to sign in or type the username', async () => {
    await route({ user: null });
    const page = await ext.context.newPage();
    await page.goto(ext.popupUrl({ url: 'https://bitbucket.org/acme/web-app' }));
    await expect
      .poll(() => page.locator('#username-hint').textContent(), { timeout: 10_000 })
      .toMatch(/Not signed in to bitbucket\.org in this browser: sign in there and open this again, or type/);
    await page.close();
  });
});

describe('the popup’s shortcut', () => {
  it('the footer shows the bound key, and "Change shortcut" opens Chromium’s shortcut page', async () => {
    await route({});
    const page = await ext.context.newPage();
    await page.goto(ext.popupUrl({ url: 'https://bitbucket.org/acme/web-app' }));
    const footer = page.getByTestId('popup-shortcut');
    await expect.poll(() => footer.locator('kbd').textContent()).toBe('Alt+Shift+G');
    const [settings] = await Promise.all([
      ext.context.waitForEvent('page'),
      footer.getByRole('button', { name: 'Change shortcut' }).click(),
    ]);
    await expect.poll(() => settings.url()).toBe('chrome://extensions/shortcuts');
    await settings.close();
    await page.close();
  });
});
