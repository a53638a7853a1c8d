// Finding and starting a Chromium-family browser with the built extension: one place for the
// e2e suite, the benchmarks and the demo. Plain JavaScript so `node scripts/*.mjs` can use it.
import { existsSync, mkdtempSync } from 'node:fs';
import { homedir, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

// Without the background-networking flags this machine's closed network refuses Chromium's
// connections at every start (docs/evidence/browsers.md#chromium-launch).
export const QUIET_ARGS = [
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const HEADLESS_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', ...QUIET_ARGS];

/** The first Chromium-family browser found; `CHROME_PATH` / `CHROMIUM_PATH` win. */
export function findChromium() {
  const local = process.env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local');
  const programFiles = [process.env.PROGRAMFILES, process.env['PROGRAMFILES(X86)']].filter(Boolean);
  // Chromium and Chrome for Testing first: branded Google Chrome ignores --load-extension since 137.
  const candidates =
    {
      linux: [
        '/usr/bin/chromium',
        '/usr/bin/chromium-browser',
        '/snap/bin/chromium',
        '/usr/lib/chromium/chromium',
        '/usr/bin/google-chrome-for-testing',
        '/usr/bin/microsoft-edge',
        '/usr/bin/google-chrome',
        '/usr/bin/google-chrome-stable',
      ],
      darwin: [
        '/Applications/Chromium.app/Contents/MacOS/Chromium',
        '/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
        join(homedir(), 'Applications/Chromium.app/Contents/MacOS/Chromium'),
        '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
        '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      ],
      win32: [
        join(local, 'Chromium', 'Application', 'chrome.exe'),
        ...programFiles.map((p) => join(p, 'Chromium', 'Application', 'chrome.exe')),
        ...programFiles.map((p) => join(p, 'Microsoft', 'Edge', 'Application', 'msedge.exe')),
        ...programFiles.map((p) => join(p, 'Google', 'Chrome', 'Application', 'chrome.exe')),
        join(local, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      ],
    }[platform()] ?? [];
  return [process.env.CHROME_PATH, process.env.CHROMIUM_PATH, ...candidates].find((c) => c && existsSync(c));
}

export const HOW_TO_GET_CHROMIUM = `No Chromium-family browser found. Install one, or point CHROME_PATH at it:
  Debian/Ubuntu:  sudo apt-get install chromium
  Fedora:         sudo dnf install chromium
  macOS:          brew install --cask chromium
  Windows:        winget install Hibbiticus.Chromium   (or download Chromium from https://www.chromium.org/getting-involved/download-chromium/)
  Any OS:         npx @puppeteer/browsers install chrome@stable   (Chrome for Testing; then set CHROME_PATH)
Branded Google Chrome 137+ refuses --load-extension: use Chromium, Chrome for Testing or Edge.`;

/**
 * A persistent context (the only kind that loads extensions) in a fresh profile. With
 * `extension`, waits for its service worker and returns the extension id read from it (the id
 * depends on the folder's path), and waits for the "Start here" tab the extension opens on
 * install: closed, so tests and benchmarks start from the same tabs, unless `keepStartHere`
 * (then returned as `startHere`).
 */
export async function launchChromium({
  extension,
  headless = true,
  args,
  keepStartHere = false,
  ...options
} = {}) {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(HOW_TO_GET_CHROMIUM);
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'bbah-chromium-')), {
    executablePath,
    headless,
    ...options,
    args: [
      ...(extension ? [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`] : []),
      ...(args ?? HEADLESS_ARGS),
    ],
  });
  if (!extension) return { context, executablePath };
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(serviceWorker.url()).host;
  const startHere = await waitForPage(context, `chrome-extension://${extensionId}/options.html#start`);
  if (startHere && !keepStartHere) await startHere.close();
  return {
    context,
    executablePath,
    serviceWorker,
    extensionId,
    startHere: keepStartHere ? startHere : undefined,
  };
}

/** The tab showing `url`, once it does (tabs the extension opens appear as about:blank first). */
async function waitForPage(context, url, timeoutMs = 5000) {
  for (const started = Date.now(); Date.now() - started < timeoutMs; ) {
    const page = context.pages().find((p) => p.url() === url);
    if (page) return page;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return undefined;
}
