#!/usr/bin/env node
// Benchmarks that need the built extension: bundle sizes, popup first render, preset bar and
// preset application on the wizard, the content script's work on pages where no feature
// applies, and marking a 500-row token list. Medians over repeated runs in headless Chromium.
// Writes bench-results/browser.json and prints a table. `npm run bench` builds first.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { FIXTURE_URLS, installFixtureRoutes } from '../tests/support/fixture-routes.mjs';

const EXT = resolve('.output/chrome-mv3');
const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x) => Math.round(x * 100) / 100;

function gz(file) {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

/** The JS a page loads: its module script and the chunks it preloads. */
function pageScripts(html) {
  const text = readFileSync(join(EXT, html), 'utf8');
  return [...text.matchAll(/(?:src|href)="\/([^"]+\.js)"/g)].map((m) => join(EXT, m[1]));
}

function bundleSizes() {
  const popup = pageScripts('popup.html');
  const options = pageScripts('options.html');
  const content = readdirSync(join(EXT, 'content-scripts')).filter((f) => f.endsWith('.js'));
  const sizes = {
    'popup JS (all chunks)': popup.reduce((n, f) => n + gz(f), 0),
    'options JS (all chunks)': options.reduce((n, f) => n + gz(f), 0),
    'background.js': gz(join(EXT, 'background.js')),
  };
  for (const f of content) sizes[`content-scripts/${f}`] = gz(join(EXT, 'content-scripts', f));
  return sizes;
}

async function launch() {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'bbah-bench-')), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      `--disable-extensions-except=${EXT}`,
      `--load-extension=${EXT}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, id: new URL(worker.url()).host };
}

async function popupFirstRender(context, id) {
  const marks = [];
  const paints = [];
  // Warm-up: the first open after start-up also pays for the policy service (see the README).
  for (let i = 0; i < RUNS + 1; i++) {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${id}/popup.html?url=${encodeURIComponent(FIXTURE_URLS.repoSource)}`);
    await page.waitForFunction(() => performance.getEntriesByName('bbah:first-render').length > 0);
    const [mark, paint] = await page.evaluate(() => [
      performance.getEntriesByName('bbah:first-render')[0].startTime,
      performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
    ]);
    if (i > 0) {
      marks.push(mark);
      paints.push(paint);
    }
    await page.close();
  }
  return {
    'popup first render (mark, ms)': median(marks),
    'popup first contentful paint (ms)': median(paints),
  };
}

/** Page-world probe: when the scope step's checkboxes appear, and when the preset's scopes are all ticked. */
const WIZARD_PROBE = () => {
  const t = {};
  const scopes = ['read:repository:bitbucket', 'write:repository:bitbucket'];
  new MutationObserver(() => {
    const dialog = document.querySelector('[role="dialog"]');
    if (!dialog) return;
    if (t.dialog === undefined) t.dialog = performance.now();
    if (t.bar === undefined && dialog.querySelector('bbah-api-token-presets')) t.bar = performance.now();
    const boxes = scopes.map((s) => dialog.querySelector(`input[type="checkbox"][value="${s}"]`));
    if (t.scopeStep === undefined && boxes.every(Boolean)) t.scopeStep = performance.now();
    if (t.applied === undefined && boxes.every((b) => b?.checked)) t.applied = performance.now();
  }).observe(document, { childList: true, subtree: true, attributes: true });
  for (const type of ['change', 'click', 'input']) {
    document.addEventListener(
      type,
      () => {
        const dialog = document.querySelector('[role="dialog"]');
        const boxes = scopes.map((s) => dialog?.querySelector(`input[type="checkbox"][value="${s}"]`));
        if (t.applied === undefined && boxes.every((b) => b?.checked)) t.applied = performance.now();
      },
      true,
    );
  }
  window.__bbahBench = t;
};

