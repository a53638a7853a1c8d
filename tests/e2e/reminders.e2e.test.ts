// Reminders in real Chromium with the built extension: the Atlaskit list fixtures served as the
// real URLs get their rows marked and recorded, the background counts them on the badge, and
// the options page shows the tracked list and passes axe.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildFixtures } from '../../scripts/build-fixtures.mjs';
import {
  type AccessTokenRow,
  type ApiTokenRow,
  FIXTURE_URLS,
  type FixtureOptions,
  installFixtureRoutes,
} from '../support/fixture-routes.mjs';
import AxeBuilder from './axe';
import { shownInDays } from './dates';
import { type ExtensionBrowser, launchWithExtension } from './extension';

interface StoredCredential {
  id: string;
  kind: string;
  name: string;
  where: string;
  created?: string;
  expires?: string;
  lastUsed?: string;
  revokedAt?: string;
}

let ext: ExtensionBrowser;
let uninstall: (() => Promise<void>) | undefined;

// The fixtures show dates as the pages do: Intl medium style in the page's language, local time.
function shifted(days: number): Date {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
}
const en = (days: number) => shownInDays(days);
const de = (days: number) => shownInDays(days, 'de-DE');
const iso = (days: number) => {
  const d = shifted(days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

beforeAll(async () => {
  await buildFixtures();
  mkdirSync('test-results', { recursive: true });
  ext = await launchWithExtension();
  // Wait for the start-up run to write its (empty) tracked list: from then on only tests write.
  for (let waited = 0; !(await ext.storage.get('trackedCredentials')).trackedCredentials; waited += 100) {
    if (waited > 15_000) throw new Error('The background never finished its start-up run.');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});
afterAll(async () => ext?.close());
beforeEach(async () => {
  await uninstall?.();
  uninstall = undefined;
  await ext.storage.clear();
});

async function open(url: string, options: FixtureOptions): Promise<Page> {
  uninstall = (await installFixtureRoutes(ext.context, options)).uninstall;
  const page = await ext.context.newPage();
  await page.goto(url);
  return page;
}

/** name → data-credential-status of the page's own rows, once `count` rows are marked. */
async function statuses(page: Page, count: number): Promise<Record<string, string | null>> {
  await expect
    .poll(() => page.locator('tbody tr[data-credential-status]').count(), { timeout: 10_000 })
    .toBe(count);
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('tbody tr')].map((row) => [
        (row as HTMLTableRowElement).cells[0]?.textContent?.trim() ?? '',
        row.getAttribute('data-credential-status'),
      ]),
    ),
  );
}

async function tracked(count: number): Promise<StoredCredential[]> {
  let credentials: StoredCredential[] = [];
  await expect
    .poll(
      async () => {
        const { trackedCredentials } = await ext.storage.get('trackedCredentials');
        credentials =
          (trackedCredentials as { credentials?: StoredCredential[] } | undefined)?.credentials ?? [];
        return credentials.length;
      },
      { timeout: 10_000 },
    )
    .toBe(count);
  return credentials;
}

const badge = () =>
  ext.serviceWorker.evaluate(() =>
    (
      globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }
    ).chrome.action.getBadgeText({}),
  );

function marker(page: Page, name: string) {
  return page.locator('tbody tr', { hasText: name }).getByTestId('credential-marker');
}

const API_ROWS: ApiTokenRow[] = [
  { name: 'expired token', created: en(-200), expires: en(-3), lastAccessed: en(-5) },
  { name: 'expiring token', created: en(-100), expires: en(5), lastAccessed: en(-1) },
  { name: 'unused token', created: en(-200), expires: en(150), lastAccessed: en(-120) },
  { name: 'never used token', created: en(-100), expires: en(200), lastAccessed: 'Never' },
  { name: 'old token', created: en(-400), expires: en(100), lastAccessed: en(-2) },
  { name: 'fine token', created: en(-10), expires: en(300), lastAccessed: en(0) },
  { name: 'no dates', created: '—', expires: '—', lastAccessed: '—' },
  { name: 'git-push@laptop 2026-01', created: en(-85), expires: en(5), lastAccessed: en(-1) },
];

