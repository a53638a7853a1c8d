// The popup's Fix view against fake services: what the user sees as data arrives in any order.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FixView } from '../../components/popup/FixView';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import type { PopupServices } from '../../platform/pages/popup-services';
import type { SharedSettings } from '../../platform/shared/messages';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const shared = (
  overrides: Partial<SharedSettings['settings']> = {},
  locked: string[] = [],
): SharedSettings => ({
  settings: { ...DEFAULT_SETTINGS, leadTimesDays: [30, 7, 1, 0], features: {}, ...overrides },
  lockedKeys: locked as SharedSettings['lockedKeys'],
  managedKeys: [],
  maxExpiryDays: 365,
  presets: [],
});

function services(overrides: Partial<PopupServices> = {}): PopupServices {
  return {
    loadSettings: async () => shared(),
    saveShellAndHelper: vi.fn(async () => {}),
    loadPrefs: async () => ({}),
    savePrefs: vi.fn(async () => {}),
    loadUsernames: async () => ({ byWorkspace: {} }),
    rememberUsername: vi.fn(async () => {}),
    fetchSessionUser: async () => ({ signedIn: true, username: 'alice-dev' }),
    checkRepository: async () => 'exists',
    openPage: vi.fn(async () => {}),
    copy: vi.fn(async () => {}),
    ...overrides,
  };
}

afterEach(cleanup);

const PAGE = 'https://bitbucket.org/acme/web-app/src/main/';
const setUrl = () => screen.queryByTestId('snippet-set-url')?.textContent;

describe('Fix view', () => {
  it('a username remembered for this workspace wins over the signed-in session', async () => {
    render(
      <FixView
        pageUrl={PAGE}
        services={services({
          loadUsernames: async () => ({ last: 'x', byWorkspace: { acme: 'alice-work' } }),
        })}
      />,
    );
    await waitFor(() =>
      expect(setUrl()).toBe('git remote set-url origin https://alice-work@bitbucket.org/acme/web-app.git'),
    );
    await new Promise((r) => setTimeout(r, 20));
    expect(setUrl()).toContain('alice-work@');
    // The popup bench reads the set-url command's first paint through Element Timing.
    expect(screen.getByTestId('snippet-set-url').getAttribute('elementtiming')).toBe('snippet-set-url');
  });

  it('the same username whichever answers first, storage or the session', async () => {
    for (const first of ['storage', 'session'] as const) {
      const usernames = deferred<{ byWorkspace: Record<string, string> }>();
      const session = deferred<{ signedIn: true; username: string }>();
      render(
        <FixView
          pageUrl={PAGE}
          services={services({
            loadUsernames: () => usernames.promise,
            fetchSessionUser: () => session.promise,
          })}
        />,
      );
      const answerStorage = () => usernames.resolve({ byWorkspace: { acme: 'alice-work' } });
      const answerSession = () => session.resolve({ signedIn: true, username: 'alice-dev' });
      if (first === 'storage') answerStorage();
      else answerSession();
      await new Promise((r) => setTimeout(r, 20));
      if (first === 'storage') answerSession();
      else answerStorage();
      await waitFor(() => expect(screen.getByText(/Signed in to bitbucket.org as alice-dev/)).toBeTruthy());
      await waitFor(() => expect(setUrl()).toContain('alice-work@'));
      expect(screen.getByText(/Remembered for acme/)).toBeTruthy();
      cleanup();
    }
  });

  it('a session that answers late never replaces the user of a pasted clone URL', async () => {
    const session = deferred<{ signedIn: true; username: string }>();
    render(<FixView services={services({ fetchSessionUser: () => session.promise })} />);
    fireEvent.input(screen.getByLabelText('Repository'), {
      target: { value: 'https://bob@bitbucket.org/acme/api.git' },
    });
    await waitFor(() => expect(setUrl()).toContain('bob@'));
    session.resolve({ signedIn: true, username: 'alice-dev' });
    await waitFor(() => expect(screen.getByText(/Signed in to bitbucket.org as alice-dev/)).toBeTruthy());
    expect(setUrl()).toBe('git remote set-url origin https://bob@bitbucket.org/acme/api.git');
    expect(screen.getByText(/From the pasted URL/)).toBeTruthy();
  });

  it('settings that arrive late never undo a shell the user already picked', async () => {
    const late = deferred<SharedSettings>();
    render(<FixView pageUrl={PAGE} services={services({ loadSettings: () => late.promise })} />);
    fireEvent.change(screen.getByLabelText('Shell'), { target: { value: 'fish' } });
    late.resolve(shared({ shell: 'powershell' }));
    await waitFor(() => expect(setUrl()).toBeDefined());
    await new Promise((r) => setTimeout(r, 20));
    expect((screen.getByLabelText('Shell') as HTMLSelectElement).value).toBe('fish');
    expect(setUrl()).toBe('git remote set-url origin https://alice-dev@bitbucket.org/acme/web-app.git');
  });

  it('a shell locked by the organisation cannot be changed', async () => {
    render(
      <FixView
        pageUrl={PAGE}
        services={services({ loadSettings: async () => shared({ shell: 'zsh' }, ['shell']) })}
      />,
    );
    await waitFor(() => expect((screen.getByLabelText('Shell') as HTMLSelectElement).value).toBe('zsh'));
    expect((screen.getByLabelText('Shell') as HTMLSelectElement).disabled).toBe(true);
  });

  it('the token link opens the wizard with the preset for the chosen helper', async () => {
    const s = services();
    render(<FixView pageUrl={PAGE} services={s} />);
    const link = await screen.findByTestId('create-token-link');
    fireEvent.click(link);
    expect(s.openPage).toHaveBeenCalledWith(
      'https://id.atlassian.com/manage-profile/security/api-tokens#bbah-preset=git-push&bbah-expiry-days=90',
    );
  });

  it('a pasted URL with a secret is flagged, and the secret appears nowhere', async () => {
    const { container } = render(<FixView services={services()} />);
    fireEvent.input(screen.getByLabelText('Repository'), {
      target: { value: 'https://alice:S3CRET@bitbucket.org/acme/api.git' },
    });
    await waitFor(() => expect(screen.getByText(/contains a password or token/)).toBeTruthy());
    expect(container.innerHTML.replace(/value="[^"]*"/g, '')).not.toContain('S3CRET');
    await waitFor(() =>
      expect(setUrl()).toBe('git remote set-url origin https://alice@bitbucket.org/acme/api.git'),
    );
  });

  it('not signed in: says so, and asks for the username', async () => {
    render(
      <FixView pageUrl={PAGE} services={services({ fetchSessionUser: async () => ({ signedIn: false }) })} />,
    );
    await waitFor(() => expect(screen.getByText(/Not signed in to bitbucket.org/)).toBeTruthy());
    expect(setUrl()).toBeUndefined();
    expect(screen.getByTestId('snippet-erase')).toBeTruthy();
  });
});
