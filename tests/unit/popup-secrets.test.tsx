// The popup with a token typed into the wrong place, workspaces named like Object.prototype keys,
// and malformed stored data: refused with the reason, never saved, never in a command, no crash.
// The real storage layer (WXT's fake browser) behind the popup's services.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DiagnoseView } from '../../components/popup/DiagnoseView';
import { FixView } from '../../components/popup/FixView';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import type { PopupServices } from '../../platform/pages/popup-services';
import { createPopupServices } from '../../platform/pages/popup-services';
import { API_TOKEN, APP_PASSWORD, SLASHED_PASSWORD, TOKEN_SHAPE } from '../fixtures/secret-samples';

const REFUSAL = 'This looks like a token; put it where git asks for the password, never here.';

function services(overrides: Partial<PopupServices> = {}): PopupServices {
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
    ...overrides,
  };
}

const local = () => fakeBrowser.storage.local.get(null);
const setUrl = () => screen.queryByTestId('snippet-set-url')?.textContent;
/** What the popup shows, without what the fields hold (that is the user's own typing). */
const shown = (container: Element) => container.textContent ?? '';
const pause = () => new Promise((resolve) => setTimeout(resolve, 30));

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(cleanup);

function type(label: string, value: string, leave = true) {
  const field = screen.getByLabelText(label, { exact: true }) as HTMLInputElement;
  fireEvent.input(field, { target: { value } });
  if (leave) fireEvent.change(field, { target: { value } });
}

describe('a token typed into a field', () => {
  const PAGE = 'https://bitbucket.org/acme/web-app/src/main/';

  it.each([
    ['Username', API_TOKEN],
    ['Username', APP_PASSWORD],
    ['Username', 'ATBB7xQ'],
    ['Username', `alice:${SLASHED_PASSWORD}@bitbucket.org`],
    ['Remote', APP_PASSWORD],
    ['Remote', 'ATATT3x'],
  ])('%s %s: refused with the reason, no command, nothing saved', async (label, secret) => {
    const { container } = render(<FixView pageUrl={PAGE} services={services()} />);
    await waitFor(() => expect(setUrl()).toContain('alice-dev@'));
    type(label, secret);
    await waitFor(() =>
      expect(screen.getAllByRole('alert').some((a) => a.textContent?.startsWith(REFUSAL))).toBe(true),
    );
    expect(setUrl()).toBeUndefined();
    await pause();
    expect(shown(container)).not.toContain(secret.slice(4));
    expect(JSON.stringify(await local())).not.toContain(secret.slice(4));
  });

  it('the CI variable: a token is refused with its own reason, never saved; a name is saved on leaving', async () => {
    const { container } = render(<FixView pageUrl={PAGE} services={services()} />);
    await waitFor(() => expect(setUrl()).toContain('alice-dev@'));
    fireEvent.click(screen.getByText('In CI or scripts: token from an environment variable'));
    fireEvent(container.querySelector('details') as HTMLElement, new Event('toggle'));
    (container.querySelector('details') as HTMLDetailsElement).open = true;
    fireEvent(container.querySelector('details') as HTMLElement, new Event('toggle'));
    await screen.findByLabelText('Variable holding the token');
    type('Variable holding the token', APP_PASSWORD);
    await waitFor(() =>
      expect(screen.getAllByRole('alert').map((a) => a.textContent)).toContain(
        "This looks like the token itself. Keep the token in your CI's secret variables and put only the variable's name here (e.g. BITBUCKET_TOKEN).",
      ),
    );
    expect(screen.queryByTestId('snippet-ci-clone')).toBeNull();
    await pause();
    expect(JSON.stringify(await local())).not.toContain(APP_PASSWORD);
    // Typing is not saving: only leaving the field with a valid name is.
    type('Variable holding the token', 'CI_TOK', false);
    await pause();
    expect((await local()).popupPrefs).toMatchObject({ ciVariable: 'BITBUCKET_TOKEN' });
    type('Variable holding the token', 'CI_TOKEN');
    await waitFor(async () => expect((await local()).popupPrefs).toMatchObject({ ciVariable: 'CI_TOKEN' }));
  });

  it('fields are saved on leaving, not per keystroke, and only once valid', async () => {
    const remember = vi.fn(async () => {});
    render(<FixView pageUrl={PAGE} services={services({ rememberUsername: remember })} />);
    await waitFor(() => expect(setUrl()).toContain('alice-dev@'));
    for (const partial of ['b', 'bo', 'bob']) type('Username', partial, false);
    type('Remote', 'up', false);
    type('Remote', 'upstream', false);
    await pause();
    expect(remember).not.toHaveBeenCalled();
    expect((await local()).popupPrefs).toMatchObject({ remote: 'origin' });
    type('Username', 'bob');
    type('Remote', 'up..stream');
    await pause();
    expect(remember).toHaveBeenCalledTimes(1);
    expect(remember).toHaveBeenCalledWith('bob', 'acme');
    expect((await local()).popupPrefs).toMatchObject({ remote: 'origin' });
    type('Remote', 'upstream');
    await waitFor(async () => expect((await local()).popupPrefs).toMatchObject({ remote: 'upstream' }));
  });

  it.each([
    [`https://alice:${SLASHED_PASSWORD}@bitbucket.org/acme/web.git`, 'alice'],
    [`https://${APP_PASSWORD}@bitbucket.org/acme/web.git`, 'alice-dev'],
    [`git clone https://x-token-auth:${API_TOKEN}@bitbucket.org/acme/web.git`, 'alice-dev'],
  ])(
    'a pasted repository URL with a secret: flagged, the secret gone, the steps replace it (%s)',
    async (paste, user) => {
      const { container } = render(<FixView services={services()} />);
      type('Repository', paste);
      await waitFor(() => expect(screen.getByText(/contains a password or token/)).toBeTruthy());
      await waitFor(() =>
        expect(setUrl()).toBe(`git remote set-url origin https://${user}@bitbucket.org/acme/web.git`),
      );
      expect(shown(container)).not.toMatch(TOKEN_SHAPE);
      expect(shown(container)).not.toContain(SLASHED_PASSWORD);
    },
  );

  it('a token pasted as the repository is refused with the reason and never echoed', async () => {
    const { container } = render(<FixView services={services()} />);
    type('Repository', API_TOKEN);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(REFUSAL));
    expect(shown(container)).not.toMatch(TOKEN_SHAPE);
  });
});