describe('API-token list (id.atlassian.com)', () => {
  it('marks each row with its first status, records every row, and the badge counts them', async () => {
    const page = await open(FIXTURE_URLS.apiTokens, { apiTokens: API_ROWS });
    expect(await statuses(page, 6)).toEqual({
      'expired token': 'expired',
      'expiring token': 'expiring',
      'unused token': 'unused',
      'never used token': 'unused',
      'old token': 'old',
      'fine token': null,
      'no dates': null,
      'git-push@laptop 2026-01': 'expiring',
    });
    expect(await marker(page, 'expired token').textContent()).toContain('Expired 3 days ago');
    // The marker's own stylesheet is in its shadow root: an expired badge is red and upper-case.
    const expiredBadge = await marker(page, 'expired token')
      .locator('.badge')
      .evaluate((el) => {
        const style = getComputedStyle(el);
        return [style.backgroundColor, style.color, style.textTransform];
      });
    expect(expiredBadge).toEqual(['rgb(255, 236, 235)', 'rgb(93, 31, 26)', 'uppercase']);
    const stored = await tracked(8);
    expect(stored.every((entry) => entry.kind === 'api-token')).toBe(true);
    expect(stored.find((entry) => entry.name === 'expiring token')).toMatchObject({
      where: 'https://id.atlassian.com/manage-profile/security/api-tokens',
      created: iso(-100),
      expires: iso(5),
      lastUsed: iso(-1),
    });
    expect(stored.find((entry) => entry.name === 'never used token')?.lastUsed).toBe('never');
    // Expired, expiring and the preset-named expiring one: old and unused alone don't count.
    await expect.poll(badge).toBe('3');
    await page.screenshot({ path: 'test-results/reminders-api-tokens.png', fullPage: true });
    await page.close();
  });

  // Atlassian's theme is a setting of its own: a light page on a dark system is common.
  it('markers read in the page’s colours whatever the system’s scheme, and pass axe in both', async () => {
    const page = await open(FIXTURE_URLS.apiTokens, { apiTokens: API_ROWS });
    await statuses(page, 6);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const [detail, cell] = await Promise.all([
        marker(page, 'unused token')
          .locator('.detail')
          .evaluate((el) => getComputedStyle(el).color),
        page
          .locator('tbody tr', { hasText: 'unused token' })
          .locator('td, th')
          .first()
          .evaluate((el) => getComputedStyle(el).color),
      ]);
      expect(detail, colorScheme).toBe(cell);
      const results = await new AxeBuilder(page).include('tbody').analyze();
      expect(results.violations, JSON.stringify(results.violations, null, 1)).toEqual([]);
    }
    await page.close();
  });

  it('"Recreate like this" opens the wizard with the preset from the label and the same lifetime', async () => {
    const page = await open(FIXTURE_URLS.apiTokens, { apiTokens: API_ROWS });
    const link = marker(page, 'git-push@laptop').getByRole('link', { name: 'Recreate like this' });
    await expect.poll(() => link.getAttribute('href')).toContain('#bbah-preset=git-push');
    expect(await link.getAttribute('href')).toContain('bbah-expiry-days=90');
    await link.click();
    await expect.poll(() => page.url()).toContain('bbah-expiry-days=90');
    // The preset feature takes over on the new page: the wizard opens with a git-push name.
    await expect
      .poll(() => page.getByRole('dialog').locator('#api-token-name').inputValue(), { timeout: 10_000 })
      .toMatch(/^git-push@/);
    await page.close();
  });

  it('a revoked row loses its mark and is recorded as revoked; the others keep theirs', async () => {
    const page = await open(FIXTURE_URLS.apiTokens, { apiTokens: API_ROWS });
    await statuses(page, 6);
    await tracked(8);
    const row = page.locator('tbody tr', { hasText: 'expired token' });
    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    expect(await statuses(page, 5)).not.toHaveProperty('expired token');
    await expect
      .poll(async () => {
        const { trackedCredentials } = await ext.storage.get('trackedCredentials');
        const list = (trackedCredentials as { credentials: StoredCredential[] }).credentials;
        return list.find((entry) => entry.name === 'expired token')?.revokedAt;
      })
      .toBe(iso(0));
    await expect.poll(badge).toBe('2');
    await page.close();
  });

  it('German dates and headers', async () => {
    const page = await open(FIXTURE_URLS.apiTokens, {
      variant: 'de',
      apiTokens: [
        { name: 'abgelaufen', created: de(-200), expires: de(-3), lastAccessed: de(-5) },
        { name: 'läuft bald ab', created: de(-10), expires: de(2), lastAccessed: 'Nie' },
        { name: 'gut', created: de(-10), expires: de(200), lastAccessed: de(-1) },
      ],
    });
    expect(await statuses(page, 2)).toEqual({
      abgelaufen: 'expired',
      'läuft bald ab': 'expiring',
      gut: null,
    });
    await page.close();
  });
});

