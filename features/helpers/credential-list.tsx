// Marks the rows of a credential list and records what it shows; the three list features
// differ only in the kind they track and the action a marked row offers. The page's own row
// carries `data-credential-status` (the testing contract); our explanation sits in a shadow root
// inside the name cell, so the page's text and styles never mix with ours.
//
// Speed (500 rows ≤ 30 ms): one pass per change batch reads the cells, parses each distinct
// date text once, classifies each distinct row once (status only) and touches a row's attribute
// only when its status changed. The explanations (their sentences, a shadow root and a small
// Preact tree each) are rendered in the next task, in slices of at most 40 ms, so a long list
// never blocks the page. React re-creating a row or cell just means the marker is placed again
// on the next batch.
import { type ComponentChild, render } from 'preact';
import { CredentialMarker, MARKER_CSS } from '../../components/CredentialMarker';
import { type CalendarDate, todayInTimeZone } from '../../lib/calendar-date';
import { type DateColumn, parseListDate, toStoredDate } from '../../lib/credential-dates';
import {
  assessCredential,
  type CredentialObservation,
  type CredentialStatus,
  classifyCredential,
  type TokenKind,
} from '../../lib/credential-status';
import { BUILT_IN_PRESETS, DEFAULT_PRESET_ID, type Preset, presetsFor } from '../../lib/presets';
import type { ListRow, TrackedCredential } from '../../lib/tracked-credentials';
import { observeChanges, waitFor } from '../../platform/content/dom';
import type { Feature } from '../../platform/content/feature-manager';
import { type CredentialList, credentialLists } from '../../platform/content/selectors';
import { userTimeZone } from '../../platform/shared/clock';
import type { SharedSettings } from '../../platform/shared/messages';
import { fetchSettings } from '../../platform/shared/settings-request';
import { recordListObservation } from '../../platform/shared/tracked-requests';

export const STATUS_ATTRIBUTE = 'data-credential-status';
const MARKER_TAG = 'bbah-credential-marker';
const RECORD_DELAY_MS = 400;
const LIST_TIMEOUT_MS = 15_000;
// Each slice that adds explanations makes the browser lay the whole table out again (~100 ms
// for 500 Atlaskit rows), so few large slices beat many small ones; 40 ms stays a short task.
const RENDER_SLICE_MS = 40;
const CACHE_LIMIT = 20_000;

export interface ListRowView {
  /** The page's own row element. */
  element: Element;
  observation: CredentialObservation;
  /** The stored entry, once the background has recorded the list. */
  tracked?: TrackedCredential;
}

export interface ListPage {
  loaded: SharedSettings;
  /** Presets in force (built-in and organisation), as offered for API tokens. */
  presets: Preset[];
  /** Expiry in days for a recreated token when nothing better is known. */
  defaultExpiryDays: number;
}

export interface CredentialListOptions {
  featureId: Feature['id'];
  kind: TokenKind;
  url: URL;
  signal: AbortSignal;
  /** The action inside a marked row's explanation. */
  renderAction(row: ListRowView, page: ListPage): ComponentChild;
  /** What `renderAction` depends on besides the row's text and status; a change re-renders the marker. */
  actionKey?(row: ListRowView): string;
  /** Injectable clock, for tests. */
  now?: () => number;
}

interface Parsed {
  observation: CredentialObservation;
  /** The first status that applies; the sentences are written only when a marker renders. */
  status: CredentialStatus | undefined;
}

interface RowState {
  /** What the marker shows now ('' = nothing rendered). */
  key: string;
  host?: HTMLElement;
  container?: HTMLElement;
}

interface PendingMarker {
  view: ListRowView & { status: CredentialStatus };
  cell: Element;
  key: string;
  /** The day the row was classified on: its sentences are written for that day. */
  today: CalendarDate;
}

/**
 * Resolves false when no credential list appears (the page is not what it expected), true once
 * the list is wired. Everything after that happens on DOM changes until `signal` aborts.
 */
