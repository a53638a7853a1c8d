import { readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';

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
/** The store name: ours first, Atlassian's mark after "for" (docs/evidence/browsers.md#trademark). */
export const EXTENSION_NAME = 'Auth Helper for Bitbucket';
// public/icons/*.png, made from assets/icon.svg by `npm run icons`.
const ICONS = { 16: 'icons/16.png', 32: 'icons/32.png', 48: 'icons/48.png', 128: 'icons/128.png' };
/** The popup's shortcut (docs/evidence/browsers.md#commands); users change it in the browser. */
export const POPUP_SHORTCUT = 'Alt+Shift+G';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: every file shows what it depends on.
  imports: false,
  manifest: ({ browser, manifestVersion }) => ({
    name: EXTENSION_NAME,
    description:
      'Fix "Authentication failed" for bitbucket.org: exact git commands, least-privilege API-token presets, expiry reminders.',
    permissions: PERMISSIONS,
    host_permissions: ['https://bitbucket.org/*', 'https://id.atlassian.com/*'],
    icons: ICONS,
    action: { default_title: EXTENSION_NAME, default_icon: { 16: ICONS[16], 32: ICONS[32] } },
    // MV2 (Firefox) names the popup's command after browser_action.
    commands: {
      [manifestVersion === 2 ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: POPUP_SHORTCUT },
      },
    },
    // Organisation policy (storage.managed): Chrome validates it against this schema; Firefox reads
    // it from enterprise policies (3rdparty.Extensions) and has no schema key. docs/administrators.md
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed-schema.json' } }),
    // The oldest Chromium our code runs in (AbortSignal.any); below 148 the extension APIs come
    // through webextension-polyfill, untested here (docs/evidence/browsers.md#minimum-versions).
    ...(browser === 'firefox' ? {} : { minimum_chrome_version: '116' }),
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
  // BBAH_OUT_DIR: the release test builds into a temporary folder, not over .output.
  outDir: process.env.BBAH_OUT_DIR || '.output',
  // The AMO sources zip: what builds the extension, without screenshots, store images, built
  // fixtures and local run output (WXT leaves out node_modules, dotfiles and *.test.* itself).
  zip: {
    excludeSources: [
      'docs/screenshots/**',
      'docs/store/images/**',
      'tests/fixtures/dist/**',
      'test-results/**',
      'demo-output/**',
      'bench-results/**',
      '.tmp/**',
    ],
  },
  hooks: {
    // The privacy policy ships in the package, so the options page's link works offline and the
    // store reviewers read the same text: docs/privacy.md as plain text, with a byte-order mark so
    // both browsers read it as UTF-8.
    'build:publicAssets': (_wxt, files) => {
      files.push({
        contents: `\uFEFF${readFileSync('docs/privacy.md', 'utf8')}`,
        relativeDest: 'privacy.txt',
      });
    },
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
  vite: () => ({
    plugins: [preact(), plainDynamicImport()],
    // lib/ is pure by rule (no DOM, no browser, no top-level effects), so a lib module none of
    // whose exports is used is dropped even when its constants are built by calls (the presets).
    build: {
      // Chrome and Firefox 115+ support <link rel=modulepreload>: no polyfill in the pages.
      modulePreload: { polyfill: false },
      sourcemap: process.env.BBAH_SOURCEMAP === '1',
      // Vite's own minifier: terser, measured again on 2026-12-07, was 0.03–0.3 kB smaller per
      // bundle and made every build 13 s slower (docs/performance.md).
      rollupOptions: { treeshake: { moduleSideEffects: (id: string) => !id.startsWith(LIB_DIR) } },
    },
  }),
});
