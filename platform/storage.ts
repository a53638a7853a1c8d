// Every stored value of the extension, typed and versioned, in one place. Nothing else touches
// browser.storage. Everything is storage.local: never sync, never a secret.
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { CalendarDate } from '../lib/calendar-date';
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
import type { ReminderSettings } from '../lib/reminder-schedule';
import { isPendingPresetFresh, type PendingPreset } from '../lib/token-links';
import {
  type MigrationResult,
  migrateTrackedStore,
  type TrackedStore,
  type TrackedStoreV1,
} from '../lib/tracked-credentials';

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

/** What the reminders need from the settings: the user's, with the organisation's applied. */
export function reminderSettingsOf(loaded: LoadedSettings): ReminderSettings {
  const { leadTimesDays, unusedDays, rotationDays, defaultExpiryDays } = loaded.settings;
  return { leadTimesDays, unusedDays, rotationDays, defaultExpiryDays, maxExpiryDays: loaded.maxExpiryDays };
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

/**
 * Credentials seen on the lists or created through our presets (storage.local only). The value
 * carries its own version: version 1 was `{version: 1, tokens: [...]}` under the same key
 * (lib/tracked-credentials.ts `TrackedStoreV1`). Every read goes through `migrateTrackedStore`,
 * which upgrades and repairs whatever it finds, so a version-1, half-written or hand-edited value
 * never reaches the reminders unchecked; the next write stores the current version. (No WXT
 * `migrations`: they would run in every content script and put the migration code in each.)
 */
export const trackedCredentialsItem = storage.defineItem<TrackedStore | TrackedStoreV1 | null>(
  'local:trackedCredentials',
  { fallback: null, version: 1 },
);

// Checking 1,000 entries field by field takes ~10 ms; comparing the stored JSON with what was
// last checked (or written) here takes ~1 ms. The background reads the store on every tick,
// message and badge update, and almost always finds what it wrote itself. A store written here
// is valid on any day; one read back was completed with `today`'s date.
let checked: { json: string; today?: CalendarDate; result: MigrationResult } | undefined;

/** The tracked store, migrated and repaired; `sourceVersion` above the current one means read-only. */
export async function readTrackedStore(today: CalendarDate): Promise<MigrationResult> {
  const raw = await trackedCredentialsItem.getValue();
  const json = JSON.stringify(raw) ?? '';
  if (checked?.json === json && (checked.today === undefined || checked.today === today))
    return checked.result;
  const result = migrateTrackedStore(raw, today);
  checked = { json, today, result };
  return result;
}

export async function writeTrackedStore(store: TrackedStore): Promise<void> {
  // Chrome hands objects back with their keys sorted: written sorted, the next read's JSON is
  // the same in every browser, and the check above finds it.
  const sorted = sortKeys(store);
  await trackedCredentialsItem.setValue(sorted);
  checked = {
    json: JSON.stringify(sorted),
    result: { store: sorted, warnings: [], sourceVersion: store.version },
  };
}

function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (typeof value !== 'object' || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted as T;
}

/** "Clear all data" on the options page: every local value of the extension, settings included. */
export async function clearAllStorage(): Promise<void> {
  await browser.storage.local.clear();
}

/**
 * Calls `onChange` when something the badge depends on changes: the tracked list, the user's
 * settings, or the organisation policy. Registered synchronously (background `main`).
 */
export function watchReminderInputs(onChange: () => void): void {
  const keys = [trackedCredentialsItem.key, settingsItem.key].map((key) => key.replace(/^local:/, ''));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || (area === 'local' && keys.some((key) => key in changes))) onChange();
  });
}
