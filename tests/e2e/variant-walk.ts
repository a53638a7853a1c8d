// A user walking one fixture variant with one preset, for the variant matrix
// (variant-matrix.e2e.test.ts): open the page, pick the preset on our bar, press Next where a user
// would, do what our note says (press Back, clear a filter), and judge what the page's own state
// holds. Also the checks a user notices without trying: the bar on top of everything (not behind a
// modal's blanket) and reachable with Tab from inside the dialog.
//
// What the walk acts on: our instruction (`[data-testid="preset-instruction"]`, its `data-action`
// `press-back` or `clear-filter`), or in our note (the fallback, `[data-testid="preset-fallback"]`)
// the word "Back" (press the wizard's Back), "filter" or "search" (clear the page's filters). Everything else
// in the note is for the user to do by hand; the walk does not, and then requires only that nothing
// wrong is ticked.
import type { ConsoleMessage, Page } from 'playwright-core';
import { BUILT_IN_PRESETS, type CredentialSurface, type Preset, scopesFor } from '../../lib/presets';
import { closeClassic } from '../../lib/scopes';
import { makeT } from '../fixtures/pages/src/texts.js';
import {
  entryUrlOf,
  type FamilyId,
  FIXTURE_FAMILIES,
  fixtureStateOf,
  installFixtureRoutes,
  type MatrixVariant,
  switchesOf,
} from '../support/fixture-routes.mjs';
import { isoInDays } from './dates';

/** Presses the extension must never make: its clicks are untrusted (`isTrusted` false). */
export const FORBIDDEN_PRESSES = ['next', 'back', 'create', 'rotate', 'revoke'];

export const SURFACE: Record<FamilyId, CredentialSurface> = {
  'api-token': 'api-token',
  'access-token': 'access-token',
  'app-password': 'app-password',
  'bitbucket-api-tokens': 'api-token',
};

/** The access-token expiry the matrix sets in the extension's settings (see variant-matrix). */
export const SETTINGS_EXPIRY_DAYS = 180;

export interface CaseResult {
  family: FamilyId;
  variant: string;
  preset: string;
  outcome: 'exact' | 'fallback' | 'fail';
  /** Why it failed, or what the user did on the way (followed the note…). */
  reason: string;
  expected: string[];
  ticked: string[];
  hostState?: string | null;
  hostSignals?: string | null;
  /** Per variant (first preset only): the bar's centre hits the bar; Tab reaches it in the dialog. */
  onTop?: boolean | null;
  tabReaches?: boolean | null;
  ms: number;
}

interface Observation {
  state: Record<string, unknown> & {
    step?: string;
    scopes?: string[];
    presses?: { kind: string; trusted: boolean }[];
    picker?: { loaded: boolean; rendered: number };
  };
  url: string;
  /** The page's own script has run: before that, no wizard can have opened. */
  app: boolean;
  host: {
    present: boolean;
    state: string | null;
    signals: string | null;
    presetButton: boolean;
    fallback: string | null;
    /** Our bar is still going through the rows (`data-bbah-busy` on its host). */
    busy: boolean;
    /** Our instruction's `data-action` (press-back, clear-filter), when one shows. */
    action: string | null;
    /** The host is inside the topmost open dialog, or no dialog is open. */
    inTopDialog: boolean;
  };
  dialogOpen: boolean;
}

const sorted = (list: readonly string[]) => [...list].sort();
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && sorted(a).every((x, i) => x === sorted(b)[i]);

/** What a preset must tick on a family's page: API-token scopes as they are, classic ones closed. */
export function expectedScopes(family: FamilyId, preset: Preset): string[] {
  const surface = SURFACE[family];
  const scopes = scopesFor(preset, surface) ?? [];
  return surface === 'api-token' ? sorted(scopes) : sorted([...closeClassic(scopes)]);
}

export function presetsOf(family: FamilyId): Preset[] {
  return BUILT_IN_PRESETS.filter((preset) => scopesFor(preset, SURFACE[family]) !== undefined);
}