describe('access-token lists (bitbucket.org)', () => {
  const rows: AccessTokenRow[] = [
    { name: 'deploy-bot', created: en(-30), expires: en(-1), lastUsed: en(-2), scopes: ['repository'] },
    { name: 'ci-runner', created: en(-30), expires: en(20), lastUsed: '—', scopes: ['pipeline'] },
    { name: 'forever', created: en(-30), expires: 'No expiry', lastUsed: en(-1), scopes: ['repository'] },
  ];

  it.each([
    [FIXTURE_URLS.repoAccessTokens, 'repository-access-token'],
    [FIXTURE_URLS.projectAccessTokens, 'project-access-token'],
    [FIXTURE_URLS.workspaceAccessTokens, 'workspace-access-token'],
  ])('%s: marks, points at Rotate with the 30-minute rule, records the kind', async (url, kind) => {
    const page = await open(url, { accessTokens: rows });
    expect(await statuses(page, 2)).toEqual({
      'deploy-bot': 'expired',
      'ci-runner': 'expiring',
      forever: null,
    });
    const note = marker(page, 'deploy-bot');
    expect(await note.textContent()).toContain('old secret stops working 30 minutes after rotation');
    await note.getByRole('button', { name: 'Show Rotate' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Rotate');
    const stored = await tracked(3);
    expect(new Set(stored.map((entry) => entry.kind))).toEqual(new Set([kind]));
    expect(stored[0]?.where).toBe(url);
    expect(stored.find((entry) => entry.name === 'forever')?.expires).toBe('never');
    await page.close();
  });
});

describe('App passwords list (bitbucket.org)', () => {
  it('marks every app password dead with "Replace with an API token" and the matching preset', async () => {
    const page = await open(FIXTURE_URLS.appPasswords, {
      appPasswords: [
        { label: 'sourcetree', created: en(-700), lastUsed: en(-120) },
        { label: 'old laptop', created: en(-1500), lastUsed: 'Never' },
      ],
    });
    expect(await statuses(page, 2)).toEqual({ sourcetree: 'dead', 'old laptop': 'dead' });
    const replace = marker(page, 'sourcetree').getByRole('link', { name: /^Replace with an API token/ });
    expect(await replace.textContent()).toBe('Replace with an API token (Sourcetree)');
    expect(await replace.getAttribute('href')).toContain('#bbah-preset=sourcetree');
    expect(
      await marker(page, 'old laptop')
        .getByRole('link', { name: /^Replace/ })
        .getAttribute('href'),
    ).toContain('#bbah-preset=git-push');
    const stored = await tracked(2);
    expect(stored.map((entry) => entry.kind)).toEqual(['app-password', 'app-password']);
    await expect.poll(badge).toBe('2');
    await page.close();
  });
});

describe('background in Chromium', () => {
  it('the daily alarm shows a real notification once, for the token that is due', async () => {
    await ext.storage.set({
      trackedCredentials: {
        version: 2,
        credentials: [
          {
            id: 'e2e-token',
            kind: 'api-token',
            name: 'laptop git',
            where: 'https://id.atlassian.com/manage-profile/security/api-tokens',
            preset: 'git-push',
            expires: iso(3),
            firstSeen: iso(-30),
            lastSeen: iso(-1),
            notified: {},
          },
        ],
      },
    });
    const notifications = () =>
      ext.serviceWorker.evaluate(() =>
        (
          globalThis as unknown as {
            chrome: { notifications: { getAll(): Promise<Record<string, boolean>> } };
          }
        ).chrome.notifications.getAll(),
      );
    // Fire the daily alarm now (unpacked extensions may use short delays).
    await ext.serviceWorker.evaluate(() =>
      (
        globalThis as unknown as { chrome: { alarms: { create(name: string, info: object): Promise<void> } } }
      ).chrome.alarms.create('bbah-reminders-daily', { when: Date.now() + 50 }),
    );
    await expect.poll(notifications, { timeout: 10_000 }).toEqual({ 'bbah-reminder:7:e2e-token': true });
    await expect
      .poll(async () => {
        const { trackedCredentials } = await ext.storage.get('trackedCredentials');
        return (trackedCredentials as { credentials: { notified: object }[] }).credentials[0]?.notified;
      })
      .toEqual({ '7': iso(0) });
    await expect.poll(badge).toBe('1');
  });

  it('1,000 tracked tokens: the first run shows two reminders and a summary; later runs are timed', async () => {
    const credentials = Array.from({ length: 1000 }, (_, i) => ({
      id: `c${i}`,
      kind: i % 5 === 0 ? 'app-password' : 'api-token',
      name: `token ${i}`,
      where: 'https://id.atlassian.com/manage-profile/security/api-tokens',
      created: iso(-(i % 400)),
      expires: i % 7 === 0 ? 'never' : iso((i % 120) - 30),
      firstSeen: iso(-400),
      lastSeen: iso(0),
      notified: {},
    }));
    await ext.storage.set({ trackedCredentials: { version: 2, credentials } });
    // Notifications of earlier tests are still on screen.
    await ext.serviceWorker.evaluate(async () => {
      const api = (
        globalThis as unknown as {
          chrome: { notifications: { getAll(): Promise<object>; clear(id: string): Promise<boolean> } };
        }
      ).chrome.notifications;
      for (const id of Object.keys(await api.getAll())) await api.clear(id);
    });
    const runTick = async () => {
      const before = await ticks();
      await ext.serviceWorker.evaluate(() =>
        (
          globalThis as unknown as {
            chrome: { alarms: { create(name: string, info: object): Promise<void> } };
          }
        ).chrome.alarms.create('bbah-reminders-daily', { when: Date.now() + 10 }),
      );
      await expect.poll(async () => (await ticks()).length, { timeout: 10_000 }).toBe(before.length + 1);
      return (await ticks()).at(-1) ?? Number.NaN;
    };
    const ticks = () =>
      ext.serviceWorker.evaluate(() =>
        performance.getEntriesByName('bbah:reminder-tick').map((entry) => entry.duration),
      );
    const first = await runTick();
    const shown = await ext.serviceWorker.evaluate(async () =>
      Object.keys(
        await (
          globalThis as unknown as { chrome: { notifications: { getAll(): Promise<object> } } }
        ).chrome.notifications.getAll(),
      ),
    );
    expect(shown).toHaveLength(3);
    expect(shown).toContain('bbah-reminders-summary');
    const later = [await runTick(), await runTick(), await runTick()];
    console.log(
      `daily run in Chromium, 1,000 tracked (storage and notifications included): first ${first.toFixed(1)} ms, ` +
        `then ${later.map((ms) => ms.toFixed(1)).join(', ')} ms`,
    );
  });
});

describe('options page', () => {
  it('shows the tracked list and passes axe, light and dark', async () => {
    const page = await open(FIXTURE_URLS.apiTokens, { apiTokens: API_ROWS });
    await tracked(8);
    await page.goto(`chrome-extension://${ext.extensionId}/options.html`);
    const list = page.getByTestId('tracked-credentials');
    await expect.poll(() => list.locator('tbody tr').count()).toBe(8);
    expect(await list.locator('tbody tr').first().getAttribute('data-status')).toBe('expired');
    await page.screenshot({ path: 'test-results/options.png', fullPage: true });
    expect((await new AxeBuilder(page).analyze()).violations).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: 'test-results/options-dark.png', fullPage: true });
    expect((await new AxeBuilder(page).analyze()).violations).toEqual([]);
    // Snooze from the list: the entry is stored snoozed and the badge drops it.
    await list
      .locator('tbody tr')
      .first()
      .getByRole('button', { name: /^Snooze 7 days/ })
      .click();
    await expect.poll(badge).toBe('2');
    await page.close();
  });

  it('open-extension-page: only a content script may ask (access-token-presets.e2e clicks it); the options page is refused', async () => {
    const page = await ext.context.newPage();
    await page.goto(`chrome-extension://${ext.extensionId}/options.html`);
    const send = (path: string) =>
      page.evaluate(
        (message) =>
          (
            globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<unknown> } } }
          ).chrome.runtime
            .sendMessage(message)
            .catch(() => undefined),
        { type: 'open-extension-page', path },
      );
    const before = ext.context.pages().length;
    expect(await send('/popup.html?url=https%3A%2F%2Fbitbucket.org%2Facme%2Fweb')).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ext.context.pages()).toHaveLength(before);
    await page.close();
  });
});

