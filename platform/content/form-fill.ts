// Filling credential forms the way a user would: shared by the preset features.
import { addDays, type CalendarDate } from '../../lib/calendar-date';
import type { Vocabulary } from '../../lib/scope-recognition';
import { closeClassic } from '../../lib/scopes';
import { setChecked, setInputValue } from './dom';
import { type ExpiryField, isBusy, type ScopeBox, scrollerOf, searchBox } from './selectors';

function pressEnter(input: HTMLElement) {
  for (const type of ['keydown', 'keyup'] as const) {
    input.dispatchEvent(
      new KeyboardEvent(type, { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }),
    );
  }
}

function holds(expiry: ExpiryField, iso: string): boolean {
  if (expiry.input.getAttribute('aria-invalid') === 'true') return false;
  return expiry.hidden
    ? expiry.hidden.value === iso
    : expiry.input.type === 'date' && expiry.input.value === iso;
}

/**
 * Types an ISO date into an Atlaskit-style date picker (or a native date input) and presses
 * Enter; resolves whether the picker now holds it. A picker that can't be read back: false.
 */
export function typeDate(expiry: ExpiryField, iso: string): Promise<boolean> {
  if (holds(expiry, iso)) return Promise.resolve(true);
  setInputValue(expiry.input, iso);
  pressEnter(expiry.input);
  return new Promise((resolve) => setTimeout(() => resolve(holds(expiry, iso)), 100));
}

// Access-token expiry: 365 days at most by default, or the 180 or 90 an admin chose; the picker
// disables later dates (docs/evidence/pages.md#access-token-expiry).
const ALLOWED_MAXIMA = [365, 180, 90];

/**
 * Sets the latest date the picker takes, `days` from `today` at most: the wanted date, else the
 * longest maximum an admin can set that is shorter. Resolves the days set, or undefined.
 */
export async function typeLatestDate(
  expiry: ExpiryField,
  today: CalendarDate,
  days: number,
): Promise<number | undefined> {
  const max = expiry.input.type === 'date' && expiry.input.max ? expiry.input.max : undefined;
  for (const tried of [days, ...ALLOWED_MAXIMA.filter((m) => m < days)]) {
    const iso = addDays(today, tried);
    if (max && iso > max) continue;
    if (await typeDate(expiry, iso)) return tried;
  }
  return undefined;
}

// After a scroll, a virtualised list draws the rows it brings in within a frame or two, a page
// under load much later, and a list that draws every row never changes. A scroll is taken as
// drawn when the drawn boxes go down to the bottom edge of the view. Rows that changed, or rows
// near the bottom, are not enough: a page under load may first draw the window of an earlier
// scroll position, and that window's overscan can end just short of the bottom; the rows between
// were never seen (read:pipeline, admin:repository left ticked, 2026-12-08). Failing that, after
// SCROLL_GIVE_UP_MS (a page that never draws the rows: the preset's scopes not seen then go in
// the note).
const SCROLL_SETTLE_MS = 150;
const SCROLL_GIVE_UP_MS = 3000;
const LAST_VIEW_MS = 600;
const GROWN_MARGIN_PX = 48;

export type FillProgress =
  | { state: 'working' }
  | {
      state: 'done';
      /** Scopes of the preset that could not be ticked: not on the page, or not told apart. */
      byHand: string[];
      /** Some ticked box could not be identified, so exactness can't be promised. */
      unknownTicked: boolean;
    };

// Which rows are drawn, to tell when a scroll has been rendered.
const rowsOf = (boxes: readonly ScopeBox[]) => boxes.map((b) => b.id ?? '?').join(' ');

/**
 * Where the drawn boxes sit in the scroller's content, and what "near" means in this list: one
 * and a half times the widest gap between two drawn boxes (rows with descriptions, group
 * headings), at least 48 px.
 */
function layoutOf(boxes: readonly ScopeBox[], scroller: HTMLElement) {
  const origin = scroller.getBoundingClientRect().top - scroller.scrollTop;
  const tops = boxes.map((b) => b.input.getBoundingClientRect().top - origin).sort((a, b) => a - b);
  const gap = Math.max(0, ...tops.slice(1).map((top, i) => top - (tops[i] ?? top)));
  return { tops, near: Math.max(48, gap * 1.5) };
}

/**
 * At the end of the list, a drawn box sits near the bottom of the view: within one row's pitch
 * (the median gap between drawn boxes), at least 48 px. A virtualised list still showing the
 * window of its previous view ends higher up.
 */
