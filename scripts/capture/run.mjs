// The capture kit's driver: a Chromium without our extension, a sign-in (live) or the fixture
// server (self-test), the walk of walk.mjs, one sanitised snapshot per page state. The page is
// copied and sanitised inside the browser (in-page.ts, bundled here), so what reaches this process
// and the disk is already the stand-in version. See docs/capture.md.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, platform, tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import {
  findChromium,
  HEADLESS_ARGS,
  HOW_TO_GET_CHROMIUM,
  QUIET_ARGS,
} from '../../tests/support/chromium.mjs';
import { URLS } from './families.mjs';
import {
  KIT_VERSION,
  LIVE_DIR,
  pruneStyles,
  SELF_TEST_DIR,
  snapshotFileName,
  writeSnapshot,
} from './snapshot-files.mjs';
import { planWalk, WalkRefused } from './walk.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where the fixture self-test points the walk (the fixture pages take any names). */
export const SELF_TEST_TARGETS = { repo: 'acme/website', project: 'acme/WEB', workspace: 'acme' };

export function defaultProfileDir() {
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return process.env.BBAH_CAPTURE_PROFILE || join(cache, 'bbah-capture-profile');
}

let bundled;
/** in-page.ts as one script that defines `__bbahCapture` where it is evaluated. */
async function inPageScript() {
  bundled ??= esbuild
    .build({
      entryPoints: [fileURLToPath(new URL('./in-page.ts', import.meta.url))],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: '__bbahCapture',
      target: 'chrome110',
      logLevel: 'warning',
    })
    .then((result) => result.outputFiles[0].text);
  return bundled;
}

/** Evaluates `call` (an expression over `__bbahCapture`) with the bundle, leaving no global behind. */
async function inPage(page, call) {
  // A string expression: evaluated through the DevTools protocol, so the page's CSP doesn't apply.
  return page.evaluate(`(() => { ${await inPageScript()}; return ${call}; })()`);
}

async function browserVersion(context, page) {
  try {
    const session = await context.newCDPSession(page);
    const { product } = await session.send('Browser.getVersion');
    await session.detach();
    return product;
  } catch {
    return 'unknown';
  }
}

/** The signed-in user's public identifiers, for the stand-ins. Tolerant: all fields optional. */
async function readKnownUser(context, extra) {
  const known = { people: [], usernames: [], emails: [], ids: [], extra };
  const page = await context.newPage();
  try {
    const response = await page.goto('https://bitbucket.org/!api/2.0/user');
    if (response?.ok()) {
      const user = await response.json();
      for (const name of [user.display_name]) if (name) known.people.push(name);
      for (const name of [user.username, user.nickname]) if (name) known.usernames.push(name);
      for (const id of [user.account_id, user.uuid]) if (id) known.ids.push(id);
    }
    const emails = await page.goto('https://bitbucket.org/!api/2.0/user/emails');
    if (emails?.ok()) {
      const body = await emails.json().catch(() => ({}));
      for (const entry of body.values ?? []) if (entry.email) known.emails.push(entry.email);
    }
  } catch {
    // Not signed in to Bitbucket, or no network: the patterns (e-mails, ids) still apply.
  } finally {
    await page.close();
  }
  return known;
}

/** Blocks requests that could change credentials while the walk runs (belt and braces). */
async function installWriteGuard(context, blocked) {
  await context.route('**/*', async (route) => {
    const request = route.request();
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method())) return route.fallback();
    let body = '';
    try {
      body = request.postData() ?? '';
    } catch {}
    const { pathname, hostname } = new URL(request.url());
    if (/token|app-?password|access-?key|credential/i.test(pathname) || /\bmutation\b/.test(body)) {
      blocked.push(`${request.method()} ${hostname}${pathname}`);
      return route.abort('blockedbyclient');
    }
    return route.fallback();
  });
}

async function waitForSignIn(context, page, log) {
  log(
    'Sign in to your Atlassian account in the browser window (open bitbucket.org once too).\n' +
      'The capture goes on by itself once you are signed in, or press Enter here to go on now.',
  );
  const lines = createInterface({ input: process.stdin });
  const enter = new Promise((done) => lines.once('line', () => done('enter')));
  let stop = false;
  const poll = (async () => {
    while (!stop) {
      await new Promise((done) => setTimeout(done, 2000));
      const onAccount = /^\/manage-profile\//.test(new URL(page.url()).pathname);
      const bitbucket = await context.request
        .get('https://bitbucket.org/!api/2.0/user', { failOnStatusCode: false })
        .then((r) => r.ok())
        .catch(() => false);
      if (onAccount && bitbucket) return 'signed-in';
    }
  })();
  const how = await Promise.race([enter, poll]);
  stop = true;
  lines.close();
  log(how === 'enter' ? 'Going on (Enter pressed).' : 'Signed in: going on.');
}

/**
 * Runs the capture. Options: `selfTest` (fixture pages, headless), `headed` (self-test in a window),
 * `outDir`, `profile`, `headless`,
 * `repo` ('ws/repo'), `project` ('ws/KEY'), `workspace`, `only` (family names), `tag`,
 * `redact` (extra strings), `log`, `buildFixtures` (self-test: build the fixture bundles first).
 * Resolves `{ written, problems, blocked }`.
 */
