import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtures } from '../../scripts/build-fixtures.mjs';
import { installFixtureRoutes } from '../support/fixture-routes.mjs';
import { type ExtensionBrowser, launchWithExtension } from './extension';

const REPO_PAGE = 'https://bitbucket.org/acme/web-app/src/main/';
let ext: ExtensionBrowser;

beforeAll(async () => {
  await buildFixtures();
  mkdirSync('test-results', { recursive: true });
  ext = await launchWithExtension();
  await installFixtureRoutes(ext.context, { user: { username: 'alice-dev' } });
});
afterAll(async () => ext?.close());

async function openPopup(params: Record<string, string>): Promise<Page> {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 460, height: 900 });
  await page.goto(ext.popupUrl(params));
  return page;
}

describe('popup on a repository page', () => {
  it('pre-fills the username from the session and shows the exact commands', async () => {
    const page = await openPopup({ url: REPO_PAGE });
    await expect.poll(() => page.getByLabel('Username', { exact: true }).inputValue()).toBe('alice-dev');
    expect(await page.getByLabel('Repository', { exact: true }).inputValue()).toBe('acme/web-app');
    await page
      .getByLabel('Shell', { exact: true })
      .selectOption({ label: 'bash (Linux, Git Bash on Windows)' });
    await page.getByLabel('Credential helper', { exact: true }).selectOption('store');
    expect(await page.getByTestId('snippet-set-url').textContent()).toBe(
      'git remote set-url origin https://alice-dev@bitbucket.org/acme/web-app.git',
    );
    expect(await page.getByTestId('snippet-erase').textContent()).toBe(
      "printf 'protocol=https\\nhost=bitbucket.org\\n\\n' | git credential reject",
    );
    expect(await page.getByTestId('snippet-verify').textContent()).toBe('git ls-remote --heads origin');
    await page.screenshot({ path: 'test-results/popup-fix.png', fullPage: true });
    await page.close();
  });

  it('copy puts the exact text on the clipboard and says Copied', async () => {
    const page = await openPopup({ url: REPO_PAGE });
    await expect.poll(() => page.getByLabel('Username', { exact: true }).inputValue()).toBe('alice-dev');
    const all = page.getByTestId('snippet-all');
    const section = page.locator('section.step', { has: all });
    await section.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => section.getByRole('button').textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await all.textContent());
    await page.close();
  });

  it('an e-mail as username is refused with the reason, and no set-url or script is shown', async () => {
    const page = await openPopup({ url: REPO_PAGE });
    const username = page.getByLabel('Username', { exact: true });
    await expect.poll(() => username.inputValue()).toBe('alice-dev');
    await username.fill('alice@example.com');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/e-mail/);
    expect(await page.getByTestId('snippet-set-url').count()).toBe(0);
    expect(await page.getByTestId('snippet-all').count()).toBe(0);
    await page.close();
  });

  it('a page that is not a repository says so and offers no set-url', async () => {
    const page = await openPopup({ url: 'https://bitbucket.org/account/settings/' });
    await expect(page.getByTestId('not-a-repo').isVisible()).resolves.toBe(true);
    expect(await page.getByTestId('snippet-set-url').count()).toBe(0);
    await page.getByLabel('Repository', { exact: true }).fill('git@bitbucket.org:acme/api.git');
    await page.getByLabel('Credential', { exact: true }).selectOption({ label: 'SSH key' });
    await expect
      .poll(() => page.getByTestId('snippet-set-url').textContent())
      .toBe('git remote set-url origin git@bitbucket.org:acme/api.git');
    expect(await page.getByTestId('snippet-verify').textContent()).toBe('ssh -T git@bitbucket.org');
    await page.close();
  });
});