describe('workspaces named like Object.prototype keys', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'])(
    '%s: the Fix view renders, and a username saved for it is remembered for it alone',
    async (workspace) => {
      const page = `https://bitbucket.org/${workspace}/web-app`;
      const first = render(<FixView pageUrl={page} services={services()} />);
      await waitFor(() =>
        expect(setUrl()).toBe(
          `git remote set-url origin https://alice-dev@bitbucket.org/${workspace}/web-app.git`,
        ),
      );
      type('Username', 'alice-work');
      await waitFor(async () => expect(JSON.stringify(await local())).toContain('alice-work'));
      first.unmount();
      // The session says alice-dev: the username remembered for this workspace wins.
      render(<FixView pageUrl={page} services={services()} />);
      await waitFor(() =>
        expect(setUrl()).toBe(
          `git remote set-url origin https://alice-work@bitbucket.org/${workspace}/web-app.git`,
        ),
      );
      expect(screen.getByText(new RegExp(`Remembered for ${workspace}`))).toBeTruthy();
      cleanup();
      // Another workspace does not see it as its own.
      render(<FixView pageUrl="https://bitbucket.org/acme/web-app" services={services()} />);
      await pause();
      expect(screen.queryByText(/Remembered for acme/)).toBeNull();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    },
  );
});

describe('malformed stored popup data', () => {
  it.each<[string, Record<string, unknown>]>([
    ['a number as remote', { popupPrefs: { remote: 42, ciVariable: ['x'], kind: 'nope', eraseScope: {} } }],
    ['usernames without byWorkspace', { usernames: { last: 7 } }],
    ['usernames as a string', { usernames: 'alice' }],
    ['byWorkspace as a list', { usernames: { byWorkspace: ['alice'] } }],
    ['a function-like name', { usernames: { byWorkspace: { acme: { trim: 1 } } } }],
    [
      'a token remembered by an older version',
      { usernames: { last: APP_PASSWORD, byWorkspace: { acme: API_TOKEN } } },
    ],
    ['a token as remote', { popupPrefs: { remote: APP_PASSWORD, ciVariable: API_TOKEN.slice(0, 40) } }],
    ['prefs as null', { popupPrefs: null, usernames: null, pendingPreset: 'soon' }],
  ])('%s: the Fix view renders with defaults and shows no token', async (_, stored) => {
    await fakeBrowser.storage.local.set(stored);
    const { container } = render(
      <FixView pageUrl="https://bitbucket.org/acme/web-app" services={services()} />,
    );
    await waitFor(() =>
      expect(setUrl()).toBe('git remote set-url origin https://alice-dev@bitbucket.org/acme/web-app.git'),
    );
    expect(shown(container)).not.toMatch(TOKEN_SHAPE);
  });
});

describe('the diagnoser', () => {
  const PASTE = [
    `$ git push https://alice:${SLASHED_PASSWORD}@bitbucket.org/acme/web.git`,
    `fatal: unable to access 'https://alice:${SLASHED_PASSWORD}@bitbucket.org/acme/web.git/': URL using bad/illegal format or missing URL`,
    `remote: Invalid credentials`,
    `fatal: Authentication failed for 'https://bitbucket.org/acme/web.git/'`,
  ].join('\n');

  it.each([
    ['the password with a /', PASTE],
    ["only git's echo of it", PASTE.split('\n')[1] ?? ''],
    [
      'an app password as the user',
      `git clone https://${APP_PASSWORD}@bitbucket.org/acme/web.git\nfatal: Authentication failed`,
    ],
    [
      'a token typed at the username prompt',
      `Username for 'https://bitbucket.org': ${API_TOKEN}\nfatal: Authentication failed`,
    ],
  ])('%s: masked in every line shown, the warning shown, no command carries it', async (_, paste) => {
    const { container } = render(<DiagnoseView services={services()} onOpenFix={() => {}} />);
    const input = screen.getByTestId('diagnose-input');
    fireEvent.input(input, { target: { value: paste } });
    await screen.findByTestId('diagnosis');
    const text = shown(container).replace(paste, '');
    expect(text).not.toContain(SLASHED_PASSWORD);
    expect(text).not.toContain('S3cr3tValue99');
    expect(text).not.toMatch(TOKEN_SHAPE);
    // Commands name a plain username or none: never the pasted user:secret or token.
    const commands = [...container.querySelectorAll('pre')].map((pre) => pre.textContent ?? '').join('\n');
    expect(commands).toContain('bitbucket.org');
    for (const [, user] of commands.matchAll(/https:\/\/([^/\s'"]*)@bitbucket\.org/g))
      expect(user).toMatch(/^(?:alice|alice-dev)$/);
    if (paste.includes(SLASHED_PASSWORD) || paste.includes(`//${APP_PASSWORD}@`))
      expect(screen.getByTestId('embedded-secret').textContent).toMatch(/contains a password or token/);
  });
});
