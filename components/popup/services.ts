// What the popup needs from the browser, as an interface: the real one lives in
// platform/popup-services.ts, tests hand in their own.

import type { RepoRef } from '../../lib/repo-context';
import type { Settings } from '../../lib/settings';
import type { RepositoryCheck, SessionUser } from '../../platform/bitbucket-api';
import type { SharedSettings } from '../../platform/messages';
import type { PopupShortcut } from '../../platform/shortcut';
import type { PopupPrefs, RememberedUsernames } from '../../platform/storage';

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
