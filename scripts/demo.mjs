#!/usr/bin/env node
// `npm run demo`: opens a Chromium-family browser with the built extension on the bundled demo
// pages (the e2e fixtures, served as the real https://bitbucket.org/… and id.atlassian.com URLs).
// Headed where a display exists; headless otherwise, writing screenshots to demo-output/.
//   node scripts/demo.mjs [--headless] [--out <dir>]
import { existsSync, mkdirSync } from 'node:fs';
import { platform } from 'node:os';
import { join, resolve } from 'node:path';
import { findChromium, HOW_TO_GET_CHROMIUM, launchChromium, QUIET_ARGS } from '../tests/support/chromium.mjs';
import { FIXTURE_URLS, installFixtureRoutes } from '../tests/support/fixture-routes.mjs';

const args = process.argv.slice(2);
const outDir = resolve(
  args.includes('--out') ? (args[args.indexOf('--out') + 1] ?? 'demo-output') : 'demo-output',
);
const extension = resolve('.output/chrome-mv3');

async function main() {
  if (!existsSync(join(extension, 'manifest.json'))) {
    console.error('The extension is not built: run `npm run build` (npm run demo does it for you).');
    process.exit(1);
  }
  if (!findChromium()) {
    console.error(HOW_TO_GET_CHROMIUM);
    process.exit(1);
  }
  const hasDisplay = platform() !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const headless = args.includes('--headless') || !hasDisplay;
  const {
    context,
    executablePath,
    extensionId: id,
  } = await launchChromium({
    extension,
    headless,
    // Headed, the first tab is what a new user sees: the options page's "Start here".
    keepStartHere: !headless,
    viewport: { width: 1200, height: 860 },
    // Headed on a desktop: the GPU and the sandbox stay on, except for root on Linux.
    args: [...QUIET_ARGS, ...(platform() === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
  });
  console.log(`Browser: ${executablePath} (${headless ? 'headless' : 'headed'})`);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await installFixtureRoutes(context, {
    apiTokens: [
      {
        name: 'git-push@old-laptop 2025-11',
        created: 'Nov 28, 2025',
        expires: 'Dec 5, 2026',
        lastAccessed: 'Nov 20, 2026',
      },
      { name: 'ci@jenkins 2025-01', created: 'Jan 10, 2025', expires: 'Never', lastAccessed: 'Mar 1, 2025' },
    ],
    appPasswords: [{ label: 'work laptop', created: 'Mar 1, 2024', lastUsed: 'Jul 20, 2026' }],
  });
  mkdirSync(outDir, { recursive: true });
  const shots = [];
  const shot = async (page, name, options = {}) => {
    const path = join(outDir, `${name}.png`);
    await page.screenshot({ path, ...options });
    shots.push(path);
  };

  const popupUrl = (params) => `chrome-extension://${id}/popup.html?${new URLSearchParams(params)}`;

  // 1. The popup on a repository page: the commands that fix the clone.
  const repo = await context.newPage();
  await repo.goto(FIXTURE_URLS.repoSource);
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 460, height: 980 });
  await popup.goto(popupUrl({ url: FIXTURE_URLS.repoSource }));
  await popup.getByTestId('snippet-set-url').waitFor();
  await popup.waitForTimeout(300);
  await shot(popup, 'popup-fix', { fullPage: true });

  // 2. The diagnoser on a pasted error.
  const diagnose = await context.newPage();
  await diagnose.setViewportSize({ width: 460, height: 980 });
  await diagnose.goto(popupUrl({ view: 'diagnose' }));
  await diagnose
    .getByLabel('Git output')
    .fill(
      "$ git push\nremote: CHANGE-3222 - Functionality has been deprecated\nremote: App passwords are deprecated and must be replaced with API tokens.\nfatal: unable to access 'https://bitbucket.org/acme/web-app.git/': The requested URL returned error: 410",
    );
  await diagnose.getByTestId('diagnosis').waitFor();
  await shot(diagnose, 'popup-diagnose', { fullPage: true });

  // 3. The API-token wizard with a preset, at the scope step.
  const wizard = await context.newPage();
  await wizard.goto(FIXTURE_URLS.apiTokens);
  await wizard.getByTestId('preset-bar').locator('[data-preset="git-push"]').click();
  const dialog = wizard.getByRole('dialog');
  await dialog.locator('#api-token-name').waitFor();
  await wizard.waitForTimeout(300);
  await shot(wizard, 'api-token-details');
  for (let i = 0; i < 2; i++) await dialog.getByRole('button', { name: 'Next' }).click();
  await wizard.waitForTimeout(300);
  await shot(wizard, 'api-token-scopes');

  // 4. The access-token form, and the app-password banner.
  const access = await context.newPage();
  await access.goto(FIXTURE_URLS.repoAccessTokens);
  await access.getByTestId('preset-bar').locator('[data-preset="git-read"]').click();
  await access.waitForTimeout(400);
  await shot(access, 'access-token-form');
  const appPasswords = await context.newPage();
  await appPasswords.goto(FIXTURE_URLS.appPasswords);
  await appPasswords.getByTestId('app-password-banner').waitFor();
  await shot(appPasswords, 'app-password-banner');

  // 5. Reminders: the token list marked, and the options page.
  const list = await context.newPage();
  await list.goto(FIXTURE_URLS.apiTokens);
  await list.waitForTimeout(600);
  await shot(list, 'api-token-list');
  const options = await context.newPage();
  await options.goto(`chrome-extension://${id}/options.html`);
  await options.waitForTimeout(500);
  await shot(options, 'options', { fullPage: true });

  console.log(`Screenshots:\n  ${shots.join('\n  ')}`);
  if (headless) {
    await context.close();
    return;
  }
  await popup.bringToFront();
  console.log('The browser stays open with the demo pages as tabs; close it to end the demo.');
  await new Promise((done) => context.on('close', done));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