function reachesBottom(boxes: readonly ScopeBox[], scroller: HTMLElement): boolean {
  const { tops } = layoutOf(boxes, scroller);
  const gaps = tops
    .slice(1)
    .map((top, i) => top - (tops[i] ?? top))
    .filter((gap) => gap > 0)
    .sort((a, b) => a - b);
  const near = Math.max(48, gaps[Math.floor(gaps.length / 2)] ?? 0);
  const bottom = scroller.scrollTop + scroller.clientHeight;
  return tops.some((top) => top >= bottom - near && top <= bottom);
}

/**
 * The drawn boxes go down to the bottom edge of the view: one ends at or below it (a row cut by
 * the edge, or one drawn beyond it). A virtualised list still showing an earlier window ends above.
 */
function fillsView(boxes: readonly ScopeBox[], scroller: HTMLElement): boolean {
  const origin = scroller.getBoundingClientRect().top - scroller.scrollTop;
  const bottom = scroller.scrollTop + scroller.clientHeight;
  return boxes.some((box) => box.input.getBoundingClientRect().bottom - origin >= bottom);
}

/**
 * Every row is in the page already: at the top of the content, drawn boxes go down to its end. A
 * virtualised list at its top draws its first view's worth, not down to the end.
 */
function drawsEveryRow(boxes: readonly ScopeBox[], scroller: HTMLElement): boolean {
  const { tops, near } = layoutOf(boxes, scroller);
  const last = tops.at(-1);
  return scroller.scrollTop === 0 && last !== undefined && last >= scroller.scrollHeight - near;
}

/**
 * Ticks exactly a preset's scopes in one form, across re-renders and virtualised lists: each
 * call ticks what is on screen, remembers what it has seen, clears the search box once if it
 * hides a row, and scrolls a list with rows out of view down a page at a time; once every row
 * has been seen it is done. Never touches a box whose scope it can't tell. Classic forms tick
 * and lock what a scope implies: the broadest extras are unticked first (a locked box can't be
 * unticked before what locks it), and the preset's own scopes go first.
 */

export class ScopeFill {
  private readonly wanted: Set<string>;
  private readonly seen = new Set<string>();
  private readonly ticked = new Set<string>();
  private settled = new Set<string>();
  // The tallest the scrolling list was while swept: a list that grows well past it (a filter
  // cleared) is swept again. A virtualised list's height wavers by a few pixels as it measures
  // the rows it draws, hence the margin.
  private sweptHeight = 0;
  private rowsAtScroll = '';
  private unknownTicked = false;
  private searchCleared = false;
  private scrolledAt = Number.NEGATIVE_INFINITY;
  private sawExtras = false;
  private finished = false;

  constructor(
    private readonly target: readonly string[],
    private readonly vocabulary: Vocabulary,
  ) {
    this.wanted = vocabulary === 'classic' ? closeClassic(target) : new Set(target);
  }

  private get scrolled(): boolean {
    return this.scrolledAt > Number.NEGATIVE_INFINITY;
  }

  get isDone(): boolean {
    return this.finished;
  }

  /** One pass over the form; `read` re-reads the boxes (a page may re-create them after a click). */
  step(root: Element, read: () => ScopeBox[]): FillProgress {
    if (this.finished) return this.topUp(root, read);
    let boxes = read();
    // Rows settled before are the user's (a second sweep fills only rows not seen then).
    const fillable = (box: ScopeBox | undefined) => (box?.id && !this.settled.has(box.id) ? box : undefined);
    const find = (id: string) => {
      let box = boxes.find((b) => b.id === id);
      if (box && !box.input.isConnected) {
        boxes = read();
        box = boxes.find((b) => b.id === id);
      }
      return fillable(box);
    };
    const breadth = (id: string) => (this.vocabulary === 'classic' ? closeClassic([id]).size : 1);
    const extras = boxes
      .flatMap((b) => (fillable(b) && b.id && !this.wanted.has(b.id) && b.input.checked ? [b.id] : []))
      .sort((a, b) => breadth(b) - breadth(a));
    if (extras.length > 0) this.sawExtras = true;
    for (const id of extras) {
      const box = find(id);
      if (box?.input.checked) setChecked(box.input, false);
    }
    for (const id of [...this.target, ...this.wanted]) {
      const box = find(id);
      if (box && !box.input.checked) setChecked(box.input, true);
    }
    this.note(read());
    const missing = [...this.wanted].filter((id) => !this.seen.has(id));
    if (isBusy(root)) return { state: 'working' };
    const search = searchBox(root);
    if (missing.length > 0 && search && search.value !== '' && !this.searchCleared) {
      // A search typed earlier hides rows: clear it; the rows come back on the next render.
      this.searchCleared = true;
      setInputValue(search, '');
      return { state: 'working' };
    }
    const scroller = scrollerOf(boxes, root);
    this.sweptHeight = Math.max(this.sweptHeight, scroller?.scrollHeight ?? 0);
    if (
      scroller &&
      (missing.length > 0 || this.sawExtras) &&
      !drawsEveryRow(boxes, scroller) &&
      scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1
    ) {
      // Rows out of view may not exist yet (a virtualised list): bring them in, a page at a time,
      // and only once the page has had time to render the rows the last scroll brought in (every
      // click re-renders and calls us again: scrolling on each call would skip rows).
      if (this.settledAfterScroll(boxes, scroller)) {
        this.scroll(scroller, scroller.scrollTop + Math.max(scroller.clientHeight - 40, 40), boxes);
      }
      return { state: 'working' };
    }
    // The last scroll's rows may not be drawn yet: read them once more before calling it done.
    if (scroller && this.scrolled && !this.settledAfterScroll(boxes, scroller, true))
      return { state: 'working' };
    if (scroller && this.scrolled) scroller.scrollTop = 0;
    this.finished = true;
    return this.result();
  }

