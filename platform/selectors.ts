// The only module that knows the sites' markup. Every lookup prefers what survives redesigns and
// translations — scope ids, input names and values, roles, label text — over structure, and never
// uses generated class names. Each lookup names the evidence it rests on and when that was seen;
// "Copy a report" lists which matched, so a broken one can be found from a user's paste.
//
// Evidence levels: the API-token wizard's texts and steps are documented (bitbucket-facts.md §4
// [H]) but no live markup is known; access-token form texts [H], markup unknown; the legacy
// app-password form's `#id_name` and visible scope ids were seen in 2020–21 pages. Where markup is
// unknown the lookups accept several plausible shapes (tests/fixtures variants) and the README
// lists what to check on the live pages.
import { isClassicScope } from '../lib/scopes';
import { visibleText } from './dom';

export interface SelectorEvidence {
  evidence: string;
  /** When the evidence was gathered (YYYY-MM-DD). */
  seen: string;
}

const FACTS_TEXTS: SelectorEvidence = {
  evidence: 'bitbucket-facts.md §4 texts [H]; markup assumed',
  seen: '2026-11-26',
};
const SCOPE_IDS: SelectorEvidence = {
  evidence: 'scope ids are documented API values [H]',
  seen: '2026-11-26',
};
const DJANGO_FORM: SelectorEvidence = {
  evidence: 'legacy form #id_name, visible scope ids (2020–21 pages)',
  seen: '2021-03-01',
};
const ARIA: SelectorEvidence = {
  evidence: 'Atlaskit renders dialogs as role=dialog (design system docs)',
  seen: '2026-11-26',
};

/** Records which lookups matched on this page, for the "Copy a report" text. */
export class MatchLog {
  private readonly entries = new Map<string, { matched: boolean } & SelectorEvidence>();
  record<T>(name: string, evidence: SelectorEvidence, found: T): T {
    const matched = Array.isArray(found) ? found.length > 0 : found != null && found !== false;
    const before = this.entries.get(name);
    this.entries.set(name, { ...evidence, matched: matched || before?.matched === true });
    return found;
  }
  report(featureId: string, url: URL, extra: string[] = []): string {
    const lines = [
      `Bitbucket Auth Helper report`,
      `feature: ${featureId}`,
      `page: ${url.origin}${url.pathname}`,
      ...[...this.entries].map(
        ([name, e]) => `${e.matched ? 'matched' : 'NOT FOUND'}: ${name} (${e.evidence}; seen ${e.seen})`,
      ),
      ...extra,
    ];
    return lines.join('\n');
  }
}

const MODERN_SCOPE_TEXT = /\b(?:read|write|admin|delete):[a-z][a-z-]*:bitbucket\b|\bread:(?:account|me)\b/;
const ANY_APP_SCOPE = /^(?:read|write|admin|delete|manage):[a-z][a-z.-]*(?::[a-z-]+)?$/;

