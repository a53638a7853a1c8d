// The only module that knows the sites' markup. No live markup of these pages is public
// (docs/evidence/pages.md#what-is-known), so a page is understood from several independent
// signals — scope ids, roles, label associations, group titles, the picker's descriptions —
// and never from generated class names or positions. Each signal names its evidence; what
// matched goes in "Copy a report" (signal names only, never page text).
import { type Clue, identifyAll, modernIdsIn, type Vocabulary } from '../../lib/scope-recognition';
import type { WizardView } from '../../lib/wizard-step';
import { visibleText } from './dom';

export interface SelectorEvidence {
  /** The section of docs/evidence/ the lookup rests on. */
  evidence: string;
  /** When the evidence was gathered (YYYY-MM-DD). */
  seen: string;
}

const WIZARD_TEXTS: SelectorEvidence = {
  evidence: 'docs/evidence/pages.md#api-token-wizard',
  seen: '2026-12-07',
};
const ACCESS_TOKEN_TEXTS: SelectorEvidence = {
  evidence: 'docs/evidence/pages.md#access-token-form',
  seen: '2026-12-07',
};
const FORMS: SelectorEvidence = { evidence: 'docs/evidence/pages.md#dialogs', seen: '2026-12-07' };
const ARIA_DIALOG: SelectorEvidence = { evidence: 'docs/evidence/pages.md#dialogs', seen: '2026-12-07' };

/** Records which lookups matched and which signals a page was understood by, for the report. */
export class MatchLog {
  private readonly entries = new Map<string, { matched: boolean } & SelectorEvidence>();
  readonly signals = new Set<string>();

  record<T>(name: string, evidence: SelectorEvidence, found: T): T {
    const matched = Array.isArray(found) ? found.length > 0 : found != null && found !== false;
    const before = this.entries.get(name);
    this.entries.set(name, { ...evidence, matched: matched || before?.matched === true });
    return found;
  }

  signal(...names: string[]) {
    for (const name of names) this.signals.add(name);
  }

  /** Names of lookups and signals only: nothing the page shows ever goes in the report. */
  report(featureId: string, url: URL, extra: string[] = []): string {
    return [
      'Auth Helper for Bitbucket report',
      `feature: ${featureId}`,
      `page: ${url.origin}${url.pathname}`,
      ...[...this.entries].map(
        ([name, e]) => `${e.matched ? 'matched' : 'NOT FOUND'}: ${name} (${e.evidence}; seen ${e.seen})`,
      ),
      `signals: ${[...this.signals].sort().join(' ') || 'none'}`,
      ...extra,
    ].join('\n');
  }
}

// --- What any form shows -------------------------------------------------------------------

const FIELD = 'input:not([type="hidden"]), textarea, select';
const HEADING = 'h1, h2, h3, h4, h5, h6, [role="heading"]';

/**
 * An element's text with its text nodes kept apart: `<label>View…</label><code>read:…</code>`
 * reads as two words, as it shows, not as one ("…repositoriesread:…").
 */
function textOf(element: Element | null | undefined): string {
  if (!element) return '';
  const parts: string[] = [];
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.nodeValue ?? '');
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

export function isShown(element: Element): boolean {
  return element.getClientRects().length > 0 || (element instanceof HTMLDialogElement && element.open);
}

function byIds(doc: Document, ids: string | null): string {
  return (ids ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => textOf(doc.getElementById(id)))
    .join(' ')
    .trim();
}

interface Named {
  text: string;
  /** How the text is tied to the control: `for`, `wrap`, `aria-labelledby`, `aria-label`, `adjacent`. */
  source: string;
  /** The label element, when there is one (it may hold a <code>). */
  element?: Element;
}

