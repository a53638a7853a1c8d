// The three list features on hand-built tables in happy-dom, with the background's message
// handler behind them (WXT's fake browser): which rows are marked, what is recorded, and what
// happens when the page re-renders. Real Atlaskit tables in Chromium: tests/e2e/reminders.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import accessTokenFeature from '../../features/access-token-list-reminders';
import apiTokenFeature from '../../features/api-token-list-reminders';
import appPasswordFeature from '../../features/app-password-list-reminders';
import { presetFromLabel, replacementPreset, STATUS_ATTRIBUTE } from '../../features/helpers/credential-list';
import { isAppPasswordListPage } from '../../lib/page-urls';
import { BUILT_IN_PRESETS } from '../../lib/presets';
import type { TrackedStore } from '../../lib/tracked-credentials';
import type { Feature } from '../../platform/content/feature-manager';
import { contentScript, sendFrom, sendMessagesAs } from '../support/fake-senders';

const API_URL = new URL('https://id.atlassian.com/manage-profile/security/api-tokens');
const REPO_URL = new URL('https://bitbucket.org/acme/web-app/admin/access-tokens');
const APP_URL = new URL('https://bitbucket.org/account/settings/app-passwords/');

let controller: AbortController;

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-26T12:00:00Z'));
  background.main();
  controller = new AbortController();
  document.body.innerHTML = '';
  document.documentElement.lang = 'en';
});

afterEach(() => {
  controller.abort();
  vi.useRealTimers();
});

type Cells = string[];

