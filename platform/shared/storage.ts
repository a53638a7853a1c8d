// Every stored value of the extension, typed, in one place. Nothing else touches
// browser.storage. Everything is storage.local: never sync, never a secret. Each item checks what
// it reads (`read`): a hand-edited or half-written value falls back instead of crashing a view.
import { browser } from 'wxt/browser';
import type { Settings } from '../../lib/settings';
import {
  type PopupPrefs,
  type RememberedUsernames,
  readPendingPreset,
  readPopupPrefs,
  readRememberedUsernames,
  storedUsernames,
} from '../../lib/stored-prefs';
import { isPendingPresetFresh, type PendingPreset, pendingPresetOf } from '../../lib/token-links';
import type { TrackedStore } from '../../lib/tracked-credentials';
import type { TrackedStoreV1 } from '../../lib/tracked-migration';
import { readTrackingNotes, type TrackingNote } from '../../lib/tracking-notes';
import { isRecord } from '../../lib/values';

/**
 * A typed storage.local value with its fallback. Older shapes are read by the item's `read`,
 * which knows every shape it ever had (the items below say which): no version number is stored.
 */
export interface StorageItem<T> {
  readonly key: `local:${string}`;
  getValue(): Promise<T>;
  readonly fallback: T;
  /** `null` removes the value. */
  setValue(value: T | null): Promise<void>;
  /** What a stored value reads as: checked, repaired, or the fallback. Never throws. */
  read(stored: unknown): T;
}

function defineItem<T>(
  key: `local:${string}`,
  options: {
    fallback: T;
    read: (stored: unknown) => T;
    /** The value as stored, when it differs from the value in memory. */
    write?: (value: T) => unknown;
  },
): StorageItem<T> {
  const name = key.slice('local:'.length);
  const read = (stored: unknown): T => {
    if (stored === undefined || stored === null) return options.fallback;
    try {
      return options.read(stored);
    } catch {
      return options.fallback;
    }
  };
  return {
    key,
    fallback: options.fallback,
    read,
    async getValue() {
      return read((await browser.storage.local.get(name))[name]);
    },
    async setValue(value) {
      if (value === null) await browser.storage.local.remove(name);
      else await browser.storage.local.set({ [name]: options.write ? options.write(value) : value });
    },
  };
}

/**
 * Calls `onChange` with the item's new value on every change; returns the unsubscribe. Apart from
 * the item, so that only the bundle that watches (options) carries it.
 */
export function watchItem<T>(item: StorageItem<T>, onChange: (value: T) => void): () => void {
  const name = item.key.slice('local:'.length);
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const change = changes[name];
    if (area === 'local' && change) onChange(item.read(change.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** The popup's last choices (lib/stored-prefs.ts), valid fields only, in and out. */
export const popupPrefsItem = /* @__PURE__ */ defineItem<PopupPrefs>('local:popupPrefs', {
  fallback: {},
  read: readPopupPrefs,
});

/**
 * Usernames the user typed, per workspace and the last one; `byWorkspace` has no prototype in
 * memory and is stored as pairs (an object keyed by workspace, the older shape, is still read).
 */
export const usernamesItem = /* @__PURE__ */ defineItem<RememberedUsernames>('local:usernames', {
  fallback: /* @__PURE__ */ readRememberedUsernames(undefined),
  read: readRememberedUsernames,
  write: storedUsernames,
});

/** Written by the popup's "Create an API token" link, consumed once by the token page. */
export const pendingPresetItem = /* @__PURE__ */ defineItem<PendingPreset | null>('local:pendingPreset', {
  fallback: null,
  read: readPendingPreset,
});

/**
 * Before opening an API-token link with a preset: the sign-in redirect may drop the fragment,
 * the stored record survives it (10 minutes, consumed once by the token page).
 */
export async function rememberPendingPresetFor(url: string, now = Date.now()): Promise<void> {
  const pending = pendingPresetOf(url, now);
  if (pending) await pendingPresetItem.setValue(pending);
}

/** The popup's pending preset, if fresh; read once and cleared, so it is never applied twice. */
export async function consumePendingPreset(now: number): Promise<PendingPreset | undefined> {
  const record = await pendingPresetItem.getValue();
  if (record === null) return undefined;
  await pendingPresetItem.setValue(null);
  return isPendingPresetFresh(record, now) ? record : undefined;
}

/**
 * The organisation policy as storage.managed last returned it (raw; validated on every use).
 * Only a stand-in while Chromium's policy service starts (platform/shared/effective-settings.ts).
 */
export const policySnapshotItem = /* @__PURE__ */ defineItem<Record<string, unknown> | null>(
  'local:policySnapshot',
  { fallback: null, read: (stored) => (isRecord(stored) ? stored : null) },
);

/** Raw user settings; read through `loadSettings`, which validates field by field. */
export const settingsItem = /* @__PURE__ */ defineItem<Partial<Settings>>('local:settings', {
  fallback: {},
  read: (stored) => (isRecord(stored) ? (stored as Partial<Settings>) : {}),
});

/** Saves the given settings on top of what is stored; locked keys are never written. */
export async function saveSettings(changes: Partial<Settings>, locked: ReadonlySet<string> = new Set()) {
  const current = (await settingsItem.getValue()) ?? {};
  const next: Partial<Settings> = { ...current };
  for (const [key, value] of Object.entries(changes) as [keyof Settings, never][]) {
    if (!locked.has(key)) next[key] = value;
  }
  await settingsItem.setValue(next);
}

/**
 * Credentials seen on the lists or created through our presets (storage.local only). The value
 * carries its own version: version 1 was `{tokens: [...]}` under the same key
 * (lib/tracked-migration.ts `TrackedStoreV1`). Every read goes through `migrateTrackedStore`,
 * which upgrades and repairs whatever it finds, so a version-1, half-written or hand-edited value
 * never reaches the reminders unchecked; the next write stores the current version. (No WXT
 * `migrations`: they would run in every content script and put the migration code in each.)
 */
export const trackedCredentialsItem = /* @__PURE__ */ defineItem<TrackedStore | TrackedStoreV1 | null>(
  'local:trackedCredentials',
  // Passed on as found: `migrateTrackedStore` checks every field of it on every read.
  { fallback: null, read: (stored) => stored as TrackedStore | TrackedStoreV1 },
);

/** What the lists showed but could not be tracked (lib/tracking-notes.ts), for the options page. */
export const trackingNotesItem = /* @__PURE__ */ defineItem<TrackingNote[]>('local:trackingNotes', {
  fallback: [],
  read: readTrackingNotes,
});

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
