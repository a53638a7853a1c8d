// What scripts/capture/run.mjs evaluates in the captured page (bundled by esbuild into one
// expression): the page is copied, sanitised and serialised inside the browser, so nothing
// unsanitised ever reaches the capture's process or the disk.
import { freezeDocument, unreadableSheets } from './freeze';
import { collectListNames, type SanitizeReport, sanitizeDocument, serializeDocument } from './sanitize';
import { type KnownData, StandIns } from './stand-ins';

export interface PageFacts {
  /** The page's URL with user data replaced, as the replay serves it. */
  url: string;
  title: string;
  lang: string;
  /** Open dialogs the user can see. */
  dialogs: number;
  /** The accessible name of the topmost one, with user data replaced. */
  dialogTitle?: string;
}

export interface CaptureResult {
  html: string;
  facts: PageFacts;
  report: SanitizeReport;
  notes: string[];
}

const DIALOGS = '[role="dialog"], [role="alertdialog"], dialog[open]';

function isShown(element: Element): boolean {
  return element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden';
}

function accessibleName(element: Element): string {
  const labelledBy = element.getAttribute('aria-labelledby');
  const byIds = labelledBy
    ?.split(/\s+/)
    .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
    .join(' ')
    .trim();
  return (
    byIds ||
    element.getAttribute('aria-label')?.trim() ||
    element.querySelector('h1, h2, h3, [role="heading"]')?.textContent?.trim() ||
    ''
  );
}

export function listUnreadableSheets(): string[] {
  return unreadableSheets(document);
}

export function describePage(known: KnownData = {}): PageFacts {
  const lang = document.documentElement.lang || 'en';
  const scrubber = new StandIns(known, lang.slice(0, 2));
  scrubber.addTokenNames(collectListNames(document));
  const dialogs = Array.from(document.querySelectorAll(DIALOGS)).filter(isShown);
  const top = dialogs.at(-1);
  return {
    url: scrubber.scrub(location.href.replace(/#.*$/, '')),
    title: scrubber.scrub(document.title),
    lang,
    dialogs: dialogs.length,
    ...(top ? { dialogTitle: scrubber.scrub(accessibleName(top)) } : {}),
  };
}

export function capturePage(options: {
  known?: KnownData;
  sheetTexts?: Record<string, string>;
}): CaptureResult {
  const facts = describePage(options.known);
  const { doc, notes } = freezeDocument(document, { sheetTexts: options.sheetTexts ?? {} });
  const report = sanitizeDocument(doc, { known: options.known ?? {}, lang: facts.lang });
  return { html: serializeDocument(doc), facts, report, notes };
}
