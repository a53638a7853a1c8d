import { defineContentScript } from 'wxt/utils/define-content-script';
import accessTokenListReminders from '../../features/access-token-list-reminders';
import accessTokenPresets from '../../features/access-token-presets';
import appPasswordBanner from '../../features/app-password-banner';
import appPasswordListReminders from '../../features/app-password-list-reminders';
import appPasswordPresets from '../../features/app-password-presets';
import type { Feature } from '../../platform/content/feature-manager';
import { runFeatures } from '../../platform/content/feature-manager';
import { isFeatureEnabled } from '../../platform/shared/settings-request';

const features: Feature[] = [
  accessTokenPresets,
  appPasswordBanner,
  appPasswordPresets,
  accessTokenListReminders,
  appPasswordListReminders,
];

export default defineContentScript({
  // Every bitbucket.org page: settings pages are reached by client-side navigation from anywhere.
  matches: ['https://bitbucket.org/*'],
  main(ctx) {
    runFeatures(ctx, features, { isEnabled: isFeatureEnabled });
  },
});
