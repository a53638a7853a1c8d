// Serves captured snapshots (tests/fixtures/live/, see docs/capture.md) at their real URLs through
// Playwright routing. The snapshot is the page, per tab (`page.route`), so several tabs can replay
// different states of the same URL at once; `https://bitbucket.org/!api/2.0/user` answers with
// the stand-in user the snapshots show. Plain ES module, like fixture-routes.mjs.

import { inlineStyles, LIVE_DIR, readSnapshots } from '../../scripts/capture/snapshot-files.mjs';
import { STAND_IN_USER } from '../../scripts/capture/stand-in-values.mjs';

export { LIVE_DIR, STAND_IN_USER };

/** Every committed snapshot (live and self-test), with its stylesheets inlined, ready to serve. */
export function loadReplaySnapshots(root = LIVE_DIR) {
  return readSnapshots(root).map((snapshot) => ({
    ...snapshot,
    html: inlineStyles(snapshot.html, snapshot.dir),
  }));
}

const json = (status, body) => ({ status, contentType: 'application/json', body: JSON.stringify(body) });

/** The response for `url` while `snapshot` is the page on screen. */
export function replayResponse(url, snapshot) {
  const target = new URL(url);
  const page = new URL(snapshot.meta.url);
  if (target.origin === page.origin && target.pathname === page.pathname && target.search === page.search) {
    return { status: 200, contentType: 'text/html; charset=utf-8', body: snapshot.html };
  }
  if (target.hostname === 'bitbucket.org' && target.pathname === '/!api/2.0/user')
    return json(200, STAND_IN_USER);
  if (target.pathname.startsWith('/!api/'))
    return json(404, { type: 'error', error: { message: 'Not in the replay' } });
  return { status: 404, contentType: 'text/plain', body: 'Not in the replay' };
}

/**
 * Routes both sites for `page` (a tab) to `snapshot`. The extension's own requests (from its
 * service worker) go through the context: `routeReplayContext` answers those.
 * @param {import('playwright-core').Page} page
 */
export async function routeSnapshot(page, snapshot) {
  const handler = (route) => route.fulfill(replayResponse(route.request().url(), snapshot));
  for (const pattern of ['https://id.atlassian.com/**', 'https://bitbucket.org/**'])
    await page.route(pattern, handler);
}

/** @param {import('playwright-core').BrowserContext} context */
export async function routeReplayContext(context) {
  const none = { meta: { url: 'https://invalid.invalid/' }, html: '' };
  const handler = (route) => route.fulfill(replayResponse(route.request().url(), none));
  for (const pattern of ['https://id.atlassian.com/**', 'https://bitbucket.org/**'])
    await context.route(pattern, handler);
}
