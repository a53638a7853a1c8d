// The settings in force, read by the background (and the options page): the user's stored
// settings, validated, with the organisation policy from storage.managed applied.
import { browser } from 'wxt/browser';
import { defaultsForPlatform } from '../lib/platform-defaults';
import {
  type EffectiveSettings,
  effectiveSettings,
  type Policy,
  parsePolicy,
  sanitizeSettings,
} from '../lib/policy';
import type { ReminderSettings } from '../lib/reminder-schedule';
import { settingsItem } from './storage';

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
