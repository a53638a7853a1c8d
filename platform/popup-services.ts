import { browser } from 'wxt/browser';
import type { PopupServices } from '../components/popup/services';
import { readPopupPrefs, withRememberedUsername } from '../lib/stored-prefs';
import { checkRepository, fetchSessionUser } from './bitbucket-api';
import { fetchSettings } from './settings-client';
import { popupShortcut } from './shortcut';
import { popupPrefsItem, rememberPendingPresetFor, saveSettings, usernamesItem } from './storage';

export function createPopupServices(): PopupServices {
  let locked: ReadonlySet<string> = new Set();
  return {
    async loadSettings() {
      const loaded = await fetchSettings();
      locked = new Set(loaded.lockedKeys);
      return loaded;
    },
    async saveShellAndHelper(changes) {
      await saveSettings(changes, locked);
    },
    loadPrefs: () => popupPrefsItem.getValue(),
    // Checked on the way in as on the way out: an invalid or token-shaped field is never written.
    savePrefs: (prefs) => popupPrefsItem.setValue(readPopupPrefs(prefs)),
    loadUsernames: () => usernamesItem.getValue(),
    async rememberUsername(username, workspace) {
      const current = await usernamesItem.getValue();
      const next = withRememberedUsername(current, username, workspace);
      if (next !== current) await usernamesItem.setValue(next);
    },
    fetchSessionUser: () => fetchSessionUser(),
    checkRepository: (repo) => checkRepository(repo),
    async openPage(url) {
      await rememberPendingPresetFor(url);
      await browser.tabs.create({ url });
    },
    copy: (text) => navigator.clipboard.writeText(text),
    popupShortcut,
  };
}

/** The page the popup acts on: `?url=` (tests, popup opened as a tab) or the active tab. */
export async function targetPageUrl(search: string): Promise<string | undefined> {
  const param = new URLSearchParams(search).get('url');
  if (param) return param;
  try {
    // Without the `tabs` permission, `url` is only filled in for hosts we may access (bitbucket.org).
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.url;
  } catch {
    return undefined;
  }
}