export async function markCredentialList(options: CredentialListOptions): Promise<boolean> {
  const { kind, signal } = options;
  const now = options.now ?? Date.now;
  const loaded = await fetchSettings();
  const page: ListPage = {
    loaded,
    presets: presetsFor(loaded.presets.length > 0 ? loaded.presets : BUILT_IN_PRESETS, 'api-token'),
    defaultExpiryDays: Math.min(loaded.settings.defaultExpiryDays, loaded.maxExpiryDays),
  };
  if (signal.aborted) return true;
  if (!(await waitFor(() => credentialLists.find(document), signal, LIST_TIMEOUT_MS))) return false;
  if (signal.aborted) return true;

  const where = `${options.url.origin}${options.url.pathname}`;
  const timeZone = userTimeZone();
  const locale = document.documentElement.lang || navigator.language;
  const dates = new Map<string, CalendarDate | 'never' | undefined>();
  const parsedRows = new Map<string, Parsed>();
  const rowStates = new WeakMap<Element, RowState>();
  const trackedByRow = new WeakMap<Element, TrackedCredential>();
  let pending: PendingMarker[] = [];
  let renderTimer: ReturnType<typeof setTimeout> | undefined;
  let recorded = '';
  let recordTimer: ReturnType<typeof setTimeout> | undefined;

  const readDate = (text: string | undefined, column: DateColumn, today: CalendarDate, nowMs: number) => {
    if (text === undefined) return undefined;
    const key = `${column}\u0000${today}\u0000${text}`;
    if (dates.has(key)) return dates.get(key);
    const date = toStoredDate(parseListDate(text, { now: nowMs, timeZone, locale, column }));
    if (dates.size > CACHE_LIMIT) dates.clear();
    dates.set(key, date);
    return date;
  };

  const parseRow = (key: string, texts: RowTexts, today: CalendarDate, nowMs: number): Parsed => {
    const cached = parsedRows.get(key);
    if (cached) return cached;
    const observation: CredentialObservation = { kind, name: texts.name };
    const created = readDate(texts.created, 'created', today, nowMs);
    if (created !== undefined && created !== 'never') observation.created = created;
    const expires = readDate(texts.expires, 'expires', today, nowMs);
    if (expires !== undefined) observation.expires = expires;
    const lastUsed = readDate(texts.lastUsed, 'lastUsed', today, nowMs);
    if (lastUsed !== undefined) observation.lastUsed = lastUsed;
    const parsed = { observation, status: assessCredential(observation, loaded.settings, today).status };
    if (parsedRows.size > CACHE_LIMIT) parsedRows.clear();
    parsedRows.set(key, parsed);
    return parsed;
  };

  const renderPending = () => {
    renderTimer = undefined;
    const start = performance.now();
    let done = 0;
    while (done < pending.length && performance.now() - start < RENDER_SLICE_MS) {
      const item = pending[done++];
      if (item && !signal.aborted) renderMarker(item, rowStates, options, page);
    }
    pending = pending.slice(done);
    measure(`${options.featureId}:markers`, start, done, done, pending.length);
    if (pending.length > 0 && !signal.aborted) renderTimer = setTimeout(() => safely(renderPending), 0);
  };

  const update = () => {
    const start = performance.now();
    const list = credentialLists.find(document);
    if (!list) return;
    const nowMs = now();
    // The zone read at the start: asking Intl for it costs a formatter per pass.
    const today = todayInTimeZone(nowMs, timeZone);
    const elements = list.rows();
    const named: { element: Element; row: ListRow }[] = [];
    const keys: string[] = [];
    const queue: PendingMarker[] = [];
    let marked = 0;
    for (const element of elements) {
      const texts = readRow(list, element);
      const key = `${today}\u0000${texts.name}\u0000${texts.created}\u0000${texts.expires}\u0000${texts.lastUsed}`;
      const parsed = parseRow(key, texts, today, nowMs);
      const { observation } = parsed;
      const view: ListRowView = { element, observation };
      const entry = trackedByRow.get(element);
      if (entry && entry.name === observation.name) view.tracked = entry;
      const status = texts.name === '' ? undefined : parsed.status;
      if (status === undefined) clearRow(element, rowStates);
      else {
        marked++;
        if (element.getAttribute(STATUS_ATTRIBUTE) !== status) element.setAttribute(STATUS_ATTRIBUTE, status);
        const cell = list.cells(element)[list.columns.name];
        // The row's texts and the day decide its sentences: no need to write them to compare.
        const markerKey = `${status}\u0000${key}\u0000${options.actionKey?.(view) ?? ''}`;
        const state = rowStates.get(element);
        if (cell && (state?.key !== markerKey || state.host?.parentNode !== cell))
          queue.push({ view: { ...view, status }, cell, key: markerKey, today });
      }
      if (texts.name !== '') {
        named.push({ element, row: toListRow(observation) });
        keys.push(key);
      }
    }
    // Rows rendered in this pass's order: the top of the list, what the user sees, first.
    pending = queue;
    measure(options.featureId, start, elements.length, marked, queue.length);
    if (pending.length > 0 && renderTimer === undefined)
      renderTimer = setTimeout(() => safely(renderPending), 0);
    scheduleRecord(list, named, keys.join('\n'));
  };

  const scheduleRecord = (
    list: CredentialList,
    named: { element: Element; row: ListRow }[],
    signature: string,
  ) => {
    if (signature === recorded) return;
    clearTimeout(recordTimer);
    recordTimer = setTimeout(() => {
      if (signal.aborted) return;
      recorded = signature;
      // Checked once per recording, not per pass: it searches around the whole table.
      const complete = !credentialLists.isPartial(list);
      void record(named, complete);
    }, RECORD_DELAY_MS);
  };

  const record = async (named: { element: Element; row: ListRow }[], complete: boolean) => {
    const result = await recordListObservation({
      kind,
      where,
      rows: named.map((entry) => entry.row),
      complete,
    });
    if (!result || signal.aborted) return;
    named.forEach((entry, index) => {
      const stored = result.tracked[index];
      if (stored) trackedByRow.set(entry.element, stored);
    });
    safely(update);
  };

  signal.addEventListener('abort', () => {
    clearTimeout(recordTimer);
    clearTimeout(renderTimer);
    pending = [];
    // The page keeps its rows: take our attribute and markers off them.
    for (const element of credentialLists.find(document)?.rows() ?? []) clearRow(element, rowStates);
  });
  observeChanges(() => safely(update), signal);
  safely(update);
  return true;
}

