// The capture kit's sanitiser: turns a detached copy of a page (see freeze.ts) into something
// safe to commit. Pure over the Document it is given: no network, no clock, no globals, so it
// runs the same in the page (bundled by scripts/capture/run.mjs) and in happy-dom (the unit tests).
// What it removes and replaces is listed in docs/capture.md#what-the-sanitiser-replaces.
import { findLeaks, type KnownData, type StandInKind, StandIns } from './stand-ins';

export interface SanitizeOptions {
  known?: KnownData;
  /** The page's language, for month names that several languages share; default the `<html lang>`. */
  lang?: string;
}

export interface SanitizeReport {
  replaced: Record<StandInKind, number>;
  removed: {
    elements: number;
    handlers: number;
    urls: number;
    values: number;
    media: number;
    attributes: number;
    ours: number;
  };
  /** Rows whose name the list's name column gave (token names replaced). */
  rows: number;
  /** Known strings, e-mails or secrets still present after sanitising: must be empty. */
  leaks: string[];
}

const REMOVED_ELEMENTS = 'script, noscript, base, link, object, embed, applet, frame, frameset, portal';
const KEPT_META = /^(?:viewport|color-scheme)$/i;
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'cite', 'data']);
const DROPPED_ATTRIBUTES = new Set([
  'nonce',
  'integrity',
  'ping',
  'srcset',
  'imagesrcset',
  'imagesizes',
  'sizes',
  'poster',
  'background',
  'srcdoc',
  'lowsrc',
  'longdesc',
  'dynsrc',
  'codebase',
  'archive',
  'manifest',
  // Lazy-loading sources: fetched later by the page's scripts, and avatars hide here too.
  'data-src',
  'data-srcset',
  'data-original',
  'data-lazy-src',
]);
// Avatar addresses anywhere (a gravatar URL carries a hash of the e-mail).
const AVATAR_URL = /(?:https?:)?\/\/[^\s"'()]*avatar[^\s"'()]*/gi;
// Attribute names that may carry a session or a secret (data-csrf-token, data-session-id …).
const SECRET_ATTRIBUTE =
  /csrf|xsrf|nonce|secret|session|passw|credential|auth-?token|access-?token|api-?key/i;
const SECRET_QUERY = /([?&])(?:csrf|xsrf|token|session|sig|signature|auth)[^=&#]*=[^&#]*/gi;
const DANGEROUS_URL = /^\s*(?:javascript|vbscript|data\s*:\s*text\/html)/i;
// Input types whose `value` is the user's: everything but boxes (scope ids) and buttons (labels).
const KEEP_VALUE_TYPES = new Set(['checkbox', 'radio', 'submit', 'button', 'reset', 'image']);
/** An empty SVG: keeps an image's box where the page sized it, fetches nothing. */
export const IMAGE_PLACEHOLDER = "data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'/%3E";
const CSS_URL = /url\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^)'"\s]*))\s*\)/gi;
const NAME_HEADER =
  /^(?:(?:token|app password|access token)\s+)?(?:name|label|description|bezeichnung|nom|libellé)\b/i;
const NOT_A_NAME = /^(?:—|-|–|never|nie|jamais|no expiry|kein ablaufdatum)$/i;
const UI_WORDS =
  /\b(?:profile|settings|account|menu|avatar|help|notifications?|your|switch|log ?out|sign ?out|create|app|apps)\b/i;

/** Stylesheet text made inert: no fonts, no imports, no fetched images (data: URLs stay). */
export function sanitizeCss(css: string): string {
  return css
    .replace(/@font-face\s*\{[^}]*\}/gi, '')
    .replace(/@import\s+[^;]+;/gi, '')
    .replace(CSS_URL, (whole, double?: string, single?: string, bare?: string) => {
      const target = (double ?? single ?? bare ?? '').trim();
      return /^data:/i.test(target) ? whole : 'url("data:,")';
    });
}

/** The document and every template's content (declarative shadow roots included), deepest last. */
function allRoots(doc: Document): ParentNode[] {
  const roots: ParentNode[] = [doc];
  for (let i = 0; i < roots.length; i++) {
    for (const template of roots[i]?.querySelectorAll('template') ?? []) {
      roots.push((template as HTMLTemplateElement).content);
    }
  }
  return roots;
}