function labelText(input: HTMLInputElement): string {
  const labels = input.labels ? [...input.labels] : [];
  const aria = input.getAttribute('aria-label') ?? '';
  const labelledBy = (input.getAttribute('aria-labelledby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => visibleText(input.ownerDocument.getElementById(id)));
  return [...labels.map((l) => visibleText(l)), aria, ...labelledBy].join(' ').trim();
}

function matchesAny(text: string, words: readonly RegExp[]): boolean {
  return words.some((w) => w.test(text));
}

function dialogs(doc: Document): Element[] {
  return [...doc.querySelectorAll('[role="dialog"], dialog[open]')];
}

function textInputs(root: ParentNode): HTMLInputElement[] {
  return [...root.querySelectorAll<HTMLInputElement>('input')].filter(
    (i) => (i.type === 'text' || i.type === '') && !i.readOnly && !i.disabled,
  );
}

// Label words in the languages the sites ship; the names and ids carry most of the weight.
const NAME_LABELS = [
  /^(token ?)?name\b/i,
  /^label\b/i,
  /^description\b/i,
  /^bezeichnung/i,
  /^nom\b/i,
  /^nombre\b/i,
];
const EXPIRY_LABELS = [/expir/i, /ablauf/i, /läuft/i, /caducidad/i];
const SEARCH_LABELS = [/search/i, /such/i, /recherch/i, /buscar/i, /filter/i];

// Lookups both sites' forms share. Plain functions, not members of a page object, so that each
// content script bundles only the page objects it uses (an object literal is kept whole).

function nameField(root: ParentNode): HTMLInputElement | undefined {
  const inputs = textInputs(root).filter((i) => !isSearch(i) && i.getAttribute('role') !== 'combobox');
  return (
    inputs.find((i) => i.name === 'name' || /(^|[-_])name$/i.test(i.id)) ??
    inputs.find((i) => matchesAny(labelText(i), NAME_LABELS))
  );
}

/** The date picker's text box, and the hidden input that holds the chosen ISO date. */
function expiryField(root: ParentNode): { input: HTMLInputElement; hidden?: HTMLInputElement } | undefined {
  const input = [...root.querySelectorAll<HTMLInputElement>('input')].find(
    // A text box (Atlaskit's picker is a combobox input), never the "Expires on" radio beside it.
    (i) =>
      (i.type === 'text' || i.type === 'date') &&
      !isSearch(i) &&
      (/expir/i.test(i.id) || matchesAny(labelText(i), EXPIRY_LABELS)),
  );
  if (!input) return undefined;
  const hidden = [...root.querySelectorAll<HTMLInputElement>('input[type="hidden"]')].find((h) =>
    /expir|date/i.test(h.name),
  );
  return { input, ...(hidden ? { hidden } : {}) };
}

/** The page's main heading, else the top of its content. */
function pageHeading(doc: Document): Element | undefined {
  const main = doc.querySelector('main') ?? doc.body;
  return main.querySelector('h1, h2') ?? main.firstElementChild ?? undefined;
}

// --- API-token wizard (id.atlassian.com) ---------------------------------------------------

export const apiTokenPage = {
  /** The open "Create API token with scopes" wizard: a dialog holding its steps. */
  wizard(doc: Document, log: MatchLog): Element | undefined {
    const found = dialogs(doc).find(
      (d) =>
        apiTokenPage.appStepShown(d) ||
        scopeCheckboxes(d).some((c) => c.id !== undefined) ||
        nameField(d) !== undefined ||
        apiTokenPage.reviewScopes(d).length > 0 ||
        apiTokenPage.tokenShownOnce(d),
    );
    return log.record('api-token wizard dialog [role=dialog]', ARIA, found);
  },

  nameInput: nameField,
  expiry: expiryField,

  /** The app radio for `app` ("bitbucket"), by value first, then by its visible name. */
  appRadio(root: ParentNode, app: string): HTMLInputElement | undefined {
    const radios = [...root.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    return (
      radios.find((r) => r.value.toLowerCase() === app) ??
      radios.find((r) => labelText(r).toLowerCase() === app)
    );
  },

  /** The app step is on screen: it is the wizard's only step with radio buttons. */
  appStepShown(root: ParentNode): boolean {
    return hasElement(root, 'input[type="radio"]');
  },

  /** Which app is chosen, when the app step is on screen. */
  chosenApp(root: ParentNode): string | undefined {
    const radio = [...root.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find((r) => r.checked);
    return radio ? labelText(radio) || radio.value : undefined;
  },

  /** Scope ids listed on the review step (no checkboxes there). */
  reviewScopes(root: ParentNode): string[] {
    const codes = [...root.querySelectorAll('code, li')].map((c) => visibleText(c));
    return [
      ...new Set(codes.filter((t) => MODERN_SCOPE_TEXT.test(t) && MODERN_SCOPE_TEXT.exec(t)?.[0] === t)),
    ];
  },

  /** The "token shown once" screen: a read-only text field (its value is never read). */
  tokenShownOnce(root: ParentNode): boolean {
    return hasElement(root, 'input[readonly], textarea[readonly]');
  },

  searchBox(root: ParentNode): HTMLInputElement | undefined {
    return [...root.querySelectorAll<HTMLInputElement>('input')].find(isSearch);
  },

  /** "Create API token with scopes", not the plain "Create API token" (unscoped: useless for git). */
  createWithScopesButton(doc: Document, log: MatchLog): HTMLElement | undefined {
    const buttons = [...doc.querySelectorAll<HTMLElement>('button, a[role="button"]')];
    const found = buttons.find((b) =>
      /with scopes|scoped|mit (bereichen|scopes|berechtigungen)/i.test(visibleText(b)),
    );
    return log.record('"Create API token with scopes" button (by text)', FACTS_TEXTS, found);
  },

  /** Where the bar goes on the list page: under the page's main heading. */
  listAnchor: pageHeading,
};

function hasElement(root: ParentNode, selector: string): boolean {
  return root.querySelector(selector) !== null;
}

function isSearch(input: HTMLInputElement): boolean {
  return (
    input.type === 'search' ||
    input.getAttribute('role') === 'searchbox' ||
    matchesAny(`${input.getAttribute('aria-label') ?? ''} ${input.placeholder} ${input.name}`, SEARCH_LABELS)
  );
}

export interface ScopeBox {
  input: HTMLInputElement;
  /** The scope id this box stands for, or undefined when it can't be told with confidence. */
  id?: string;
}

/** Every checkbox under `root` with the scope id it carries: value, name, then its own label text. */
export function scopeCheckboxes(root: ParentNode): ScopeBox[] {
  return [...root.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].map((input) => {
    for (const candidate of [input.value, input.name]) {
      if (MODERN_SCOPE_TEXT.exec(candidate)?.[0] === candidate || ANY_APP_SCOPE.test(candidate)) {
        return { input, id: candidate };
      }
      if (isClassicScope(candidate)) return { input, id: candidate };
    }
    const label = input.labels?.[0];
    const code = label?.querySelector('code');
    const text = visibleText(code ?? label);
    const modern = MODERN_SCOPE_TEXT.exec(text)?.[0];
    if (modern) return { input, id: modern };
    if (code && isClassicScope(text)) return { input, id: text };
    return { input };
  });
}

export function logScopes(log: MatchLog, boxes: ScopeBox[]): ScopeBox[] {
  return log.record(
    'scope checkboxes by id (value, name or <code>)',
    SCOPE_IDS,
    boxes.filter((b) => b.id),
  );
}

// --- Access-token forms (bitbucket.org repository / project / workspace settings) -----------

// English group and box names of the access-token form (facts §4 [H]), used only when a box
// carries no scope id of its own.
const CLASSIC_BY_LABEL: Record<string, Record<string, string>> = {
  repositories: {
    read: 'repository',
    write: 'repository:write',
    admin: 'repository:admin',
    delete: 'repository:delete',
  },
  'pull requests': { read: 'pullrequest', write: 'pullrequest:write' },
  webhooks: { 'read and write': 'webhook' },
  pipelines: { read: 'pipeline', write: 'pipeline:write', 'edit variables': 'pipeline:variable' },
  runners: { read: 'runner', write: 'runner:write' },
  projects: { read: 'project', admin: 'project:admin' },
};

export const accessTokenPage = {
  /** The creation form: the dialog or form holding classic scope checkboxes and a name field. */
  form(doc: Document, log: MatchLog): Element | undefined {
    const roots = [...dialogs(doc), ...doc.querySelectorAll('form')];
    const found = roots.find((r) => accessTokenPage.scopes(r).some((b) => b.id !== undefined));
    return log.record('access-token form (dialog or form with permission checkboxes)', FACTS_TEXTS, found);
  },

  scopes(root: ParentNode): ScopeBox[] {
    return scopeCheckboxes(root).map((box) => {
      if (box.id) return box;
      const group = visibleText(box.input.closest('fieldset')?.querySelector('legend')).toLowerCase();
      const id = CLASSIC_BY_LABEL[group]?.[labelText(box.input).toLowerCase()];
      return id ? { input: box.input, id } : box;
    });
  },

  nameInput: nameField,

  /** The "Expires on" radio (value `date`, or its label), and the date picker next to it. */
  expiryRadio(root: ParentNode): HTMLInputElement | undefined {
    const radios = [...root.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    return (
      radios.find((r) => /expir/i.test(r.name) && r.value === 'date') ??
      radios.find((r) => /^expires on|^läuft ab am|^ablaufdatum/i.test(labelText(r)))
    );
  },

  expiry: expiryField,

  /** Where a note goes when the form is on screen: its first heading, else its top. */
  anchor(form: Element): Element {
    return form.querySelector('h1, h2, h3, header') ?? form;
  },

  /** "Create access token" on the list page (facts §4 [H] text; German wording assumed). */
  createButton(doc: Document, log: MatchLog): HTMLElement | undefined {
    const buttons = [...doc.querySelectorAll<HTMLElement>('button, a[role="button"]')];
    const found = buttons.find((b) =>
      /^(create|add|new) access token|zugriffstoken (erstellen|hinzufügen)/i.test(visibleText(b)),
    );
    return log.record('"Create access token" button (by text)', FACTS_TEXTS, found);
  },

  /** The list page's top, for the bar before the form is opened. */
  listAnchor: pageHeading,
};

// --- Legacy App passwords (bitbucket.org/account/settings/app-passwords/) ------------------

export const appPasswordPage = {
  form(doc: Document, log: MatchLog): HTMLFormElement | undefined {
    const label = doc.querySelector<HTMLInputElement>('#id_name');
    const form =
      label?.form ??
      [...doc.querySelectorAll('form')].find((f) =>
        scopeCheckboxes(f).some((b) => b.id && isClassicScope(b.id)),
      );
    return log.record('app-password form (#id_name or scope checkboxes)', DJANGO_FORM, form ?? undefined);
  },

  labelInput(form: ParentNode): HTMLInputElement | undefined {
    return form.querySelector<HTMLInputElement>('#id_name') ?? nameField(form);
  },

  /** Top of the page content, for the banner. */
  anchor(doc: Document): Element {
    return doc.querySelector('main') ?? doc.body;
  },
};

// --- Credential lists ---------------------------------------------------------------------
// The API-token list (id.atlassian.com), the access-token lists and the legacy App passwords
// list. Columns are found by their header words, never by position: Atlaskit's DynamicTable
// renders a real <table> with <th>s (fixture pages, 2026-11-26); an ARIA grid
// ([role=columnheader] / [role=row]) works the same way. Header words: facts §4 (name, created,
// expires, last accessed / last used; "Label" on the app-password list) in the languages the
// sites ship. No MatchLog here: the list features have no "Copy a report" (an unrecognised list
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
// Atlaskit's Pagination renders <nav aria-label="pagination">; its Spinner role=img/progressbar.
const PAGINATION =
  'nav[aria-label*="pagination" i], [data-testid*="pagination" i], [role="navigation"][aria-label*="page" i]';
const BUSY = '[aria-busy="true"], [role="progressbar"], [data-testid*="spinner" i]';
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
    if (list.table.matches(BUSY) || list.table.querySelector(BUSY)) return true;
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
 * Bitbucket's own Rotate button in an access-token row (facts §4: "can be rotated"). Apart from
 * `credentialLists`, which id.atlassian.com uses too: its API-token list has no Rotate.
 */
export function rotateButton(row: Element): HTMLElement | undefined {
  return [...row.querySelectorAll<HTMLElement>('button, a[role="button"], [role="menuitem"]')].find(
    (button) => ROTATE_WORDS.test(visibleText(button) || button.getAttribute('aria-label') || ''),
  );
}
