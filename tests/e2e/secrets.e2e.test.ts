// A token-shaped value typed into every field we own or watch — the popup's, the diagnoser's,
// the options page's, the Atlassian wizard's token name — and named on every list, in real
// Chromium with the built extension and the fixture pages. Then all of storage.local, our own
// UI's text (popup, options, the shadow roots we put in pages; not the pages' own text or
// inputs, which hold what was typed) and the report we copy: no token shape anywhere.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtures } from '../../scripts/build-fixtures.mjs';
import {
  ACCESS_TOKEN,
  API_TOKEN,
  APP_PASSWORD,
  SLASHED_PASSWORD,
  TOKEN_SHAPE,
} from '../fixtures/secret-samples';
import { FIXTURE_URLS, installFixtureRoutes } from '../support/fixture-routes.mjs';
import { type ExtensionBrowser, launchWithExtension } from './extension';

const REFUSAL = 'This looks like a token; put it where git asks for the password, never here.';
const REPO_PAGE = 'https://bitbucket.org/acme/web-app/src/main/';
const SECRETS = [API_TOKEN, ACCESS_TOKEN, APP_PASSWORD, SLASHED_PASSWORD];
// Distinct tokens for the list rows, so each list's note can be told apart.
const LISTED_ACCESS_TOKEN = ACCESS_TOKEN.replace('Pw8r', 'Lst1');
const LISTED_APP_PASSWORD = APP_PASSWORD.replace('q7Zr', 'Lst2');

let ext: ExtensionBrowser;
/** Our UI's text, page by page, checked at the end. */
const seen: { where: string; text: string }[] = [];
const workerLog: string[] = [];

beforeAll(async () => {
  await buildFixtures();
  ext = await launchWithExtension();
  ext.serviceWorker.on('console', (message) => workerLog.push(message.text()));
  await installFixtureRoutes(ext.context, {
    user: { username: 'alice-dev' },
    // One scope the presets need is missing: the preset bar then offers its "Copy a report".
    missingScopes: ['write:repository:bitbucket'],
    apiTokens: [],
    accessTokens: [
      { name: 'deploy', created: 'Nov 1, 2026', expires: 'Dec 1, 2027', lastUsed: 'Never' },
      { name: LISTED_ACCESS_TOKEN, created: 'Nov 1, 2026', expires: 'Dec 1, 2027', lastUsed: 'Never' },
    ],
    appPasswords: [
      { label: 'laptop', created: 'Nov 1, 2024', lastUsed: 'Never' },
      { label: LISTED_APP_PASSWORD, created: 'Nov 1, 2024', lastUsed: 'Never' },
    ],
  });
  await ext.storage.clear();
});
afterAll(async () => ext?.close());

/** The text of our own page, without what its fields hold (the user typed that). */
function ownText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    for (const field of clone.querySelectorAll('input, textarea, select')) field.remove();
    return clone.textContent ?? '';
  });
}

/** What we put into a site's page: every `bbah-*` host's shadow root. */
function injectedText(page: Page): Promise<string> {
  return page.evaluate(() =>
    [...document.querySelectorAll('*')]
      .filter((element) => element.tagName.startsWith('BBAH-'))
      .map((element) => element.shadowRoot?.textContent ?? '')
      .join('\n'),
  );
}

async function leave(page: Page, label: string, value: string) {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Tab'); // leaving the field is what saves it
}

async function alerts(page: Page): Promise<string[]> {
  return page.getByRole('alert').allTextContents();
}