async function wizardTimings(context) {
  const bar = [];
  const apply = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await context.newPage();
    await page.addInitScript(WIZARD_PROBE);
    await page.goto(`${FIXTURE_URLS.apiTokensDeepLink.replace(/#.*/, '')}#bbah-preset=git-push`);
    const dialog = page.getByRole('dialog');
    await dialog.locator('#api-token-name').waitFor();
    await page.waitForFunction(() =>
      /^git-push@/.test(document.querySelector('#api-token-name')?.value ?? ''),
    );
    await dialog.getByRole('button', { name: 'Next' }).click();
    await page.waitForFunction(() => document.querySelector('input[type=radio][value=bitbucket]')?.checked);
    await dialog.getByRole('button', { name: 'Next' }).click();
    await page.waitForFunction(() => window.__bbahBench.applied !== undefined, null, { timeout: 5000 });
    const t = await page.evaluate(() => window.__bbahBench);
    bar.push(t.bar - t.dialog);
    apply.push(t.applied - t.scopeStep);
    await page.close();
  }
  return {
    'preset bar in the wizard after it renders (ms)': median(bar),
    'preset applied after the scope step renders (ms)': median(apply),
  };
}

async function contentScriptIdleWork(context) {
  const initial = [];
  const navigation = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await context.newPage();
    await page.goto(FIXTURE_URLS.repoSource);
    await page.waitForFunction(() => performance.getEntriesByName('bbah:features').length > 0);
    await page.getByRole('link', { name: 'Pull requests' }).first().click();
    await page.waitForFunction(() => performance.getEntriesByName('bbah:features').length > 1);
    const runs = await page.evaluate(() =>
      performance.getEntriesByName('bbah:features').map((e) => e.duration),
    );
    initial.push(runs[0]);
    navigation.push(runs[1]);
    await page.close();
  }
  return {
    'content script on a page with no feature: first run (ms)': median(initial),
    'content script on a page with no feature: per SPA navigation (ms)': median(navigation),
  };
}

function tokenRows(n) {
  const fmt = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric' });
  const day = (offset) => fmt.format(new Date(Date.now() + offset * 86_400_000));
  return Array.from({ length: n }, (_, i) => ({
    name: `token-${i}`,
    created: day(-400 + (i % 300)),
    expires: i % 7 === 0 ? 'Never' : day((i % 90) - 20),
    lastAccessed: i % 5 === 0 ? 'Never' : day(-(i % 200)),
  }));
}

async function listMarking(context) {
  await installFixtureRoutes(context, { apiTokens: tokenRows(500) });
  const times = [];
  for (let i = 0; i < Math.min(RUNS, 10); i++) {
    const page = await context.newPage();
    await page.goto(FIXTURE_URLS.apiTokens);
    await page.waitForFunction(() => performance.getEntriesByName('bbah:mark-list').length > 0, null, {
      timeout: 15_000,
    });
    times.push(
      await page.evaluate(() =>
        Math.max(...performance.getEntriesByName('bbah:mark-list').map((e) => e.duration)),
      ),
    );
    await page.close();
  }
  return { 'marking a 500-row token list (ms)': median(times) };
}

async function main() {
  if (!existsSync(join(EXT, 'manifest.json'))) throw new Error('Build first: npm run build');
  const results = { sizes: bundleSizes(), timings: {} };
  const { context, id } = await launch();
  try {
    await installFixtureRoutes(context, {});
    Object.assign(results.timings, await popupFirstRender(context, id));
    Object.assign(results.timings, await wizardTimings(context));
    Object.assign(results.timings, await contentScriptIdleWork(context));
    try {
      Object.assign(results.timings, await listMarking(context));
    } catch (error) {
      results.timings['marking a 500-row token list (ms)'] = `not measured: ${error.message.split('\n')[0]}`;
    }
  } finally {
    await context.close();
  }
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/browser.json', `${JSON.stringify({ runs: RUNS, ...results }, null, 2)}\n`);
  console.log(`\nBundle sizes (gzip -9, bytes)`);
  for (const [k, v] of Object.entries(results.sizes)) console.log(`  ${k.padEnd(60)} ${v}`);
  console.log(`\nTimings (median of ${RUNS} runs, headless Chromium)`);
  for (const [k, v] of Object.entries(results.timings))
    console.log(`  ${k.padEnd(60)} ${typeof v === 'number' ? round(v) : v}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
