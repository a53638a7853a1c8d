// Our UI inside the page: a host element with an open shadow root (styles isolated both ways,
// reachable by tests and assistive tech), rendered with Preact. One host per feature, moved
// rather than duplicated when the page changes around it.
import { type ComponentChild, render } from 'preact';

export type Position = 'before' | 'after' | 'prepend' | 'append';

/** What the feature made of the page, on the host for tests and the replay kit to read. */
export type PageState = 'recognised' | 'fallback' | 'list';

export interface InjectedUi {
  host: HTMLElement;
  render(content: ComponentChild): void;
  /** Puts the host at `anchor` unless it is already there. */
  place(anchor: Element, position: Position): void;
  /** Takes the host off the page, keeping its content (a dialog that isn't ours is open). */
  detach(): void;
  /**
   * `data-bbah-state` and `data-bbah-signals` on the host; `data-bbah-busy` while a fill is still
   * going through the rows (a user, and a test, waits for it).
   */
  mark(state: PageState, signals: Iterable<string>, busy?: boolean): void;
  remove(): void;
}

export function createInjectedUi(name: string, css: string, signal: AbortSignal): InjectedUi {
  const host = document.createElement(`bbah-${name}`);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  const container = document.createElement('div');
  shadow.append(style, container);
  const ui: InjectedUi = {
    host,
    render: (content) => render(content, container),
    place(anchor, position) {
      const at =
        position === 'before'
          ? anchor.previousElementSibling === host
          : position === 'after'
            ? anchor.nextElementSibling === host
            : position === 'prepend'
              ? anchor.firstElementChild === host
              : anchor.lastElementChild === host;
      if (at && host.isConnected) return;
      if (position === 'before') anchor.before(host);
      else if (position === 'after') anchor.after(host);
      else if (position === 'prepend') anchor.prepend(host);
      else anchor.append(host);
    },
    detach() {
      host.remove();
    },
    mark(state, signals, busy = false) {
      host.dataset.bbahState = state;
      // Not aria-busy: the page's own busy regions are read that way, and the host sits among them.
      host.toggleAttribute('data-bbah-busy', busy);
      host.dataset.bbahSignals = [...new Set(signals)].sort().join(' ');
    },
    remove() {
      render(null, container);
      host.remove();
    },
  };
  signal.addEventListener('abort', () => ui.remove(), { once: true });
  return ui;
}
