import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: every file shows what it depends on.
  imports: false,
  manifest: ({ browser }) => ({
    name: 'Bitbucket Auth Helper',
    description:
      'Fix "Authentication failed" for bitbucket.org: exact git commands, least-privilege API-token presets, expiry reminders.',
    permissions: ['storage', 'clipboardWrite'],
    host_permissions: ['https://bitbucket.org/*', 'https://id.atlassian.com/*'],
    action: { default_title: 'Bitbucket Auth Helper' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'bitbucket-auth-helper@bbah.dev',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  vite: () => ({ plugins: [preact()] }),
});