function firstText(element: Element): string {
  const stack: Node[] = [element];
  while (stack.length > 0) {
    const node = stack.shift() as Node;
    if (node.nodeType === 3) {
      const text = (node.textContent ?? '').trim();
      if (text) return text;
    } else if (node.nodeType === 1 && !(node as Element).localName.startsWith('bbah-')) {
      stack.unshift(...Array.from(node.childNodes));
    }
  }
  return '';
}

const isHeaderRow = (row: Element) => row.querySelector('th, [role="columnheader"]') !== null;

function cellsOf(row: Element): Element[] {
  const direct = Array.from(row.children).filter(
    (cell) =>
      /^t[dh]$/.test(cell.localName) ||
      /^(?:cell|gridcell|rowheader|columnheader)$/.test(cell.getAttribute('role') ?? ''),
  );
  if (direct.length > 0) return direct;
  return Array.from(row.querySelectorAll('[role="cell"], [role="gridcell"], [role="rowheader"]'));
}

/** The names shown in each list's name column ("Name", "Label" …, else the first column). */
export function collectListNames(root: ParentNode): string[] {
  const names: string[] = [];
  for (const table of root.querySelectorAll('table, [role="table"], [role="grid"], [role="treegrid"]')) {
    const rows = Array.from(table.querySelectorAll('tr, [role="row"]')).filter(
      (row) => row.closest('table, [role="table"], [role="grid"], [role="treegrid"]') === table,
    );
    const header = rows.find(isHeaderRow);
    const headers = header ? cellsOf(header).map((cell) => (cell.textContent ?? '').trim()) : [];
    const column = Math.max(
      0,
      headers.findIndex((text) => NAME_HEADER.test(text)),
    );
    for (const row of rows) {
      if (row === header || isHeaderRow(row)) continue;
      const cell = cellsOf(row)[column];
      const name = cell ? firstText(cell) : '';
      if (name && name.length <= 120 && !NOT_A_NAME.test(name)) names.push(name);
    }
  }
  return names;
}

/** Names next to avatars (alt, aria-label, title) that look like a person's, not like UI text. */
export function collectAvatarNames(root: ParentNode): string[] {
  const names = new Set<string>();
  const person = /^[\p{Lu}][\p{L}'’.-]*(?:\s+[\p{L}'’.-]+){0,3}$/u;
  for (const element of root.querySelectorAll('[class*="avatar" i], [data-testid*="avatar" i]')) {
    for (const labelled of [element, ...Array.from(element.querySelectorAll('img, [aria-label], [title]'))]) {
      for (const attribute of ['alt', 'aria-label', 'title']) {
        const value = labelled.getAttribute(attribute)?.trim();
        if (value && person.test(value) && !UI_WORDS.test(value)) names.add(value);
      }
    }
  }
  return [...names];
}

/**
 * Sanitises `doc` in place (see the file comment) and reports what it did. `doc` is a detached
 * copy: never the live page, whose scripts would notice.
 */
