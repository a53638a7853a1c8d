// What the popup needs from the browser: the interface its components take (tests hand in their
// own) and the real implementation.

import { browser } from 'wxt/browser';
import type { RepoRef } from '../../lib/repo-context';
import type { Settings } from '../../lib/settings';
import {
  type PopupPrefs,
  type RememberedUsernames,
  readPopupPrefs,
  withRememberedUsername,
} from '../../lib/stored-prefs';
import type { SharedSettings } from '../shared/messages';
import { fetchSettings } from '../shared/settings-request';
import { popupPrefsItem, rememberPendingPresetFor, saveSettings, usernamesItem } from '../shared/storage';
import type { RepositoryCheck, SessionUser } from './bitbucket-session';
import { checkRepository, fetchSessionUser } from './bitbucket-session';
import type { PopupShortcut } from './shortcut';
import { popupShortcut } from './shortcut';

export interface PopupServices {
  loadSettings(): Promise<SharedSettings>;
  saveShellAndHelper(changes: Partial<Pick<Settings, 'shell' | 'helper'>>): Promise<void>;
  loadPrefs(): Promise<PopupPrefs>;
  savePrefs(prefs: PopupPrefs): Promise<void>;
  loadUsernames(): Promise<RememberedUsernames>;
  rememberUsername(username: string, workspace?: string): Promise<void>;
  fetchSessionUser(): Promise<SessionUser | undefined>;
  checkRepository(repo: RepoRef): Promise<RepositoryCheck>;
  /** Opens a credential page in a new tab (an API-token link's preset is remembered first). */
  openPage(url: string): Promise<void>;
  copy(text: string): Promise<void>;
  /** The keyboard shortcut that opens the popup, as the browser has it bound now. */
  popupShortcut?(): Promise<PopupShortcut | undefined>;
}

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
