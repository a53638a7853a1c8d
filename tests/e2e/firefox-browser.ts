// Debian's firefox-esr driven over WebDriver BiDi with puppeteer-core: the built add-on installed
// (browser.installExtension, a temporary add-on), the fixture pages answered as the real
// https://bitbucket.org/… and https://id.atlassian.com/… through request interception, and a way
// into the add-on's own pages (docs/evidence/browsers.md#firefox-bidi).
//
// BiDi refuses to navigate a tab to moz-extension://… ("not allowed in this context"). The way in:
// the add-on's internal UUID is pinned with the pref extensions.webextensions.uuids, so its URLs
// are known beforehand, and the add-on opens options.html#start by itself on install (the first
// run). That tab is an extension page: scripts evaluated there have the add-on's `browser` API,
// and it may navigate itself to popup.html. Interception set on that tab also answers the popup's
// own fetch of https://bitbucket.org/!api/2.0/user (checked: it does).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import {
  type FixtureAssets,
  type FixtureOptions,
  fixtureResponse,
  loadFixtureAssets,
  resolveFixtureOptions,
} from '../support/fixture-routes.mjs';

export const FIREFOX_BUILD = resolve('.output/firefox-mv2');
export const FIREFOX = ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((path) => existsSync(path));
export const GECKO_ID = 'bitbucket-auth-helper@bbah.dev';
/** Any v4 UUID: Firefox gives the add-on this one instead of a random one. */
export const ADDON_UUID = '5f0c3b9e-2d4a-4c61-9e57-8a1b2c3d4e5f';
export const EXTENSION_ORIGIN = `moz-extension://${ADDON_UUID}`;

export interface FirefoxExtension {
  browser: Browser;
  /** The add-on's own tab (it opened options.html#start on install); move it with `show`. */
  extensionPage: Page;
  /** Navigates the add-on's tab to one of its pages (`/popup.html?url=…`) and waits for it to load. */
  show(path: string): Promise<void>;
  /** What the fixture routes answer from now on (every routed tab). */
  setFixture(options?: FixtureOptions): void;
  /** A new tab on `url` with the fixture routes. */
  openFixture(url: string): Promise<Page>;
  /** Firefox's stdout and stderr so far. */
  output(): string;
  close(): Promise<void>;
}

export function requireFirefoxBuild(): string {
  if (!existsSync(`${FIREFOX_BUILD}/manifest.json`)) {
    throw new Error(`${FIREFOX_BUILD} is missing: run \`npm run build:firefox\` first (npm test does).`);
  }
  if (!FIREFOX) throw new Error('No Firefox: apt-get install firefox-esr (.ci/run does).');
  return FIREFOX;
}

export async function launchFirefox(options: { executablePath?: string } = {}): Promise<FirefoxExtension> {
  const firefox = requireFirefoxBuild();
  const assets: FixtureAssets = await loadFixtureAssets();
  let fixture = resolveFixtureOptions({});
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: options.executablePath ?? firefox,
    headless: true,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: ADDON_UUID }),
      // The add-on's console lines and errors reach Firefox's output (read by the tests).
      'devtools.console.stdout.content': true,
      'browser.dom.window.dump.enabled': true,
    },
  });
  let output = '';
  const child = browser.process();
  child?.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child?.stderr?.on('data', (chunk) => {
    output += chunk;
  });

  const route = async (page: Page) => {
    await page.setRequestInterception(true);
    // A tab closed while its request is answered rejects the answer: nothing to do then.
    const ignore = () => undefined;
    page.on('request', (request: HTTPRequest) => {
      if (request.isInterceptResolutionHandled()) return;
      const url = new URL(request.url());
      if (url.hostname === 'bitbucket.org' || url.hostname === 'id.atlassian.com') {
        const { status, contentType, body } = fixtureResponse(request.url(), fixture, assets);
        request.respond({ status, contentType, body }).catch(ignore);
      } else if (url.protocol === 'https:' || url.protocol === 'http:') {
        // Nothing leaves the machine.
        request.respond({ status: 404, contentType: 'text/plain', body: '' }).catch(ignore);
      } else {
        request.continue().catch(ignore);
      }
    });
  };

  await browser.installExtension(FIREFOX_BUILD);
  const extensionPage = await waitForPageAt(browser, `${EXTENSION_ORIGIN}/options.html#start`);
  await route(extensionPage);

  return {
    browser,
    extensionPage,
    async show(path) {
      const url = `${EXTENSION_ORIGIN}${path}`;
      // The old document is marked so that showing the page it already shows waits for the reload,
      // not for the old document (which already has the right address and is complete).
      await extensionPage.evaluate((target) => {
        (window as { bbahLeaving?: boolean }).bbahLeaving = true;
        location.assign(target);
      }, url);
      await until(
        () =>
          extensionPage
            .evaluate(() => [
              location.href,
              document.readyState,
              (window as { bbahLeaving?: boolean }).bbahLeaving ?? false,
            ])
            .then(([href, state, leaving]) => href === url && state === 'complete' && !leaving)
            .catch(() => false),
        `${url} did not load`,
      );
    },
    setFixture(next = {}) {
      fixture = resolveFixtureOptions(next);
    },
    async openFixture(url) {
      const page = await browser.newPage();
      await route(page);
      await page.goto(url);
      return page;
    },
    output: () => output,
    close: () => browser.close(),
  };
}

/** The tab showing `url`; puppeteer's page.url() lags for pages the add-on opens, so ask the page. */
async function waitForPageAt(browser: Browser, url: string): Promise<Page> {
  let found: Page | undefined;
  await until(async () => {
    for (const page of await browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href === url) found = page;
    }
    return found !== undefined;
  }, `The add-on did not open ${url} on install`);
  return found as Page;
}

/** Polls `condition` every 100 ms for up to `timeoutMs`. */
export async function until(
  condition: () => Promise<boolean> | boolean,
  message: string,
  timeoutMs = 10_000,
): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
