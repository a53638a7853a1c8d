// The options page against WXT's fake browser, with the background's message handler running,
// exactly as in the extension: settings, policy locks, the tracked list, import/export, calendar.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CALENDAR_FILE_NAME, OptionsApp } from '../../components/options/OptionsApp';
import background from '../../entrypoints/background';
import { eventUid } from '../../lib/ics';
import { parseSettingsImport, SETTINGS_EXPORT_FORMAT } from '../../lib/settings-transfer';
import type { TrackedCredential, TrackedStore } from '../../lib/tracked-credentials';
import type { OptionsServices } from '../../platform/pages/options-services';
import { createOptionsServices } from '../../platform/pages/options-services';
import { APP_PASSWORD, TOKEN_SHAPE } from '../fixtures/secret-samples';
import { contentScript, OPTIONS_PAGE, sendFrom, sendMessagesAs } from '../support/fake-senders';

const API_LIST = 'https://id.atlassian.com/manage-profile/security/api-tokens';

let services: OptionsServices;
let downloads: { filename: string; mimeType: string; text: string }[];

async function storedSettings(): Promise<Record<string, unknown> | undefined> {
  return (await fakeBrowser.storage.local.get('settings')).settings as Record<string, unknown> | undefined;
}

async function storedCredentials(): Promise<TrackedCredential[]> {
  const { trackedCredentials } = await fakeBrowser.storage.local.get('trackedCredentials');
  return (trackedCredentials as TrackedStore | undefined)?.credentials ?? [];
}

function credential(
  partial: Partial<TrackedCredential> & Pick<TrackedCredential, 'id' | 'name'>,
): TrackedCredential {
  return {
    kind: 'api-token',
    where: API_LIST,
    firstSeen: '2026-01-01',
    lastSeen: '2026-10-01',
    notified: {},
    ...partial,
  };
}