describe('a token typed into every field, then nothing token-shaped anywhere', () => {
  it('popup: Username, Remote, CI variable and Repository refuse it with the reason', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.popupUrl({ url: REPO_PAGE }));
    await expect.poll(() => page.getByLabel('Username', { exact: true }).inputValue()).toBe('alice-dev');
    await leave(page, 'Username', API_TOKEN);
    await expect.poll(() => alerts(page)).toContainEqual(expect.stringContaining(REFUSAL));
    expect(await page.getByTestId('snippet-set-url').count()).toBe(0);
    await leave(page, 'Username', 'alice-dev');
    await leave(page, 'Remote', APP_PASSWORD);
    await expect.poll(() => alerts(page)).toContain(REFUSAL);
    await leave(page, 'Remote', 'origin');
    await page.getByText('In CI or scripts: token from an environment variable').click();
    await leave(page, 'Variable holding the token', ACCESS_TOKEN);
    await expect
      .poll(() => alerts(page))
      .toContainEqual(expect.stringMatching(/looks like the token itself/));
    expect(await page.getByTestId('snippet-ci-clone').count()).toBe(0);
    seen.push({ where: 'popup, fields refused', text: await ownText(page) });
    await leave(page, 'Repository', `https://alice:${SLASHED_PASSWORD}@bitbucket.org/acme/web.git`);
    await expect.poll(() => page.getByText(/contains a password or token/).count()).toBe(1);
    await expect
      .poll(() => page.getByTestId('snippet-set-url').textContent())
      .toBe('git remote set-url origin https://alice-dev@bitbucket.org/acme/web.git');
    seen.push({ where: 'popup, URL with a password', text: await ownText(page) });
    await leave(page, 'Repository', API_TOKEN);
    await expect.poll(() => alerts(page)).toContain(REFUSAL);
    seen.push({ where: 'popup, token as repository', text: await ownText(page) });
    await page.close();
  });

  it("diagnoser: git's own echo of a password with a /, and tokens, are masked; the warning shows", async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.popupUrl({ url: REPO_PAGE, view: 'diagnose' }));
    await page
      .getByTestId('diagnose-input')
      .fill(
        [
          `$ git clone https://alice:${SLASHED_PASSWORD}@bitbucket.org/acme/web.git`,
          `fatal: unable to access 'https://alice:${SLASHED_PASSWORD}@bitbucket.org/acme/web.git/': URL using bad/illegal format or missing URL`,
          `export BB_TOKEN=${API_TOKEN}`,
          `Username for 'https://bitbucket.org': ${APP_PASSWORD}`,
          "fatal: Authentication failed for 'https://bitbucket.org/acme/web.git/'",
        ].join('\n'),
      );
    await expect.poll(() => page.getByTestId('embedded-secret').count()).toBe(1);
    const evidence = await page.locator('ol.evidence').textContent();
    expect(evidence).toContain("unable to access 'https://alice:***@bitbucket.org/acme/web.git/'");
    seen.push({ where: 'diagnoser', text: await ownText(page) });
    await page.close();
  });

  it('workspaces named constructor and __proto__: a username saved for each is remembered', async () => {
    for (const workspace of ['constructor', '__proto__']) {
      const url = `https://bitbucket.org/${workspace}/web-app`;
      const first = await ext.context.newPage();
      await first.goto(ext.popupUrl({ url }));
      await expect.poll(() => first.getByLabel('Username', { exact: true }).inputValue()).toBe('alice-dev');
      await leave(first, 'Username', `${workspace.replace(/_/g, '')}-work`);
      await expect
        .poll(async () => JSON.stringify((await ext.storage.get('usernames')).usernames))
        .toContain(JSON.stringify([workspace, `${workspace.replace(/_/g, '')}-work`]));
      await first.close();
      const again = await ext.context.newPage();
      await again.goto(ext.popupUrl({ url }));
      await expect
        .poll(() => again.getByTestId('snippet-set-url').textContent())
        .toBe(
          `git remote set-url origin https://${workspace.replace(/_/g, '')}-work@bitbucket.org/${workspace}/web-app.git`,
        );
      expect(await again.getByText(`Remembered for ${workspace}.`, { exact: false }).count()).toBe(1);
      await again.close();
    }
  });

  it('the wizard: a token typed as the new token’s name is never recorded; our bar and report never show it', async () => {
    const page = await ext.context.newPage();
    await page.goto(FIXTURE_URLS.apiTokens);
    await page.getByTestId('preset-bar').locator('[data-preset="git-push"]').click();
    const dialog = page.getByRole('dialog');
    const name = dialog.locator('#api-token-name');
    await expect.poll(() => name.inputValue()).toMatch(/^git-push@/);
    await name.fill(API_TOKEN);
    const next = () => dialog.getByRole('button', { name: /^(Next|Continue)$/ }).click();
    await next(); // details → app
    await expect.poll(() => page.locator('input[type=radio][value=bitbucket]').isChecked()).toBe(true);
    await next(); // app → scopes
    await expect.poll(() => dialog.locator('input[type=checkbox]:checked').count()).toBeGreaterThan(0);
    const fallback = page.getByTestId('preset-fallback');
    await expect.poll(() => fallback.count()).toBe(1);
    await page.bringToFront();
    await fallback.getByRole('button', { name: 'Copy a report' }).click();
    const report = await page.evaluate(() => navigator.clipboard.readText());
    expect(report).toContain('Auth Helper for Bitbucket report');
    seen.push({ where: 'wizard, copied report', text: report });
    await next(); // scopes → review
    await dialog.getByRole('button', { name: /^(Create token|Generate token)$/ }).click();
    await expect.poll(() => dialog.getByRole('button', { name: 'Close' }).count()).toBe(1);
    seen.push({ where: 'wizard, our bar', text: await injectedText(page) });
    await dialog.getByRole('button', { name: 'Close' }).click();
    // The list now shows a row named like the token: our markers run on it, and it is not kept.
    await expect
      .poll(async () => JSON.stringify((await ext.storage.get('trackingNotes')).trackingNotes ?? []))
      .toContain('"kind":"api-token"');
    seen.push({ where: 'API-token list, our markers', text: await injectedText(page) });
    await expect
      .poll(() => workerLog.join('\n'))
      .toContain(
        'refused record-created-through-preset from https://id.atlassian.com: the name looks like a token',
      );
    await page.close();
  });

  it('the lists: rows named like a token are left out, the others tracked', async () => {
    for (const [url, kind] of [
      [FIXTURE_URLS.repoAccessTokens, 'repository-access-token'],
      [FIXTURE_URLS.appPasswords, 'app-password'],
    ] as const) {
      const page = await ext.context.newPage();
      await page.goto(url);
      await expect
        .poll(async () => JSON.stringify((await ext.storage.get('trackingNotes')).trackingNotes ?? []), {
          timeout: 10_000,
        })
        .toContain(`"kind":"${kind}"`);
      seen.push({ where: `${kind} list, our markers`, text: await injectedText(page) });
      await page.close();
    }
    const stored = (await ext.storage.get('trackedCredentials')).trackedCredentials as {
      credentials: { name: string }[];
    };
    expect(stored.credentials.map((entry) => entry.name).sort()).toEqual(['deploy', 'laptop']);
  });

  it('options: device name and label pattern refuse it; the dropped rows are named per list', async () => {
    const page = await ext.context.newPage();
    await page.goto(`chrome-extension://${ext.extensionId}/options.html`);
    await page.getByLabel('Device name for labels').fill(APP_PASSWORD);
    await page.getByLabel('Label pattern').fill(`{preset}@{device} ${API_TOKEN}`);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect
      .poll(() => page.getByTestId('settings-errors').textContent())
      .toMatch(/deviceName: this looks like a token[\s\S]*labelPattern: this looks like a token/);
    const notes = page.getByTestId('tracking-notes');
    await expect.poll(() => notes.locator('li').count()).toBe(3);
    expect(await notes.textContent()).toMatch(
      /API token list \(Atlassian account\), seen [\d-]+: 1 row not tracked: its name looks like a token/,
    );
    expect(await notes.textContent()).toMatch(/Repository access token list \(acme\/website\)/);
    expect(await notes.textContent()).toMatch(/App password list \(Bitbucket account\)/);
    seen.push({ where: 'options', text: await ownText(page) });
    await page.close();
  });

  it('all of storage.local and everything our UI showed: no token shape, no password', async () => {
    const everything = JSON.stringify(await ext.storage.get(null));
    expect(everything).not.toMatch(TOKEN_SHAPE);
    for (const secret of [...SECRETS, LISTED_ACCESS_TOKEN, LISTED_APP_PASSWORD]) {
      expect(everything).not.toContain(secret.slice(4, 20));
    }
    expect(seen.map((s) => s.where)).toHaveLength(10);
    for (const { where, text } of seen) {
      expect(text, where).not.toMatch(TOKEN_SHAPE);
      expect(text, where).not.toContain('S3cr3tValue99');
    }
  });
});
