// Fuzz (fast-check) over every popup field, the diagnoser, the options page and the list data
// the background keeps: token shapes, `user:secret@` with `/ ? # @ : %` in the secret,
// workspaces named like Object.prototype keys, and wrong types in storage. Whatever comes in:
// no crash, and no secret in our UI's text, in storage, in a command or in a report (.ics).
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '../../components/options/OptionsApp';
import { DiagnoseView } from '../../components/popup/DiagnoseView';
import { FixView } from '../../components/popup/FixView';
import background from '../../entrypoints/background';
import { diagnose } from '../../lib/diagnose';
import { buildCalendar, buildExpiryEvents, DEFAULT_PROD_ID } from '../../lib/ics';
import { RESERVED_FIRST_SEGMENTS } from '../../lib/repo-context';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { createOptionsServices } from '../../platform/pages/options-services';
import type { PopupServices } from '../../platform/pages/popup-services';
import { createPopupServices } from '../../platform/pages/popup-services';
import {
  pendingPresetItem,
  popupPrefsItem,
  settingsItem,
  trackedCredentialsItem,
  trackingNotesItem,
  usernamesItem,
} from '../../platform/shared/storage';
import { listTracked } from '../../platform/shared/tracked-requests';
import { TOKEN_SHAPE } from '../fixtures/secret-samples';
import { contentScript, OPTIONS_PAGE, sendFrom, sendMessagesAs } from '../support/fake-senders';

/** A secret and the part of it that must never appear again (its prefix may, as `ATBB***`). */
interface Secret {
  value: string;
  tell: string;
}

const tokenBody = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{7,80}$/);
const token: fc.Arbitrary<Secret> = fc
  .tuple(
    fc.constantFrom('ATATT3xFfGF0', 'ATCTT3xFfGN0', 'ATBB', 'ATATT', 'ATCTT'),
    tokenBody,
    fc.option(fc.stringMatching(/^=[0-9A-F]{8}$/), { nil: '' }),
  )
  .map(([prefix, body, tail]) => ({ value: `${prefix}${body}${tail}`, tell: body }));
// The secret starts with letters no page text has, then anything, `/ ? # @ : %` included.
const urlPassword = fc
  .stringMatching(/^[A-Za-z0-9/?#@:%]{2,30}$/)
  .map((rest) => `Qz7${rest}`)
  .filter((secret) => !/^%\w+%$/.test(secret));
const userinfo: fc.Arbitrary<Secret> = fc
  .tuple(fc.constantFrom('alice', 'x-token-auth', 'bob.smith', 'alice%40corp.com'), urlPassword)
  .map(([user, secret]) => ({
    value: `https://${user}:${secret}@bitbucket.org/acme/web.git`,
    tell: secret,
  }));
const secret = fc.oneof(
  token,
  userinfo,
  token.map((t) => ({ ...t, value: `  ${t.value}  ` })),
);

const PROTOTYPE_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];
const workspace = fc.oneof(
  fc.constantFrom(...PROTOTYPE_KEYS),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/).filter((ws) => !RESERVED_FIRST_SEGMENTS.has(ws)),
);
const garbage = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.dictionary(
    fc.constantFrom(...PROTOTYPE_KEYS, 'acme', 'last', 'byWorkspace', 'remote'),
    fc.anything({ maxDepth: 2 }),
  ),
  fc.record({
    byWorkspace: fc.dictionary(fc.constantFrom(...PROTOTYPE_KEYS, 'acme'), fc.anything({ maxDepth: 1 })),
  }),
);

function services(): PopupServices {
  return {
    ...createPopupServices(),
    loadSettings: async () => ({
      settings: { ...DEFAULT_SETTINGS, leadTimesDays: [30], features: {} },
      lockedKeys: [],
      managedKeys: [],
      maxExpiryDays: 365,
      presets: [],
    }),
    saveShellAndHelper: async () => {},
    fetchSessionUser: async () => ({ signedIn: true, username: 'alice-dev' }),
    checkRepository: async () => 'exists',
    openPage: async () => {},
    copy: async () => {},
  };
}

