// The build keeps webextension-polyfill's call metadata only for what a context can reach
// (scripts/polyfill-metadata.ts). Proven here in Chromium: every method with metadata that is
// present in a context is kept for that context, so the cut changes no call the extension can
// make. The content script's isolated world is reached through the DevTools protocol.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildFixtures } from '../../scripts/build-fixtures.mjs';
import { CONTENT_SCRIPT_PATHS, isKept, metadataMethods, pagePaths } from '../../scripts/polyfill-metadata';
import { FIXTURE_URLS } from '../support/fixture-routes.mjs';
import { EXTENSION_DIR, type ExtensionBrowser, launchWithExtension } from './extension';

const POLYFILL = readFileSync('node_modules/webextension-polyfill/dist/browser-polyfill.js', 'utf8');
const METHODS = metadataMethods(POLYFILL);
const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
const PAGE = pagePaths(manifest);

// Evaluated in the context: which of METHODS its `chrome` has, and whether it has `privacy`.
const PROBE = `(${(methods: string[]) => {
  const has = (path: string) => {
    let node: unknown = (globalThis as { chrome?: unknown }).chrome;
    for (const key of path.split('.')) {
      if (node == null || typeof node !== 'object' || !(key in node)) return false;
      node = (node as Record<string, unknown>)[key];
    }
    return true;
  };
  return { present: methods.filter(has), privacy: has('privacy') };
}})(${JSON.stringify(METHODS)})`;

type Probe = { present: string[]; privacy: boolean };

let browser: ExtensionBrowser;

beforeAll(async () => {
  await buildFixtures();
  browser = await launchWithExtension();
});
afterAll(() => browser?.close());

it('keeps metadata for every method the service worker and the popup have', async () => {
  const worker: Probe = await browser.serviceWorker.evaluate(PROBE);
  const popup = await browser.context.newPage();
  await popup.goto(browser.popupUrl());
  const page: Probe = await popup.evaluate(PROBE);
  await popup.close();

  for (const probe of [worker, page]) {
    expect(probe.present.filter((m) => !isKept(m, PAGE))).toEqual([]);
    expect(probe.privacy).toBe(false);
  }
  // The probe sees the methods the extension calls.
  expect(page.present).toEqual(expect.arrayContaining(['storage.local.get', 'tabs.query', 'tabs.create']));
});

async function isolatedWorld(cdp: CDPSession, name: string): Promise<number> {
  const contexts: { id: number; name: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const find = () => contexts.find((c) => c.auxData?.type === 'isolated' && c.name === name);
  await expect.poll(find).toBeDefined();
  return find()?.id ?? -1;
}

it("keeps metadata for every method the content script's world has", async () => {
  const page = await browser.openFixture(FIXTURE_URLS.repo);
  const cdp = await browser.context.newCDPSession(page);
  const { result } = await cdp.send('Runtime.evaluate', {
    expression: PROBE,
    contextId: await isolatedWorld(cdp, manifest.name),
    returnByValue: true,
  });
  const probe = result.value as Probe;
  expect(probe.present.filter((m) => !isKept(m, CONTENT_SCRIPT_PATHS))).toEqual([]);
  expect(probe.privacy).toBe(false);
  expect(probe.present).toEqual(expect.arrayContaining(['runtime.sendMessage', 'storage.local.get']));
  await page.close();
});

it('ships the cut metadata: content scripts without tabs or getPlatformInfo, pages with them', () => {
  const bundle = (file: string) => readFileSync(join(EXTENSION_DIR, file), 'utf8');
  // Method names that only the metadata holds.
  for (const script of ['content-scripts/bitbucket.js', 'content-scripts/atlassian.js']) {
    expect(bundle(script)).toContain('getBytesInUse');
    expect(bundle(script)).not.toContain('captureVisibleTab');
    expect(bundle(script)).not.toContain('getPlatformInfo');
  }
  expect(bundle('background.js')).toContain('captureVisibleTab');
  expect(bundle('background.js')).toContain('getPlatformInfo');
  expect(bundle('background.js')).not.toContain('getBadgeText'); // browserAction: MV2 only
});