describe('a long list', () => {
  it('marks 500 rows in one pass (timing printed; the budget is benchmarked)', async () => {
    const statusesCycle = ['expired', 'expiring', 'unused', 'old', null] as const;
    const rows: ApiTokenRow[] = Array.from({ length: 500 }, (_, i) => {
      const kind = statusesCycle[i % statusesCycle.length];
      const name = `token ${String(i).padStart(3, '0')}`;
      if (kind === 'expired')
        return { name, created: en(-50), expires: en(-1 - (i % 20)), lastAccessed: en(-2) };
      if (kind === 'expiring') return { name, created: en(-50), expires: en(i % 30), lastAccessed: en(-2) };
      if (kind === 'unused')
        return { name, created: en(-200), expires: en(100), lastAccessed: en(-100 - (i % 50)) };
      if (kind === 'old')
        return { name, created: en(-380 - (i % 100)), expires: en(200), lastAccessed: en(-1) };
      return { name, created: en(-5), expires: en(200), lastAccessed: en(-1) };
    });
    const page = await open(FIXTURE_URLS.apiTokens, { apiTokens: rows });
    await statuses(page, 400);
    const counts = await page.evaluate(() => {
      const count: Record<string, number> = {};
      for (const row of document.querySelectorAll('tbody tr')) {
        const status = row.getAttribute('data-credential-status') ?? 'none';
        count[status] = (count[status] ?? 0) + 1;
      }
      return count;
    });
    expect(counts).toEqual({ expired: 100, expiring: 100, unused: 100, old: 100, none: 100 });
    // Wait for every explanation, then read the timings the content script left.
    await expect.poll(() => page.getByTestId('credential-marker').count(), { timeout: 10_000 }).toBe(400);
    const timings = await page.evaluate(() => {
      const read = (name: string) =>
        performance.getEntriesByName(name).map((entry) => ({
          ms: entry.duration,
          ...((entry as PerformanceMeasure).detail as { rows: number; marked: number; queued: number }),
        }));
      return {
        passes: read('bbah:api-token-list-reminders'),
        slices: read('bbah:api-token-list-reminders:markers'),
      };
    });
    const first = timings.passes.find((pass) => pass.rows === 500);
    const later = timings.passes.filter((pass) => pass !== first).map((pass) => pass.ms.toFixed(1));
    const slices = timings.slices.map((slice) => `${slice.marked} in ${slice.ms.toFixed(1)} ms`);
    console.log(
      `500 rows: marking pass ${first?.ms.toFixed(1)} ms (${first?.marked} rows marked); ` +
        `explanations rendered in later tasks: ${slices.join(', ')}; later passes: ${later.join(', ')} ms`,
    );
    expect(first?.marked).toBe(400);
    // The 30 ms budget is held by `npm run bench` (medians); a single timed run on a busy CI core
    // only guards against a regression by a multiple.
    expect(first?.ms).toBeLessThanOrEqual(120);
    await tracked(500);
    await page.close();
  });
});