async function openOptions() {
  render(<OptionsApp services={services} timeZone="UTC" />);
  await screen.findByRole('heading', { name: 'Settings' });
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-01T12:00:00Z'));
  background.main();
  // The options page's messages come from the options page.
  sendMessagesAs(OPTIONS_PAGE);
  downloads = [];
  services = createOptionsServices('Linux x86_64');
  services.download = (filename, mimeType, text) => downloads.push({ filename, mimeType, text });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('settings', () => {
  it('shows the defaults and saves only what changed', async () => {
    await openOptions();
    const unused = screen.getByLabelText('Unused after (days)') as HTMLInputElement;
    expect(unused.value).toBe('90');
    expect((screen.getByLabelText('Remind me this many days before expiry') as HTMLInputElement).value).toBe(
      '30, 7, 1, 0',
    );
    fireEvent.input(unused, { target: { value: '60' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(screen.getByTestId('settings-status').textContent).toBe('Saved 1 setting.'));
    expect(await storedSettings()).toEqual({ unusedDays: 60 });
  });

  it('refuses a bad value with the reason and stores nothing', async () => {
    await openOptions();
    fireEvent.input(screen.getByLabelText('Remind me this many days before expiry'), {
      target: { value: '30, soon' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    const errors = await screen.findByTestId('settings-errors');
    expect(errors.textContent).toContain('leadTimesDays');
    expect(await storedSettings()).toBeUndefined();
  });

  it.each(['Device name for labels', 'Label pattern'])(
    'a token typed as the %s is refused with the reason, never stored or echoed',
    async (label) => {
      await openOptions();
      fireEvent.input(screen.getByLabelText(label), { target: { value: `{preset} ${APP_PASSWORD}` } });
      fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
      const errors = await screen.findByTestId('settings-errors');
      expect(errors.textContent).toContain('looks like a token; put it where git asks for the password');
      expect(await storedSettings()).toBeUndefined();
      expect(document.body.textContent).not.toMatch(TOKEN_SHAPE);
    },
  );

  it('switches a page feature off', async () => {
    await openOptions();
    const box = screen.getByRole('checkbox', { name: /API-token list markers/ }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    fireEvent.click(box);
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(async () =>
      expect(await storedSettings()).toEqual({ features: { 'api-token-list-reminders': false } }),
    );
  });
});

describe('organisation policy', () => {
  beforeEach(async () => {
    await fakeBrowser.storage.managed.set({
      labelPattern: 'corp-{preset}-{device}',
      leadTimesDays: [14],
      maxExpiryDays: 30,
      helpUrl: 'https://wiki.example.com/git',
      locked: ['shell'],
      usernameMode: 'email',
      presets: [
        {
          id: 'deploy-read',
          name: 'Deployment',
          rationale: 'Clone only.',
          apiToken: ['read:repository:bitbucket'],
        },
      ],
    });
    await fakeBrowser.storage.local.set({ settings: { labelPattern: 'mine-{preset}', shell: 'fish' } });
  });

  it('shows managed values, locks their controls, links the help page and lists what was ignored', async () => {
    await openOptions();
    const pattern = screen.getByLabelText('Label pattern') as HTMLInputElement;
    expect(pattern.value).toBe('corp-{preset}-{device}');
    expect(pattern.disabled).toBe(true);
    expect(pattern.getAttribute('aria-describedby')).toContain('labelPattern-managed');
    expect(document.getElementById('labelPattern-managed')?.textContent).toBe('Set by your organisation');
    const shell = screen.getByLabelText('Shell') as HTMLSelectElement;
    expect([shell.value, shell.disabled]).toEqual(['bash', true]);
    expect((screen.getByLabelText('Remind me this many days before expiry') as HTMLInputElement).value).toBe(
      '14',
    );
    expect((screen.getByLabelText('Unused after (days)') as HTMLInputElement).disabled).toBe(false);
    const notice = screen.getByTestId('policy-notice');
    expect(notice.textContent).toContain('label pattern');
    expect(screen.getByTestId('policy-help-link').getAttribute('href')).toBe('https://wiki.example.com/git');
    expect(screen.getByTestId('policy-problems').textContent).toContain('usernameMode');
    expect(
      within(screen.getByRole('region', { name: 'Token presets' })).getByText('Deployment'),
    ).toBeTruthy();
  });

  it('never saves a locked setting, and holds expiry to the organisation maximum', async () => {
    await openOptions();
    const expiry = screen.getByLabelText('Expiry of new API tokens (days)') as HTMLInputElement;
    expect(expiry.value).toBe('30');
    fireEvent.input(expiry, { target: { value: '60' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByTestId('settings-errors')).textContent).toContain('at most 30 days');
    fireEvent.input(expiry, { target: { value: '20' } });
    fireEvent.input(screen.getByLabelText('Device name for labels'), { target: { value: 'build-box' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(async () =>
      expect(await storedSettings()).toEqual({
        labelPattern: 'mine-{preset}',
        shell: 'fish',
        defaultExpiryDays: 20,
        deviceName: 'build-box',
      }),
    );
  });
});

describe('tracked credentials', () => {
  beforeEach(async () => {
    await fakeBrowser.storage.local.set({
      trackedCredentials: {
        version: 2,
        credentials: [
          credential({ id: 'fine', name: 'fine token', expires: '2027-06-01' }),
          credential({ id: 'soon', name: 'laptop git', expires: '2026-11-05', preset: 'git-push' }),
          credential({ id: 'gone', name: 'revoked one', expires: '2026-10-01', revokedAt: '2026-10-20' }),
        ],
      },
    });
  });

  it('lists them, needing attention first, with their status', async () => {
    await openOptions();
    const list = screen.getByTestId('tracked-credentials');
    const rows = within(list).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.getAttribute('data-credential-id'))).toEqual(['soon', 'fine', 'gone']);
    expect(rows[0]?.textContent).toContain('Expires in 4 days (Nov 5, 2026)');
    expect(rows[2]?.textContent).toContain('Gone from its list since Oct 20, 2026');
  });

  it('snoozes, resumes and removes an entry', async () => {
    await openOptions();
    const row = () =>
      screen.getByTestId('tracked-credentials').querySelector('[data-credential-id="soon"]') as HTMLElement;
    fireEvent.click(within(row()).getByRole('button', { name: 'Snooze 7 days for laptop git' }));
    await waitFor(async () =>
      expect((await storedCredentials()).find((entry) => entry.id === 'soon')?.snoozedUntil).toBe(
        '2026-11-08',
      ),
    );
    await waitFor(() => expect(row().textContent).toContain('Reminders snoozed until Nov 8, 2026'));
    fireEvent.click(within(row()).getByRole('button', { name: 'Resume reminders for laptop git' }));
    await waitFor(async () =>
      expect((await storedCredentials()).find((entry) => entry.id === 'soon')?.snoozedUntil).toBeUndefined(),
    );
    fireEvent.click(within(row()).getByRole('button', { name: 'Remove laptop git' }));
    await waitFor(async () =>
      expect((await storedCredentials()).map((entry) => entry.id)).toEqual(['fine', 'gone']),
    );
    await waitFor(() =>
      expect(
        screen.getByTestId('tracked-credentials').querySelector('[data-credential-id="soon"]'),
      ).toBeNull(),
    );
  });

  it('downloads one calendar event per expiry of the entries still on their lists', async () => {
    await openOptions();
    fireEvent.click(screen.getByRole('button', { name: 'Download calendar (.ics)' }));
    expect(downloads).toHaveLength(1);
    const [file] = downloads;
    expect([file?.filename, file?.mimeType]).toEqual([CALENDAR_FILE_NAME, 'text/calendar']);
    const text = file?.text ?? '';
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(text).toContain(`UID:${eventUid('soon')}`);
    expect(text).toContain('DTSTART;VALUE=DATE:20261105');
    expect(text).not.toContain('revoked one');
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR\r\n$/);
  });

  it('follows changes made elsewhere (a list page recorded new rows)', async () => {
    await openOptions();
    await sendFrom(contentScript('https://bitbucket.org/account/settings/app-passwords/'), {
      type: 'record-list-observation',
      observation: {
        kind: 'app-password',
        where: 'https://bitbucket.org/account/settings/app-passwords',
        rows: [{ name: 'old laptop' }],
        complete: true,
      },
    });
    await waitFor(() =>
      expect(screen.getByTestId('tracked-credentials').textContent).toContain('old laptop'),
    );
  });
});

describe('rows the lists could not track', () => {
  it('are named per list, without the token, and the note goes once the list is clean', async () => {
    await openOptions();
    const observe = (rows: unknown[]) =>
      sendFrom(contentScript('https://bitbucket.org/acme/web-app/admin/access-tokens'), {
        type: 'record-list-observation',
        observation: {
          kind: 'repository-access-token',
          where: 'https://bitbucket.org/acme/web-app/admin/access-tokens',
          rows,
          complete: true,
        },
      });
    await observe([{ name: 'deploy' }, { name: APP_PASSWORD }, { name: `${'n'.repeat(501)}` }]);
    const notes = await screen.findByTestId('tracking-notes');
    expect(notes.textContent).toContain(
      'Repository access token list (acme/web-app), seen 2026-11-01: 1 row not tracked: its name looks like a token (a token never belongs in a name; revoke it); 1 row tracked with the name cut to 500 characters.',
    );
    expect(document.body.textContent).not.toMatch(TOKEN_SHAPE);
    await observe([{ name: 'deploy' }]);
    await waitFor(() => expect(screen.queryByTestId('tracking-notes')).toBeNull());
  });
});

describe('your data', () => {
  it('exports the settings as JSON that imports again', async () => {
    await fakeBrowser.storage.local.set({ settings: { unusedDays: 45, deviceName: 'laptop' } });
    await openOptions();
    fireEvent.click(screen.getByRole('button', { name: 'Export settings' }));
    const text = downloads[0]?.text ?? '';
    expect(JSON.parse(text).format).toBe(SETTINGS_EXPORT_FORMAT);
    const parsed = parseSettingsImport(text);
    expect(parsed.ok && [parsed.settings.unusedDays, parsed.settings.deviceName]).toEqual([45, 'laptop']);
  });

  it('imports a settings file, and refuses a bad one without changing anything', async () => {
    await openOptions();
    const input = screen.getByTestId('import-settings');
    const file = (name: string, body: string) => new File([body], name, { type: 'application/json' });
    fireEvent.change(input, { target: { files: [file('bad.json', '{"unusedDays": "lots", "colour": 1}')] } });
    const errors = await screen.findByTestId('import-errors');
    expect(errors.textContent).toContain('unusedDays');
    expect(errors.textContent).toContain('colour');
    expect(await storedSettings()).toBeUndefined();
    fireEvent.change(input, {
      target: {
        files: [
          file(
            'good.json',
            JSON.stringify({ format: SETTINGS_EXPORT_FORMAT, version: 1, settings: { unusedDays: 30 } }),
          ),
        ],
      },
    });
    await waitFor(async () => expect((await storedSettings())?.unusedDays).toBe(30));
    await waitFor(() =>
      expect((screen.getByLabelText('Unused after (days)') as HTMLInputElement).value).toBe('30'),
    );
    await waitFor(() => expect(screen.getByTestId('data-status').textContent).toBe('Imported good.json.'));
  });

  it('clears all data only after the second click', async () => {
    await fakeBrowser.storage.local.set({
      settings: { unusedDays: 45 },
      trackedCredentials: { version: 2, credentials: [credential({ id: 'a', name: 'a' })] },
    });
    await openOptions();
    fireEvent.click(screen.getByRole('button', { name: 'Clear all data…' }));
    expect((await storedSettings())?.unusedDays).toBe(45);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.click(screen.getByRole('button', { name: 'Clear all data…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete everything' }));
    await waitFor(async () => expect(await fakeBrowser.storage.local.get(null)).toEqual({}));
    await waitFor(() =>
      expect(screen.getByTestId('tracked-credentials').textContent).toContain('Nothing tracked yet'),
    );
    expect((screen.getByLabelText('Unused after (days)') as HTMLInputElement).value).toBe('90');
  });
});
