#!/usr/bin/env node
// `npm run store-assets`: the store listing's images, made from the built extension on the e2e
// fixtures (served as the real bitbucket.org and id.atlassian.com URLs) in headless Chromium, so
// they show what the current build does. Writes docs/store/images/:
//   screenshot-{1..5}-*.png  1280×800 (Chrome Web Store, Edge Add-ons and AMO accept this size)
//   promo-tile-440x280.png   the Chrome Web Store's small promo tile
//   node scripts/store-assets.mjs [--out <dir>]
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchChromium } from '../tests/support/chromium.mjs';
import { FIXTURE_URLS, installFixtureRoutes } from '../tests/support/fixture-routes.mjs';

const args = process.argv.slice(2);
const outDir = resolve(args.includes('--out') ? args[args.indexOf('--out') + 1] : 'docs/store/images');
const extension = resolve('.output/chrome-mv3');
const WIDTH = 1280;
const HEIGHT = 800;

// Dates as the fixtures show them (Intl medium style), relative to today: the marks stay true.
const shown = (days) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(new Date(Date.now() + days * 86_400_000));

const png = (path) => `data:image/png;base64,${readFileSync(path).toString('base64')}`;

/** The fixtures' own state box is for tests; a store image shows the page as users see it. */
const hideFixtureState = (page) =>
  page.addStyleTag({ content: '[data-testid="fixture-state"] { display: none !important; }' });

/** Width and height from a PNG's header. */
function pngSize(path) {
  const bytes = readFileSync(path);
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

async function main() {
  if (!existsSync(join(extension, 'manifest.json'))) {
    console.error('The extension is not built: run `npm run build` (npm run store-assets does it for you).');
    process.exit(1);
  }
  const { context, extensionId } = await launchChromium({
    extension,
    viewport: { width: WIDTH, height: HEIGHT },
    colorScheme: 'light',
  });
  await installFixtureRoutes(context, {
    user: { username: 'alice-dev' },
    apiTokens: [
      { name: 'git-push@old-laptop', created: shown(-360), expires: shown(-2), lastAccessed: shown(-3) },
      { name: 'ci@jenkins', created: shown(-300), expires: shown(6), lastAccessed: shown(-1) },
      { name: 'sourcetree@desk', created: shown(-200), expires: shown(160), lastAccessed: shown(-120) },
      { name: 'git-push@work-laptop', created: shown(-20), expires: shown(340), lastAccessed: shown(0) },
    ],
  });
  mkdirSync(outDir, { recursive: true });
  const written = [];
  const save = async (page, name, options = {}) => {
    const path = join(outDir, name);
    await page.screenshot({ path, ...options });
    written.push(path);
    return path;
  };
  const tmp = join(outDir, '..', '.store-assets-tmp');
  mkdirSync(tmp, { recursive: true });

  // 1. The popup over the repository page it was opened on, where the real popup would sit.
  const repo = await context.newPage();
  await repo.goto(FIXTURE_URLS.repoSource);
  await hideFixtureState(repo);
  await repo.waitForTimeout(500);
  const background = join(tmp, 'repo.png');
  await repo.screenshot({ path: background });
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 460, height: 700 });
  await popup.goto(
    `chrome-extension://${extensionId}/popup.html?${new URLSearchParams({ url: FIXTURE_URLS.repoSource })}`,
  );
  await popup.getByTestId('snippet-set-url').waitFor();
  await popup.waitForTimeout(400);
  const popupShot = join(tmp, 'popup.png');
  await popup.screenshot({ path: popupShot });
  const composite = await context.newPage();
  await composite.setContent(`<!doctype html><body style="margin:0;position:relative">
    <img src="${png(background)}" style="display:block">
    <img src="${png(popupShot)}" style="position:absolute;top:8px;right:16px;border:1px solid #c1c7d0;
      border-radius:8px;box-shadow:0 8px 24px rgba(9,30,66,.35)"></body>`);
  await save(composite, 'screenshot-1-popup.png');

  // 2. The API-token wizard at the scope step, filled by a preset.
  const wizard = await context.newPage();
  await wizard.goto(FIXTURE_URLS.apiTokens);
  await hideFixtureState(wizard);
  // Wherever the bar is: on the list, or in the wizard once it is open.
  const preset = wizard.getByTestId('preset-bar').locator('[data-preset="git-push"]');
  if (
    !(await preset.waitFor({ timeout: 3000 }).then(
      () => true,
      () => false,
    ))
  ) {
    await wizard.getByRole('button', { name: 'Create API token with scopes' }).click();
  }
  await preset.click();
  const dialog = wizard.getByRole('dialog');
  await dialog.locator('#api-token-name').waitFor();
  for (let i = 0; i < 2; i++) await dialog.getByRole('button', { name: 'Next' }).click();
  await wizard.waitForTimeout(500);
  await save(wizard, 'screenshot-2-api-token-preset.png');

  // 3. A repository access-token form, filled by a preset.
  const access = await context.newPage();
  await access.goto(FIXTURE_URLS.repoAccessTokens);
  await hideFixtureState(access);
  await access.getByTestId('preset-bar').locator('[data-preset="git-read"]').click();
  await access.waitForTimeout(500);
  await save(access, 'screenshot-3-access-token-preset.png');

  // 4. The API-token list, marked.
  const list = await context.newPage();
  await list.goto(FIXTURE_URLS.apiTokens);
  await hideFixtureState(list);
  await list.locator('tbody tr[data-credential-status]').first().waitFor();
  await list.waitForTimeout(500);
  await save(list, 'screenshot-4-token-list.png');

  // 5. The options page at "Start here", with the tracked list the visit above filled.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html#start`);
  await options.getByTestId('start-here').waitFor();
  await options.waitForTimeout(400);
  await save(options, 'screenshot-5-start-here.png');

  // The small promo tile: the icon, the name and what it is for, in the icon's colours.
  const tile = await context.newPage();
  await tile.setViewportSize({ width: 440, height: 280 });
  await tile.setContent(`<!doctype html><body style="margin:0;width:440px;height:280px;display:flex;
    align-items:center;gap:24px;padding:0 28px;box-sizing:border-box;background:#064A47;color:#fff;
    font:16px/1.35 system-ui,sans-serif">
    <div style="flex:none;width:128px;height:128px">${readFileSync('assets/icon.svg', 'utf8').replace('<svg ', '<svg width="128" height="128" ')}</div>
    <div><div style="font-size:26px;font-weight:700;line-height:1.15">Auth Helper for Bitbucket</div>
    <div style="margin-top:10px;opacity:.92">Fix git's “Authentication failed” for bitbucket.org. Least-privilege API tokens, expiry reminders.</div></div></body>`);
  await save(tile, 'promo-tile-440x280.png');

  await context.close();
  rmSync(tmp, { recursive: true, force: true });
  for (const path of written) {
    const [width, height] = pngSize(path);
    const want = path.endsWith('440x280.png') ? [440, 280] : [WIDTH, HEIGHT];
    if (width !== want[0] || height !== want[1])
      throw new Error(`${path} is ${width}×${height}, not ${want.join('×')}`);
  }
  console.log(`Store images:\n  ${written.join('\n  ')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
