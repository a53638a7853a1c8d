// The build's handling of webextension-polyfill (used by wxt.config.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'acorn';
import type { Plugin } from 'vite';
import {
  browserPaths,
  CONTENT_SCRIPT_PATHS,
  keptMetadata,
  METADATA_PLACEHOLDER,
  type Metadata,
  metadataLiteral,
  methodsOf,
  withPlaceholder,
} from './polyfill-metadata';

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
// `pagePaths`: what extension pages and the background can have; `target` (`chrome-mv3`) names
// the report's directory under `reportDir`.
export function polyfillAsEsm(
  pagePaths: readonly string[],
  target: string,
  reportDir = '.output/polyfill-report',
): Plugin[] {
  let available = pagePaths;
  let entry = '';
  let serving = false;
  let metadata: Metadata | undefined;
  const used = new Set<string>();
  return [
    {
      name: 'bbah:polyfill-as-esm',
      enforce: 'pre',
      // The dev server renders no chunks: there, the metadata is cut by the context alone.
      configResolved(config) {
        serving = config.command === 'serve';
      },
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
        let source = polyfill.source;
        if (serving) {
          const all = keptMetadata(polyfill.metadata, available, new Set(['']));
          source = source.replace(METADATA_PLACEHOLDER, metadataLiteral(all));
        } else metadata = polyfill.metadata;
        return `const module = { exports: {} };\n(function (module) {\n${source}\n})(module);\nexport default module.exports;\n`;
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
        mkdirSync(resolve(reportDir, target), { recursive: true });
        writeFileSync(resolve(reportDir, target, `${entry}.json`), JSON.stringify(report, null, 2));
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
