// What every page feature needs from settings: presets in force, label pattern, device name,
// expiry. Read once per feature run (the options page may have changed them).
import { defaultDeviceName, formatLabel } from '../../lib/label';
import { defaultsForPlatform } from '../../lib/platform-defaults';
import { BUILT_IN_PRESETS, type Preset } from '../../lib/presets';
import { clampExpiryDays } from '../../lib/token-links';
import { userToday } from '../shared/clock';
import { fetchSettings } from '../shared/settings-request';

export interface PageContext {
  presets: Preset[];
  expiryDays: number;
  maxExpiryDays: number;
  label(presetId: string, extra?: { workspace?: string; repo?: string }): string;
}

export async function loadPageContext(): Promise<PageContext> {
  const loaded = await fetchSettings();
  const { settings } = loaded;
  const device = settings.deviceName || defaultDeviceName(defaultsForPlatform(navigator.platform).os);
  return {
    presets: loaded.presets.length > 0 ? loaded.presets : [...BUILT_IN_PRESETS],
    maxExpiryDays: loaded.maxExpiryDays,
    expiryDays: clampExpiryDays(settings.defaultExpiryDays, loaded.maxExpiryDays),
    label: (preset, extra) =>
      formatLabel(settings.labelPattern, { preset, device, today: userToday(), ...extra }),
  };
}
