// webextension-polyfill carries call metadata (argument counts, callback quirks) for 26 API
// namespaces and consults an entry only when `chrome` has that namespace. Most of them can never
// exist in this extension: a namespace appears only with its permission or manifest key, and a
// content script sees three. The build keeps the entries a context can reach and drops the rest
// (0.5 kB gzip in each page, 0.8 kB in each content script); the polyfill's code is unchanged.
// tests/e2e/polyfill.e2e.test.ts checks in Chromium that every namespace present in a context is
// kept for it.

/**
 * Content scripts reach `dom`, `i18n`, `storage` and part of `runtime`
 * (developer.chrome.com/docs/extensions/develop/concepts/content-scripts, "Understand content
 * script capabilities", read 2026-11-26); `dom` has no metadata. Chromium also gives them an
 * `extension` object (seen by the e2e test), so its entries stay.
 */
export const CONTENT_SCRIPT_NAMESPACES: readonly string[] = ['extension', 'i18n', 'runtime', 'storage'];

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
export function pageNamespaces(manifest: { permissions?: string[]; [key: string]: unknown }): string[] {
  const fromKeys = Object.keys(MANIFEST_KEYS)
    .filter((key) => manifest[key] !== undefined)
    .map((key) => MANIFEST_KEYS[key] as string);
  return [...new Set([...WITHOUT_PERMISSION, ...(manifest.permissions ?? []), ...fromKeys])].sort();
}

const METADATA = /(const apiMetadata = )(\{[\s\S]*?\n {6}\});\n/;
// `privacy` (needs the "privacy" permission) gets its entries in code, after the block.
const PRIVACY = /\n {6}const settingMetadata = \{[^;]*\};\n {6}apiMetadata\.privacy = \{[^;]*\};\n/;

/** The namespaces the polyfill's source has metadata for. */
export function metadataNamespaces(source: string): string[] {
  const found = METADATA.exec(source);
  if (!found?.[2]) throw new Error('webextension-polyfill: its apiMetadata block was not found');
  return [...Object.keys(JSON.parse(found[2])), ...(PRIVACY.test(source) ? ['privacy'] : [])];
}

/** The polyfill's source with metadata only for `keep`. Throws if it is not laid out as expected. */
export function pruneApiMetadata(source: string, keep: readonly string[]): string {
  const found = METADATA.exec(source);
  if (!found?.[2] || !PRIVACY.test(source)) {
    throw new Error('webextension-polyfill: its apiMetadata block was not found');
  }
  const metadata: Record<string, unknown> = JSON.parse(found[2]);
  const kept = Object.fromEntries(Object.entries(metadata).filter(([namespace]) => keep.includes(namespace)));
  const pruned = source.replace(METADATA, (_all, head: string) => `${head}${JSON.stringify(kept)};\n`);
  return keep.includes('privacy') ? pruned : pruned.replace(PRIVACY, '\n');
}
