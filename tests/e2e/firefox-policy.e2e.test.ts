// The organisation policy in real Firefox: the policies.json sample of docs/administrators.md,
// put where Debian's firefox-esr reads enterprise policies, must reach the add-on's
// storage.managed whole (3rdparty.Extensions, keyed by the gecko id) and show in the options
// page, the popup and the preset bar, as tests/e2e/policy.e2e.test.ts checks for Chromium.
//
// Firefox reads policies.json from the `distribution` folder of its installation (Debian:
// /usr/lib/firefox-esr/distribution → /usr/share/firefox-esr/distribution) and from
// /etc/firefox/policies (both checked by hand on 2026-12-07, docs/evidence/browsers.md#firefox-policies).
// The folder that exists in the package is used here: Firefox runs in its own user and mount
// namespace (`unshare`, no root needed where unprivileged user namespaces are allowed) with a
// temporary folder bound over it, so the machine's files are never touched.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtures } from '../../scripts/build-fixtures.mjs';
import { FIXTURE_URLS } from '../support/fixture-routes.mjs';
import {
  type FirefoxExtension,
  GECKO_ID,
  launchFirefox,
  requireFirefoxBuild,
  until,
} from './firefox-browser';

const sample = /```json policy-firefox\n([\s\S]*?)\n```/.exec(
  readFileSync('docs/administrators.md', 'utf8'),
)?.[1];
if (!sample) throw new Error('docs/administrators.md has no ```json policy-firefox block');
const documented = (
  JSON.parse(sample) as { policies: { '3rdparty': { Extensions: Record<string, Record<string, unknown>> } } }
).policies['3rdparty'].Extensions[GECKO_ID];
if (!documented) throw new Error(`The policy-firefox sample has no entry for ${GECKO_ID}`);

let root: string;
let ff: FirefoxExtension;

const textIn = (selector: string) =>
  ff.extensionPage.evaluate((s) => document.querySelector(s)?.textContent ?? '', selector);

beforeAll(async () => {
  const firefox = requireFirefoxBuild();
  await buildFixtures();
  root = realpathSync(mkdtempSync(join(tmpdir(), 'bbah-firefox-policy-')));
  const distribution = realpathSync(join(dirname(realpathSync(firefox)), 'distribution'));
  const copy = join(root, 'distribution');
  cpSync(distribution, copy, { recursive: true });
  writeFileSync(join(copy, 'policies.json'), sample);
  try {
    execFileSync('unshare', ['--user', '--map-root-user', '--mount', 'true'], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(
      `This test gives Firefox a policy folder in its own namespace and needs \`unshare --user --mount\` (util-linux, unprivileged user namespaces). ${String(error)}`,
    );
  }
  const wrapper = join(root, 'firefox-with-policy');
  writeFileSync(
    wrapper,
    `#!/bin/sh\nexec unshare --user --map-root-user --mount sh -c 'mount --bind "$0" "$1" && shift && exec "$@"' '${copy}' '${distribution}' '${firefox}' "$@"\n`,
  );
  chmodSync(wrapper, 0o755);
  ff = await launchFirefox({ executablePath: wrapper });
}, 60_000);

afterAll(async () => {
  await ff?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('organisation policy in real Firefox (the documented policies.json sample)', () => {
  it('reaches storage.managed whole', async () => {
    const managed = await ff.extensionPage.evaluate('browser.storage.managed.get(null)');
    expect(managed).toEqual(documented);
  });

  it('the options page shows and locks what the organisation set', async () => {
    let notice = '';
    await until(async () => {
      await ff.show('/options.html');
      notice = await textIn('[data-testid="policy-notice"]');
      return notice.includes('label pattern');
    }, 'The options page never showed the policy notice');
    expect(notice).toContain('added 1 token preset');
    expect(
      await ff.extensionPage.evaluate(() =>
        document.querySelector('[data-testid="policy-help-link"]')?.getAttribute('href'),
      ),
    ).toBe(documented.helpUrl);
    const labelPattern = await ff.extensionPage.evaluate(() => {
      const label = [...document.querySelectorAll('label')].find(
        (l) => l.textContent?.trim() === 'Label pattern',
      );
      const input = label?.htmlFor ? document.getElementById(label.htmlFor) : label?.querySelector('input');
      return (input as HTMLInputElement | null | undefined)?.disabled;
    });
    expect(labelPattern).toBe(true);
  });

  it('the popup starts with the organisation’s git username mode', async () => {
    await ff.show(`/popup.html?url=${encodeURIComponent('https://bitbucket.org/acme/web-app')}`);
    await expect
      .poll(() =>
        ff.extensionPage.evaluate(() => (document.getElementById('kind') as HTMLSelectElement)?.value),
      )
      .toBe('api-token-static');
  });

  it('the preset bar on the API-token page offers the organisation’s preset', async () => {
    const page = await ff.openFixture(FIXTURE_URLS.apiTokens);
    // Wherever the bar is: on the list, or in the wizard once it is open.
    const onList = await page
      .waitForSelector('>>> [data-testid="preset-bar"] [data-preset="deploy-read"]', { timeout: 4000 })
      .catch(() => null);
    if (!onList) {
      await page.evaluate(() =>
        [...document.querySelectorAll('button')]
          .find((b) => b.textContent?.trim() === 'Create API token with scopes')
          ?.click(),
      );
      await page.waitForSelector('>>> [data-testid="preset-bar"] [data-preset="deploy-read"]', {
        timeout: 8000,
      });
    }
    expect(await page.$('>>> [data-testid="preset-bar"] [data-preset="git-push"]')).not.toBeNull();
    await page.close();
  });
});
