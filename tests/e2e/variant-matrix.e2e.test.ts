// The variant matrix (tests/fixtures/pages/src/variants.js) in real Chromium with the built
// extension: every preset × every variant of every page family, each on a fresh page of one
// browser, several pages at a time. Per case (variant-walk.ts): after the user picks the preset on
// our bar and walks the flow, either exactly the preset's scopes are ticked in the page's own state
// (access tokens: with the settings' expiry, clamped to the admin's maximum), or our fallback note is
// visible inside the topmost open dialog and nothing wrong is ticked; the extension never pressed
// Next, Back, Create, Rotate or Revoke (its clicks are untrusted); no exception reaches the page and
// our content script logs no error. Per variant: the bar's centre hits the bar and, in a dialog, Tab
// reaches its preset buttons. A failing family prints a table: variant × preset × what happened,
// with our host's data-bbah-state / data-bbah-signals, and which switch values the failures share.
// Everything is also written to test-results/variant-matrix.{md,json}.
// Knobs: BBAH_MATRIX_ONLY=<family or part of a variant name>, BBAH_MATRIX_CONCURRENCY=<pages>,
// BBAH_MATRIX_NEW_TABS=1 (a new tab per case instead of a fresh page in a kept tab; slower),
// BBAH_MATRIX_REPEAT=<n> (each case n times).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtures } from '../../scripts/build-fixtures.mjs';
import {
  FAMILY_IDS,
  type FamilyId,
  installFixtureRoutes,
  type MatrixVariant,
  switchesOf,
  variantsOf,
} from '../support/fixture-routes.mjs';
import { EXTENSION_DIR, type ExtensionBrowser, launchWithExtension } from './extension';
import {
  type CaseResult,
  coveringVariants,
  nonFormDialogs,
  presetsOf,
  SETTINGS_EXPIRY_DAYS,
  walk,
} from './variant-walk';

// Pages at a time: the cases mostly wait (for the content script, late rows, our 400 ms of
// stability), so many in parallel use the two cores well: 12 took 339 s where 6 took 551 s, with
// the same verdicts. The time the matrix may take is
// measured in CPU seconds (printed at the end): on a busy machine its wall time says little.
const CONCURRENCY = Number(process.env.BBAH_MATRIX_CONCURRENCY ?? 12);
// While iterating on one family or variant: BBAH_MATRIX_ONLY=access-token (or a variant name's part).
const ONLY = process.env.BBAH_MATRIX_ONLY ?? '';
// Hunting an intermittent failure: every selected case this many times (BBAH_MATRIX_REPEAT=8).
const REPEAT = Math.max(1, Number(process.env.BBAH_MATRIX_REPEAT ?? 1) || 1);
const FAMILIES_RUN = FAMILY_IDS.filter(
  (f) => !ONLY || f === ONLY || variantsOf(f).some((v) => v.name.includes(ONLY)),
);
const results: CaseResult[] = [];
let ext: ExtensionBrowser;
let started = 0;
let cpuAtStart: number | undefined;

beforeAll(async () => {
  await buildFixtures();
  // Atlaskit honours reduced motion: modals open without a transition, which costs the two cores
  // about a fifth of each wizard case and changes nothing the property looks at.
  ext = await launchWithExtension({ reducedMotion: 'reduce' });
  // A default beyond an admin's 90-day maximum, so that clamping is part of the property.
  await ext.storage.set({ settings: { defaultExpiryDays: SETTINGS_EXPIRY_DAYS }, settings$: { v: 1 } });
  // The context serves the defaults (the extension's own requests, tabs it opens); each page
  // routes its variant on top.
  await installFixtureRoutes(ext.context, {});
  started = Date.now();
  cpuAtStart = cpuSeconds();
}, 120_000);

