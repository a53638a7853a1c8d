import { defineContentScript } from 'wxt/utils/define-content-script';
import type { Feature } from '../../platform/feature-manager';
import { runFeatures } from '../../platform/feature-manager';
import { isFeatureEnabled } from '../../platform/storage';

const features: Feature[] = [];

export default defineContentScript({
  // Every bitbucket.org page: settings pages are reached by client-side navigation from anywhere.
  matches: ['https://bitbucket.org/*'],
  main(ctx) {
    runFeatures(ctx, features, { isEnabled: isFeatureEnabled });
  },
});