async function observe(page: Page, host: string): Promise<Observation> {
  // One round trip per look: the page's state and our host, read together.
  const found = await page
    .evaluate((tag) => {
      const visible = (el: Element) => {
        const style = getComputedStyle(el);
        return el.getClientRects().length > 0 && style.visibility !== 'hidden' && style.display !== 'none';
      };
      // The topmost open dialog: the last visible one in document order (Atlaskit portals stack
      // each new layer after the ones below it).
      const dialogs = [
        ...document.querySelectorAll('[role="dialog"], [role="alertdialog"], dialog[open]'),
      ].filter(visible);
      const top = dialogs.at(-1);
      const el = document.querySelector(tag);
      const root = el?.shadowRoot;
      const note = root?.querySelector('[data-testid="preset-fallback"]');
      const instruction = root?.querySelector('[data-testid="preset-instruction"]');
      const read = (window as unknown as { __fixtureState?: () => unknown }).__fixtureState;
      return {
        state: (typeof read === 'function' ? read() : {}) as Observation['state'],
        // The page's app has started (its scripts may still be loading on a busy machine).
        app: typeof read === 'function',
        dialogOpen: top !== undefined,
        host: {
          present: el !== null,
          state: el?.getAttribute('data-bbah-state') ?? null,
          busy: el?.hasAttribute('data-bbah-busy') ?? false,
          signals: el?.getAttribute('data-bbah-signals') ?? null,
          presetButton: Boolean(root?.querySelector('[data-testid="preset-bar"] [data-preset]')),
          fallback: note && visible(note) ? (note.textContent ?? '') : null,
          action: instruction && visible(instruction) ? instruction.getAttribute('data-action') : null,
          inTopDialog: top === undefined || (el !== null && top.contains(el)),
        },
      };
    }, host)
    .catch(() => ({
      state: {},
      app: false,
      dialogOpen: false,
      host: {
        present: false,
        state: null,
        busy: false,
        signals: null,
        presetButton: false,
        fallback: null,
        action: null,
        inTopDialog: true,
      },
    }));
  return { url: page.url(), ...found };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** How long a user's click may wait for its control (a loaded machine delays stable frames). */
const USER_CLICK_MS = 8000;
/** How often the walk looks at a page: often enough to act like a user, rarely enough to leave the CPU to the pages. */
const POLL_MS = 200;

/** Polls `check` until it returns a value, or gives up after `ms`. */
async function within<T>(
  ms: number,
  check: () => Promise<T | undefined>,
  every = 100,
): Promise<T | undefined> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) return undefined;
    await sleep(every);
  }
}

/** The texts the page shows, to click what a user reads. */
function textsOf(sw: Record<string, string>) {
  return makeT({ lang: sw.locale ?? 'en', renamed: sw.wording === 'renamed' });
}

/** The page the user is on: it changes when our bar hands over to id.atlassian.com in a new tab. */
interface Session {
  page: Page;
  look(): Promise<Observation>;
  /** A tab the extension opened for this preset (its URL names it), if any. */
  handover(): Page | undefined;
  adopt(page: Page): void;
}

class WalkFailure extends Error {}
const fail = (reason: string): never => {
  throw new WalkFailure(reason);
};

/**
 * The bar's centre hits the bar (not a blanket over it), and in a dialog Shift+Tab or Tab from the
 * first field reaches a preset button before going round the dialog.
 */
