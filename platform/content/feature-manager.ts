// Runs the page features of one site: on load and on every client-side navigation, each in its
// own try/catch with an AbortSignal that ends when the URL changes again. No polling: WXT's
// `wxt:locationchange` rides the Navigation API.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

export interface FeatureRun {
  url: URL;
  /** Aborted on the next navigation or when the extension is reloaded. */
  signal: AbortSignal;
}

export interface Feature {
  /** Equals the file name in features/; also the options key and the CSS/log prefix. */
  id: string;
  /** The page is this feature's when any predicate accepts the URL. */
  include: ((url: URL) => boolean)[];
  /**
   * Wires the page to lib/. Resolves false when the page isn't what it expected (the tests read
   * it; a feature that can help the user then says so on the page itself).
   */
  init(run: FeatureRun): boolean | Promise<boolean>;
}

export interface FeatureManagerOptions {
  isEnabled?: (id: string) => boolean | Promise<boolean>;
}

export function runFeatures(
  ctx: ContentScriptContext,
  features: readonly Feature[],
  options: FeatureManagerOptions = {},
) {
  let current: AbortController | undefined;
  const runAll = (url: URL) => {
    const start = performance.now();
    current?.abort();
    const controller = new AbortController();
    current = controller;
    const signal = AbortSignal.any([controller.signal, ctx.signal]);
    for (const feature of features) {
      if (!feature.include.some((accepts) => accepts(url))) continue;
      void runOne(feature, { url, signal }, options);
    }
    // Visible in DevTools' Performance panel and read by scripts/bench-browser.mjs.
    performance.measure('bbah:features', { start });
  };
  runAll(new URL(location.href));
  ctx.addEventListener(window, 'wxt:locationchange', (event) => runAll(new URL(event.newUrl.href)));
}

async function runOne(feature: Feature, run: FeatureRun, options: FeatureManagerOptions) {
  try {
    if (options.isEnabled && !(await options.isEnabled(feature.id))) return;
    if (run.signal.aborted) return;
    await feature.init(run);
  } catch (error) {
    // One broken feature never breaks another, or the page.
    if (!run.signal.aborted) console.warn(`[bbah:${feature.id}]`, error);
  }
}
