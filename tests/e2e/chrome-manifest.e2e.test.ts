// What chrome://extensions says about the build: no install warnings, no manifest errors, and
// the popup's shortcut. Read the way that page reads them, through its own
// chrome.developerPrivate API, in real Chromium. A copy of the build with one unknown permission
// is loaded next to it, so the test shows it would see a warning if there were one
// (docs/evidence/browsers.md#chrome-install-warnings).
// (Chromium ignores unknown top-level keys silently; an unknown permission is a warning.)
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HEADLESS_ARGS, launchChromium } from '../support/chromium.mjs';
import { EXTENSION_DIR } from './extension';

interface ExtensionInfo {
  id: string;
  name: string;
  location: string;
  installWarnings: string[];
  manifestErrors: { message: string }[];
  runtimeErrors: { message: string }[];
  commands: { name: string; keybinding: string }[];
}
declare const chrome: {
  developerPrivate: {
    getExtensionsInfo(options: { includeDisabled: boolean }): Promise<ExtensionInfo[]>;
    updateProfileConfiguration(update: { inDeveloperMode: boolean }): Promise<void>;
    reload(id: string, options: { failQuietly: boolean }): Promise<void>;
  };
};

let root: string;
let context: BrowserContext;
let infos: ExtensionInfo[];

beforeAll(async () => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'bbah-manifest-')));
  const control = join(root, 'control');
  cpSync(EXTENSION_DIR, control, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(control, 'manifest.json'), 'utf8'));
  writeFileSync(
    join(control, 'manifest.json'),
    JSON.stringify({ ...manifest, name: 'control', permissions: [...manifest.permissions, 'bbahUnknown'] }),
  );
  ({ context } = await launchChromium({
    args: [
      `--disable-extensions-except=${EXTENSION_DIR},${control}`,
      `--load-extension=${EXTENSION_DIR},${control}`,
      ...HEADLESS_ARGS,
    ],
  }));
  const page = await context.newPage();
  await page.goto('chrome://extensions/');
  // As a developer sees it: chrome://extensions lists warnings and errors in developer mode only,
  // collected by its error console while an extension loads; so: developer mode, then a reload.
  await page.evaluate(async () => {
    await chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true });
    const loaded = await chrome.developerPrivate.getExtensionsInfo({ includeDisabled: true });
    for (const info of loaded) {
      if (info.location === 'UNPACKED') await chrome.developerPrivate.reload(info.id, { failQuietly: true });
    }
  });
  // The reloaded copies are listed before their load's errors are collected: wait for the
  // control's error (the tests below still fail if it never comes), and a moment more for ours.
  let settled = 0;
  for (let waited = 0; ; waited += 200) {
    infos = await page.evaluate(() => chrome.developerPrivate.getExtensionsInfo({ includeDisabled: true }));
    const control = infos.find((info) => info.name === 'control');
    if (ours() && control && control.manifestErrors.length > 0 && ++settled > 2) break;
    if (waited > 10_000) {
      if (ours() && control) break;
      throw new Error(`chrome://extensions lists ${infos.map((i) => i.name)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
});

afterAll(async () => {
  await context?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

const ours = () => infos.find((info) => info.name === 'Auth Helper for Bitbucket');

it('the build loads with no install warnings, manifest errors or runtime errors', () => {
  expect(ours()).toBeDefined();
  expect(ours()?.installWarnings).toEqual([]);
  expect(ours()?.manifestErrors).toEqual([]);
  expect(ours()?.runtimeErrors).toEqual([]);
});

it('the check sees a warning when there is one (the control copy asks for an unknown permission)', () => {
  const control = infos.find((info) => info.name === 'control');
  expect(control?.manifestErrors.map((e) => e.message)).toEqual(["Permission 'bbahUnknown' is unknown."]);
});

it('the popup has its shortcut bound, as the shortcut page will show it', () => {
  expect(ours()?.commands).toEqual([
    expect.objectContaining({ name: '_execute_action', keybinding: 'Alt+Shift+G' }),
  ]);
});