export async function runCapture(options = {}) {
  const log = options.log ?? console.log;
  const selfTest = Boolean(options.selfTest);
  const outDir = resolve(options.outDir ?? (selfTest ? SELF_TEST_DIR : LIVE_DIR));
  const targets = selfTest
    ? SELF_TEST_TARGETS
    : { repo: options.repo, project: options.project, workspace: options.workspace };
  const executablePath = findChromium();
  if (!executablePath) throw new Error(HOW_TO_GET_CHROMIUM);

  let profile;
  let temporaryProfile = false;
  if (selfTest) {
    profile = mkdtempSync(join(tmpdir(), 'bbah-capture-'));
    temporaryProfile = true;
  } else {
    profile = resolve(options.profile ?? defaultProfileDir());
    // The profile holds the maintainer's session cookies: it must never be committed.
    const inside = relative(resolve(ROOT), profile);
    if (!inside.startsWith('..') && !isAbsolute(inside)) {
      throw new Error(`The browser profile must live outside the repository (got ${profile}).`);
    }
    mkdirSync(profile, { recursive: true });
  }
  // The self-test runs headless unless asked to show the walk (`--self-test --headed`).
  const headless = selfTest ? !options.headed : Boolean(options.headless);
  const root = process.getuid?.() === 0 && platform() === 'linux' ? ['--no-sandbox'] : [];
  if (selfTest) {
    const { buildFixtures } = await import('../build-fixtures.mjs');
    if (options.buildFixtures !== false) await buildFixtures();
  }

  // No extension: the snapshots must show the sites as they are.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless,
    viewport: headless ? { width: 1280, height: 900 } : null,
    reducedMotion: 'reduce',
    args: headless ? HEADLESS_ARGS : [...QUIET_ARGS, ...root],
  });
  context.setDefaultTimeout(10_000);
  // The live pages load in pieces over a real network; the fixture pages in a blink.
  context.setDefaultNavigationTimeout(selfTest ? 10_000 : 45_000);
  const written = [];
  const problems = [];
  const blocked = [];
  try {
    if (selfTest) {
      const { installFixtureRoutes } = await import('../../tests/support/fixture-routes.mjs');
      await installFixtureRoutes(context);
    }
    const page = context.pages()[0] ?? (await context.newPage());
    if (!selfTest) {
      await page.goto(URLS.apiTokens).catch(() => {});
      if (!headless) await waitForSignIn(context, page, log);
    }
    const known = await readKnownUser(context, options.redact ?? []);
    known.workspaces = [targets.repo, targets.project, targets.workspace]
      .filter(Boolean)
      .map((target) => target.split('/')[0]);
    known.repositories = targets.repo ? [targets.repo.split('/')[1]] : [];
    known.projects = targets.project ? [targets.project.split('/')[1]] : [];
    const browser = await browserVersion(context, page);
    await installWriteGuard(context, blocked);
    mkdirSync(outDir, { recursive: true });

    const captured = new Date().toISOString().slice(0, 10);
    const { tag } = options;
    const source = selfTest ? 'fixture-self-test' : 'live';
    const say = (message) => {
      problems.push(message);
      log(`  ✘ ${message}`);
    };
    const snap = async (family, state, kind) => {
      const name = snapshotFileName(family, state, options.tag);
      try {
        const sheetTexts = {};
        for (const url of await inPage(page, '__bbahCapture.listUnreadableSheets()')) {
          const response = await context.request.get(url, { failOnStatusCode: false }).catch(() => undefined);
          if (response?.ok()) sheetTexts[url] = await response.text();
        }
        const options = JSON.stringify({ known, sheetTexts }).replace(/</g, '\\u003c');
        const result = await inPage(page, `__bbahCapture.capturePage(${options})`);
        if (result.report.leaks.length > 0) {
          say(`${name}: NOT written, user data left after sanitising: ${result.report.leaks.join(', ')}`);
          return;
        }
        const meta = {
          kit: KIT_VERSION,
          family,
          state,
          kind,
          source,
          ...(tag ? { tag } : {}),
          url: result.facts.url,
          captured,
          browser,
          title: result.facts.title,
          lang: result.facts.lang,
          dialog: result.facts.dialogs > 0,
          ...(result.facts.dialogTitle ? { dialogTitle: result.facts.dialogTitle } : {}),
          rows: result.report.rows,
          replaced: result.report.replaced,
          removed: result.report.removed,
          notes: result.notes,
        };
        const path = writeSnapshot(outDir, name, result.html, meta);
        written.push({ name, path, meta });
        const dialog = meta.dialog ? `, dialog "${meta.dialogTitle ?? ''}"` : '';
        log(`  ✔ ${name}  (${meta.rows} rows${dialog})`);
      } catch (error) {
        say(`${name}: ${error.message.split('\n')[0]}`);
      }
    };

    for (const [family, walk] of planWalk(targets, { only: options.only, quietMs: selfTest ? 250 : 600 })) {
      log(`${family}:`);
      try {
        await walk({ page, snap, say });
      } catch (error) {
        const why = error instanceof WalkRefused ? error.message : error.message.split('\n')[0];
        say(`${family}: stopped: ${why}`);
      }
    }
    const pruned = pruneStyles(outDir);
    log(
      `\n${written.length} snapshots in ${relative(process.cwd(), outDir) || '.'}` +
        `${pruned ? ` (${pruned} unused stylesheets removed)` : ''}; ${problems.length} things not found or skipped.`,
    );
    if (blocked.length > 0) log(`Write guard blocked ${blocked.length} requests: ${blocked.join(', ')}`);
    return { written, problems, blocked };
  } finally {
    await context.close();
    if (temporaryProfile) rmSync(profile, { recursive: true, force: true });
  }
}