export function sanitizeDocument(doc: Document, options: SanitizeOptions = {}): SanitizeReport {
  const lang = options.lang ?? (doc.documentElement.getAttribute('lang') || 'en');
  const standIns = new StandIns(options.known ?? {}, lang.toLowerCase().slice(0, 2));
  const removed = { elements: 0, handlers: 0, urls: 0, values: 0, media: 0, attributes: 0, ours: 0 };
  let rows = 0;

  const roots = allRoots(doc);
  for (const root of roots) {
    const names = collectListNames(root);
    rows += names.length;
    standIns.addTokenNames(names);
    standIns.addPeople(collectAvatarNames(root));
  }

  for (const root of roots) {
    for (const element of Array.from(root.querySelectorAll('*'))) {
      if (element.localName.startsWith('bbah-')) {
        element.remove();
        removed.ours++;
      } else if (
        element.matches(REMOVED_ELEMENTS) ||
        (element.localName === 'meta' &&
          !element.hasAttribute('charset') &&
          !KEPT_META.test(element.getAttribute('name') ?? ''))
      ) {
        element.remove();
        removed.elements++;
      }
    }
  }

  const scrubAttributes = (element: Element) => {
    const tag = element.localName;
    for (const { name, value } of Array.from(element.attributes)) {
      const lower = name.toLowerCase();
      if (lower.startsWith('on')) {
        element.removeAttribute(name);
        removed.handlers++;
      } else if (lower.startsWith('data-bbah') || lower === 'data-credential-status') {
        element.removeAttribute(name);
        removed.ours++;
      } else if (DROPPED_ATTRIBUTES.has(lower) || SECRET_ATTRIBUTE.test(lower)) {
        element.removeAttribute(name);
        removed.attributes++;
      } else if (URL_ATTRIBUTES.has(lower) && DANGEROUS_URL.test(value)) {
        element.removeAttribute(name);
        removed.urls++;
      } else if (lower === 'style') {
        element.setAttribute(name, standIns.scrub(sanitizeCss(value)));
      } else if (lower !== 'class') {
        const scrubbed = (URL_ATTRIBUTES.has(lower) ? value.replace(SECRET_QUERY, '$1') : value).replace(
          AVATAR_URL,
          IMAGE_PLACEHOLDER,
        );
        const next = standIns.scrub(scrubbed);
        if (next !== value) element.setAttribute(name, next);
      }
    }
    // Fetched media: images keep their box with an empty placeholder, the rest loses its source.
    if (tag === 'img' || (tag === 'input' && element.getAttribute('type')?.toLowerCase() === 'image')) {
      if (element.hasAttribute('src')) {
        element.setAttribute('src', IMAGE_PLACEHOLDER);
        removed.media++;
      }
    } else if (/^(?:iframe|video|audio|source|track)$/.test(tag)) {
      if (element.hasAttribute('src')) {
        element.removeAttribute('src');
        removed.media++;
      }
    } else if (tag === 'image' || (tag === 'use' && !/^#/.test(element.getAttribute('href') ?? '#'))) {
      for (const attribute of ['href', 'xlink:href']) {
        if (element.hasAttribute(attribute)) {
          element.removeAttribute(attribute);
          removed.media++;
        }
      }
    }
  };

  const scrubFormState = (element: Element) => {
    const tag = element.localName;
    if (tag === 'input') {
      const type = (element.getAttribute('type') ?? 'text').toLowerCase();
      if (!KEEP_VALUE_TYPES.has(type) && element.hasAttribute('value')) {
        element.removeAttribute('value');
        removed.values++;
      }
    } else if (tag === 'textarea') {
      if (element.textContent !== '') removed.values++;
      element.textContent = '';
    } else if (tag === 'option' && element.hasAttribute('selected')) {
      element.removeAttribute('selected');
      removed.values++;
    } else if (
      element.hasAttribute('contenteditable') &&
      element.getAttribute('contenteditable')?.toLowerCase() !== 'false'
    ) {
      if (element.textContent !== '') removed.values++;
      element.textContent = '';
    }
  };

  const visit = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 8) {
        child.remove();
      } else if (child.nodeType === 3) {
        const parent = (child.parentNode as Element | null)?.localName;
        const text = child.textContent ?? '';
        // Stylesheets too: a slug or an e-mail can hide in a selector or a `content:` string.
        const next = standIns.scrub(parent === 'style' ? sanitizeCss(text) : text);
        if (next !== text) child.textContent = next;
      } else if (child.nodeType === 1) {
        const element = child as Element;
        scrubAttributes(element);
        scrubFormState(element);
        if (element.localName === 'template') visit((element as HTMLTemplateElement).content);
        visit(element);
      }
    }
  };
  scrubAttributes(doc.documentElement);
  visit(doc.documentElement);

  const html = serializeDocument(doc);
  return {
    replaced: { ...standIns.counts },
    removed,
    rows,
    leaks: findLeaks(html, options.known ?? {}, standIns.tokenNames),
  };
}

export function serializeDocument(doc: Document): string {
  return `<!DOCTYPE html>\n${doc.documentElement.outerHTML}\n`;
}
