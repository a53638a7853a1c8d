// The walk of the capture kit: which pages it opens, which buttons it presses to reach each page
// state, and the guards that keep it from ever creating, rotating or revoking anything. Every
// locator is a role or a text, tolerant of wording (English first); what it can't find it says,
// and the walk goes on. Button texts and steps: docs/evidence/capture-walk.md.
import { URLS } from './families.mjs';

/** Pressed by the walk only outside a dialog (openers); never inside one. */
const FORBIDDEN =
  /\b(?:create|generate|rotate|revoke|delete|remove|save|submit|confirm|regenerate|erstellen|generieren|widerrufen|löschen|entfernen|speichern|rotieren|créer|générer|révoquer|supprimer|enregistrer)\b/i;
const NEXT = /^\s*(?:next|continue|weiter|suivant|次へ)\s*$/i;
const DISMISS = /^\s*(?:cancel|close|abbrechen|schließen|annuler|fermer|キャンセル|閉じる)\s*$/i;
const DIALOGS = '[role="dialog"]:visible, [role="alertdialog"]:visible, dialog[open]:visible';
/** The name typed into creation forms: never submitted, but plainly ours if it shows up anywhere. */
export const THROWAWAY_NAME = 'bbah-capture-throwaway';

export class WalkRefused extends Error {}

/**
 * Clicks `locator` only if its text fits `purpose`: `open` (a create-form opener, outside any
 * dialog, matching `expected`), `step` (Next and the like, never a forbidden word), `menu` (a row's
 * "…" opener), `dismiss` (Cancel/Close). Throws WalkRefused otherwise.
 */
export async function guardedClick(locator, purpose, expected) {
  const info = await locator.evaluate((element) => ({
    text: (
      element.getAttribute('aria-label') ||
      element.textContent ||
      element.getAttribute('value') ||
      ''
    ).trim(),
    inDialog: Boolean(element.closest('[role="dialog"], [role="alertdialog"], dialog')),
  }));
  const refuse = (why) => {
    throw new WalkRefused(`refused to press "${info.text}" (${purpose}): ${why}`);
  };
  if (purpose === 'open') {
    if (info.inDialog) refuse('an opener inside a dialog');
    if (!expected.test(info.text)) refuse('not the expected opener');
  } else {
    if (FORBIDDEN.test(info.text)) refuse('it could create, rotate or revoke');
    if (expected && !expected.test(info.text)) refuse('not the expected button');
  }
  await locator.click();
}

