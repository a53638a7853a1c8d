// Launches Debian's Chromium headless with the built extension (docs/evidence/browsers.md#chromium-launch).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { launchChromium } from '../support/chromium.mjs';
import { type FixtureOptions, installFixtureRoutes } from '../support/fixture-routes.mjs';

export const EXTENSION_DIR = resolve('.output/chrome-mv3');

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
  /** The "Start here" tab the extension opened on install, with `keepStartHere`. */
  startHere?: Page;
  /** A new tab on `url`, with the fixture pages routed as the real sites (tests/support). */
  openFixture(url: string, options?: FixtureOptions): Promise<Page>;
  close(): Promise<void>;
}

export async function launchWithExtension(
  options: {
    colorScheme?: 'light' | 'dark';
    keepStartHere?: boolean;
    reducedMotion?: 'reduce' | 'no-preference';
  } = {},
): Promise<ExtensionBrowser> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`${EXTENSION_DIR} is missing: run \`npm run build\` first (npm test does).`);
  }
  const { context, serviceWorker, extensionId, startHere } = await launchChromium({
    extension: EXTENSION_DIR,
    colorScheme: options.colorScheme ?? 'light',
    keepStartHere: options.keepStartHere,
    ...(options.reducedMotion ? { reducedMotion: options.reducedMotion } : {}),
  });
  // Fail a step in seconds rather than at the test timeout: a missing element should say so.
  context.setDefaultTimeout(8000);
  // Without an origin: granting to chrome-extension:// fails ("opaque origins").
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  return {
    context,
    extensionId,
    serviceWorker,
    startHere,
    storage: {
      get: (keys) => serviceWorker.evaluate((k) => chrome.storage.local.get(k), keys),
      set: (items) => serviceWorker.evaluate((i) => chrome.storage.local.set(i), items),
      clear: () => serviceWorker.evaluate(() => chrome.storage.local.clear()),
    },
    async openFixture(url, options = {}) {
      await installFixtureRoutes(context, options);
      const page = await context.newPage();
      await page.goto(url);
      return page;
    },
    popupUrl: (params) =>
      `chrome-extension://${extensionId}/popup.html${params ? `?${new URLSearchParams(params)}` : ''}`,
    close: () => context.close(),
  };
}