const pause = (ms = 15) => new Promise((resolve) => setTimeout(resolve, ms));

/** Everything the extension keeps, and everything it shows (not what the fields hold). */
async function kept(container?: Element): Promise<string> {
  const storage = JSON.stringify(await fakeBrowser.storage.local.get(null));
  return `${storage}\n${container?.textContent ?? ''}`;
}

function expectNoSecret(text: string, s: Secret) {
  expect(text).not.toMatch(TOKEN_SHAPE);
  expect(text).not.toContain(s.tell);
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'info').mockImplementation(() => {});
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('every popup field', () => {
  it('any secret typed (and left) in any field, on any workspace, over any stored data', async () => {
    await fc.assert(
      fc.asyncProperty(
        secret,
        fc.constantFrom('Username', 'Remote', 'Repository', 'Variable holding the token'),
        workspace,
        fc.record({ popupPrefs: garbage, usernames: garbage, pendingPreset: garbage }, { requiredKeys: [] }),
        async (s, field, ws, stored) => {
          fakeBrowser.reset();
          await fakeBrowser.storage.local.set(stored);
          const { container } = render(
            <FixView pageUrl={`https://bitbucket.org/${ws}/web-app`} services={services()} />,
          );
          await waitFor(() => expect(screen.queryByTestId('snippet-erase')).not.toBeNull());
          if (field === 'Variable holding the token') {
            const details = container.querySelector('details') as HTMLDetailsElement;
            details.open = true;
            fireEvent(details, new Event('toggle'));
            await screen.findByLabelText(field);
          }
          const input = screen.getByLabelText(field, { exact: true });
          fireEvent.input(input, { target: { value: s.value } });
          fireEvent.change(input, { target: { value: s.value } });
          await pause();
          expectNoSecret(await kept(container), s);
          // Commands name a plain username or none.
          const commands = [...container.querySelectorAll('pre')].map((pre) => pre.textContent).join('\n');
          for (const [, user] of commands.matchAll(/https:\/\/([^/\s'"]*)@bitbucket\.org/g))
            expect(user).toMatch(/^[A-Za-z0-9._-]+$/);
          cleanup();
        },
      ),
      { numRuns: 120 },
    );
  }, 120_000);
});

describe('the diagnoser', () => {
  const line = (s: Secret) =>
    fc.constantFrom(
      `$ git clone ${s.value}`,
      `fatal: unable to access '${s.value}/': URL using bad/illegal format or missing URL`,
      `+ git push ${s.value} main`,
      `export BB_TOKEN=${s.value.trim()}`,
      `Username for 'https://bitbucket.org': ${s.value.trim()}`,
      `password=${s.value.trim()}`,
      `remote: ${s.value}`,
      `git remote set-url origin https://${s.value.trim()}@bitbucket.org/acme/web.git`,
    );
  const noise = fc.constantFrom(
    'remote: Invalid credentials',
    "fatal: Authentication failed for 'https://bitbucket.org/acme/web.git/'",
    'remote: CHANGE-3222 - Functionality has been deprecated',
    'PS C:\\Users\\alice> git pull',
    '',
    '\u001b[31merror\u001b[0m: RPC failed; HTTP 401',
  );
  const paste = secret.chain((s) =>
    fc
      .tuple(
        fc.array(noise, { maxLength: 4 }),
        fc.array(line(s), { minLength: 1, maxLength: 3 }),
        fc.array(noise, { maxLength: 4 }),
        fc.constantFrom('\n', '\r\n'),
      )
      .map(([a, b, c, eol]) => ({ s, text: [...a, ...b, ...c].join(eol) })),
  );

  it('no secret in the diagnosis, in what the view shows, or in a command it proposes', async () => {
    const view = render(<DiagnoseView services={services()} onOpenFix={() => {}} />);
    const input = screen.getByTestId('diagnose-input');
    await fc.assert(
      fc.asyncProperty(paste, async ({ s, text }) => {
        expectNoSecret(JSON.stringify(diagnose(text)), s);
        fireEvent.input(input, { target: { value: text } });
        await screen.findByTestId('diagnosis');
        expectNoSecret(view.container.textContent?.replace(text, '') ?? '', s);
        const commands = [...view.container.querySelectorAll('pre')].map((pre) => pre.textContent).join('\n');
        for (const [, user] of commands.matchAll(/https:\/\/([^/\s'"]*)@bitbucket\.org/g))
          expect(user).toMatch(/^[A-Za-z0-9._-]+$/);
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});

describe('stored data of the wrong type', () => {
  it('every item reads as a valid value, and the options page renders, whatever storage holds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            popupPrefs: garbage,
            usernames: garbage,
            pendingPreset: garbage,
            settings: garbage,
            trackedCredentials: garbage,
            trackingNotes: fc.oneof(garbage, fc.array(garbage, { maxLength: 3 })),
            policySnapshot: garbage,
          },
          { requiredKeys: [] },
        ),
        async (stored) => {
          fakeBrowser.reset();
          await fakeBrowser.storage.local.set(stored);
          const prefs = await popupPrefsItem.getValue();
          expect(typeof prefs).toBe('object');
          for (const value of Object.values(prefs)) expect(['string', 'boolean']).toContain(typeof value);
          const usernames = await usernamesItem.getValue();
          expect(Object.getPrototypeOf(usernames.byWorkspace)).toBeNull();
          for (const value of Object.values(usernames.byWorkspace)) expect(typeof value).toBe('string');
          const pending = await pendingPresetItem.getValue();
          expect(pending === null || typeof pending.preset === 'string').toBe(true);
          expect(typeof (await settingsItem.getValue())).toBe('object');
          expect(Array.isArray(await trackingNotesItem.getValue())).toBe(true);
          await trackedCredentialsItem.getValue();
          background.main();
          sendMessagesAs(OPTIONS_PAGE);
          const { container } = render(
            <OptionsApp services={createOptionsServices('Linux')} timeZone="UTC" />,
          );
          await screen.findByRole('heading', { name: 'Settings' });
          expect(container.textContent).not.toMatch(TOKEN_SHAPE);
          cleanup();
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});

describe('list data the background keeps', () => {
  it('rows named with secrets are never stored, shown in the options page or exported', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            secret.map((s) => ({ s })),
            fc.stringMatching(/^[a-z][a-z -]{0,20}$/),
          ),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        async (names) => {
          fakeBrowser.reset();
          background.main();
          const where = 'https://id.atlassian.com/manage-profile/security/api-tokens';
          await sendFrom(contentScript(where), {
            type: 'record-list-observation',
            observation: {
              kind: 'api-token',
              where,
              rows: names.map((n) => ({
                name: typeof n === 'string' ? n : n.s.value,
                expires: '2026-12-20',
              })),
              complete: true,
            },
          });
          const secrets = names.flatMap((n) => (typeof n === 'string' ? [] : [n.s]));
          const tracked = await listTracked();
          const ics = buildCalendar(
            buildExpiryEvents(tracked, {
              leadTimesDays: [30, 7],
              unusedDays: 90,
              rotationDays: 365,
              defaultExpiryDays: 90,
              maxExpiryDays: 365,
            }),
            { prodId: DEFAULT_PROD_ID, now: Date.now(), name: 'x' },
          );
          sendMessagesAs(OPTIONS_PAGE);
          const { container } = render(
            <OptionsApp services={createOptionsServices('Linux')} timeZone="UTC" />,
          );
          await screen.findByRole('heading', { name: 'Settings' });
          await pause();
          for (const s of secrets) {
            expectNoSecret(await kept(container), s);
            expectNoSecret(ics, s);
          }
          if (secrets.length > 0) expect(container.textContent).toMatch(/looks? like a token/);
          cleanup();
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
