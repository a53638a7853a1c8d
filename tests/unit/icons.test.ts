// The icons: one SVG source, PNGs of the sizes the stores and browsers ask for (16 toolbar,
// 32 toolbar on high-DPI, 48 extensions page, 128 store and notifications), each the size its
// name says, declared by both manifests, and the 128 px one on every notification.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { runReminderTick } from '../../platform/background/reminders';
import config from '../../wxt.config';

const SIZES = [16, 32, 48, 128] as const;

/** Width and height from a PNG's IHDR chunk (bytes 16–23), after checking the signature. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

type Manifest = {
  icons?: Record<string, string>;
  action?: { default_icon?: Record<string, string> };
  commands?: Record<string, { suggested_key?: { default?: string } }>;
};
async function manifestFor(browser: 'chrome' | 'firefox', manifestVersion: 2 | 3): Promise<Manifest> {
  const manifest = config.manifest as (env: object) => Manifest | Promise<Manifest>;
  return manifest({ browser, manifestVersion, mode: 'production', command: 'build' });
}

it.each(SIZES)('public/icons/%d.png is a PNG of exactly that size', (size) => {
  expect(pngSize(`public/icons/${size}.png`)).toEqual({ width: size, height: size });
});

it('the SVG source is in the repository', () => {
  expect(readFileSync('assets/icon.svg', 'utf8')).toMatch(/^<svg [^>]*viewBox="0 0 128 128"/);
});

it.each([
  ['chrome', 3],
  ['firefox', 2],
] as const)(
  'the %s MV%d manifest declares every size, and the toolbar button uses 16 and 32',
  async (browser, mv) => {
    const manifest = await manifestFor(browser, mv);
    expect(manifest.icons).toEqual(Object.fromEntries(SIZES.map((s) => [String(s), `icons/${s}.png`])));
    expect(manifest.action?.default_icon).toEqual({ 16: 'icons/16.png', 32: 'icons/32.png' });
  },
);

it.each([
  ['chrome', 3, '_execute_action'],
  ['firefox', 2, '_execute_browser_action'],
] as const)('the %s MV%d manifest suggests a popup shortcut under %s', async (browser, mv, command) => {
  const manifest = await manifestFor(browser, mv);
  expect(Object.keys(manifest.commands ?? {})).toEqual([command]);
  expect(manifest.commands?.[command]?.suggested_key?.default).toMatch(/^(Alt|Ctrl)\+Shift\+[A-Z]$/);
});

describe('notifications', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-01T12:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('every reminder shows the 128 px icon', async () => {
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    const credentials = ['a', 'b', 'c', 'd', 'e'].map((id) => ({
      id,
      name: `token ${id}`,
      kind: 'api-token',
      where: 'https://id.atlassian.com/manage-profile/security/api-tokens',
      firstSeen: '2026-01-01',
      lastSeen: '2026-01-01',
      expires: '2026-11-02',
      notified: {},
    }));
    await fakeBrowser.storage.local.set({ trackedCredentials: { version: 2, credentials } });
    await runReminderTick();
    // Three separate reminders would be too many at once: two and a summary, all with the icon.
    expect(create).toHaveBeenCalledTimes(3);
    for (const [, options] of create.mock.calls as unknown as [string, { iconUrl: string }][]) {
      expect(options.iconUrl).toBe(fakeBrowser.runtime.getURL('/icons/128.png'));
    }
  });
});
