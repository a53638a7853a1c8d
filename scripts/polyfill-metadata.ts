// webextension-polyfill carries call metadata (argument counts, callback quirks) for 26 API
// namespaces and consults an entry only when code calls that method and `chrome` has it; any
// other method is bound to `chrome` as it is (in Chrome's MV3 every method used here returns a
// promise by itself). So a bundle needs the entries of the methods it calls, where its context
// has them: the build keeps those and drops the rest (1.1 kB gzip in the popup, 1.1 kB in each
// content script); the polyfill's code is unchanged.
//
// - What a context can have: a list of paths, a namespace (`tabs`) for all its methods or a
//   method (`runtime.sendMessage`). tests/e2e/polyfill.e2e.test.ts checks in Chromium that every
//   method with metadata that a context has and its bundle calls is kept.
// - What a bundle calls: every `browser.…` member chain in its modules, read from their syntax
//   trees (browserPaths). A use of `browser` as a whole (passed on, destructured) keeps everything.

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

export type Metadata = { [key: string]: Metadata | number | boolean };

function readMetadata(source: string): Metadata {
  const found = METADATA.exec(source);
  if (!found?.[2] || !PRIVACY.test(source)) {
    throw new Error('webextension-polyfill: its apiMetadata block was not found where expected');
  }
  return JSON.parse(found[2]);
}

/** The paths of every method the polyfill has metadata for (`storage.local.get`, …). */
export function metadataMethods(source: string): string[] {
  return methodsOf(readMetadata(source));
}

/** The paths of every method in `metadata`. */
export function methodsOf(metadata: Metadata): string[] {
  const methods: string[] = [];
  const walk = (node: Metadata, path: string) => {
    for (const [key, value] of Object.entries(node)) {
      const here = path ? `${path}.${key}` : key;
      if (typeof value === 'object' && 'minArgs' in value) methods.push(here);
      else if (typeof value === 'object') walk(value, here);
    }
  };
  walk(metadata, '');
  return methods;
}

/**
 * What stands for the metadata until the whole bundle has been read (the build replaces it when
 * the chunk is rendered): a member expression, which no minifier copies or folds.
 */
export const METADATA_PLACEHOLDER = 'globalThis.__BBAH_API_METADATA__';

/** The polyfill's source with the placeholder for its metadata, and the metadata itself. */
export function withPlaceholder(source: string): { source: string; metadata: Metadata } {
  const metadata = readMetadata(source);
  const replaced = source
    .replace(METADATA, (_all, head: string) => `${head}${METADATA_PLACEHOLDER};\n`)
    .replace(PRIVACY, '\n');
  return { source: replaced, metadata };
}

/** Whether a leaf at `path` serves one of the `used` paths (either may be the deeper one). */
export function serves(path: string, used: ReadonlySet<string>): boolean {
  if (used.has('')) return true;
  for (const u of used) if (u === path || path.startsWith(`${u}.`) || u.startsWith(`${path}.`)) return true;
  return false;
}

/** The entries a bundle keeps: those its context has (`available`) and its code calls (`used`). */
export function keptMetadata(
  metadata: Metadata,
  available: readonly string[],
  used: ReadonlySet<string>,
): Metadata {
  const walk = (node: Metadata, path: string): Metadata => {
    const out: Metadata = {};
    for (const [key, value] of Object.entries(node)) {
      const here = path ? `${path}.${key}` : key;
      if (typeof value !== 'object') continue;
      if ('minArgs' in value) {
        if (isKept(here, available) && serves(here, used)) out[key] = value;
      } else {
        const inner = walk(value, here);
        if (Object.keys(inner).length > 0) out[key] = inner;
      }
    }
    return out;
  };
  return walk(metadata, '');
}

interface Node {
  type: string;
  [key: string]: unknown;
}

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

/**
 * The `browser.…` paths an ESTree program reaches: `browser.storage.local.get(…)` gives
 * `storage.local.get`, `browser?.runtime?.id` gives `runtime.id`, and `browser` used as a whole
 * (an argument, destructured, re-exported) gives `''`. Declarations, imports, property keys and
 * `x.browser` are not uses.
 */
export function browserPaths(program: Node): string[] {
  const paths = new Set<string>();
  const visit = (node: Node, parents: Node[]) => {
    if (node.type === 'Identifier' && node.name === 'browser' && isReference(node, parents[0])) {
      const path: string[] = [];
      let current: Node = node;
      for (const parent of parents) {
        if (parent.type === 'ChainExpression') continue;
        const property = parent.property as Node | undefined;
        if (
          parent.type !== 'MemberExpression' ||
          parent.object !== current ||
          parent.computed ||
          property?.type !== 'Identifier'
        ) {
          break;
        }
        path.push(property.name as string);
        current = parent;
      }
      paths.add(path.join('.'));
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'type') continue;
      for (const child of Array.isArray(value) ? value : [value]) {
        if (isNode(child)) visit(child, [node, ...parents]);
      }
    }
  };
  visit(program, []);
  return [...paths].sort();
}

function isReference(node: Node, parent: Node | undefined): boolean {
  if (!parent) return true;
  switch (parent.type) {
    case 'MemberExpression':
      return parent.object === node || parent.computed === true;
    case 'Property':
      return parent.value === node || parent.computed === true;
    case 'MethodDefinition':
    case 'PropertyDefinition':
      return parent.key !== node || parent.computed === true;
    case 'ImportSpecifier':
    case 'ImportDefaultSpecifier':
    case 'ImportNamespaceSpecifier':
      return false;
    case 'ExportSpecifier':
      return parent.local === node;
    case 'VariableDeclarator':
      return parent.init === node;
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      return parent.body === node;
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return false;
    default:
      return true;
  }
}

/** `metadata` as a JS object literal, keys unquoted where they can be. */
export function metadataLiteral(metadata: Metadata): string {
  const entries = Object.entries(metadata).map(([key, value]) => {
    const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
    return `${name}:${typeof value === 'object' ? metadataLiteral(value) : JSON.stringify(value)}`;
  });
  return `{${entries.join(',')}}`;
}
