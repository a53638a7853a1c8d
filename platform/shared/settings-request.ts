// Settings for the popup and the content scripts, asked of the background: it alone reads and
// validates the organisation policy, so the policy code stays out of the budgeted bundles.
import { defaultsForPlatform } from '../../lib/platform-defaults';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { MAX_EXPIRY_DAYS } from '../../lib/token-links';
import { type SharedSettings, sendMessage } from './messages';

/**
 * When the background can't answer (mid-update), the built-in defaults: nothing is locked, and
 * no presets (pages fall back to the built-in ones; the popup never needs them).
 */
function fallback(): SharedSettings {
  const os = defaultsForPlatform(navigator.platform);
  return {
    settings: {
      ...DEFAULT_SETTINGS,
      leadTimesDays: [...DEFAULT_SETTINGS.leadTimesDays],
      features: {},
      shell: os.shell,
      helper: os.helper,
    },
    lockedKeys: [],
    managedKeys: [],
    maxExpiryDays: MAX_EXPIRY_DAYS,
    presets: [],
  };
}

export async function fetchSettings(): Promise<SharedSettings> {
  try {
    return (await sendMessage({ type: 'get-settings' })) ?? fallback();
  } catch {
    return fallback();
  }
}

/** A feature runs unless the user (or the policy, through `features`) switched it off. */
export async function isFeatureEnabled(id: string): Promise<boolean> {
  return (await fetchSettings()).settings.features[id] !== false;
}