afterAll(async () => {
  const cpu = cpuSeconds();
  const wall = Math.round((Date.now() - started) / 1000);
  if (cpu !== undefined && cpuAtStart !== undefined) {
    const used = Math.round(cpu - cpuAtStart);
    console.log(
      `variant matrix: ${wall} s here (load average ${loadavg()[0]?.toFixed(1)}), ${used} CPU seconds ` +
        `(Chromium and this process): about ${Math.round(used / 2)} s on two cores of its own`,
    );
  }
  await ext?.close();
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/variant-matrix.json', JSON.stringify(results, null, 1));
  writeFileSync(
    'test-results/variant-matrix.md',
    `# Variant matrix, ${new Date().toISOString()}\n\n${FAMILY_IDS.map((f) =>
      report(
        f,
        results.filter((r) => r.family === f),
        true,
      ),
    ).join('\n\n')}\n`,
  );
});

/**
 * CPU seconds used so far by our Chromium (every process under the one that loaded our build,
 * including reaped ones: a zygote's children count in its cutime) and by this Node process. Linux
 * only. The matrix's time on a busy machine says little; its CPU seconds over two cores say what
 * it costs a CI runner of its own.
 */
function cpuSeconds(): number | undefined {
  try {
    const stats = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .flatMap((pid) => {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
          return [
            {
              pid,
              ppid: fields[1] ?? '',
              ticks: [11, 12, 13, 14].reduce((n, i) => n + Number(fields[i]), 0),
              cmdline,
            },
          ];
        } catch {
          return [];
        }
      });
    const tree = new Set(
      stats.filter((p) => p.cmdline.includes(`--load-extension=${EXTENSION_DIR}`)).map((p) => p.pid),
    );
    for (let grown = true; grown; ) {
      grown = false;
      for (const p of stats)
        if (!tree.has(p.pid) && tree.has(p.ppid)) {
          tree.add(p.pid);
          grown = true;
        }
    }
    const browser = stats.filter((p) => tree.has(p.pid)).reduce((n, p) => n + p.ticks, 0) / 100;
    const node = process.cpuUsage();
    return browser + (node.user + node.system) / 1e6;
  } catch {
    return undefined;
  }
}

async function pool<T, R>(items: T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) out.push(await run(item));
    }),
  );
  return out;
}

const cell = (text: unknown) =>
  String(text ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\s+/g, ' ');

/** Which switch values the failures share: the failure rate of each value, highest first. */
function correlation(family: FamilyId, rows: CaseResult[]): string[] {
  const byValue = new Map<string, { fail: number; all: number }>();
  for (const row of rows) {
    const variant = variantsOf(family).find((v) => v.name === row.variant) as MatrixVariant;
    for (const [key, value] of Object.entries(switchesOf(variant))) {
      const entry = byValue.get(`${key}=${value}`) ?? { fail: 0, all: 0 };
      entry.all++;
      if (row.outcome === 'fail') entry.fail++;
      byValue.set(`${key}=${value}`, entry);
    }
  }
  return [...byValue.entries()]
    .map(([value, { fail, all }]) => ({ value, rate: fail / all, fail, all }))
    .sort((a, b) => b.rate - a.rate || b.all - a.all)
    .map(({ value, rate, fail, all }) => `${value} ${Math.round(rate * 100)}% (${fail}/${all})`);
}

function report(family: FamilyId, rows: CaseResult[], everything = false): string {
  const count = (o: CaseResult['outcome']) => rows.filter((r) => r.outcome === o).length;
  const failures = rows.filter((r) => r.outcome === 'fail');
  const shown = everything ? rows : failures;
  const lines = [
    `## ${family}: ${rows.length} cases (${variantsOf(family).length} variants), ${count('exact')} exact, ${count('fallback')} fallback, ${failures.length} failed`,
    '',
    '| variant | preset | outcome | what happened | data-bbah-state | data-bbah-signals | on top / Tab |',
    '|---|---|---|---|---|---|---|',
    ...shown.map(
      (r) =>
        `| ${r.variant} | ${r.preset} | ${r.outcome} | ${cell(r.reason)} | ${cell(r.hostState ?? '—')} | ${cell(r.hostSignals ?? '—')} | ${r.onTop === undefined ? '' : `${r.onTop ?? 'n/a'} / ${r.tabReaches ?? 'n/a'}`} |`,
    ),
  ];
  if (failures.length > 0) {
    lines.push('', `Failure rate by switch value: ${correlation(family, rows).slice(0, 14).join(', ')}`);
  }
  return lines.join('\n');
}

