// The build keeps webextension-polyfill's call metadata only for the namespaces a context can reach
// (scripts/polyfill-namespaces.ts). Proven here in Chromium: every namespace that has metadata and
// is present in a context is kept for that context, so the cut changes no call the extension can
// make. The content script's world is reached through the DevTools protocol.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildFixtures } from '../../scripts/build-fixtures.mjs';
import {
  CONTENT_SCRIPT_NAMESPACES,
  metadataNamespaces,
  pageNamespaces,
} from '../../scripts/polyfill-namespaces';
import { FIXTURE_URLS } from '../support/fixture-routes.mjs';
import { EXTENSION_DIR, type ExtensionBrowser, launchWithExtension } from './extension';

declare const chrome: Record<string, unknown>;

const POLYFILL = readFileSync('node_modules/webextension-polyfill/dist/browser-polyfill.js', 'utf8');
const ALL = metadataNamespaces(POLYFILL);
const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
const PAGE = pageNamespaces(manifest);

let browser: ExtensionBrowser;

beforeAll(async () => {
  await buildFixtures();
  browser = await launchWithExtension();
});
afterAll(() => browser?.close());

/** The namespaces with polyfill metadata that are present in a context, given its `chrome` keys. */
const present = (keys: string[]) => ALL.filter((namespace) => keys.includes(namespace)).sort();

it('keeps metadata for every namespace the service worker and the popup have', async () => {
  const worker = present(await browser.serviceWorker.evaluate(() => Object.keys(chrome)));
  const popup = await browser.context.newPage();
  await popup.goto(browser.popupUrl());
  const page = present(await popup.evaluate(() => Object.keys(chrome)));
  await popup.close();

  // What Chromium gives this manifest's pages; a namespace missing from PAGE would fail here.
  expect(worker.filter((n) => !PAGE.includes(n))).toEqual([]);
  expect(page.filter((n) => !PAGE.includes(n))).toEqual([]);
  // The probe sees the namespaces the extension uses.
  expect(page).toEqual(expect.arrayContaining(['runtime', 'storage', 'tabs']));
});

it("keeps metadata for every namespace the content script's world has", async () => {
  const page = await browser.openFixture(FIXTURE_URLS.repo);
  const cdp = await browser.context.newCDPSession(page);
  const contexts: { id: number; name: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  await expect
    .poll(() => contexts.find((c) => c.auxData?.type === 'isolated' && c.name === manifest.name))
    .toBeDefined();
  const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === manifest.name);
  const { result } = await cdp.send('Runtime.evaluate', {
    expression: 'Object.keys(chrome)',
    contextId: world?.id,
    returnByValue: true,
  });
  const keys = present(result.value as string[]);
  expect(keys.filter((n) => !CONTENT_SCRIPT_NAMESPACES.includes(n))).toEqual([]);
  expect(keys).toEqual(expect.arrayContaining(['runtime', 'storage']));
  await page.close();
});

it('ships the cut metadata: content scripts without the tabs namespace, pages with it', () => {
  const bundle = (file: string) => readFileSync(join(EXTENSION_DIR, file), 'utf8');
  // `captureVisibleTab` is a tabs method name that only the metadata holds.
  for (const script of ['content-scripts/bitbucket.js', 'content-scripts/atlassian.js']) {
    expect(bundle(script)).toContain('getBytesInUse');
    expect(bundle(script)).not.toContain('captureVisibleTab');
  }
  expect(bundle('background.js')).toContain('captureVisibleTab');
  expect(bundle('background.js')).not.toContain('getBadgeText'); // browserAction: MV2 only
});
