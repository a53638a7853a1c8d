import { resolve, sep } from 'node:path';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { pagePaths } from './scripts/polyfill-metadata';
import { polyfillAsEsm } from './scripts/polyfill-plugin';

const LIB_DIR = resolve('lib') + sep;
const PRELOAD_HELPER = '\0vite/preload-helper.js';

// Vite wraps each import() in a helper (0.6 kB gzip) that first loads the lazy chunk's
// dependencies. The pages' lazy chunks (the diagnoser) depend only on the page's own
// chunk, already loaded: the helper just calls import(). The build fails if that changes.
function plainDynamicImport(): Plugin {
  return {
    name: 'bbah:plain-dynamic-import',
    enforce: 'pre',
    resolveId: (id) => (id === PRELOAD_HELPER ? id : undefined),
    load: (id) => (id === PRELOAD_HELPER ? 'export const __vitePreload = (load) => load();' : undefined),
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type === 'chunk' && chunk.code.includes('__vite__mapDeps')) {
            this.error(`${chunk.fileName}: a lazy chunk needs preloading (CSS or a shared chunk)`);
          }
        }
      },
    },
  };
}

const PERMISSIONS = ['storage', 'clipboardWrite', 'alarms', 'notifications'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: every file shows what it depends on.
  imports: false,
  manifest: ({ browser }) => ({
    name: 'Bitbucket Auth Helper',
    description:
      'Fix "Authentication failed" for bitbucket.org: exact git commands, least-privilege API-token presets, expiry reminders.',
    permissions: PERMISSIONS,
    host_permissions: ['https://bitbucket.org/*', 'https://id.atlassian.com/*'],
    action: { default_title: 'Bitbucket Auth Helper' },
    // Organisation policy (storage.managed): Chrome validates it against this schema; Firefox reads
    // it from enterprise policies (3rdparty.Extensions) and has no schema key. docs/administrators.md
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed-schema.json' } }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'bitbucket-auth-helper@bbah.dev',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // data_collection_permissions needs Firefox for Android 142+ (web-ext lint).
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  // The AMO sources zip: what builds the extension, without screenshots and local run output.
  zip: {
    excludeSources: [
      'docs/screenshots/**',
      'test-results/**',
      'demo-output/**',
      'bench-results/**',
      '.tmp/**',
    ],
  },
  hooks: {
    // The popup is built on its own, not with the options page: shared chunks would carry the
    // options page's share of common modules into the popup, and split its code over two files.
    'entrypoints:grouped': (_wxt, groups) => {
      const pages = groups.find((g) => Array.isArray(g) && g.some((e) => e.type === 'popup'));
      if (!Array.isArray(pages)) return;
      const i = pages.findIndex((e) => e.type === 'popup');
      const [popup] = pages.splice(i, 1);
      if (popup) groups.push([popup]);
    },
  },
  vite: ({ browser, manifestVersion }) => ({
    plugins: [
      preact(),
      plainDynamicImport(),
      // MV2 builds turn `action` into `browser_action`.
      ...polyfillAsEsm(
        pagePaths({
          permissions: PERMISSIONS,
          ...(manifestVersion === 2 ? { browser_action: {} } : {}),
        }),
        `${browser}-mv${manifestVersion}`,
      ),
    ],
    // lib/ is pure by rule (no DOM, no browser, no top-level effects), so a lib module none of
    // whose exports is used is dropped even when its constants are built by calls (the presets).
    build: {
      // Chrome and Firefox 115+ support <link rel=modulepreload>: no polyfill in the pages.
      modulePreload: { polyfill: false },
      sourcemap: process.env.BBAH_SOURCEMAP === '1',
      // Terser rather than Vite's default (Oxc): measured 2026-11-26, it makes the content scripts
      // and the background 0.2–0.3 kB gzip smaller (the popup +10 B). Safe options only: nothing
      // that assumes getters are pure or that changes booleans or function lengths.
      minify: 'terser',
      terserOptions: { ecma: 2020, compress: { passes: 3 } },
      rollupOptions: { treeshake: { moduleSideEffects: (id: string) => !id.startsWith(LIB_DIR) } },
    },
  }),
});
