// webextension-polyfill carries call metadata (argument counts, callback quirks) for 26 API
// namespaces and consults an entry only when `chrome` has that method. Most can never exist in
// this extension: a namespace appears only with its permission or manifest key, and a content
// script has a dozen methods. The build keeps the entries a context can reach and drops the rest
// (0.6 kB gzip in each page, 1 kB in each content script); the polyfill's code is unchanged.
// tests/e2e/polyfill.e2e.test.ts checks in Chromium that every method with metadata present in a
// context is kept for it.
//
// What is kept is a list of paths: a namespace (`tabs`) keeps all its entries, a deeper path
// (`runtime.sendMessage`) only that one.

/**
 * Content scripts reach `dom`, `i18n`, `storage` and, of `runtime`, connect, getManifest, getURL,
 * id, onConnect, onMessage and sendMessage (developer.chrome.com/docs/extensions/develop/concepts/
 * content-scripts, "Understand content script capabilities", read 2026-11-26). Only these have
 * metadata. Chromium 156 also gives them an empty-handed `chrome.extension`.
 */
export const CONTENT_SCRIPT_PATHS: readonly string[] = ['i18n', 'runtime.sendMessage', 'storage'];

/**
 * What extension pages and the service worker have without asking: `management` for getSelf and
 * uninstallSelf, `tabs` and `windows` without the "tabs" permission (URLs hidden), the rest
 * always. Everything else needs a permission or a manifest key of its own.
 */
const WITHOUT_PERMISSION = ['extension', 'i18n', 'management', 'permissions', 'runtime', 'tabs', 'windows'];

/** Namespaces that a manifest key, not a permission, brings. */
const MANIFEST_KEYS: Record<string, string> = {
  browser_action: 'browserAction',
  page_action: 'pageAction',
  commands: 'commands',
  devtools_page: 'devtools',
};

/** The namespaces extension pages and the background can reach with this manifest. */
export function pagePaths(manifest: { permissions?: string[]; [key: string]: unknown }): string[] {
  const fromKeys = Object.keys(MANIFEST_KEYS)
    .filter((key) => manifest[key] !== undefined)
    .map((key) => MANIFEST_KEYS[key] as string);
  return [...new Set([...WITHOUT_PERMISSION, ...(manifest.permissions ?? []), ...fromKeys])].sort();
}

/** Whether the entry at `path` (`storage.local.get`) is kept by `keep`. */
export function isKept(path: string, keep: readonly string[]): boolean {
  return keep.some((k) => path === k || path.startsWith(`${k}.`));
}

const METADATA = /(const apiMetadata = )(\{[\s\S]*?\n {6}\});\n/;
// `privacy` (needs the "privacy" permission) gets its entries in code, after the block.
const PRIVACY = /\n {6}const settingMetadata = \{[^;]*\};\n {6}apiMetadata\.privacy = \{[^;]*\};\n/;

type Metadata = { [key: string]: Metadata | number | boolean };

function readMetadata(source: string): Metadata {
  const found = METADATA.exec(source);
  if (!found?.[2] || !PRIVACY.test(source)) {
    throw new Error('webextension-polyfill: its apiMetadata block was not found where expected');
  }
  return JSON.parse(found[2]);
}

/** The paths of every method the polyfill has metadata for (`storage.local.get`, …). */
export function metadataMethods(source: string): string[] {
  const methods: string[] = [];
  const walk = (node: Metadata, path: string) => {
    for (const [key, value] of Object.entries(node)) {
      const here = path ? `${path}.${key}` : key;
      if (typeof value === 'object' && 'minArgs' in value) methods.push(here);
      else if (typeof value === 'object') walk(value, here);
    }
  };
  walk(readMetadata(source), '');
  return methods;
}

function pick(node: Metadata, path: string, keep: readonly string[]): Metadata {
  const out: Metadata = {};
  for (const [key, value] of Object.entries(node)) {
    const here = path ? `${path}.${key}` : key;
    if (isKept(here, keep)) out[key] = value;
    else if (typeof value === 'object' && keep.some((k) => k.startsWith(`${here}.`))) {
      out[key] = pick(value, here, keep);
    }
  }
  return out;
}

/** The polyfill's source with metadata only for `keep`. Throws if it is not laid out as expected. */
export function pruneApiMetadata(source: string, keep: readonly string[]): string {
  const kept = pick(readMetadata(source), '', keep);
  const pruned = source.replace(METADATA, (_all, head: string) => `${head}${JSON.stringify(kept)};\n`);
  return keep.includes('privacy') ? pruned : pruned.replace(PRIVACY, '\n');
}
