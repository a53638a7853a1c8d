// Every stored value of the extension, typed and versioned, in one place. Nothing else touches
// browser.storage. Everything is storage.local: never sync, never a secret.
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { CredentialKind } from '../lib/fix-plan';
import { defaultsForPlatform } from '../lib/platform-defaults';
import {
  DEFAULT_SETTINGS,
  type EffectiveSettings,
  effectiveSettings,
  type Policy,
  parsePolicy,
  type Settings,
  sanitizeSettings,
} from '../lib/policy';
import { isPendingPresetFresh, type PendingPreset } from '../lib/token-links';

/** The popup's last choices that are not settings of their own. */
export interface PopupPrefs {
  kind?: CredentialKind;
  remote?: string;
  eraseScope?: 'all' | 'user';
  perWorkspaceUsername?: boolean;
  sshAddKey?: boolean;
  sshRefreshHostKey?: boolean;
  ciVariable?: string;
}

export const popupPrefsItem = storage.defineItem<PopupPrefs>('local:popupPrefs', {
  fallback: {},
  version: 1,
});

/** Usernames the user typed: per workspace (several accounts) and the last one. Never a password. */
export interface RememberedUsernames {
  last?: string;
  byWorkspace: Record<string, string>;
}

export const usernamesItem = storage.defineItem<RememberedUsernames>('local:usernames', {
  fallback: { byWorkspace: {} },
  version: 1,
});

/** Written by the popup's "Create an API token" link, consumed once by the token page. */
export const pendingPresetItem = storage.defineItem<PendingPreset | null>('local:pendingPreset', {
  fallback: null,
  version: 1,
});

/** The popup's pending preset, if fresh; read once and cleared, so it is never applied twice. */
export async function consumePendingPreset(now: number): Promise<PendingPreset | undefined> {
  const record = await pendingPresetItem.getValue();
  if (record === null) return undefined;
  await pendingPresetItem.setValue(null);
  return isPendingPresetFresh(record, now) ? record : undefined;
}

/** Raw user settings; read through `loadSettings`, which validates field by field. */
export const settingsItem = storage.defineItem<Partial<Settings>>('local:settings', {
  fallback: {},
  version: 1,
});

export async function readPolicy(): Promise<{ policy: Policy; problems: string[] }> {
  try {
    // Firefox throws when no enterprise policy exists for the extension; that means "none".
    return parsePolicy(await browser.storage.managed.get(null));
  } catch {
    return { policy: {}, problems: [] };
  }
}

export interface LoadedSettings extends EffectiveSettings {
  policy: Policy;
  problems: string[];
}

/**
 * The user's settings with the organisation policy applied. Shell and helper the user never
 * chose follow the OS (Windows → PowerShell + GCM, macOS → zsh + osxkeychain).
 */
export async function loadSettings(platform: string | undefined): Promise<LoadedSettings> {
  const [raw, { policy, problems: policyProblems }] = await Promise.all([
    settingsItem.getValue(),
    readPolicy(),
  ]);
  const { settings, problems } = sanitizeSettings(raw);
  const os = defaultsForPlatform(platform);
  if (raw?.shell === undefined) settings.shell = os.shell;
  if (raw?.helper === undefined) settings.helper = os.helper;
  return { ...effectiveSettings(settings, policy), policy, problems: [...problems, ...policyProblems] };
}

/** A feature runs unless the user (or the policy, through `features`) switched it off. */
export async function isFeatureEnabled(id: string): Promise<boolean> {
  const { settings } = await loadSettings(navigator.platform);
  return settings.features[id] !== false;
}

/** Saves the given settings on top of what is stored; locked keys are never written. */
export async function saveSettings(changes: Partial<Settings>, locked: ReadonlySet<string> = new Set()) {
  const current = (await settingsItem.getValue()) ?? {};
  const next: Partial<Settings> = { ...current };
  for (const [key, value] of Object.entries(changes) as [keyof Settings, never][]) {
    if (!locked.has(key)) next[key] = value;
  }
  await settingsItem.setValue(next);
}

export { DEFAULT_SETTINGS };
