import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import preact from '@preact/preset-vite';
import { parse } from 'acorn';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import {
  browserPaths,
  CONTENT_SCRIPT_PATHS,
  keptMetadata,
  METADATA_PLACEHOLDER,
  type Metadata,
  metadataLiteral,
  methodsOf,
  pagePaths,
  withPlaceholder,
} from './scripts/polyfill-metadata';

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

// webextension-polyfill is a UMD file: bundled as CommonJS, it brings the bundler's CommonJS
// interop (0.25–0.35 kB gzip in every bundle). It becomes an ES module instead: the UMD header
// goes, the factory is called with a `module` of our own, and its `module.exports` is the default
// export. The build fails if the file stops being that UMD.
const UMD_HEAD =
  /^\(function \(global, factory\) \{[\s\S]*?\n\}\)\(typeof globalThis !== "undefined" \? globalThis : typeof self !== "undefined" \? self : this, function \(module\) \{\n/;
const POLYFILL = '/webextension-polyfill/dist/browser-polyfill.js';
const UMD_TAIL = /\n\}\);\n(\/\/# sourceMappingURL=[^\n]*\n?)?$/;

// Its call metadata is cut to the methods the bundle calls, where the context being built has
// them (scripts/polyfill-metadata.ts). The calls are read after TypeScript and JSX are compiled,
// so a second plugin of the normal phase reads them; the metadata goes in when the chunk is
// rendered, once every module has been read. One pair of plugin instances serves one build.
function polyfillAsEsm(pagePaths: readonly string[], target: string): Plugin[] {
  let available = pagePaths;
  let entry = '';
  let metadata: Metadata | undefined;
  const used = new Set<string>();
  return [
    {
      name: 'bbah:polyfill-as-esm',
      enforce: 'pre',
      buildStart(options) {
        const input = JSON.stringify(options.input ?? '');
        const isContentScript = input.includes('wxt-content-script');
        available = isContentScript ? CONTENT_SCRIPT_PATHS : pagePaths;
        entry = /entrypoints\/([\w.-]+?)(?:\/index)?\.(?:ts|html)/.exec(input)?.[1] ?? 'unknown';
        metadata = undefined;
        used.clear();
      },
      transform(code, id) {
        if (!id.endsWith(POLYFILL)) return undefined;
        if (!UMD_HEAD.test(code) || !UMD_TAIL.test(code)) {
          this.error('webextension-polyfill is no longer the UMD file bbah:polyfill-as-esm expects');
        }
        const polyfill = withPlaceholder(code.replace(UMD_HEAD, '').replace(UMD_TAIL, ''));
        metadata = polyfill.metadata;
        return `const module = { exports: {} };\n(function (module) {\n${polyfill.source}\n})(module);\nexport default module.exports;\n`;
      },
      renderChunk(code, chunk) {
        const at = code.indexOf(METADATA_PLACEHOLDER);
        if (at === -1) return undefined;
        if (!metadata || code.indexOf(METADATA_PLACEHOLDER, at + 1) !== -1) {
          this.error(`${chunk.fileName}: the polyfill's metadata placeholder is not there exactly once`);
        }
        const kept = keptMetadata(metadata, available, used);
        // For tests/e2e/polyfill.e2e.test.ts, which compares it with what Chromium gives the context.
        const report = { entry, available, used: [...used].sort(), kept: methodsOf(kept) };
        mkdirSync(resolve('.output/polyfill-report', target), { recursive: true });
        writeFileSync(
          resolve('.output/polyfill-report', target, `${entry}.json`),
          JSON.stringify(report, null, 2),
        );
        return { code: code.replace(METADATA_PLACEHOLDER, metadataLiteral(kept)), map: null };
      },
    },
    {
      name: 'bbah:polyfill-calls',
      transform(code, id) {
        if (id.endsWith(POLYFILL) || !/\bbrowser\b/.test(code) || !/\.[cm]?[jt]sx?$|^\0|\?/.test(id)) {
          return undefined;
        }
        const program = parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
        for (const path of browserPaths(program as unknown as Parameters<typeof browserPaths>[0])) {
          used.add(path);
        }
        return undefined;
      },
    },
  ];
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
      rollupOptions: { treeshake: { moduleSideEffects: (id: string) => !id.startsWith(LIB_DIR) } },
    },
  }),
});
