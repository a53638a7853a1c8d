// Acting on React-controlled pages the way a user does, and waiting for what they render.

/**
 * Resolves with the first non-null result of `find`, checked now and after each DOM change,
 * or undefined once `timeoutMs` passes or `signal` aborts. A MutationObserver, not a poll.
 */
export function waitFor<T>(
  find: () => T | null | undefined,
  signal: AbortSignal,
  timeoutMs = 10_000,
): Promise<T | undefined> {
  const first = find();
  if (first != null) return Promise.resolve(first);
  return new Promise((resolve) => {
    let scheduled = false;
    const done = (value: T | undefined) => {
      observer.disconnect();
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = () => done(undefined);
    const observer = new MutationObserver(() => {
      // Batch bursts of mutations (React commits many at once) into one lookup per task.
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(() => {
        scheduled = false;
        const found = find();
        if (found != null) done(found);
      });
    });
    observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
    const timer = setTimeout(() => done(undefined), timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * `fn` once, `ms` from the first ask, however often it is asked before then. A sweep that looks
 * again after every page change would otherwise start one more chain of looks per change: under
 * load, hundreds a second.
 */
export function lookAgainLater(fn: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      fn();
    }, ms);
  };
}

/**
 * Calls `onChange` after DOM changes and user input (batched per task) until `signal` aborts.
 * Input events matter: ticking a React-controlled box changes a property, not an attribute.
 */
export function observeChanges(onChange: () => void, signal: AbortSignal, root: Node = document) {
  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      if (!signal.aborted) onChange();
    });
  };
  const observer = new MutationObserver(schedule);
  observer.observe(root, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['aria-checked', 'aria-pressed'],
  });
  for (const type of ['input', 'change', 'click'])
    root.addEventListener(type, schedule, { capture: true, signal });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}

/**
 * Types into a React-controlled input: React tracks the value through the prototype's setter,
 * so setting `.value` directly is invisible to it.
 */
export function setInputValue(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  const prototype =
    input instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(prototype, 'value')?.set;
  input.focus();
  setter?.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** A real click when the box isn't already in the wanted state; true when it ends there. */
export function setChecked(input: HTMLInputElement, checked: boolean): boolean {
  if (input.disabled) return input.checked === checked;
  if (input.checked !== checked) input.click();
  return input.checked === checked;
}

/** Text a user would read, without our own injected UI. */
export function visibleText(element: Element | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
