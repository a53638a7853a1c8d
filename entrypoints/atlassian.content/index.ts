import { defineContentScript } from 'wxt/utils/define-content-script';
import apiTokenListReminders from '../../features/api-token-list-reminders';
import apiTokenPresets from '../../features/api-token-presets';
import { runFeatures } from '../../platform/content/feature-manager';
import { isFeatureEnabled } from '../../platform/shared/settings-request';

export default defineContentScript({
  // All of /manage-profile/: the API-token page is often reached by client-side navigation.
  // Bitbucket's personal settings may have an API-token page of their own: the same features.
  matches: ['https://id.atlassian.com/manage-profile/*', 'https://bitbucket.org/account/*'],
  main(ctx) {
    runFeatures(ctx, [apiTokenPresets, apiTokenListReminders], { isEnabled: isFeatureEnabled });
  },
});
