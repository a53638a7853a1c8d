// The first run: a new user gets the options page at "Start here". Not on an update (they know
// the extension), and not where an organisation force-installed it: every employee would get
// the tab at the next browser start. management.getSelf needs no "management" permission in
// Chrome or Firefox (docs/evidence/browsers.md#management-getself).
import { browser } from 'wxt/browser';
import { START_HERE_HASH } from '../../lib/extension-pages';

export async function openStartHere(details: { reason: string }): Promise<boolean> {
  if (details.reason !== 'install') return false;
  try {
    const self = await browser.management.getSelf();
    if (self.installType === 'admin') return false;
  } catch (error) {
    // Unknown install type: a welcome tab too many is better than a new user left guessing.
    console.info('[bbah:first-run] management.getSelf failed', error);
  }
  try {
    await browser.tabs.create({ url: `${browser.runtime.getURL('/options.html')}${START_HERE_HASH}` });
    return true;
  } catch (error) {
    console.warn('[bbah:first-run] could not open the options page', error);
    return false;
  }
}