/** The texts that name a control, each with how it is tied to it. */
function namesOf(input: HTMLElement): Named[] {
  const doc = input.ownerDocument;
  const names: Named[] = [];
  if (input.id) {
    for (const label of doc.querySelectorAll(`label[for="${CSS.escape(input.id)}"]`)) {
      names.push({ text: textOf(label), source: 'for', element: label });
    }
  }
  const wrapping = input.closest('label');
  if (wrapping) names.push({ text: textOf(wrapping), source: 'wrap', element: wrapping });
  const labelledBy = (input.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
  for (const id of labelledBy) {
    const element = doc.getElementById(id);
    if (element) names.push({ text: textOf(element), source: 'aria-labelledby', element });
  }
  const aria = input.getAttribute('aria-label')?.trim();
  if (aria) names.push({ text: aria, source: 'aria-label' });
  if (names.length === 0) {
    // Text right beside the control, inside a parent that holds no other control.
    const parent = input.parentElement;
    if (parent && parent.querySelectorAll(FIELD).length === 1) {
      const text = textOf(parent);
      if (text) names.push({ text, source: 'adjacent', element: parent });
    }
  }
  return names.filter((n) => n.text !== '');
}

function labelText(input: HTMLElement): string {
  return namesOf(input)
    .map((n) => n.text)
    .join(' ');
}

function matchesAny(text: string, words: readonly RegExp[]): boolean {
  return words.some((w) => w.test(text));
}

function textInputs(root: ParentNode): HTMLInputElement[] {
  return [...root.querySelectorAll<HTMLInputElement>('input')].filter(
    (i) => (i.type === 'text' || i.type === '') && !i.readOnly && !i.disabled,
  );
}

// Label words of the fields the forms are documented to have (English; docs/evidence/pages.md#fields).
// Names and ids carry most of the weight.
const NAME_LABELS = [/^(token ?)?name\b/i, /^label\b/i, /^description\b/i];
const EXPIRY_LABELS = [/expir/i];
const SEARCH_LABELS = [/search/i, /filter/i];

function isSearch(input: HTMLInputElement): boolean {
  return (
    input.type === 'search' ||
    input.getAttribute('role') === 'searchbox' ||
    matchesAny(`${input.getAttribute('aria-label') ?? ''} ${input.placeholder} ${input.name}`, SEARCH_LABELS)
  );
}

/** The credential's name (or label) field. */
export function nameField(root: ParentNode): HTMLInputElement | undefined {
  const inputs = textInputs(root).filter((i) => !isSearch(i) && i.getAttribute('role') !== 'combobox');
  return (
    inputs.find((i) => i.name === 'name' || i.name === 'label' || /(^|[-_])(name|label)$/i.test(i.id)) ??
    inputs.find((i) => matchesAny(labelText(i), NAME_LABELS))
  );
}

export interface ExpiryField {
  /** The date picker's text box (Atlaskit's is a combobox input) or a native date input. */
  input: HTMLInputElement;
  /** The hidden input that holds the chosen ISO date, when the picker has one. */
  hidden?: HTMLInputElement;
}

export function expiryField(root: ParentNode): ExpiryField | undefined {
  const input = [...root.querySelectorAll<HTMLInputElement>('input')].find(
    (i) =>
      (i.type === 'text' || i.type === 'date') &&
      !isSearch(i) &&
      (/expir/i.test(i.id) || /expir/i.test(i.name) || matchesAny(labelText(i), EXPIRY_LABELS)),
  );
  if (!input) return undefined;
  const hidden = [...root.querySelectorAll<HTMLInputElement>('input[type="hidden"]')].find((h) =>
    /expir|date/i.test(h.name),
  );
  return { input, ...(hidden ? { hidden } : {}) };
}

export function searchBox(root: ParentNode): HTMLInputElement | undefined {
  return [...root.querySelectorAll<HTMLInputElement>('input')].find(isSearch);
}

/**
 * The list can be filtered (a search box, toggles, tabs, radios or a select next to it). Which
 * choice means "All" is wording, so we only say that a filter may hide rows.
 */
export function hasFilters(root: ParentNode): boolean {
  return (
    searchBox(root) !== undefined ||
    root.querySelector('[aria-pressed], [role="tab"], [role="radio"], input[type="radio"], select') !== null
  );
}

/** A spinner or busy region: rows are still on their way. */
// Atlaskit's Spinner is role=img/progressbar with a spinner test id.
const BUSY = '[aria-busy="true"], [role="progressbar"], [data-testid*="spinner" i]';

export function isBusy(root: ParentNode): boolean {
  return root.querySelector(BUSY) !== null;
}

/** The page's main region, where its own content starts. */
function mainOf(doc: Document): Element {
  return doc.querySelector('main, [role="main"]') ?? doc.body;
}

// --- Dialogs and the flow the user is in ------------------------------------------------------

/**
 * The open dialog on top, if any: the last shown outermost dialog (Atlaskit portals each modal
 * after the previous one). A dialog inside a dialog, such as a date picker's calendar, belongs
 * to its outer one.
 */
export function topmostDialog(doc: Document): Element | undefined {
  const all = [
    ...doc.querySelectorAll('[role="dialog"], [role="alertdialog"], dialog[open], [aria-modal="true"]'),
  ];
  const outermost = all.filter(
    (d) => isShown(d) && !all.some((other) => other !== d && other.contains(d) && isShown(other)),
  );
  return outermost.at(-1);
}

/** Something to fill in: a field the user can type in or a box to tick. */
function hasEditableFields(root: ParentNode): boolean {
  return [...root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].some(
    (i) =>
      !i.disabled &&
      !i.readOnly &&
      (i instanceof HTMLTextAreaElement ||
        ['text', '', 'checkbox', 'radio', 'date', 'search'].includes(i.type)),
  );
}

/** The token shown once: a read-only text field and nothing editable (its value is never read). */
function showsSecretOnce(root: ParentNode): boolean {
  return root.querySelector('input[readonly], textarea[readonly]') !== null && !hasEditableFields(root);
}

export type Placement = { anchor: Element; position: 'before' | 'after' | 'prepend' };

/**
 * Where our UI goes in a dialog or form: after its title block, above its fields, so that it is
 * inside the dialog's focus trap and above its blanket. The title block is the heading's
 * ancestor just below the part that also holds the content (fields, else the buttons).
 */
export function placementIn(root: Element): Placement {
  const heading = root.querySelector(HEADING);
  const content = root.querySelector(FIELD) ?? [...root.querySelectorAll('button')].at(-1);
  const headingFirst =
    heading && content && (heading.compareDocumentPosition(content) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  if (!heading || !content || heading.contains(content) || !headingFirst) {
    const first = root.querySelector(FIELD);
    return first && root.tagName !== 'FORM'
      ? { anchor: blockBelow(root, first), position: 'before' }
      : { anchor: root, position: 'prepend' };
  }
  let block: Element = heading;
  while (block.parentElement && block.parentElement !== root && !block.parentElement.contains(content)) {
    block = block.parentElement;
  }
  return { anchor: block, position: 'after' };
}

/** The child of `root` that holds `element`. */
function blockBelow(root: Element, element: Element): Element {
  let block = element;
  while (block.parentElement && block.parentElement !== root) block = block.parentElement;
  return block;
}

/** The page's main heading, else the top of its content: where the bar goes with no form open. */
function pageHeading(doc: Document): Element | undefined {
  const main = mainOf(doc);
  return (
    main.querySelector('h1, h2, [role="heading"][aria-level="1"]') ?? main.firstElementChild ?? undefined
  );
}

// --- Scope checkboxes ---------------------------------------------------------------------------

export interface ScopeBox {
  input: HTMLInputElement;
  /** The scope this box stands for, when every signal agrees and no other box claims it. */
  id?: string;
  /** Signals disagree, or another box claims the same scope: never ticked by us. */
  ambiguous: boolean;
  /** Which signals named the scope, e.g. `value`, `description:for`, `group:legend+label:wrap`. */
  signals: string[];
}

// Data attributes may carry the scope id; Atlaskit's Checkbox writes its testId as
// `data-testid="<testId>--hidden-checkbox"` (docs/evidence/pages.md#atlaskit-components).
const DATA_ATTRIBUTE = /^data-(?!focus|ds-)/;
const ATLASKIT_TEST_ID_SUFFIX = /--(?:hidden-checkbox|checkbox-label)$/;

/** The group a box sits in, most specific first: fieldset, ARIA group, table row, preceding heading. */
function groupsOf(input: HTMLInputElement, root: Element, headings: Element[]): Named[] {
  const doc = input.ownerDocument;
  const groups: Named[] = [];
  const legend = input.closest('fieldset')?.querySelector(':scope > legend');
  if (legend && root.contains(legend)) groups.push({ text: textOf(legend), source: 'legend' });
  const group = input.closest('[role="group"]');
  if (group && root.contains(group)) {
    const text = byIds(doc, group.getAttribute('aria-labelledby')) || group.getAttribute('aria-label') || '';
    if (text) groups.push({ text, source: 'role-group' });
  }
  const row = input.closest('tr, [role="row"]');
  const rowHeader = row?.querySelector('th, [role="rowheader"]');
  if (rowHeader && !rowHeader.contains(input)) groups.push({ text: textOf(rowHeader), source: 'row-header' });
  const heading = headings.findLast(
    (h) => !h.contains(input) && (h.compareDocumentPosition(input) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
  );
  if (heading) groups.push({ text: textOf(heading), source: 'heading' });
  return groups.filter((g) => g.text !== '');
}

/** A table cell's column header ("Read", "Write" across the top of a permissions grid). */
function columnHeader(input: HTMLInputElement): string {
  const cell = input.closest('td, [role="cell"], [role="gridcell"]');
  const row = cell?.parentElement;
  const table = cell?.closest('table, [role="table"], [role="grid"]');
  if (!cell || !row || !table) return '';
  const index = [...row.children].indexOf(cell);
  const header = [...table.querySelectorAll('tr, [role="row"]')].find((r) =>
    r.querySelector('th:not([scope="row"]), [role="columnheader"]'),
  );
  return textOf(header?.children[index]);
}

/** The box's own row: its largest ancestor inside `root` that holds no other checkbox. */
function rowOf(input: HTMLInputElement, root: Element): Element | undefined {
  let row: Element | undefined;
  for (let at = input.parentElement; at && at !== root; at = at.parentElement) {
    if (at.querySelectorAll('input[type="checkbox"]').length > 1) break;
    row = at;
  }
  return row;
}

/** Every clue a box's page gives about its scope. */
function cluesOf(input: HTMLInputElement, root: Element, headings: Element[]): Clue[] {
  const clues: Clue[] = [];
  for (const attribute of ['value', 'name', 'id'] as const) {
    const text = input.getAttribute(attribute);
    if (text && text !== 'on') clues.push({ signal: attribute, kind: 'attribute', text });
  }
  for (const { name, value } of input.attributes) {
    if (DATA_ATTRIBUTE.test(name) && value) {
      const text = value.replace(ATLASKIT_TEST_ID_SUFFIX, '');
      clues.push({ signal: 'data-attribute', kind: 'attribute', text });
    }
  }
  const names = namesOf(input);
  for (const name of names) {
    const code = name.element?.querySelector('code');
    if (code) clues.push({ signal: `label-code:${name.source}`, kind: 'code', text: textOf(code) });
    clues.push({ signal: `label:${name.source}`, kind: 'text', text: name.text });
    clues.push({ signal: `description:${name.source}`, kind: 'description', text: name.text });
  }
  const row = rowOf(input, root);
  if (row) {
    clues.push({ signal: 'row-text', kind: 'text', text: textOf(row) });
    // The description may sit beside the box rather than in its label.
    for (const part of row.querySelectorAll('span, p, div, small, code')) {
      if (part.children.length === 0 && !part.contains(input)) {
        clues.push({ signal: 'description:row', kind: 'description', text: textOf(part) });
      }
    }
  }
  const labels = [
    ...names,
    ...(columnHeader(input) ? [{ text: columnHeader(input), source: 'column' }] : []),
  ];
  for (const group of groupsOf(input, root, headings)) {
    for (const label of labels) {
      clues.push({
        signal: `group:${group.source}+label:${label.source}`,
        kind: 'group',
        text: group.text,
        label: label.text,
      });
    }
  }
  return clues;
}

/** Every checkbox under `root` with the scope it stands for, in `vocabulary`. */
export function scopeBoxes(root: Element, vocabulary: Vocabulary): ScopeBox[] {
  const inputs = [...root.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
  const headings = [...root.querySelectorAll(HEADING)];
  const identities = identifyAll(
    vocabulary,
    inputs.map((input) => cluesOf(input, root, headings)),
  );
  return inputs.map((input, i) => {
    const { id, ambiguous, signals } = identities[i] ?? { ambiguous: false, signals: [] };
    return id ? { input, id, ambiguous, signals } : { input, ambiguous, signals };
  });
}

function scrolls(element: Element): boolean {
  const { overflowY } = getComputedStyle(element);
  return (overflowY === 'auto' || overflowY === 'scroll') && element.scrollHeight > element.clientHeight + 1;
}

/**
 * The scrolling box the scope rows live in, when it has rows out of view (a virtualised list).
 * With no row rendered yet (the list starts below the fold), the first scrolling box in `root`.
 */
export function scrollerOf(boxes: readonly ScopeBox[], root: Element): HTMLElement | undefined {
  const first = boxes[0]?.input;
  if (!first)
    return [root, ...root.querySelectorAll<HTMLElement>('*')].find(scrolls) as HTMLElement | undefined;
  for (let at = first.parentElement; at && at !== root.parentElement; at = at.parentElement) {
    if (scrolls(at)) return at;
  }
  return undefined;
}

/** Elements whose whole text is one scope id (the review step lists them so). */
function listedScopeElements(root: ParentNode): Element[] {
  return [...root.querySelectorAll('code, li, dd, td, span')].filter((element) => {
    const text = visibleText(element);
    const found = modernIdsIn(text);
    return found.length === 1 && found[0] === text;
  });
}

/** The nearest element holding all of `elements`. */
function commonAncestor(elements: readonly Element[]): Element | undefined {
  let at: Element | null = elements[0] ?? null;
  while (at && !elements.every((e) => at?.contains(e))) at = at.parentElement;
  return at ?? undefined;
}

/**
 * With no dialog open, the creation form on the page itself, if there is one: the form, section
 * or region around its name field, app choices or scope boxes (React apps seldom use <form>).
 * Checkboxes without a scope clue (a list's row selection) are not a form of ours.
 */
export function inlineForm(doc: Document, vocabulary: Vocabulary): Element | undefined {
  const main = mainOf(doc);
  const signals: Element[] = [];
  const name = nameField(main);
  if (name) signals.push(name);
  const boxes = scopeBoxes(main, vocabulary).filter((b) => b.id !== undefined || b.ambiguous);
  const [first, last] = [boxes[0], boxes.at(-1)];
  if (first && last) signals.push(first.input, last.input);
  const radio = vocabulary === 'modern' ? main.querySelector('input[type="radio"]') : null;
  if (radio) signals.push(radio);
  // The wizard's review step inline: scope ids written out, nothing to tick.
  if (vocabulary === 'modern' && signals.length === 0) signals.push(...listedScopeElements(main));
  // A form we can't read at all still is one: a text field to type in beside a set of boxes. It
  // gets the note saying what to pick by hand, never silence.
  if (signals.length === 0) {
    const text = textInputs(main).find((i) => !isSearch(i));
    const boxes = main.querySelectorAll('input[type="checkbox"]');
    const [firstBox, lastBox] = [boxes[0], boxes[boxes.length - 1]];
    if (text && boxes.length >= 3 && firstBox && lastBox) signals.push(text, firstBox, lastBox);
  }
  const around = commonAncestor(signals);
  if (!around || !isShown(around)) return undefined;
  return around.closest('form, [role="form"], section, [role="region"]') ?? around;
}

/**
 * The creation form the user is in: the topmost dialog when one is open and has a name or
 * permissions to fill (a confirmation, "Access token created" and Rotate's new date have none), else a form inline on the page around a
 * name field or permission boxes (docs/evidence/pages.md#dialogs).
 */
export function creationForm(
  doc: Document,
  log: MatchLog,
  vocabulary: Vocabulary,
): { root: Element; inDialog: boolean } | undefined {
  const dialog = topmostDialog(doc);
  if (dialog) {
    // Rotate asks for a new expiry date: fields, but no name and no permissions to choose.
    const creates =
      hasEditableFields(dialog) &&
      (nameField(dialog) !== undefined ||
        [...dialog.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].some((b) => !b.disabled));
    const found = creates ? { root: dialog, inDialog: true } : undefined;
    return log.record('creation dialog: topmost open dialog with a name or permissions', ARIA_DIALOG, found);
  }
  const inline = inlineForm(doc, vocabulary);
  return log.record(
    'inline creation form (around its name field or permissions)',
    FORMS,
    inline ? { root: inline, inDialog: false } : undefined,
  );
}

// --- API-token wizard (id.atlassian.com) -------------------------------------------------------

// "Create API token with scopes", not the plain "Create API token" (unscoped: useless for git).
const WITH_SCOPES = /with scopes|scoped|mit (bereichen|scopes|berechtigungen)/i;

export const apiTokenPage = {
  /**
   * The wizard: the topmost dialog when it is one to fill in, or the review step (scope ids
   * listed beside its Back and Create buttons; a "View scopes" dialog has one button), or the
   * token shown once.
   */
  wizard(doc: Document, log: MatchLog): { root: Element; inDialog: boolean } | undefined {
    const dialog = topmostDialog(doc);
    if (dialog) {
      const ours =
        hasEditableFields(dialog) ||
        showsSecretOnce(dialog) ||
        (apiTokenPage.listedScopes(dialog).length > 0 && dialog.querySelectorAll('button').length >= 3);
      return log.record(
        'wizard: the topmost open dialog [role=dialog]',
        ARIA_DIALOG,
        ours ? { root: dialog, inDialog: true } : undefined,
      );
    }
    const inline = inlineForm(doc, 'modern');
    return log.record(
      'wizard inline on the page (around its fields)',
      WIZARD_TEXTS,
      inline ? { root: inline, inDialog: false } : undefined,
    );
  },

  /** A plain "Create API token" dialog names itself without scopes: its token is useless for git. */
  isUnscopedDialog(dialog: Element): boolean {
    const title = `${dialog.getAttribute('aria-label') ?? ''} ${visibleText(dialog.querySelector(HEADING))}`;
    return /\bapi token\b/i.test(title) && !WITH_SCOPES.test(title);
  },

  view(dialog: Element, boxes: readonly ScopeBox[]): WizardView {
    const checkboxes = dialog.querySelectorAll('input[type="checkbox"]').length;
    return {
      scopeBoxes: boxes.filter((b) => b.id !== undefined || b.ambiguous).length,
      checkboxes,
      radios: dialog.querySelectorAll('input[type="radio"]').length,
      listedScopes: checkboxes === 0 ? apiTokenPage.listedScopes(dialog).length : 0,
      nameField: nameField(dialog) !== undefined,
      expiryField: expiryField(dialog) !== undefined,
      secretShown: showsSecretOnce(dialog),
      busy: isBusy(dialog),
      filters: hasFilters(dialog),
    };
  },

  /** The app radio for `app` ("bitbucket"), by value first, then by its visible name. */
  appRadio(root: ParentNode, app: string): HTMLInputElement | undefined {
    const radios = [...root.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    return (
      radios.find((r) => r.value.toLowerCase() === app) ??
      radios.find((r) => labelText(r).toLowerCase() === app)
    );
  },

  /** Which app is chosen, when the app step is on screen. */
  chosenApp(root: ParentNode): string | undefined {
    const radio = [...root.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find((r) => r.checked);
    return radio ? labelText(radio) || radio.value : undefined;
  },

  /** Scope ids written out on the review step, each alone in its element. */
  listedScopes(root: ParentNode): string[] {
    return [...new Set(listedScopeElements(root).map((element) => visibleText(element)))];
  },

  createWithScopesButton(doc: Document, log: MatchLog): HTMLElement | undefined {
    const buttons = [...doc.querySelectorAll<HTMLElement>('button, a[role="button"], a[href]')];
    const found = buttons.find((b) => WITH_SCOPES.test(visibleText(b)));
    return log.record('"Create API token with scopes" button or link (by text)', WIZARD_TEXTS, found);
  },

  listAnchor: pageHeading,
};

// --- Access-token forms (bitbucket.org repository / project / workspace settings) -------------

const CREATE_ACCESS_TOKEN =
  /^(?:create|add|new)(?: (?:repository|project|workspace))? access token|zugriffstoken (?:erstellen|hinzufügen)/i;

export const accessTokenPage = {
  /** The "Expires on" choice (value `date`, or its label) of the Expiry radios. */
  expiryRadio(root: ParentNode): HTMLInputElement | undefined {
    const radios = [...root.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    return (
      radios.find((r) => /expir/i.test(r.name) && /^(date|expires?|on)$/i.test(r.value)) ??
      radios.find((r) => /^expires on/i.test(labelText(r)))
    );
  },

  createButton(doc: Document, log: MatchLog): HTMLElement | undefined {
    const buttons = [...doc.querySelectorAll<HTMLElement>('button, a[role="button"]')];
    const found = buttons.find((b) => CREATE_ACCESS_TOKEN.test(visibleText(b)));
    return log.record('"Create access token" button (by text)', ACCESS_TOKEN_TEXTS, found);
  },

  listAnchor: pageHeading,
};

// --- Legacy App passwords (bitbucket.org/account/settings/app-passwords/) --------------------

export const appPasswordPage = {
  /** Top of the page content, for the banner. */
  anchor(doc: Document): Element {
    return mainOf(doc);
  },
};

// --- Credential lists ---------------------------------------------------------------------
// The API-token list (id.atlassian.com), the access-token lists and the legacy App passwords
// list. Columns are found by their header words, never by position: Atlaskit's DynamicTable
// renders a real <table> with <th>s; an ARIA grid ([role=columnheader] / [role=row]) works the
// same way. Header words: docs/evidence/pages.md#credential-lists (name, created, expires, last
// accessed / last used; "Label" on the app-password list). No MatchLog here: the list features have no "Copy a report" (an unrecognised list
// is left as the site drew it), so nothing would read it.

export type ListColumn = 'name' | 'created' | 'expires' | 'lastUsed';

// Matched against the header text lower-cased, Latin diacritics dropped, from its start.
const COLUMN_WORDS: Record<ListColumn, RegExp> = {
  name: /^(?:(?:token |api token )?name|label|bezeichnung|nom|libelle|nombre|etiqueta|nome|etichetta|naam|名前|名称|ラベル|标签|이름)(?![a-z])/,
  created:
    /^(?:created|date created|creation date|erstellt|erstellungsdatum|cree|date de creation|creado|creada|fecha de creacion|criado|criada|creato|creata|data di creazione|aangemaakt|gemaakt|作成|创建|생성)(?![a-z])/,
  expires:
    /^(?:expires|expiry|expiration|expiring|lauft ab|ablaufdatum|ablauf|gultig bis|expire|date d'expiration|expira|caduca|caducidad|vence|vencimiento|fecha de caducidad|fecha de vencimiento|scade|scadenza|data di scadenza|verloopt|vervaldatum|有効期限|期限|过期|到期|만료)(?![a-z])/,
  lastUsed:
    /^(?:last used|last accessed|last access|last activity|zuletzt verwendet|zuletzt genutzt|zuletzt benutzt|letzter zugriff|letzte verwendung|derniere utilisation|dernier acces|ultimo uso|ultimo acceso|ultima utilizacion|ultimo utilizzo|ultimo accesso|laatst gebruikt|最終使用|最終アクセス|上次使用|最后使用|마지막 사용)(?![a-z])/,
};

const ROTATE_WORDS =
  /^(?:rotate|rotieren|faire pivoter|rotation|rotar|ruotare|roteren|ローテーション|轮换)\b/i;
// Atlaskit's Pagination renders <nav aria-label="pagination">.
const PAGINATION =
  'nav[aria-label*="pagination" i], [data-testid*="pagination" i], [role="navigation"][aria-label*="page" i]';
const FILTER_BOX =
  'input[type="search"], input[role="searchbox"], input[aria-label*="search" i], input[aria-label*="filter" i]';

function headerWords(element: Element): string {
  return visibleText(element)
    .toLowerCase()
    .replace(/[\u00c0-\u024f]/g, (char) => char.normalize('NFD').replace(/\p{M}/gu, ''));
}

export interface CredentialList {
  /** The <table> or ARIA table/grid element. */
  table: Element;
  /** Column index of each column the header names; `name` is always there. */
  columns: Partial<Record<ListColumn, number>> & { name: number };
  /** The page's own row elements (`tr` or `[role=row]`), header rows excluded. */
  rows(): Element[];
  /** The cells of `row` in column order: index them with `columns`. */
  cells(row: Element): ArrayLike<Element>;
}

// Rows by walking children, not the table APIs or :scope: nested tables stay out, and every DOM
// this runs on (including the unit tests' happy-dom) has `children`.
function tableRows(table: Element, section: 'head' | 'body'): Element[] {
  const rows: Element[] = [];
  for (const child of table.children) {
    const inHead = child.tagName === 'THEAD';
    if (child.tagName === 'TR') rows.push(child);
    else if ((section === 'head') === inHead && /^T(HEAD|BODY|FOOT)$/.test(child.tagName)) {
      for (const row of child.children) if (row.tagName === 'TR') rows.push(row);
    }
  }
  return rows;
}

function hasChild(row: Element, tagName: string): boolean {
  for (const cell of row.children) if (cell.tagName === tagName) return true;
  return false;
}

function headerCells(table: Element): Element[] {
  if (table.tagName === 'TABLE') {
    // All cells of the header row, so indexes match the data rows'.
    const head = [...tableRows(table, 'head'), ...tableRows(table, 'body')].find((row) =>
      hasChild(row, 'TH'),
    );
    return head ? [...head.children] : [];
  }
  return [...table.querySelectorAll('[role="columnheader"]')];
}

function mapColumns(headers: Element[]): CredentialList['columns'] | undefined {
  const found: Partial<Record<ListColumn, number>> = {};
  headers.forEach((header, index) => {
    const words = headerWords(header);
    for (const column of Object.keys(COLUMN_WORDS) as ListColumn[]) {
      if (found[column] === undefined && COLUMN_WORDS[column].test(words)) {
        found[column] = index;
        break;
      }
    }
  });
  const { name } = found;
  if (name === undefined) return undefined;
  // A name alone could be any table; a credential list shows at least one of its dates.
  if (found.created === undefined && found.expires === undefined && found.lastUsed === undefined)
    return undefined;
  return { ...found, name };
}

function rowCells(row: Element): ArrayLike<Element> {
  if (row.tagName === 'TR') return row.children;
  return row.querySelectorAll('[role="cell"], [role="gridcell"], [role="rowheader"]');
}

function findCredentialTable(doc: Document): CredentialList | undefined {
  for (const table of doc.querySelectorAll('table, [role="table"], [role="grid"], [role="treegrid"]')) {
    const columns = mapColumns(headerCells(table));
    if (!columns) continue;
    const isHtml = table.tagName === 'TABLE';
    return {
      table,
      columns,
      rows: () =>
        isHtml
          ? tableRows(table, 'body').filter((row) => hasChild(row, 'TD'))
          : [...table.querySelectorAll('[role="row"]')].filter(
              (row) => row.querySelector('[role="columnheader"]') === null,
            ),
      cells: rowCells,
    };
  }
  return undefined;
}

export const credentialLists = {
  /** The first table on the page whose headers name a credential and at least one of its dates. */
  find: findCredentialTable,

  /**
   * True when the page shows only part of the list (pages, a filter typed in, still loading):
   * nothing may then be marked revoked for being absent.
   */
  isPartial(list: CredentialList): boolean {
    if (list.table.matches(BUSY) || isBusy(list.table)) return true;
    // Pagination and filters sit next to the table inside the same wrapper, a few levels up at most.
    let container: Element | null = list.table.parentElement;
    for (let depth = 0; container && depth < 3; depth++, container = container.parentElement) {
      if (container.querySelector(PAGINATION)) return true;
      const filters = container.querySelectorAll<HTMLInputElement>(FILTER_BOX);
      if ([...filters].some((input) => input.value.trim() !== '')) return true;
      if (container.matches('main, body')) break;
    }
    return false;
  },
};

/**
 * How to reach Bitbucket's Rotate for an access-token row: its own button, or the row's "…"
 * (more actions) menu, which Atlaskit renders in a portal outside the row
 * (docs/evidence/pages.md#access-token-list). We only ever point at them, never press them.
 */
export function rotateAccess(row: Element): { rotate?: HTMLElement; menu?: HTMLElement } {
  const controls = [...row.querySelectorAll<HTMLElement>('button, a[role="button"], [role="menuitem"]')];
  const named = (c: HTMLElement) => visibleText(c) || c.getAttribute('aria-label') || '';
  const rotate = controls.find((c) => ROTATE_WORDS.test(named(c)));
  if (rotate) return { rotate };
  const menu = controls.find(
    (c) =>
      /^(true|menu)$/.test(c.getAttribute('aria-haspopup') ?? '') ||
      /^(more|actions|more actions|…|\.\.\.)$/i.test(named(c).trim()),
  );
  return menu ? { menu } : {};
}