function table(headers: string[], rows: Cells[], extra = ''): HTMLTableElement {
  document.body.innerHTML = `<main><table><thead><tr>${headers.map((h) => `<th>${h}</th>`).join('')}</tr></thead>
    <tbody>${rows.map((row) => `<tr>${row.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>${extra}</main>`;
  return document.querySelector('table') as HTMLTableElement;
}

async function run(feature: Feature, url: URL) {
  sendMessagesAs(contentScript(url));
  expect(await feature.init({ url, signal: controller.signal })).toBe(true);
}

function statuses(): Record<string, string | null> {
  return Object.fromEntries(
    [...document.querySelectorAll('tbody tr')].map((row) => [
      (row as HTMLTableRowElement).cells[0]?.textContent?.trim() ?? '',
      row.getAttribute(STATUS_ATTRIBUTE),
    ]),
  );
}

async function stored(): Promise<TrackedStore | undefined> {
  return (await fakeBrowser.storage.local.get('trackedCredentials')).trackedCredentials as
    | TrackedStore
    | undefined;
}

function setCell(row: Element | undefined, index: number, text: string) {
  const cell = row?.children[index];
  if (!cell) throw new Error(`No cell ${index}`);
  cell.textContent = text;
}

const markerText = (row: Element) =>
  row.querySelector('bbah-credential-marker')?.shadowRoot?.querySelector('[data-testid="credential-marker"]')
    ?.textContent ?? '';

describe('API-token list', () => {
  const HEADERS = ['Name', 'Created', 'Expires', 'Last accessed', 'Actions'];

  it('marks the first status in the order dead, expired, expiring, unused, old; nothing on the others', async () => {
    table(HEADERS, [
      ['expired and old', 'Nov 1, 2024', 'Nov 20, 2026', 'Nov 19, 2026', ''],
      ['expiring and unused', 'Jan 2, 2026', 'Dec 1, 2026', 'Mar 1, 2026', ''],
      ['unused and old', 'Jan 2, 2025', 'Jun 1, 2027', 'Never', ''],
      ['old', '2025-01-02', '2027-01-01', '3 days ago', ''],
      ['fine', 'Nov 1, 2026', 'Nov 1, 2027', 'yesterday', ''],
      ['no dates', '', '—', '', ''],
      ['garbage dates', 'soon', 'whenever', '12/13/14/15', ''],
    ]);
    await run(apiTokenFeature, API_URL);
    await vi.waitFor(() =>
      expect(statuses()).toEqual({
        'expired and old': 'expired',
        'expiring and unused': 'expiring',
        'unused and old': 'unused',
        old: 'old',
        fine: null,
        'no dates': null,
        'garbage dates': null,
      }),
    );
  });

  it('records every row — dates it could read, never a secret — and a second visit marks gone rows revoked', async () => {
    table(HEADERS, [
      ['laptop', 'Nov 1, 2026', 'Dec 1, 2026', 'Never', ''],
      ['ci', 'Oct 1, 2026', 'No expiry', 'today', ''],
    ]);
    await run(apiTokenFeature, new URL(`${API_URL.href}?autofillToken&appId=bitbucket`));
    await vi.waitFor(async () => expect((await stored())?.credentials).toHaveLength(2), { timeout: 3000 });
    const [laptop, ci] = (await stored())?.credentials ?? [];
    expect(laptop).toEqual({
      id: expect.stringMatching(/^api-token-/),
      kind: 'api-token',
      name: 'laptop',
      where: API_URL.href,
      created: '2026-11-01',
      expires: '2026-12-01',
      lastUsed: 'never',
      firstSeen: '2026-11-26',
      lastSeen: '2026-11-26',
      notified: {},
    });
    expect(ci).toMatchObject({ name: 'ci', expires: 'never', lastUsed: '2026-11-26' });
    // The page re-renders without "ci": recorded as revoked, the other stays.
    document.querySelector('tbody tr:last-child')?.remove();
    await vi.waitFor(
      async () =>
        expect((await stored())?.credentials.find((entry) => entry.name === 'ci')?.revokedAt).toBe(
          '2026-11-26',
        ),
      { timeout: 3000 },
    );
    expect((await stored())?.credentials.find((entry) => entry.name === 'laptop')?.revokedAt).toBeUndefined();
  });

  it('a list shown in pages is recorded without revoking what is on other pages', async () => {
    await sendFrom(contentScript(API_URL), {
      type: 'record-list-observation',
      observation: {
        kind: 'api-token',
        where: API_URL.href,
        rows: [{ name: 'on page two' }],
        complete: true,
      },
    });
    table(
      HEADERS,
      [['laptop', 'Nov 1, 2026', 'Dec 1, 2026', 'Never', '']],
      '<nav aria-label="pagination"><button aria-current="page">1</button><button>2</button></nav>',
    );
    await run(apiTokenFeature, API_URL);
    await vi.waitFor(async () => expect((await stored())?.credentials).toHaveLength(2), { timeout: 3000 });
    expect((await stored())?.credentials.every((entry) => entry.revokedAt === undefined)).toBe(true);
  });

  it('a filtered list is recorded without revoking what the filter hides', async () => {
    await sendFrom(contentScript(API_URL), {
      type: 'record-list-observation',
      observation: {
        kind: 'api-token',
        where: API_URL.href,
        rows: [{ name: 'hidden by the filter' }],
        complete: true,
      },
    });
    table(
      HEADERS,
      [['laptop', 'Nov 1, 2026', 'Dec 1, 2026', 'Never', '']],
      '<input type="search" value="lap">',
    );
    await run(apiTokenFeature, API_URL);
    await vi.waitFor(async () => expect((await stored())?.credentials).toHaveLength(2), { timeout: 3000 });
    expect((await stored())?.credentials.every((entry) => entry.revokedAt === undefined)).toBe(true);
  });

  it('duplicate names are two entries', async () => {
    table(HEADERS, [
      ['laptop', 'Nov 1, 2026', 'Dec 1, 2026', 'Never', ''],
      ['laptop', 'Nov 1, 2026', 'Dec 1, 2026', 'Never', ''],
    ]);
    await run(apiTokenFeature, API_URL);
    await vi.waitFor(async () => expect((await stored())?.credentials).toHaveLength(2), { timeout: 3000 });
    const ids = (await stored())?.credentials.map((entry) => entry.id) ?? [];
    expect(new Set(ids).size).toBe(2);
  });

  it('follows re-renders: changed text, a replaced row element, and a status that goes away', async () => {
    table(HEADERS, [
      ['a', 'Nov 1, 2026', 'Dec 1, 2026', 'today', ''],
      ['b', 'Nov 1, 2026', 'Nov 1, 2027', 'today', ''],
    ]);
    await run(apiTokenFeature, API_URL);
    await vi.waitFor(() => expect(statuses()).toEqual({ a: 'expiring', b: null }));
    const [rowA, rowB] = document.querySelectorAll('tbody tr');
    await vi.waitFor(() => expect(markerText(rowA as Element)).toContain('Expires in 5 days'));
    // Rotated: a new expiry far away. The attribute and the explanation go.
    setCell(rowA, 2, 'Nov 1, 2027');
    await vi.waitFor(() => expect(statuses()).toEqual({ a: null, b: null }));
    expect(rowA?.querySelector('bbah-credential-marker')).toBeNull();
    // React replaced row b with a new element showing an expired token.
    const fresh = rowB?.cloneNode(true) as HTMLTableRowElement;
    setCell(fresh, 2, 'Nov 1, 2026');
    rowB?.replaceWith(fresh);
    await vi.waitFor(() => expect(statuses()).toEqual({ a: null, b: 'expired' }));
    await vi.waitFor(() => expect(markerText(fresh)).toContain('Expired 25 days ago'));
    // The name cell's own text is untouched by the explanation (it lives in a shadow root).
    expect(fresh.cells[0]?.textContent).toBe('b');
  });

  it('"Recreate like this" carries the preset from the label and the token’s own lifetime', async () => {
    table(HEADERS, [['git-push@laptop 2026-09', 'Sep 2, 2026', 'Dec 1, 2026', 'today', '']]);
    await run(apiTokenFeature, API_URL);
    const row = document.querySelector('tbody tr') as Element;
    await vi.waitFor(() => expect(markerText(row)).toContain('Recreate like this'));
    const link = row.querySelector('bbah-credential-marker')?.shadowRoot?.querySelector('a');
    expect(link?.getAttribute('href')).toBe(
      'https://id.atlassian.com/manage-profile/security/api-tokens#bbah-preset=git-push&bbah-expiry-days=90',
    );
  });

  it('German headers and dates', async () => {
    document.documentElement.lang = 'de';
    table(
      ['Name', 'Erstellt', 'Läuft ab', 'Letzter Zugriff', 'Aktionen'],
      [
        ['abgelaufen', '01.06.2026', '20.11.2026', 'Nie', ''],
        ['bald', '01.11.2026', '30.11.2026', 'gestern', ''],
      ],
    );
    await run(apiTokenFeature, API_URL);
    await vi.waitFor(() => expect(statuses()).toEqual({ abgelaufen: 'expired', bald: 'expiring' }));
  });

  it('an ARIA grid instead of a table', async () => {
    document.body.innerHTML = `<div role="grid">
      <div role="row"><span role="columnheader">Token name</span><span role="columnheader">Expiry date</span></div>
      <div role="row"><span role="gridcell">laptop</span><span role="gridcell">Nov 30, 2026</span></div>
    </div>`;
    await run(apiTokenFeature, API_URL);
    await vi.waitFor(() =>
      expect(document.querySelectorAll('[role="row"]')[1]?.getAttribute(STATUS_ATTRIBUTE)).toBe('expiring'),
    );
  });

  it('no credential list on the page: init gives up after its wait and says so', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    document.body.innerHTML =
      '<main><table><tr><th>Colour</th><th>Size</th></tr><tr><td>red</td><td>L</td></tr></table></main>';
    const init = apiTokenFeature.init({ url: API_URL, signal: controller.signal });
    await vi.advanceTimersByTimeAsync(16_000);
    expect(await init).toBe(false);
    expect(document.querySelector(`[${STATUS_ATTRIBUTE}]`)).toBeNull();
  });

  it('leaving the page (abort) takes the attributes and explanations off the rows', async () => {
    table(HEADERS, [['a', 'Nov 1, 2026', 'Nov 20, 2026', 'today', '']]);
    await run(apiTokenFeature, API_URL);
    await vi.waitFor(() => expect(document.querySelector('bbah-credential-marker')).not.toBeNull());
    controller.abort();
    expect(statuses()).toEqual({ a: null });
    expect(document.querySelector('bbah-credential-marker')).toBeNull();
  });
});

describe('access-token list', () => {
  it('points at the row’s own Rotate button and says the old secret lasts 30 minutes', async () => {
    table(
      ['Name', 'Created', 'Expiry date', 'Last used', 'Actions'],
      [['deploy', 'Oct 2, 2026', 'Nov 25, 2026', '—', '<button>Rotate</button><button>Revoke</button>']],
    );
    await run(accessTokenFeature, REPO_URL);
    const row = document.querySelector('tbody tr') as HTMLElement;
    await vi.waitFor(() => expect(markerText(row)).toContain('stops working 30 minutes after rotation'));
    const show = row.querySelector('bbah-credential-marker')?.shadowRoot?.querySelector('button');
    expect(show?.textContent).toBe('Show Rotate');
    show?.click();
    expect(document.activeElement?.textContent).toBe('Rotate');
    await vi.waitFor(async () =>
      expect((await stored())?.credentials[0]?.kind).toBe('repository-access-token'),
    );
  });
});

describe('App passwords list', () => {
  it('every app password is dead, with the API-token preset that replaces it', async () => {
    table(
      ['Label', 'Created', 'Last used'],
      [
        ['sourcetree', 'Jan 5, 2024', 'Jul 27, 2026'],
        ['jenkins build', 'Feb 2, 2022', 'Never'],
        ['old laptop', 'Feb 2, 2022', 'Never'],
      ],
    );
    await run(appPasswordFeature, APP_URL);
    await vi.waitFor(() =>
      expect(statuses()).toEqual({ sourcetree: 'dead', 'jenkins build': 'dead', 'old laptop': 'dead' }),
    );
    const links = () =>
      [...document.querySelectorAll('tbody tr')].map(
        (row) => row.querySelector('bbah-credential-marker')?.shadowRoot?.querySelector('a')?.textContent,
      );
    await vi.waitFor(() => expect(links().every(Boolean)).toBe(true));
    expect(links()).toEqual([
      'Replace with an API token (Sourcetree)',
      'Replace with an API token (CI read-only)',
      'Replace with an API token (Git push)',
    ]);
  });
});

describe('isAppPasswordListPage', () => {
  // Not in PAGE_EXAMPLES: it is a part of isAppPasswordsPage, which that table's test would flag.
  it.each([
    ['https://bitbucket.org/account/settings/app-passwords/', true],
    ['https://bitbucket.org/account/settings/app-passwords', true],
    ['https://bitbucket.org/account/settings/app-passwords/new', false],
    ['https://bitbucket.org/account/settings/', false],
    ['http://bitbucket.org/account/settings/app-passwords/', false],
    ['https://bitbucket.org.evil.example/account/settings/app-passwords/', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppPasswordListPage(new URL(url))).toBe(expected);
  });
});

describe('presets from labels', () => {
  it.each([
    ['git-push@laptop 2026-11', 'git-push'],
    ['ci-read build-box', 'ci-read'],
    ['Git-Read', 'git-read'],
    ['laptop git', undefined],
    ['git-pushy@laptop', undefined],
  ])('presetFromLabel(%j) → %s', (label, id) => {
    expect(presetFromLabel(label, BUILT_IN_PRESETS)?.id).toBe(id);
  });

  it.each([
    ['sourcetree', 'sourcetree'],
    ['IntelliJ on the Mac', 'git-ide'],
    ['GCM', 'git-ide'],
    ['pipelines trigger', 'pipelines'],
    ['Jenkins', 'ci-read'],
    ['review bot', 'pr-bot'],
    ['backup mirror', 'git-read'],
    ['old laptop', 'git-push'],
    ['pr-bot@server', 'pr-bot'],
  ])('replacementPreset(%j) → %s', (label, id) => {
    expect(replacementPreset(label, BUILT_IN_PRESETS)?.id).toBe(id);
  });

  it('an organisation that replaced git-push: its first preset', () => {
    const only = [{ id: 'corp', name: 'Corp', rationale: '', apiToken: ['read:repository:bitbucket'] }];
    expect(replacementPreset('old laptop', only)?.id).toBe('corp');
  });
});
