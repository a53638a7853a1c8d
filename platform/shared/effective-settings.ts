// The settings in force, read by the background (and the options page): the user's stored
// settings, validated, with the organisation policy from storage.managed applied.
import { browser } from 'wxt/browser';
import { defaultsForPlatform } from '../../lib/platform-defaults';
import { type EffectiveSettings, effectiveSettings, type Policy, parsePolicy } from '../../lib/policy';
import type { ReminderSettings } from '../../lib/reminder-schedule';
import { sanitizeSettings } from '../../lib/setting-checks';
import { policySnapshotItem, settingsItem } from './storage';

// Chromium's first storage.managed read after start-up waits for its policy service: 4.7 s
// measured in headless Chromium 156. Pages must not wait that long for their presets, so after
// this much the last policy read is used instead, and the fresh one lands for the next caller.
const POLICY_WAIT_MS = 300;
let inFlight: Promise<unknown> | undefined;

function readManaged(): Promise<unknown> {
  inFlight ??= browser.storage.managed
    .get(null)
    // Firefox throws when no enterprise policy exists for the extension; that means "none".
    .catch(() => ({}))
    .then(async (raw) => {
      const policy = raw as Record<string, unknown>;
      // No policy, no snapshot: "Clear all data" leaves nothing behind on unmanaged machines. What
      // is kept is the policy as checked, so nothing it should not hold (a token) is stored.
      const checked = parsePolicy(policy).policy as Record<string, unknown>;
      await policySnapshotItem.setValue(Object.keys(checked).length > 0 ? checked : null);
      return raw;
    })
    .finally(() => {
      inFlight = undefined;
    });
  return inFlight;
}

export async function readPolicy(): Promise<{ policy: Policy; problems: string[] }> {
  const late = Symbol('late');
  const raw = await Promise.race([
    readManaged(),
    new Promise((resolve) => setTimeout(() => resolve(late), POLICY_WAIT_MS)),
  ]);
  return parsePolicy(raw === late ? await policySnapshotItem.getValue() : raw);
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
