// The build keeps webextension-polyfill's call metadata only for the methods a bundle calls where
// its context has them (scripts/polyfill-metadata.ts; each build writes what it kept to
// .output/polyfill-report/). Proven here against Chromium for the service worker, the popup and
// the content script's isolated world (reached through the DevTools protocol): every method the
// bundle calls that the context has keeps its metadata, and nothing is kept that the context
// lacks. So the cut changes no call the extension makes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildFixtures } from '../../scripts/build-fixtures.mjs';
import { isKept, metadataMethods, serves } from '../../scripts/polyfill-metadata';
import { FIXTURE_URLS } from '../support/fixture-routes.mjs';
import { EXTENSION_DIR, type ExtensionBrowser, launchWithExtension } from './extension';

const POLYFILL = readFileSync('node_modules/webextension-polyfill/dist/browser-polyfill.js', 'utf8');
const METHODS = metadataMethods(POLYFILL);
const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));

interface Report {
  available: string[];
  used: string[];
  kept: string[];
}
const report = (entry: string): Report =>
  JSON.parse(readFileSync(join('.output/polyfill-report/chrome-mv3', `${entry}.json`), 'utf8'));

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

/** What the context has, held against what its bundle calls and kept. */
function check(probe: Probe, { available, used, kept }: Report) {
  const calls = new Set(used);
  // A method the bundle calls and the context has is never cut for want of availability.
  expect(probe.present.filter((m) => serves(m, calls) && !isKept(m, available))).toEqual([]);
  // Everything kept is really there.
  expect(kept.filter((m) => !probe.present.includes(m))).toEqual([]);
  expect(probe.privacy).toBe(false);
}

it('the service worker and the popup keep the metadata of every method they call', async () => {
  const worker: Probe = await browser.serviceWorker.evaluate(PROBE);
  const popup = await browser.context.newPage();
  await popup.goto(browser.popupUrl());
  const page: Probe = await popup.evaluate(PROBE);
  await popup.close();

  check(worker, report('background'));
  check(page, report('popup'));
  // The probe sees the methods the popup calls.
  expect(report('popup').kept).toEqual(
    expect.arrayContaining(['storage.local.get', 'tabs.query', 'tabs.create']),
  );
});

async function isolatedWorld(cdp: CDPSession, name: string): Promise<number> {
  const contexts: { id: number; name: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const find = () => contexts.find((c) => c.auxData?.type === 'isolated' && c.name === name);
  await expect.poll(find).toBeDefined();
  return find()?.id ?? -1;
}

it('the content script keeps the metadata of every method it calls that its world has', async () => {
  const page = await browser.openFixture(FIXTURE_URLS.repo);
  const cdp = await browser.context.newCDPSession(page);
  const { result } = await cdp.send('Runtime.evaluate', {
    expression: PROBE,
    contextId: await isolatedWorld(cdp, manifest.name),
    returnByValue: true,
  });
  check(result.value as Probe, report('bitbucket.content'));
  expect(report('bitbucket.content').kept).toEqual(
    expect.arrayContaining(['runtime.sendMessage', 'storage.local.get']),
  );
  await page.close();
});

it('ships the cut metadata: none for tabs in content scripts, only what is called in pages', () => {
  const bundle = (file: string) => readFileSync(join(EXTENSION_DIR, file), 'utf8');
  for (const script of ['content-scripts/bitbucket.js', 'content-scripts/atlassian.js']) {
    expect(bundle(script)).toContain('sendMessage:{minArgs:1,maxArgs:3}');
    expect(bundle(script)).not.toContain('captureVisibleTab');
  }
  // The background calls tabs.query but never tabs.captureVisibleTab.
  expect(bundle('background.js')).toContain('query:{minArgs:1,maxArgs:1}');
  expect(bundle('background.js')).not.toContain('captureVisibleTab');
});
