// The first half of a capture, run in the live page: a detached copy of the document that holds
// what the page shows rather than what its HTML said. Stylesheets become `<style>` with the rules
// the browser holds (CSS-in-JS inserts rules that never appear as text), open shadow roots become
// declarative `<template shadowrootmode="open">`, ticked boxes get their `checked` attribute.
// Input values are never read: the copy is made from attributes, and `.value` is not one.

export interface FreezeOptions {
  /** Text of stylesheets the page can't read (cross-origin), fetched by the capture, by URL. */
  sheetTexts?: Record<string, string>;
}

export interface FreezeResult {
  doc: Document;
  /** What could not be kept (stylesheets neither the page nor the capture could read). */
  notes: string[];
}

/** Marks the `<style>` elements made from stylesheets, so the capture can store big ones once. */
export const SHEET_ATTRIBUTE = 'data-capture-sheet';

interface RuleLike {
  cssText: string;
  styleSheet?: CSSStyleSheet | null;
  media?: MediaList;
}

function rulesText(sheet: CSSStyleSheet, depth = 0): string {
  const parts: string[] = [];
  for (const rule of Array.from(sheet.cssRules) as RuleLike[]) {
    // @import: its rules inline (the snapshot must fetch nothing); @font-face: fonts are fetched.
    if (rule.styleSheet && depth < 5) {
      const inner = rulesText(rule.styleSheet, depth + 1);
      const media = rule.media?.mediaText;
      parts.push(media ? `@media ${media} {\n${inner}\n}` : inner);
    } else if (!/^@font-face\b/i.test(rule.cssText)) {
      parts.push(rule.cssText);
    }
  }
  return parts.join('\n');
}

/** The rules of `sheet`, or undefined when the browser won't show them (cross-origin). */
function readSheet(sheet: CSSStyleSheet | null | undefined): string | undefined {
  if (!sheet) return undefined;
  try {
    return rulesText(sheet);
  } catch {
    return undefined;
  }
}

const isStylesheetLink = (element: Element) =>
  element.localName === 'link' && /(?:^|\s)stylesheet(?:\s|$)/i.test(element.getAttribute('rel') ?? '');

/** URLs of the stylesheets of `doc` (and its open shadow roots) whose rules the page can't read. */
export function unreadableSheets(doc: Document): string[] {
  const urls = new Set<string>();
  const visit = (root: Document | ShadowRoot) => {
    for (const element of Array.from(root.querySelectorAll('*'))) {
      if (isStylesheetLink(element)) {
        const sheet = (element as HTMLLinkElement).sheet;
        const href = (element as HTMLLinkElement).href;
        if (href && readSheet(sheet) === undefined) urls.add(href);
      }
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  visit(doc);
  return [...urls];
}

function styleElement(out: Document, text: string, media: string | null): HTMLStyleElement {
  const style = out.createElement('style');
  style.setAttribute(SHEET_ATTRIBUTE, '');
  if (media) style.setAttribute('media', media);
  style.textContent = text;
  return style;
}

/** A detached copy of `live` (see the file comment). The live document is not changed. */
export function freezeDocument(live: Document, options: FreezeOptions = {}): FreezeResult {
  const out = live.implementation.createHTMLDocument('');
  const notes: string[] = [];

  const adopted = (root: Document | ShadowRoot): HTMLStyleElement[] => {
    const sheets = (root as { adoptedStyleSheets?: CSSStyleSheet[] }).adoptedStyleSheets ?? [];
    return sheets.flatMap((sheet) => {
      const text = readSheet(sheet);
      return text === undefined ? [] : [styleElement(out, text, null)];
    });
  };

  const copy = (node: Node): Node | null => {
    if (node.nodeType !== 1) return node.nodeType === 3 || node.nodeType === 8 ? out.importNode(node) : null;
    const element = node as Element;
    if (element.localName === 'style' || isStylesheetLink(element)) {
      const sheet = (element as HTMLStyleElement | HTMLLinkElement).sheet;
      if (sheet?.disabled) return null;
      const href = isStylesheetLink(element) ? (element as HTMLLinkElement).href : undefined;
      const text = readSheet(sheet) ?? (href ? options.sheetTexts?.[href] : undefined);
      if (text === undefined) {
        // An inline <style> the browser hasn't parsed (e.g. inside a <template>): its own text.
        if (element.localName === 'style') return styleElement(out, element.textContent ?? '', null);
        notes.push(`stylesheet not kept (unreadable): ${href ?? '(no href)'}`);
        return null;
      }
      return styleElement(out, text, element.getAttribute('media'));
    }
    const clone = out.importNode(element, false) as Element;
    if (element.localName === 'input') {
      const input = element as HTMLInputElement;
      const type = (input.getAttribute('type') ?? '').toLowerCase();
      // What the user sees ticked, whatever the markup said at first (React sets the property).
      if (type === 'checkbox' || type === 'radio') {
        if (input.checked) clone.setAttribute('checked', '');
        else clone.removeAttribute('checked');
      }
    }
    const shadow = element.shadowRoot;
    if (shadow) {
      const template = out.createElement('template');
      template.setAttribute('shadowrootmode', 'open');
      if (shadow.delegatesFocus) template.setAttribute('shadowrootdelegatesfocus', '');
      template.content.append(...adopted(shadow));
      for (const child of Array.from(shadow.childNodes)) {
        const copied = copy(child);
        if (copied) template.content.append(copied);
      }
      clone.append(template);
    }
    if (element.localName === 'template') {
      const target = (clone as HTMLTemplateElement).content;
      for (const child of Array.from((element as HTMLTemplateElement).content.childNodes)) {
        const copied = copy(child);
        if (copied) target.append(copied);
      }
    }
    for (const child of Array.from(element.childNodes)) {
      const copied = copy(child);
      if (copied) clone.append(copied);
    }
    return clone;
  };

  const html = out.documentElement;
  for (const { name, value } of Array.from(live.documentElement.attributes)) html.setAttribute(name, value);
  html.replaceChildren();
  for (const child of Array.from(live.documentElement.childNodes)) {
    const copied = copy(child);
    if (copied) html.append(copied);
  }
  const head = out.head ?? html.insertBefore(out.createElement('head'), html.firstChild);
  head.append(...adopted(live));
  return { doc: out, notes };
}