  /**
   * The rows the last scroll brought in are drawn (see fillsView). At the end of the list there is
   * nothing below to draw: a box near the bottom will do (reachesBottom), but the rows drawn for
   * the view before may reach there while the last few are still to come, so unless the rows
   * changed, the last view gets LAST_VIEW_MS.
   */
  private settledAfterScroll(boxes: readonly ScopeBox[], scroller: HTMLElement, last = false): boolean {
    const waited = performance.now() - this.scrolledAt;
    if (waited < SCROLL_SETTLE_MS) return false;
    if (!last && fillsView(boxes, scroller)) return true;
    const changed = rowsOf(boxes) !== this.rowsAtScroll;
    if (last && reachesBottom(boxes, scroller) && (changed || waited >= LAST_VIEW_MS)) return true;
    return waited >= SCROLL_GIVE_UP_MS;
  }

  private scroll(scroller: HTMLElement, top: number, boxes: readonly ScopeBox[]) {
    scroller.scrollTop = top;
    this.scrolledAt = performance.now();
    this.rowsAtScroll = rowsOf(boxes);
  }

  /**
   * After the sweep, rows seen for the first time (a filter cleared, a list scrolled by the user)
   * mean more may be hidden below them: sweep again, bringing only rows not seen before to the
   * preset's state, whatever the page had ticked. A row seen before is the user's to change, and
   * never fought.
   */
  private topUp(root: Element, read: () => ScopeBox[]): FillProgress {
    const boxes = read();
    const scroller = scrollerOf(boxes, root);
    // A list that grew (a filter cleared) may show at the top only rows seen before, with the new
    // ones below the fold.
    const grown = (scroller?.scrollHeight ?? 0) > this.sweptHeight + GROWN_MARGIN_PX;
    if (!grown && !boxes.some((box) => box.id && !this.seen.has(box.id))) return this.result();
    this.settled = new Set(this.seen);
    this.finished = false;
    this.sawExtras = true;
    if (scroller && scroller.scrollTop > 0) {
      this.scroll(scroller, 0, boxes);
      return { state: 'working' };
    }
    return this.step(root, read);
  }

  /** Which of `ids` no pass has seen on the page (a filter may hide them). */
  unseen(ids: readonly string[]): string[] {
    return ids.filter((id) => !this.seen.has(id));
  }

  private note(boxes: readonly ScopeBox[]) {
    for (const box of boxes) {
      if (box.id) this.seen.add(box.id);
      if (box.id && this.wanted.has(box.id)) {
        if (box.input.checked) this.ticked.add(box.id);
        else this.ticked.delete(box.id);
      }
      if (!box.id && box.input.checked) this.unknownTicked = true;
    }
  }

  private result(): FillProgress {
    return {
      state: 'done',
      byHand: [...this.wanted].filter((id) => !this.ticked.has(id)),
      unknownTicked: this.unknownTicked,
    };
  }
}

/** The scope ids of the ticked boxes whose scope is known. */
export function checkedScopes(boxes: readonly ScopeBox[]): string[] {
  return boxes.flatMap((b) => (b.id && b.input.checked ? [b.id] : []));
}

/**
 * Which steps were filled, per form element and preset: each is filled once, so what the user
 * changes afterwards (or after going Back) is never fought. Picking a preset again starts over.
 */
export class FillMemory {
  private done = new WeakMap<Element, Set<string>>();

  /** True the first time `key` comes up for this form and preset. */
  once(form: Element, preset: string | undefined, key: string): boolean {
    const set = this.done.get(form) ?? new Set<string>();
    this.done.set(form, set);
    if (set.has(`${preset}:${key}`)) return false;
    set.add(`${preset}:${key}`);
    return true;
  }

  reset() {
    this.done = new WeakMap();
  }
}
