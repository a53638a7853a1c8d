// The popup's keyboard shortcut as the browser has it bound now (the user may have changed or
// removed it), and where to change it (docs/evidence/browsers.md#commands).
import { browser } from 'wxt/browser';

/** MV3 (Chrome, Edge) and MV2 (Firefox) names of the command that opens the popup. */
const POPUP_COMMANDS = new Set(['_execute_action', '_execute_browser_action']);

export interface PopupShortcut {
  /** The binding ('Alt+Shift+G'), or '' when none is set. */
  shortcut: string;
  /** Opens the browser's shortcut settings. */
  change(): Promise<void>;
}

export async function popupShortcut(): Promise<PopupShortcut | undefined> {
  try {
    const commands = await browser.commands.getAll();
    const command = commands.find((c) => c.name !== undefined && POPUP_COMMANDS.has(c.name));
    if (!command) return undefined;
    return { shortcut: command.shortcut ?? '', change: openShortcutSettings };
  } catch {
    return undefined;
  }
}

// Firefox 137+ opens its own page (about:addons cannot be opened by an extension); Chrome and
// Edge let an extension open their shortcuts page in a tab.
async function openShortcutSettings(): Promise<void> {
  const commands = browser.commands as typeof browser.commands & {
    openShortcutSettings?: () => Promise<void>;
  };
  if (typeof commands.openShortcutSettings === 'function') return commands.openShortcutSettings();
  const edge = navigator.userAgent.includes(' Edg/');
  await browser.tabs.create({ url: edge ? 'edge://extensions/shortcuts' : 'chrome://extensions/shortcuts' });
}
