import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtures } from '../../scripts/build-fixtures.mjs';
import { installFixtureRoutes } from '../support/fixture-routes.mjs';
import AxeBuilder from './axe';
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
  // Each test starts from a fresh install: the popup remembers choices (an earlier SSH pick would hide Username).
  await ext.storage.clear();
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 460, height: 900 });
  await page.goto(ext.popupUrl(params));
  // The clipboard and focus belong to the front tab.
  await page.bringToFront();
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
    // Unpin first: a username pinned for bitbucket.org would narrow the erase to one account.
    expect(await page.getByTestId('snippet-erase').textContent()).toBe(
      [
        'git config --global --unset-all credential.https://bitbucket.org.username',
        "printf 'protocol=https\\nhost=bitbucket.org\\n\\n' | git credential reject",
      ].join('\n'),
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

  it('the CI section shows its commands when opened; clone and fetch read the token from the variable', async () => {
    const page = await openPopup({ url: REPO_PAGE });
    await expect.poll(() => page.getByLabel('Username', { exact: true }).inputValue()).toBe('alice-dev');
    await page
      .getByLabel('Shell', { exact: true })
      .selectOption({ label: 'bash (Linux, Git Bash on Windows)' });
    expect(await page.getByTestId('snippet-ci-clone').count()).toBe(0);
    await page.getByText('In CI or scripts: token from an environment variable').click();
    const helper = (variable: string) =>
      `git -c 'credential.helper=' -c 'credential.helper=!f() { test $1 = get && echo username=alice-dev && echo password=$${variable}; }; f'`;
    await expect
      .poll(() => page.getByTestId('snippet-ci-clone').textContent())
      .toBe(`${helper('BITBUCKET_TOKEN')} clone https://bitbucket.org/acme/web-app.git`);
    await page.getByLabel('Variable holding the token', { exact: true }).fill('CI_TOKEN');
    await expect
      .poll(() => page.getByTestId('snippet-ci-fetch').textContent())
      .toBe(`${helper('CI_TOKEN')} fetch origin`);
    await page.getByLabel('Variable holding the token', { exact: true }).fill('1TOKEN');
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toMatch(/environment variable name/);
    expect(await page.getByTestId('snippet-ci-clone').count()).toBe(0);
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

const PASTE_410 = [
  'PS C:\\Users\\alice\\src\\api> git push',
  'remote: CHANGE-3222 - Functionality has been deprecated',
  'remote: App passwords are deprecated and must be replaced with API tokens.',
  "fatal: unable to access 'https://bitbucket.org/acme/api.git/': The requested URL returned error: 410",
].join('\r\n');

describe('Diagnose view', () => {
  it("uses the username remembered for the pasted repository's workspace, as the Fix view does", async () => {
    const page = await openPopup({ view: 'diagnose' });
    // Typed in an earlier popup for acme: someone with a second account for that workspace.
    await ext.storage.set({ usernames: { last: 'alice-dev', byWorkspace: [['acme', 'acme-bot']] } });
    await page.reload();
    await page.getByLabel('Git output', { exact: true }).fill(PASTE_410);
    await expect
      .poll(() => page.getByTestId('diagnosis').getByTestId('snippet-set-url').textContent())
      .toBe("git remote set-url 'origin' 'https://acme-bot@bitbucket.org/acme/api.git'");
    await page.getByRole('button', { name: 'Adjust in the Fix view' }).click();
    await expect.poll(() => page.getByTestId('snippet-set-url').textContent()).toContain('acme-bot@');
    await page.close();
  });

  it('diagnoses a pasted 410 and shows the fix for the pasted repository in the pasted shell', async () => {
    const page = await openPopup({ view: 'diagnose' });
    expect(await page.getByRole('tab', { name: 'Diagnose' }).getAttribute('aria-selected')).toBe('true');
    const input = page.getByLabel('Git output', { exact: true });
    expect(await input.getAttribute('data-testid')).toBe('diagnose-input');
    await input.fill(PASTE_410);
    const diagnosis = page.getByTestId('diagnosis');
    await expect.poll(() => diagnosis.getAttribute('data-cause')).toBe('app-password-removed');
    await expect
      .poll(() => diagnosis.getByTestId('snippet-set-url').textContent())
      .toBe("git remote set-url 'origin' 'https://alice-dev@bitbucket.org/acme/api.git'");
    expect(await diagnosis.getByTestId('snippet-erase').textContent()).toContain('git credential reject');
    expect(await page.getByTestId('snippet-set-url').count()).toBe(1);
    await page.screenshot({ path: 'test-results/popup-diagnose.png', fullPage: true });
    await page.close();
  });

  it('updates as the user types, and says unknown rather than guessing', async () => {
    const page = await openPopup({ view: 'diagnose' });
    const input = page.getByLabel('Git output', { exact: true });
    await input.pressSequentially('hello world');
    await expect.poll(() => page.getByTestId('diagnosis').getAttribute('data-cause')).toBe('unknown');
    await input.fill(
      'git@bitbucket.org: Permission denied (publickey).\nfatal: Could not read from remote repository.',
    );
    await expect.poll(() => page.getByTestId('diagnosis').getAttribute('data-cause')).toBe('ssh-publickey');
    await page.close();
  });
});

/** The smallest font size of any element in the popup that shows text of its own. */
function smallestText(page: Page): Promise<{ size: number; text: string }> {
  return page.evaluate(() => {
    let smallest = { size: Number.POSITIVE_INFINITY, text: '' };
    for (const element of document.querySelectorAll('main *')) {
      const own = [...element.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      const size = Number.parseFloat(getComputedStyle(element).fontSize);
      if (own && size < smallest.size) smallest = { size, text: own.slice(0, 60) };
    }
    return smallest;
  });
}

describe('keyboard, accessibility, colour scheme', () => {
  // Chrome styles extension pages with body { font-size: 75% }: unstyled paragraphs came out at
  // 9.75 px, the diagnosis's explanation among them.
  it('no text in either view is smaller than 12 px', async () => {
    const page = await openPopup({ url: REPO_PAGE });
    await expect.poll(() => page.getByLabel('Username', { exact: true }).inputValue()).toBe('alice-dev');
    const inFix = await smallestText(page);
    expect(inFix.size, `"${inFix.text}" is ${inFix.size}px`).toBeGreaterThanOrEqual(12);
    await page.getByRole('tab', { name: 'Diagnose' }).click();
    await page.getByLabel('Git output', { exact: true }).fill(PASTE_410);
    await expect
      .poll(() => page.getByTestId('diagnosis').getAttribute('data-cause'))
      .toBe('app-password-removed');
    const smallest = await smallestText(page);
    expect(smallest.size, `"${smallest.text}" is ${smallest.size}px`).toBeGreaterThanOrEqual(12);
    await page.close();
  });

  it('tabs switch with the arrow keys, Home and End; only the active view is in the DOM', async () => {
    const page = await openPopup({ url: REPO_PAGE });
    await page.getByRole('tab', { name: 'Fix' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Diagnose' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Diagnose');
    await expect.poll(() => page.getByTestId('diagnose-input').count()).toBe(1);
    expect(await page.getByLabel('Repository', { exact: true }).count()).toBe(0);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.getByLabel('Repository', { exact: true }).count()).toBe(1);
    expect(await page.getByTestId('diagnose-input').count()).toBe(0);
    // Round the ends, and Home/End.
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.getByTestId('diagnose-input').count()).toBe(1);
    await page.keyboard.press('Home');
    await expect.poll(() => page.getByLabel('Repository', { exact: true }).count()).toBe(1);
    await page.keyboard.press('End');
    await expect.poll(() => page.getByTestId('diagnose-input').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Diagnose');
    await page.close();
  });

  it('a Copy button works from the keyboard', async () => {
    const page = await openPopup({ url: REPO_PAGE });
    await expect.poll(() => page.getByLabel('Username', { exact: true }).inputValue()).toBe('alice-dev');
    const verify = page.locator('section.step', { has: page.getByTestId('snippet-verify') });
    await verify.getByRole('button').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => verify.getByRole('button').textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      await page.getByTestId('snippet-verify').textContent(),
    );
    await page.close();
  });

  it.each(['light', 'dark'] as const)('axe finds no violations in either view (%s)', async (scheme) => {
    const page = await openPopup({ url: REPO_PAGE });
    await page.emulateMedia({ colorScheme: scheme });
    await expect.poll(() => page.getByLabel('Username', { exact: true }).inputValue()).toBe('alice-dev');
    expect((await new AxeBuilder(page).analyze()).violations).toEqual([]);
    await page.getByRole('tab', { name: 'Diagnose' }).click();
    await page.getByLabel('Git output', { exact: true }).fill(PASTE_410);
    await expect.poll(() => page.getByTestId('diagnosis').count()).toBe(1);
    expect((await new AxeBuilder(page).analyze()).violations).toEqual([]);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe(scheme === 'dark' ? 'rgb(29, 33, 37)' : 'rgb(255, 255, 255)');
    await page.close();
  });

  it('?kind=access-token opens with the access-token credential', async () => {
    const page = await openPopup({ url: REPO_PAGE, kind: 'access-token' });
    await expect
      .poll(() => page.getByTestId('snippet-set-url').textContent())
      .toBe('git remote set-url origin https://x-token-auth@bitbucket.org/acme/web-app.git');
    await page.close();
  });
});
