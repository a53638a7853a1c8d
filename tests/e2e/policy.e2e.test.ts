// The organisation policy in real Chromium: the Linux sample of docs/administrators.md, written
// where Chromium reads policy files, must pass Chrome's validation against our managed_schema
// whole, reach storage.managed, and show in the options page, the popup and the preset bar.
//
// Chromium reads machine policy only from /etc/chromium/policies. The browser runs in its own
// user and mount namespace (`unshare`, no root needed where unprivileged user namespaces are
// allowed, as on Debian) with a temporary copy of /etc/chromium bound over the real one: the
// machine's files are never touched. Chrome keys extension policy by id, and an unpacked
// extension's id is derived from its folder's path, so the test computes it beforehand and then
// checks it against the id Chromium reports.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launchChromium } from '../support/chromium.mjs';
import { FIXTURE_URLS, installFixtureRoutes } from '../support/fixture-routes.mjs';
import { EXTENSION_DIR } from './extension';

declare const chrome: { storage: { managed: { get(keys: null): Promise<Record<string, unknown>> } } };

const sample = /```json policy-linux\n([\s\S]*?)\n```/.exec(
  readFileSync('docs/administrators.md', 'utf8'),
)?.[1];
if (!sample) throw new Error('docs/administrators.md has no ```json policy-linux block');
const documented = (JSON.parse(sample) as { '3rdparty': { extensions: Record<string, unknown> } })['3rdparty']
  .extensions.EXTENSION_ID as Record<string, unknown>;

/** Chromium's id for an unpacked extension: SHA-256 of its absolute path, 32 hex digits as a–p. */
function unpackedExtensionId(path: string): string {
  const hex = createHash('sha256').update(path).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

let root: string;
let context: BrowserContext;
let serviceWorker: Worker;
let extensionId: string;
let expectedId: string;

beforeAll(async () => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'bbah-policy-')));
  const extension = join(root, 'extension');
  cpSync(EXTENSION_DIR, extension, { recursive: true });
  expectedId = unpackedExtensionId(extension);

  const etc = join(root, 'etc-chromium');
  if (existsSync('/etc/chromium')) cpSync('/etc/chromium', etc, { recursive: true });
  mkdirSync(join(etc, 'policies', 'managed'), { recursive: true });
  writeFileSync(
    join(etc, 'policies', 'managed', 'bitbucket-auth-helper.json'),
    sample.replace('EXTENSION_ID', expectedId),
  );
  try {
    execFileSync('unshare', ['--user', '--map-root-user', '--mount', 'true'], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(
      `This test gives Chromium a policy folder in its own namespace and needs \`unshare --user --mount\` (util-linux, unprivileged user namespaces; on Ubuntu 24.04: sysctl kernel.apparmor_restrict_unprivileged_userns=0). ${String(error)}`,
    );
  }
  const wrapper = join(root, 'chromium-with-policy');
  writeFileSync(
    wrapper,
    `#!/bin/sh\nexec unshare --user --map-root-user --mount sh -c 'mount --bind "$0" /etc/chromium && exec "$@"' '${etc}' '${findChromium()}' "$@"\n`,
  );
  chmodSync(wrapper, 0o755);
  ({ context, serviceWorker, extensionId } = await launchChromium({
    extension,
    executablePath: wrapper,
    colorScheme: 'light',
  }));
  context.setDefaultTimeout(8000);
});

afterAll(async () => {
  await context?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('organisation policy in real Chromium (the documented Linux sample)', () => {
  it('reaches storage.managed whole: every value passes Chrome’s check against managed-schema.json', async () => {
    expect(extensionId).toBe(expectedId);
    // Chromium's first storage.managed read waits for its policy service (about 5 s).
    const managed = await serviceWorker.evaluate(() => chrome.storage.managed.get(null));
    expect(managed).toEqual(documented);
  });

  it('the options page shows and locks what the organisation set', async () => {
    const page = await context.newPage();
    // The page reads the policy itself and may first answer from an empty snapshot: reload until
    // the policy is there (it is, once the read above has finished).
    await expect
      .poll(
        async () => {
          await page.goto(`chrome-extension://${extensionId}/options.html`);
          return page.getByTestId('policy-notice').count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    const notice = page.getByTestId('policy-notice');
    await expect.poll(() => notice.textContent()).toContain('label pattern');
    expect(await notice.textContent()).toContain('added 1 token preset');
    expect(await page.getByTestId('policy-help-link').getAttribute('href')).toBe(documented.helpUrl);
    expect(await page.getByLabel('Label pattern', { exact: true }).isDisabled()).toBe(true);
    await page.close();
  });

  it('the popup starts with the organisation’s git username mode', async () => {
    const page = await context.newPage();
    await page.goto(
      `chrome-extension://${extensionId}/popup.html?url=${encodeURIComponent('https://bitbucket.org/acme/web-app')}`,
    );
    await expect
      .poll(() => page.getByLabel('Credential', { exact: true }).inputValue())
      .toBe('api-token-static');
    await page.close();
  });

  it('the preset bar on the API-token page offers the organisation’s preset', async () => {
    await installFixtureRoutes(context, {});
    const page = await context.newPage();
    await page.goto(FIXTURE_URLS.apiTokens);
    const bar = page.getByTestId('preset-bar');
    await expect.poll(() => bar.locator('[data-preset="deploy-read"]').count(), { timeout: 10_000 }).toBe(1);
    expect(await bar.locator('[data-preset="git-push"]').count()).toBe(1);
    await page.close();
  });
});
