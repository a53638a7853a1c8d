// The popup's footer: the shortcut as the browser has it bound, and the way to change or set it.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, expect, it, vi } from 'vitest';
import { PopupApp } from '../../components/popup/PopupApp';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import type { PopupServices } from '../../platform/pages/popup-services';
import type { PopupShortcut } from '../../platform/pages/shortcut';

afterEach(cleanup);

function services(shortcut: PopupShortcut | undefined): PopupServices {
  return {
    loadSettings: async () => ({
      settings: { ...DEFAULT_SETTINGS, features: {} },
      lockedKeys: [],
      managedKeys: [],
      maxExpiryDays: 365,
      presets: [],
    }),
    saveShellAndHelper: async () => {},
    loadPrefs: async () => ({}),
    savePrefs: async () => {},
    loadUsernames: async () => ({ byWorkspace: {} }),
    rememberUsername: async () => {},
    fetchSessionUser: async () => ({ signedIn: false }),
    checkRepository: async () => 'exists',
    openPage: async () => {},
    copy: async () => {},
    popupShortcut: async () => shortcut,
  };
}

it('shows the bound key, and "Change shortcut" opens the browser’s shortcut settings', async () => {
  const change = vi.fn(async () => {});
  render(<PopupApp initialView="fix" services={services({ shortcut: 'Ctrl+Shift+Y', change })} />);
  const footer = await screen.findByTestId('popup-shortcut');
  expect(footer.textContent).toContain('Open this with Ctrl+Shift+Y.');
  fireEvent.click(screen.getByRole('button', { name: 'Change shortcut' }));
  await waitFor(() => expect(change).toHaveBeenCalledTimes(1));
});

it('with no key bound (taken by something else, or removed), says so and offers to set one', async () => {
  render(<PopupApp initialView="fix" services={services({ shortcut: '', change: async () => {} })} />);
  const footer = await screen.findByTestId('popup-shortcut');
  expect(footer.textContent).toContain('No keyboard shortcut opens this yet.');
  expect(screen.getByRole('button', { name: 'Set a shortcut' })).toBeTruthy();
});

it('without a commands API, no footer', async () => {
  render(<PopupApp initialView="fix" services={services(undefined)} />);
  await screen.findByRole('heading', { name: 'Auth Helper for Bitbucket' });
  expect(screen.queryByTestId('popup-shortcut')).toBeNull();
});