describe('variant matrix: every preset × every variant', () => {
  it.each(FAMILIES_RUN)('%s', { timeout: 400_000 }, async (family) => {
    const presets = presetsOf(family);
    const selected = variantsOf(family).filter((v) => !ONLY || ONLY === family || v.name.includes(ONLY));
    const cases = selected.flatMap((variant) =>
      presets.flatMap((preset, i) =>
        Array.from({ length: REPEAT }, (_, n) => ({ variant, preset, barChecks: i === 0 && n === 0 })),
      ),
    );
    // Each worker keeps one tab and gives every case a fresh page in it (about:blank, then the
    // case's URL: a new document, new content-script run): a new tab per case costs the browser
    // process more than the case itself.
    const tabs: Page[] = [];
    const run = async ({ variant, preset, barChecks }: (typeof cases)[number]) => {
      let page = tabs.pop();
      if (!page || page.isClosed() || process.env.BBAH_MATRIX_NEW_TABS) page = await ext.context.newPage();
      try {
        return await walk(page, variant, preset, { barChecks });
      } finally {
        if (process.env.BBAH_MATRIX_NEW_TABS) await page.close().catch(() => {});
        else if (!page.isClosed()) {
          await page.goto('about:blank').catch(() => {});
          tabs.push(page);
        }
      }
    };
    const familyStart = Date.now();
    const familyCpu = cpuSeconds();
    // The API-tokens page on bitbucket.org may hand over to id.atlassian.com in a tab the extension
    // opens; a tab is told apart by the preset in its URL, so those cases run one variant at a time.
    const rows: CaseResult[] = [];
    if (family === 'bitbucket-api-tokens') {
      for (const variant of selected)
        rows.push(
          ...(await pool(
            cases.filter((c) => c.variant === variant),
            presets.length,
            run,
          )),
        );
    } else {
      rows.push(...(await pool(cases, CONCURRENCY, run)));
    }
    for (const tab of tabs) await tab.close().catch(() => {});
    results.push(...rows);
    const summary = report(family, rows);
    console.log(
      `${summary}\n(${family}: ${Math.round((Date.now() - familyStart) / 1000)} s at ${CONCURRENCY} pages at a time, ` +
        `${Math.round((cpuSeconds() ?? 0) - (familyCpu ?? 0))} CPU seconds, load average ${loadavg()[0]?.toFixed(1)}; ` +
        `matrix so far ${Math.round((Date.now() - started) / 1000)} s)`,
    );
    expect(cases.length).toBeGreaterThan(0);
    expect(rows).toHaveLength(cases.length);
    // Each family's baseline (the fixture as it was before the matrix) is exact for every preset.
    expect(
      rows.filter((r) => r.variant.endsWith('-baseline') && r.outcome !== 'exact').map((r) => r.preset),
    ).toEqual([]);
    expect(
      rows.filter((r) => r.outcome === 'fail').map((r) => `${r.variant} × ${r.preset}: ${r.reason}`),
      `${summary}\n\nAll cases: test-results/variant-matrix.md`,
    ).toEqual([]);
  });
});

// Registered only when access tokens are in the run (always, unless BBAH_MATRIX_ONLY narrows it).
const withAccessTokens = FAMILIES_RUN.includes('access-token') ? describe : () => {};
withAccessTokens('dialogs that are not creation forms get nothing from us', () => {
  it('access-token lists: the Rotate and Revoke confirmations and "Access token created"', {
    timeout: 120_000,
  }, async () => {
    const variants = coveringVariants(variantsOf('access-token'), [
      'rotate',
      'container',
      'createLabel',
      'nav',
      'expiry',
      'locale',
    ]);
    const problems = await pool(variants, CONCURRENCY, async (variant) => {
      const page = await ext.context.newPage();
      try {
        return await nonFormDialogs(page, variant);
      } finally {
        await page.close().catch(() => {});
      }
    });
    expect(problems.flat()).toEqual([]);
  });
});