export async function barChecks(
  page: Page,
  host: string,
): Promise<{ onTop: boolean; tabReaches: boolean | null }> {
  const onTop = await page.evaluate((tag) => {
    const el = document.querySelector(tag);
    const bar = el?.shadowRoot?.querySelector('[data-testid="preset-bar"]');
    if (!el || !bar) return false;
    bar.scrollIntoView({ block: 'center' });
    const box = bar.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit === el || (hit !== null && el.contains(hit));
  }, host);
  const start = await page.evaluate((tag) => {
    const dialogs = [...document.querySelectorAll('[role="dialog"]')].filter(
      (d) => d.getClientRects().length > 0,
    );
    const top = dialogs.at(-1);
    if (!top) return 'no-dialog';
    const host = document.querySelector(tag);
    const field = [
      ...top.querySelectorAll<HTMLElement>('input:not([type=hidden]), button, [tabindex="0"]'),
    ].find((el) => !host?.contains(el) && !el.hasAttribute('disabled') && el.getClientRects().length > 0);
    if (!field) return 'no-field';
    field.focus();
    return 'ok';
  }, host);
  if (start === 'no-dialog') return { onTop, tabReaches: null };
  if (start === 'no-field') return { onTop, tabReaches: false };
  const onPreset = () =>
    page.evaluate((tag) => {
      const el = document.querySelector(tag);
      return (
        document.activeElement === el && Boolean(el?.shadowRoot?.activeElement?.closest('[data-preset]'))
      );
    }, host);
  // Backwards first (the bar belongs above the fields); forwards as far as the dialog has stops.
  const stops = await page.evaluate(
    () =>
      [...document.querySelectorAll('[role="dialog"]')]
        .at(-1)
        ?.querySelectorAll('input:not([type=hidden]):not([disabled]), button:not([disabled]), a[href]')
        .length ?? 0,
  );
  for (const [key, presses] of [
    ['Shift+Tab', 25],
    ['Tab', stops + 10],
  ] as const) {
    if (key === 'Tab')
      await page.evaluate((tag) => {
        const top = [...document.querySelectorAll('[role="dialog"]')].at(-1);
        const host = document.querySelector(tag);
        [...(top?.querySelectorAll<HTMLElement>('input:not([type=hidden]), button') ?? [])]
          .find((el) => !host?.contains(el) && el.getClientRects().length > 0)
          ?.focus();
      }, host);
    for (let n = 0; n < presses; n++) {
      await page.keyboard.press(key);
      if (await onPreset()) return { onTop, tabReaches: true };
    }
  }
  return { onTop, tabReaches: false };
}

export interface WalkOptions {
  /** Run the per-variant bar checks at the end (the first preset of each variant). */
  barChecks: boolean;
}

/**
 * One variant × one preset on a fresh page of `page`'s context. Never throws: the result says
 * what happened. The page's routes serve this variant; the context's serve the defaults (for the
 * extension's own requests and tabs it opens).
 */
