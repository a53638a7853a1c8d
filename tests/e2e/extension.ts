// Launches Debian's Chromium headless with the built extension (toolchain.md §4).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';

export const EXTENSION_DIR = resolve('.output/chrome-mv3');

export function chromiumPath(): string {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/lib/chromium/chromium',
    '/usr/bin/chromium-browser',
  ];
  const found = candidates.find((c): c is string => !!c && existsSync(c));
  if (!found) throw new Error('No Chromium found: apt-get install chromium (or set CHROMIUM_PATH).');
  return found;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface ChromeStorage {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  clear(): Promise<void>;
}
declare const chrome: { storage: { local: ChromeStorage } };

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  /** The extension's storage.local, read and written from its service worker. */
  storage: {
    get(keys: string | string[] | null): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
    clear(): Promise<void>;
  };
  popupUrl(params?: Record<string, string>): string;
  close(): Promise<void>;
}

export async function launchWithExtension(
  options: { colorScheme?: 'light' | 'dark' } = {},
): Promise<ExtensionBrowser> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`${EXTENSION_DIR} is missing: run \`npm run build\` first (npm test does).`);
  }
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'bbah-e2e-')), {
    executablePath: chromiumPath(),
    headless: true,
    colorScheme: options.colorScheme ?? 'light',
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      ...CHROMIUM_ARGS,
    ],
  });
  // Fail a step in seconds rather than at the test timeout: a missing element should say so.
  context.setDefaultTimeout(8000);
  // Without an origin: granting to chrome-extension:// fails ("opaque origins").
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    storage: {
      get: (keys) => serviceWorker.evaluate((k) => chrome.storage.local.get(k), keys),
      set: (items) => serviceWorker.evaluate((i) => chrome.storage.local.set(i), items),
      clear: () => serviceWorker.evaluate(() => chrome.storage.local.clear()),
    },
    popupUrl: (params) =>
      `chrome-extension://${extensionId}/popup.html${params ? `?${new URLSearchParams(params)}` : ''}`,
    close: () => context.close(),
  };
}
