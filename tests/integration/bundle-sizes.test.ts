// The size budgets of the issues, held on every build (sizes are deterministic, unlike timings,
// which the benchmark reports). KB is read as 1,000 bytes of gzip -9.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { bundleSizes, EXTENSION_DIR } from '../../scripts/bundle-sizes.mjs';

if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
  throw new Error(`${EXTENSION_DIR} is missing: run \`npm run build\` first (npm test does).`);
}
const sizes = bundleSizes();

// Budgets relaxed on 2026-12-07 (issue 14): 20 / 28 / 16 / 26 / 26 KB. Not met yet: a bundle over
// its budget is held to a ceiling instead, its size on 2026-12-07 rounded up to 100 B, so it can
// only shrink until it fits (issues 11 and 14 stay open for them). Lower a ceiling whenever a
// bundle shrinks; take it out when the bundle meets its budget. Raised once since, later on
// 2026-12-07, for fixes a user notices: the scope sweep that no longer leaves ticks behind
// (atlassian.js +278 B, bitbucket.js +95 B; then +78 / +90 B so that a list that draws every row is
// not scrolled at all) and the diagnoser's username order (popup +23 B). Raised again on 2026-12-08
// for issue 12's last secrets (lib/secrets.ts, values.ts, settings-transfer.ts): a URL user that
// starts like a token and a URL password with blanks are masked, messages that quote a value show
// a token's prefix only, a broken settings file is described without quoting it (popup at open
// +368 B, with the diagnoser +455 B, background +509 B); and for the scope sweep that waits until a
// virtualised list has drawn the view it scrolled to, with one pending look per feature
// (atlassian.js +89 B, bitbucket.js +105 B); and for the review that made the diagnoser's masking of
// a token-shaped username use the one list of token prefixes in lib/secrets.ts (+38 B).
const BUNDLES: [bundle: string, budget: number, ceiling?: number][] = [
  ['popup JS at open (Fix view)', 20_000, 21_800],
  ['popup JS with the diagnoser (loaded with its tab)', 28_000, 32_900],
  ['popup JS, every chunk it can load', 28_000, 32_900],
  ['background.js', 16_000, 17_800],
  ['content-scripts/atlassian.js', 26_000, 30_900],
  ['content-scripts/bitbucket.js', 26_000, 31_700],
];

it.each(BUNDLES.filter(([, , ceiling]) => ceiling === undefined))(
  '%s: at most %d B gzip (issue 14)',
  (bundle, budget) => {
    expect(sizes[bundle]).toBeGreaterThan(1_000); // the bundle was found and measured
    expect(sizes[bundle]).toBeLessThanOrEqual(budget);
  },
);

it.each(BUNDLES.filter(([, , ceiling]) => ceiling !== undefined))(
  '%s: over its %d B budget, held to its ceiling of %d B until it is cut',
  (bundle, budget, ceiling) => {
    expect(sizes[bundle]).toBeGreaterThan(1_000);
    expect(sizes[bundle]).toBeLessThanOrEqual(ceiling as number);
    // A bundle that shrank pulls its ceiling down with it.
    expect((ceiling as number) - (sizes[bundle] ?? 0), `${bundle} shrank: lower its ceiling`).toBeLessThan(
      200,
    );
    // A bundle that fits its budget again must come off the ceiling list.
    expect(sizes[bundle], `${bundle} meets its budget: remove its ceiling`).toBeGreaterThan(budget);
  },
);