export async function walk(
  page: Page,
  variant: MatrixVariant,
  preset: Preset,
  options: WalkOptions,
): Promise<CaseResult> {
  const started = Date.now();
  const family = variant.family;
  const host = FIXTURE_FAMILIES[family].host;
  const sw = switchesOf(variant);
  const expected = expectedScopes(family, preset);
  const errors: string[] = [];
  const notes: string[] = [];
  const onError = (error: Error) => errors.push(`page error: ${error.message}`);
  const onConsole = (message: ConsoleMessage) => {
    const text = message.text();
    const ours = message.location().url.startsWith('chrome-extension://') || text.startsWith('[bbah');
    if (ours && (message.type() === 'error' || message.type() === 'warning'))
      errors.push(`console ${message.type()}: ${text.slice(0, 160)}`);
  };
  page.on('pageerror', onError);
  page.on('console', onConsole);
  const result: CaseResult = {
    family,
    variant: variant.name,
    preset: preset.id,
    outcome: 'fail',
    reason: '',
    expected,
    ticked: [],
    ms: 0,
  };
  let last: Observation | undefined;
  let uninstall: (() => Promise<void>) | undefined;
  const opened: Page[] = [];
  const onPage = (tab: Page) => opened.push(tab);
  page.context().on('page', onPage);
  const session: Session = {
    page,
    look: async () => {
      last = await observe(session.page, host);
      return last;
    },
    handover: () =>
      opened.find((tab) => tab !== session.page && tab.url().includes(`bbah-preset=${preset.id}`)),
    adopt(tab) {
      notes.push(`followed our tab to ${new URL(tab.url()).host}`);
      tab.on('pageerror', onError);
      tab.on('console', onConsole);
      session.page = tab;
    },
  };
  const look = session.look;
  try {
    uninstall = (await installFixtureRoutes(page, { variant: variant.name })).uninstall;
    await page.goto(entryUrlOf(variant));
    if (family === 'access-token' && sw.entry === 'form') await openAccessForm(page, sw, variant);
    const bar = await within(5000, async () => ((await look()).host.presetButton ? true : undefined));
    if (!bar) fail(`no preset bar (${last?.host.present ? 'host without buttons' : 'no host element'})`);
    const button = page.locator(`${host} [data-testid="preset-bar"] [data-preset="${preset.id}"]`);
    await button.click({ timeout: USER_CLICK_MS }).catch((error: Error) => {
      // Playwright's log says why: a blanket that intercepts pointer events, not visible, moving.
      const why = error.message
        // biome-ignore lint/suspicious/noControlCharactersInRegex: Playwright's log is coloured
        .replace(/\u001b\[[0-9;]*m/g, '')
        .split('\n')
        .filter((line) => /intercepts|not visible|not stable|outside|detached|disabled/.test(line))
        .at(-1);
      fail(`preset button not clickable: ${why?.replace(/^\s*-\s*/, '').slice(0, 120) ?? 'timeout'}`);
    });
    const outcome =
      family === 'api-token' || family === 'bitbucket-api-tokens'
        ? await walkWizard(session, sw, variant, expected, notes)
        : await settleForm(page, sw, family, expected, look, notes);
    result.outcome = outcome;
    if (options.barChecks) Object.assign(result, await barChecks(session.page, host));
  } catch (error) {
    result.outcome = 'fail';
    notes.push(
      error instanceof WalkFailure
        ? error.message
        : `walk error: ${String(error).split('\n').slice(0, 12).join(' ')}`,
    );
  }
  const final = last ?? (await look().catch(() => undefined));
  result.ticked = sorted((final?.state.scopes as string[] | undefined) ?? []);
  result.hostState = final?.host.state;
  result.hostSignals = final?.host.signals;
  const pressedByUs = (final?.state.presses ?? []).filter(
    (press) => !press.trusted && FORBIDDEN_PRESSES.includes(press.kind),
  );
  if (pressedByUs.length > 0) {
    result.outcome = 'fail';
    notes.push(`pressed by the extension: ${pressedByUs.map((press) => press.kind).join(', ')}`);
  }
  if (errors.length > 0) {
    result.outcome = 'fail';
    notes.push(...[...new Set(errors)].slice(0, 3));
  }
  if (options.barChecks && result.outcome !== 'fail') {
    if (result.onTop === false) notes.push('bar covered (elementFromPoint misses it)');
    if (result.tabReaches === false) notes.push('Tab in the dialog never reaches the bar');
    if (result.onTop === false || result.tabReaches === false) result.outcome = 'fail';
  }
  result.reason = notes.join('; ');
  result.ms = Date.now() - started;
  page.off('pageerror', onError);
  page.off('console', onConsole);
  page.context().off('page', onPage);
  // Only a tab this case followed is ours to close: other cases' pages open in the same context.
  if (session.page !== page) await session.page.close().catch(() => {});
  await uninstall?.().catch(() => {});
  return result;
}

async function openAccessForm(page: Page, sw: Record<string, string>, variant: MatrixVariant) {
  const t = textsOf(sw);
  const level = {
    repository: 'levelTitleRepository',
    project: 'levelTitleProject',
    workspace: 'levelTitleWorkspace',
  }[sw.level ?? 'repository'] as string;
  const name =
    sw.createLabel === 'long' ? t('createAccessTokenLong', { level: t(level) }) : t('createAccessToken');
  await page.getByRole('button', { name, exact: true }).click({ timeout: 5000 });
  const open = await within(3000, async () =>
    (await fixtureStateOf(page))?.step === 'form' ? true : undefined,
  );
  if (!open) fail(`${variant.name}: the create form did not open`);
}

/** The user's turn in the wizard until the scope step is judged. */
async function walkWizard(
  session: Session,
  sw: Record<string, string>,
  variant: MatrixVariant,
  expected: string[],
  notes: string[],
): Promise<'exact' | 'fallback'> {
  const look = session.look;
  let t = textsOf(variant.family === 'api-token' ? sw : {});
  const deadline = Date.now() + 25_000;
  let waitingSince = Date.now();
  let stepSeen = '';
  let wentBack = false;
  for (;;) {
    if (Date.now() > deadline) fail(`wizard never reached a verdict (step ${stepSeen})`);
    const tab = session.handover();
    if (tab) session.adopt(tab);
    const page = session.page;
    const obs = await look();
    // The bitbucket.org page may hand over to id.atlassian.com, whose texts are English.
    if (obs.url.startsWith('https://id.atlassian.com/'))
      t = textsOf(variant.family === 'api-token' ? sw : {});
    const step = String(obs.state.step ?? '');
    if (step !== stepSeen) {
      stepSeen = step;
      waitingSince = Date.now();
    }
    const waited = Date.now() - waitingSince;
    const note = obs.host.fallback;
    if (note !== null && !obs.host.inTopDialog) fail(`fallback note outside the open dialog (step ${step})`);
    const dialog = page.getByRole('dialog').last();
    const scope = obs.dialogOpen ? dialog : page.locator('main');
    if (step === 'list' || step === '') {
      // A tab our link opened may still be loading its scripts (seconds, on a busy machine): a
      // user waits for the page before deciding nothing opened the wizard.
      if (!obs.app) waitingSince = Date.now();
      else if (waited > 1500) {
        // Nothing opened the wizard: the user does, with the page's own button (a link on the
        // bitbucket.org page in its `link` mode).
        const role = obs.url.startsWith('https://bitbucket.org/') && sw.mode === 'link' ? 'link' : 'button';
        const clicked = await page
          .getByRole(role, { name: t('createApiTokenWithScopes'), exact: true })
          .click({ timeout: USER_CLICK_MS })
          .then(() => true)
          .catch((error: unknown) => {
            // Our link took the tab to id.atlassian.com while the user reached for the page's
            // own: nothing to click any more, and nothing wrong.
            if (page.url() !== obs.url) return false;
            throw error;
          });
        if (clicked) notes.push('user opened the wizard');
        waitingSince = Date.now();
      }
    } else if (step === 'details') {
      const name = String(obs.state.name ?? '');
      const expiry = String(obs.state.expiresOn ?? '');
      const days = expiry ? Math.round((Date.parse(expiry) - Date.parse(isoInDays(0))) / 86_400_000) : 0;
      const filled = name.trim() !== '' && days >= 1 && days <= 365;
      if (filled && waited > 300) {
        await scope.getByRole('button', { name: t('next'), exact: true }).click({ timeout: USER_CLICK_MS });
      } else if (!filled && waited > 4000) {
        if (note === null) fail('details step: name or expiry not filled, and no note says what to do');
        notes.push('user typed the name the note gives');
        await page.locator('#api-token-name').fill(/Name: ([^,]+)/.exec(note ?? '')?.[1]?.trim() ?? 'token');
        waitingSince = Date.now();
      }
    } else if (step === 'app') {
      const app = obs.state.appId;
      if (app === 'bitbucket' && waited > 200) {
        await scope.getByRole('button', { name: t('next'), exact: true }).click({ timeout: USER_CLICK_MS });
      } else if (app !== 'bitbucket' && app !== null && app !== undefined && waited > 3000) {
        fail(`app step: ${String(app)} chosen instead of Bitbucket`);
      } else if (waited > 3000) {
        if (note === null) fail('app step: Bitbucket not chosen, and no note says what to do');
        notes.push('user chose Bitbucket as the note says');
        await page.locator('input[type="radio"][value="bitbucket"]').check({ timeout: USER_CLICK_MS });
        waitingSince = Date.now();
      }
    } else if (step === 'review') {
      if ((obs.host.action === 'press-back' || (note !== null && /\bBack\b/.test(note))) && !wentBack) {
        notes.push('user pressed Back as the note says');
        wentBack = true;
        await scope.getByRole('button', { name: t('back'), exact: true }).click({ timeout: USER_CLICK_MS });
      } else if (waited > 4000) {
        fail(
          `wizard at the review${note === null ? ' and no note says to press Back' : `; the note: ${note.slice(0, 80)}`}`,
        );
      }
    } else if (step === 'scopes') {
      return settleScopes('api-token', expected, look, notes, () => clearWizardFilters(page, scope, t));
    } else {
      fail(`unexpected wizard step "${step}"`);
    }
    await sleep(POLL_MS);
  }
}

async function clearWizardFilters(
  page: Page,
  scope: ReturnType<Page['locator']>,
  t: ReturnType<typeof textsOf>,
): Promise<boolean> {
  const state = await fixtureStateOf(page);
  let cleared = false;
  if (state.search) {
    await scope.getByRole('textbox', { name: t('searchScopes') }).fill('');
    cleared = true;
  }
  if (state.scopeType && state.scopeType !== 'all') {
    await scope.getByRole('button', { name: t('typeAll'), exact: true }).click();
    cleared = true;
  }
  if (state.filter && state.filter !== 'all') {
    await scope
      .getByRole('group', { name: t('scopeFilters') })
      .getByRole('button', { name: t('filterAll'), exact: true })
      .click();
    cleared = true;
  }
  return cleared;
}

/** A form family (access token, app password): the form is open or opens; judge its boxes. */
async function settleForm(
  page: Page,
  sw: Record<string, string>,
  family: FamilyId,
  expected: string[],
  look: () => Promise<Observation>,
  notes: string[],
): Promise<'exact' | 'fallback'> {
  const t = textsOf(sw);
  if (family === 'access-token') {
    const open = await within(1500, async () => ((await look()).state.step === 'form' ? true : undefined));
    if (!open) {
      notes.push('user opened the form');
      const level = {
        repository: 'levelTitleRepository',
        project: 'levelTitleProject',
        workspace: 'levelTitleWorkspace',
      }[sw.level ?? 'repository'] as string;
      const name =
        sw.createLabel === 'long' ? t('createAccessTokenLong', { level: t(level) }) : t('createAccessToken');
      await page.getByRole('button', { name, exact: true }).click({ timeout: USER_CLICK_MS });
    }
  }
  return settleScopes(family, expected, look, notes, async () => false);
}

/**
 * The verdict on the boxes: exactly the expected scopes ticked (and, on access-token forms, the
 * expiry set), or our note visible in the open dialog with nothing wrong ticked; stable for 400 ms.
 */
async function settleScopes(
  family: FamilyId,
  expected: string[],
  look: () => Promise<Observation>,
  notes: string[],
  clearFilters: () => Promise<boolean>,
): Promise<'exact' | 'fallback'> {
  // A virtualised list in a small dialog takes a dozen scrolls, twice when a cleared filter
  // brings rows back, and each waits for the page to draw them: with 12 pages on 2 cores, a
  // page draws a scroll in 0.5–1 s (2026-12-08). Our bar says it is still at work meanwhile.
  const deadline = Date.now() + 30_000;
  let loadedAt: number | undefined;
  let filtersCleared = false;
  let candidate: { outcome: 'exact' | 'fallback'; since: number } | undefined;
  for (;;) {
    const obs = await look();
    const ticked = (obs.state.scopes ?? []) as string[];
    const loaded = obs.state.picker?.loaded !== false;
    if (loaded) loadedAt ??= Date.now();
    // While our bar says it is still going through the rows, a user waits (up to the deadline).
    if (obs.host.busy) loadedAt = Date.now();
    const note = obs.host.fallback;
    const exact = sameSet(ticked, expected) && expiryOk(obs, family, note);
    const subset = ticked.every((id) => expected.includes(id));
    let now: 'exact' | 'fallback' | undefined;
    if (exact) now = 'exact';
    else if (note !== null && subset && obs.host.inTopDialog && expiryOk(obs, family, note)) now = 'fallback';
    const asksToClear = obs.host.action === 'clear-filter' || (note !== null && /filter|search/i.test(note));
    if (asksToClear && !filtersCleared) {
      filtersCleared = true;
      if (await clearFilters()) {
        notes.push('user cleared the filter as the note says');
        candidate = undefined;
        // The rows the filter hid arrive now: they get the same time as a freshly loaded step.
        loadedAt = undefined;
        continue;
      }
    }
    if (now && candidate?.outcome === now && Date.now() - candidate.since >= 400) {
      if (now === 'fallback')
        notes.unshift(
          `note: ${note
            ?.split(/Copy the list/)[0]
            ?.replace(/\s+/g, ' ')
            .slice(0, 110)}`,
        );
      return now;
    }
    if (now && candidate?.outcome !== now) candidate = { outcome: now, since: Date.now() };
    if (!now) candidate = undefined;
    const settledFor = loadedAt === undefined ? 0 : Date.now() - loadedAt;
    // A verdict that just appeared (a note shown late on a busy machine) gets its 400 ms first.
    if ((settledFor > 3000 && candidate === undefined) || Date.now() > deadline) {
      const wrong = ticked.filter((id) => !expected.includes(id));
      const missing = expected.filter((id) => !ticked.includes(id));
      const parts = [
        wrong.length ? `wrong ticks ${wrong.join(' ')}` : '',
        missing.length ? `not ticked ${missing.join(' ')}` : '',
        !expiryOk(obs, family, note)
          ? `expiry ${String(obs.state.expiry)} ${String(obs.state.expiresOn)}`
          : '',
        note === null ? 'no note' : obs.host.inTopDialog ? '' : 'note outside the dialog',
        loaded ? '' : 'rows never loaded',
      ].filter(Boolean);
      fail(parts.join('; '));
    }
    await sleep(POLL_MS);
  }
}

/** Access-token forms: a date (never "No expiry"), the settings' days clamped to the admin's maximum. */
function expiryOk(obs: Observation, family: FamilyId, note: string | null): boolean {
  if (family !== 'access-token') return true;
  const policy = obs.state.expiryPolicy as { maxDays: number } | undefined;
  const days = Math.min(SETTINGS_EXPIRY_DAYS, policy?.maxDays ?? 365);
  const want = isoInDays(days);
  if (obs.state.expiry === 'date' && obs.state.expiresOn === want) return true;
  // Not set, but the note tells the user the date to pick.
  return note?.includes(want) ?? false;
}

/** Variants that together take every value of the given switches (few, for the slower checks). */
export function coveringVariants(variants: MatrixVariant[], keys: string[]): MatrixVariant[] {
  const wanted = new Set(variants.flatMap((v) => keys.map((k) => `${k}=${switchesOf(v)[k]}`)));
  const chosen: MatrixVariant[] = [];
  while (wanted.size > 0) {
    const best = [...variants].sort(
      (a, b) =>
        keys.filter((k) => wanted.has(`${k}=${switchesOf(b)[k]}`)).length -
        keys.filter((k) => wanted.has(`${k}=${switchesOf(a)[k]}`)).length,
    )[0];
    if (!best) break;
    chosen.push(best);
    for (const k of keys) wanted.delete(`${k}=${switchesOf(best)[k]}`);
  }
  return chosen;
}

/** Our host inside the topmost dialog, or a note of ours visible inside it: both wrong in a non-form dialog. */
async function oursInTopDialog(page: Page, host: string): Promise<string | undefined> {
  return page.evaluate((tag) => {
    const top = [...document.querySelectorAll('[role="dialog"]')]
      .filter((d) => d.getClientRects().length > 0)
      .at(-1);
    if (!top) return 'no dialog open';
    const el = document.querySelector(tag);
    return el && top.contains(el)
      ? `our bar is inside "${top.getAttribute('aria-label') ?? top.textContent?.slice(0, 40)}"`
      : undefined;
  }, host);
}

/**
 * Dialogs that are not creation forms get nothing from us: on an access-token list, the Rotate and
 * Revoke confirmations, and "Access token created" after the user creates a token with a preset.
 * Returns what went wrong (empty when nothing).
 */
export async function nonFormDialogs(page: Page, variant: MatrixVariant): Promise<string[]> {
  const problems: string[] = [];
  const sw = switchesOf(variant);
  const t = textsOf(sw);
  const host = FIXTURE_FAMILIES[variant.family].host;
  const { uninstall } = await installFixtureRoutes(page, { variant: variant.name });
  try {
    await page.goto(entryUrlOf(variant));
    await page.waitForTimeout(1500); // the content script's start
    for (const kind of ['rotate', 'revoke'] as const) {
      if (sw.rotate === 'menu') {
        await page.getByRole('button', { name: t('moreActionsFor', { name: 'deploy-bot' }) }).click();
        await page.getByRole('menuitem', { name: t(kind) }).click();
      } else {
        await page
          .getByRole('row', { name: /deploy-bot/ })
          .getByRole('button', { name: t(kind), exact: true })
          .click();
      }
      await page.waitForTimeout(800);
      const wrong = await oursInTopDialog(page, host);
      if (wrong) problems.push(`${kind} confirmation: ${wrong}`);
      await page
        .getByRole('dialog')
        .getByRole('button', { name: t('cancel'), exact: true })
        .click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    }
    // A token made with a preset (by hand where the preset left something out), then Create.
    const preset = page.locator(`${host} [data-testid="preset-bar"] [data-preset="git-read"]`);
    // The bar must be there and answer: else "nothing of ours in these dialogs" proves nothing.
    const picked = await preset
      .click({ timeout: USER_CLICK_MS })
      .then(() => true)
      .catch(() => false);
    if (!picked) problems.push('no preset bar to pick git-read from');
    await page.waitForTimeout(1000);
    if ((await fixtureStateOf(page)).step !== 'form') {
      const level = {
        repository: 'levelTitleRepository',
        project: 'levelTitleProject',
        workspace: 'levelTitleWorkspace',
      }[sw.level ?? 'repository'] as string;
      const name =
        sw.createLabel === 'long' ? t('createAccessTokenLong', { level: t(level) }) : t('createAccessToken');
      await page.getByRole('button', { name, exact: true }).click();
    }
    // As a user would, let our bar finish (it types the expiry date) before typing anything.
    // Settled: a date that stays the same across two looks (the bar may retype a date the
    // workspace refuses) and the bar no longer busy with the boxes.
    let lastDate = '';
    const filled = await within(
      6000,
      async () => {
        const now = await fixtureStateOf(page);
        const busy = await page.locator(`${host}[data-bbah-busy]`).count();
        const date = now.step === 'form' ? String(now.expiresOn ?? '') : '';
        const settled = date !== '' && date === lastDate && busy === 0;
        lastDate = date;
        return settled ? true : undefined;
      },
      300,
    );
    if (picked && !filled) problems.push('the preset never set the expiry date');
    const state = await fixtureStateOf(page);
    if (!state.name) await page.locator('#access-token-name').fill('by hand');
    if (state.expiry === 'date' && !state.expiresOn) {
      const date = page.locator('#access-token-expiry');
      await date.click();
      await date.pressSequentially(isoInDays(30));
      await date.press('Enter');
    }
    if ((await fixtureStateOf(page)).scopes.length === 0)
      await page.locator('input[type="checkbox"]:not([disabled])').first().click();
    const create = page.getByRole('button', { name: t('create'), exact: true });
    const isCreated = async () => ((await fixtureStateOf(page)).dialog === 'created' ? true : undefined);
    await create.click({ timeout: USER_CLICK_MS });
    let created = await within(3000, isCreated);
    if (!created && (await create.count())) {
      // Making the token is only the way to its "created" dialog, which is what is checked here:
      // a click that did not take (seen twice in CI, never here) is clicked again, and said.
      console.warn(`${variant.name}: Create did not take`, await fixtureStateOf(page));
      await create.click({ timeout: USER_CLICK_MS }).catch(() => {});
      created = await within(3000, isCreated);
    }
    if (!created) {
      const { step, dialog, name, expiry, expiresOn, scopes } = await fixtureStateOf(page);
      problems.push(
        `could not create a token by hand (${JSON.stringify({ step, dialog, name, expiry, expiresOn, scopes })})`,
      );
    } else {
      // The page's state says "created" before its new dialog is drawn and we have seen it.
      await page.waitForTimeout(800);
      const wrong = await oursInTopDialog(page, host);
      if (wrong) problems.push(`"created" dialog: ${wrong}`);
    }
    const pressedByUs = ((await fixtureStateOf(page)).presses as { kind: string; trusted: boolean }[]).filter(
      (press) => !press.trusted && FORBIDDEN_PRESSES.includes(press.kind),
    );
    if (pressedByUs.length)
      problems.push(`pressed by the extension: ${pressedByUs.map((p) => p.kind).join(', ')}`);
  } catch (error) {
    problems.push(`walk error: ${String(error).split('\n')[0]}`);
  } finally {
    await uninstall();
  }
  return problems.map((problem) => `${variant.name}: ${problem}`);
}
