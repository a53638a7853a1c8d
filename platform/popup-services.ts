import { browser } from 'wxt/browser';
import type { PopupServices } from '../components/popup/services';
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
    savePrefs: (prefs) => popupPrefsItem.setValue(prefs),
    loadUsernames: () => usernamesItem.getValue(),
    async rememberUsername(username, workspace) {
      const current = await usernamesItem.getValue();
      const byWorkspace = { ...current.byWorkspace };
      if (workspace) byWorkspace[workspace.toLowerCase()] = username;
      await usernamesItem.setValue({ last: username, byWorkspace });
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