/** The first candidate that becomes visible within `timeout`: `{ locator, label }`, or undefined. */
export async function findVisible(candidates, timeout = 5000) {
  const deadline = Date.now() + timeout;
  do {
    for (const [label, make] of candidates) {
      const locator = make().first();
      if (await locator.isVisible().catch(() => false)) return { locator, label };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  } while (Date.now() < deadline);
  return undefined;
}

// How long the DOM must stay unchanged before a state counts as reached: the live sites load
// in pieces; the fixture pages (self-test) are done sooner.
let quietFor = 400;

/** Waits until the DOM has been quiet for `quietMs` (at most `maxMs`), after the load event. */
export async function settle(page, { quietMs = quietFor, maxMs = 8000 } = {}) {
  await page.waitForLoadState('load').catch(() => {});
  await page.evaluate(`new Promise((resolve) => {
    let timer;
    const done = () => { observer.disconnect(); resolve(); };
    const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, ${quietMs}); });
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    timer = setTimeout(done, ${quietMs});
    setTimeout(done, ${maxMs});
  })`);
}

export const topDialog = (page) => page.locator(DIALOGS).last();

async function dialogOpen(page, timeout = 4000) {
  return topDialog(page)
    .waitFor({ state: 'visible', timeout })
    .then(() => true)
    .catch(() => false);
}

/** Cancel/Close in the topmost dialog, else Escape; reloads `fallbackUrl` if the dialog stays. */
async function dismissDialog(page, fallbackUrl) {
  const dialog = topDialog(page);
  if (!(await dialog.isVisible().catch(() => false))) return;
  const button = await findVisible(
    [['Cancel/Close', () => dialog.getByRole('button', { name: DISMISS })]],
    1000,
  );
  if (button)
    await guardedClick(button.locator, 'dismiss', DISMISS).catch(() => page.keyboard.press('Escape'));
  else await page.keyboard.press('Escape');
  const closed = await dialog
    .waitFor({ state: 'hidden', timeout: 3000 })
    .then(() => true)
    .catch(() => false);
  if (!closed) await page.goto(fallbackUrl);
  await settle(page);
}

/** Presses Next in `root` once it is enabled; resolves when what `root` shows has changed. */
async function pressNext(root, say) {
  const found = await findVisible([
    ['button "Next"', () => root.getByRole('button', { name: NEXT })],
    ['button "Continue"', () => root.getByRole('button', { name: /continue|weiter|suivant/i })],
  ]);
  if (!found) {
    say('could not find a Next button (tried "Next", "Continue")');
    return false;
  }
  for (let waited = 0; !(await found.locator.isEnabled()); waited += 250) {
    if (waited >= 4000) {
      say('Next stayed disabled: the step wants more than the walk filled in');
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const before = await root.textContent().catch(() => '');
  await guardedClick(found.locator, 'step', /./);
  for (let waited = 0; waited < 5000; waited += 200) {
    if ((await root.textContent().catch(() => before)) !== before) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  say('Next was pressed but nothing changed within 5 s');
  return false;
}

/** Ticks a box the way a user does; Atlaskit hides the input under its own drawing. */
async function tick(locator) {
  try {
    await locator.check({ timeout: 3000 });
  } catch {
    await locator.click({ force: true });
  }
}

async function openForm(page, candidates, expected, say, timeout = 5000) {
  const found = await findVisible(candidates, timeout);
  if (!found) {
    say(`could not find ${candidates.map(([label]) => label).join(' / ')}`);
    return false;
  }
  await guardedClick(found.locator, 'open', expected);
  await dialogOpen(page);
  await settle(page);
  return true;
}

/** The API-token page: list, the scoped wizard step by step, the plain dialog, our deep link. */
async function walkApiTokens({ page, snap, say }) {
  await page.goto(URLS.apiTokens);
  await settle(page);
  if (/\/login|\/signup/.test(new URL(page.url()).pathname)) {
    say(`not signed in (landed on ${new URL(page.url()).pathname}): skipped`);
    return;
  }
  await snap('api-tokens', 'list', 'list');

  const scoped = await openForm(
    page,
    [
      ['button "Create API token with scopes"', () => page.getByRole('button', { name: /with scopes/i })],
      ['link "Create API token with scopes"', () => page.getByRole('link', { name: /with scopes/i })],
    ],
    /scope/i,
    say,
  );
  if (scoped) {
    const root = (await topDialog(page).isVisible()) ? topDialog(page) : page.locator('main, body').first();
    await snap('api-tokens', 'wizard-details', 'form');
    const name = await findVisible([
      ['textbox "Name"', () => root.getByRole('textbox', { name: /name/i })],
      ['the first textbox', () => root.getByRole('textbox')],
    ]);
    if (name) await name.locator.fill(THROWAWAY_NAME);
    else say('wizard: no name field found');
    if (await pressNext(root, (m) => say(`wizard, details step: ${m}`))) {
      await settle(page);
      await snap('api-tokens', 'wizard-app', 'form');
      const app = await findVisible([
        ['radio "Bitbucket"', () => root.getByRole('radio', { name: /bitbucket/i })],
        ['option "Bitbucket"', () => root.getByRole('option', { name: /bitbucket/i })],
        ['label "Bitbucket"', () => root.getByLabel(/bitbucket/i)],
        ['text "Bitbucket"', () => root.getByText(/^\s*bitbucket\s*$/i)],
      ]);
      if (!app) say('wizard, app step: no "Bitbucket" choice found');
      else if (app.label.startsWith('radio')) await tick(app.locator);
      else await app.locator.click();
      if (app && (await pressNext(root, (m) => say(`wizard, app step: ${m}`)))) {
        await settle(page);
        await snap('api-tokens', 'wizard-scopes', 'form');
        const scope = await findVisible([
          [
            'checkbox read:repository:bitbucket',
            () => root.getByRole('checkbox', { name: /read:repository:bitbucket/i }),
          ],
          [
            'checkbox value=read:repository:bitbucket',
            () => root.locator('input[type=checkbox][value="read:repository:bitbucket"]'),
          ],
          [
            'checkbox "View your repositories"',
            () => root.getByRole('checkbox', { name: /view your repositories/i }),
          ],
          ['a checkbox named "read…"', () => root.getByRole('checkbox', { name: /\bread\b/i })],
        ]);
        if (!scope) say('wizard, scope step: no read scope found to tick');
        else await tick(scope.locator);
        if (scope && (await pressNext(root, (m) => say(`wizard, scope step: ${m}`)))) {
          await settle(page);
          await snap('api-tokens', 'wizard-review', 'form');
        }
      }
    }
    await dismissDialog(page, URLS.apiTokens);
  }

  const plain = await openForm(
    page,
    [['button "Create API token"', () => page.getByRole('button', { name: /^\s*create api token\s*$/i })]],
    /^\s*create api token\s*$/i,
    say,
  );
  if (plain) {
    await snap('api-tokens', 'unscoped-form', 'form');
    await dismissDialog(page, URLS.apiTokens);
  }

  await page.goto(URLS.apiTokensDeepLink);
  await settle(page);
  const landed = await topDialog(page).isVisible();
  await snap('api-tokens', 'deep-link', landed ? 'form' : 'list');
  if (landed) await dismissDialog(page, URLS.apiTokens);
}

/** A repository, project or workspace access-token page: list, its row menu, the create form. */
async function walkAccessTokens({ page, snap, say }, family, url) {
  const response = await page.goto(url);
  await settle(page);
  if (response && response.status() >= 400) {
    say(`${family}: the page answered HTTP ${response.status()}: skipped`);
    return;
  }
  if (new URL(page.url()).pathname.replace(/\/$/, '') !== new URL(url).pathname.replace(/\/$/, '')) {
    say(`${family}: redirected away from the access-token page: skipped`);
    return;
  }
  await snap(family, 'list', 'list');

  const firstRow = page.locator('tbody tr, [role="row"]:has([role="cell"], [role="gridcell"])').first();
  const menu = await findVisible(
    [
      [
        'row button "More actions"/"…"',
        () => firstRow.getByRole('button', { name: /more|actions|options|…|\.\.\./i }),
      ],
    ],
    800,
  );
  if (!menu) say(`${family}: no "…" menu in the first row (an empty list, or Rotate shown inline)`);
  else {
    await guardedClick(menu.locator, 'menu', /./);
    await settle(page);
    await snap(family, 'list-row-menu', 'list');
    await page.keyboard.press('Escape');
    await settle(page);
  }

  const opener = /(?:create|add)\s+(?:(?:repository|project|workspace)\s+)?access\s+token/i;
  const opened = await openForm(
    page,
    [
      ['button "Create access token"', () => page.getByRole('button', { name: opener })],
      ['link "Create access token"', () => page.getByRole('link', { name: opener })],
    ],
    opener,
    (m) => say(`${family}: ${m}`),
  );
  if (opened) {
    await snap(family, 'create-form', 'form');
    await dismissDialog(page, url);
  }
}

async function walkAppPasswords({ page, snap, say }) {
  await page.goto(URLS.appPasswords);
  await settle(page);
  if (new URL(page.url()).pathname.startsWith('/account/settings/app-passwords')) {
    await snap('app-passwords', 'list', 'list');
  } else say('app-passwords: the list redirects elsewhere: skipped');
  await page.goto(URLS.appPasswordsNew);
  await settle(page);
  if (/\/app-passwords\/new\/?$/.test(new URL(page.url()).pathname)) {
    await snap('app-passwords', 'new-form', 'form');
  } else say('app-passwords: /new redirects elsewhere (expected since 2025-09-09): skipped');
}

async function walkBitbucketApiTokens({ page, snap, say }) {
  const response = await page.goto(URLS.bitbucketApiTokens);
  await settle(page);
  const { hostname, pathname } = new URL(page.url());
  if (hostname !== 'bitbucket.org' || !pathname.startsWith('/account/settings/api-tokens')) {
    say(`bitbucket-api-tokens: redirects to ${hostname}${pathname}: nothing to capture`);
    return;
  }
  // Served: held to the API-token list's contract by the replay. An error page is kept to look
  // at, not held to anything.
  const failed = response !== null && response.status() >= 400;
  if (failed) say(`bitbucket-api-tokens: HTTP ${response.status()} (captured anyway)`);
  await snap('bitbucket-api-tokens', 'page', failed ? 'other' : 'list');
  const opened = await openForm(
    page,
    [['button "Create API token…"', () => page.getByRole('button', { name: /create (?:an )?api token/i })]],
    /create (?:an )?api token/i,
    () => {},
    800,
  );
  if (opened) {
    await snap('bitbucket-api-tokens', 'create-form', 'form');
    await dismissDialog(page, URLS.bitbucketApiTokens);
  }
}

/**
 * The walk, as a list of named steps for the families asked for. `targets`: `{ repo: 'ws/repo',
 * project: 'ws/KEY', workspace: 'ws' }`, each optional; without one, that family is skipped.
 * `only`: family names; `quietMs`: see `settle`.
 */
export function planWalk(targets, { only, quietMs = 400 } = {}) {
  quietFor = quietMs;
  const steps = [
    ['api-tokens', (ctx) => walkApiTokens(ctx)],
    ...(targets.repo
      ? [
          [
            'repository-access-tokens',
            (ctx) =>
              walkAccessTokens(
                ctx,
                'repository-access-tokens',
                URLS.repositoryAccessTokens(...targets.repo.split('/')),
              ),
          ],
        ]
      : []),
    ...(targets.project
      ? [
          [
            'project-access-tokens',
            (ctx) =>
              walkAccessTokens(
                ctx,
                'project-access-tokens',
                URLS.projectAccessTokens(...targets.project.split('/')),
              ),
          ],
        ]
      : []),
    ...(targets.workspace
      ? [
          [
            'workspace-access-tokens',
            (ctx) =>
              walkAccessTokens(ctx, 'workspace-access-tokens', URLS.workspaceAccessTokens(targets.workspace)),
          ],
        ]
      : []),
    ['app-passwords', (ctx) => walkAppPasswords(ctx)],
    ['bitbucket-api-tokens', (ctx) => walkBitbucketApiTokens(ctx)],
  ];
  return only?.length ? steps.filter(([family]) => only.includes(family)) : steps;
}
