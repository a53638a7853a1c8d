// Who sends a message, as the browser would tell the background (runtime.MessageSender): WXT's
// fake browser hands every listener an empty sender, which the background rightly refuses.
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Sender } from '../../platform/background/message-handler';

const ID = 'test-extension-id';

/** An extension page: the popup (also when opened as a tab) or the options page. */
export function extensionPage(path: '/popup.html' | '/options.html' | string, tab = false): Sender {
  const url = `chrome-extension://${ID}${path}`;
  return tab ? { id: ID, url, tab: { id: 41, url } } : { id: ID, url };
}

/** A content script in a tab showing `url`. */
export function contentScript(url: string | URL): Sender {
  return { id: ID, url: String(url), tab: { id: 42, url: String(url) } };
}

export const OPTIONS_PAGE = extensionPage('/options.html');
export const POPUP = extensionPage('/popup.html');

type BrowserSender = Parameters<typeof fakeBrowser.runtime.onMessage.trigger>[1];

/** From now on, `browser.runtime.sendMessage` in the code under test arrives from `sender`. */
export function sendMessagesAs(sender: Sender): void {
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((message: unknown) =>
    sendFrom(sender, message),
  );
}

/** One message from `sender`, answered as `browser.runtime.sendMessage` would. */
export async function sendFrom(sender: Sender, message: unknown): Promise<unknown> {
  // The parts of a sender the background reads are all here; the rest of a Tab it ignores.
  const answers = await fakeBrowser.runtime.onMessage.trigger(message, sender as BrowserSender);
  return answers.find(Boolean);
}
