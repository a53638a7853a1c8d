// Filling credential forms the way a user would: shared by the preset features.
import { closeClassic } from '../lib/scopes';
import { setChecked, setInputValue } from './dom';
import type { ScopeBox } from './selectors';

function pressEnter(input: HTMLElement) {
  for (const type of ['keydown', 'keyup'] as const) {
    input.dispatchEvent(
      new KeyboardEvent(type, { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }),
    );
  }
}

/**
 * Types an ISO date into an Atlaskit-style date picker and presses Enter; resolves whether the
 * picker's hidden input now holds it. Without a hidden input the result can't be verified: false.
 */
export function typeDate(
  expiry: { input: HTMLInputElement; hidden?: HTMLInputElement },
  iso: string,
): Promise<boolean> {
  if (expiry.hidden?.value === iso) return Promise.resolve(true);
  setInputValue(expiry.input, iso);
  pressEnter(expiry.input);
  return new Promise((resolve) => setTimeout(() => resolve(expiry.hidden?.value === iso), 100));
}

/**
 * Ticks exactly `target` (classic ids, write implies read) on a form whose boxes tick and lock
 * what they imply. Unticks the broadest extras first (a box locked by a ticked write can't be
 * unticked before it), never touches a box whose scope it can't tell, and re-reads the boxes
 * after every click because the page re-renders. Returns the target scopes the page lacks.
 */
export function applyClassicScopes(
  boxes: () => ScopeBox[],
  target: readonly string[],
): { missing: string[] } {
  const wanted = closeClassic(target);
  const breadth = (id: string) => closeClassic([id]).size;
  const extras = boxes()
    .flatMap((b) => (b.id && !wanted.has(b.id) && b.input.checked ? [b.id] : []))
    .sort((a, b) => breadth(b) - breadth(a));
  for (const id of extras) {
    const box = boxes().find((b) => b.id === id);
    if (box?.input.checked) setChecked(box.input, false);
  }
  // The preset's own scopes first (they may tick what they imply), then whatever is still open.
  for (const id of [...target, ...wanted]) {
    const box = boxes().find((b) => b.id === id);
    if (box && !box.input.checked) setChecked(box.input, true);
  }
  const present = new Set(boxes().map((b) => b.id));
  return { missing: [...wanted].filter((id) => !present.has(id)) };
}

/** The scope ids of the ticked boxes whose scope is known. */
export function checkedScopes(boxes: ScopeBox[]): string[] {
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

  has(form: Element, preset: string | undefined, key: string): boolean {
    return this.done.get(form)?.has(`${preset}:${key}`) === true;
  }

  reset() {
    this.done = new WeakMap();
  }
}

/**
 * A preset that came with a link (popup, banner, reminder) continues without a click: unless the
 * page (or its deep link) has opened the creation form by then, `open` opens it.
 */
export function openSoonUnlessOpen(
  isOpen: () => boolean,
  open: () => void,
  signal: AbortSignal,
  delayMs: number,
) {
  setTimeout(() => {
    if (!signal.aborted && !isOpen()) open();
  }, delayMs);
}