interface RowTexts {
  name: string;
  created: string | undefined;
  expires: string | undefined;
  lastUsed: string | undefined;
}

// textContent, not innerText: no layout. Our markers live in shadow roots, so they are not in it.
function text(cell: Element | undefined): string {
  const raw = cell?.textContent ?? '';
  return /^\S+(?: \S+)*$/.test(raw) ? raw : raw.replace(/\s+/g, ' ').trim();
}

function readRow(list: CredentialList, element: Element): RowTexts {
  const cells = list.cells(element);
  const { name, created, expires, lastUsed } = list.columns;
  return {
    name: text(cells[name]),
    created: created === undefined ? undefined : text(cells[created]),
    expires: expires === undefined ? undefined : text(cells[expires]),
    lastUsed: lastUsed === undefined ? undefined : text(cells[lastUsed]),
  };
}

function toListRow(observation: CredentialObservation): ListRow {
  const { kind: _kind, ...row } = observation;
  return row;
}

function clearRow(element: Element, states: WeakMap<Element, RowState>) {
  if (element.hasAttribute(STATUS_ATTRIBUTE)) element.removeAttribute(STATUS_ATTRIBUTE);
  const state = states.get(element);
  if (!state?.host) return;
  if (state.container) render(null, state.container);
  state.host.remove();
  states.delete(element);
}

function renderMarker(
  { view, cell, key, today }: PendingMarker,
  states: WeakMap<Element, RowState>,
  options: CredentialListOptions,
  page: ListPage,
) {
  // The row may have changed since it was queued: only what the page shows now is drawn.
  if (!view.element.isConnected || view.element.getAttribute(STATUS_ATTRIBUTE) !== view.status) return;
  let state = states.get(view.element);
  if (!state?.host || !state.container) {
    const host = document.createElement(MARKER_TAG);
    const shadow = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = MARKER_CSS;
    const container = document.createElement('div');
    shadow.append(style, container);
    state = { key: '', host, container };
    states.set(view.element, state);
  }
  if (state.host?.parentNode !== cell) cell.append(state.host as HTMLElement);
  if (state.key === key) return;
  state.key = key;
  const { details } = classifyCredential(view.observation, page.loaded.settings, today);
  render(
    <CredentialMarker status={view.status} details={details}>
      {options.renderAction(view, page)}
    </CredentialMarker>,
    state.container as HTMLElement,
  );
}

function measure(name: string, start: number, rows: number, marked: number, queued: number) {
  try {
    // Read by the e2e test and the benchmark: how long a pass over the list (`bbah:<feature>`) or
    // a slice of explanations (`bbah:<feature>:markers`) took.
    performance.measure(`bbah:${name}`, { start, end: performance.now(), detail: { rows, marked, queued } });
  } catch {
    // Engines without measure options: the timing is only informative.
  }
}

function safely(run: () => void) {
  try {
    run();
  } catch (error) {
    // Never into the page: the list stays as the site rendered it.
    console.warn('[bbah:credential-list]', error);
  }
}

// A preset id at the start of a label, as the default pattern writes it: "git-push@laptop 2026-11".
const LABEL_PRESET = /^([a-z0-9-]{1,40})(?:@|\s|$)/;

/** The preset a label names (our own label pattern), if it is one in force. */
export function presetFromLabel(label: string, presets: readonly Preset[]): Preset | undefined {
  const id = LABEL_PRESET.exec(label.trim().toLowerCase())?.[1];
  return id === undefined ? undefined : presets.find((preset) => preset.id === id);
}

// Tools an app password's label often names, and the preset that replaces it (docs/evidence/scopes.md#presets).
const LABEL_HINTS: [RegExp, string][] = [
  [/sourcetree/, 'sourcetree'],
  [
    /\b(?:gcm|credential manager|ide|intellij|idea|vs ?code|eclipse|xcode|rider|pycharm|webstorm)\b/,
    'git-ide',
  ],
  [/\bpipelines?\b/, 'pipelines'],
  [/\b(?:ci|jenkins|build|teamcity|bamboo)\b/, 'ci-read'],
  [/\b(?:bot|review|reviewer|pr|pull requests?)\b/, 'pr-bot'],
  [/\b(?:read[ -]?only|clone|fetch|mirror|backup)\b/, 'git-read'],
];

/** The API-token preset that replaces an app password: named by its label, else git-push. */
export function replacementPreset(label: string, presets: readonly Preset[]): Preset | undefined {
  const byLabel = presetFromLabel(label, presets);
  if (byLabel) return byLabel;
  const text = label.toLowerCase();
  for (const [pattern, id] of LABEL_HINTS) {
    const preset = pattern.test(text) ? presets.find((candidate) => candidate.id === id) : undefined;
    if (preset) return preset;
  }
  return presets.find((preset) => preset.id === DEFAULT_PRESET_ID) ?? presets[0];
}
