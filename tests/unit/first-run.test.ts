// The first run against WXT's fake browser: what onInstalled opens for each reason, and that an
// organisation's forced install (management.getSelf → installType 'admin') opens nothing.
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';

type InstallType = 'admin' | 'development' | 'normal' | 'sideload' | 'other';
let created: MockInstance<(options: { url?: string }) => Promise<unknown>>;
let getSelf: MockInstance<() => Promise<{ installType: InstallType }>>;

beforeEach(() => {
  fakeBrowser.reset();
  created = vi.spyOn(fakeBrowser.tabs, 'create') as unknown as typeof created;
  getSelf = vi.spyOn(fakeBrowser.management, 'getSelf') as unknown as typeof getSelf;
  getSelf.mockResolvedValue({ installType: 'normal' });
  background.main();
});
afterEach(() => vi.restoreAllMocks());

const install = (reason: string) =>
  fakeBrowser.runtime.onInstalled.trigger({ reason, temporary: false } as never);
const openedUrls = () => created.mock.calls.map(([options]) => options.url);

describe('on install', () => {
  it.each<InstallType>(['normal', 'development', 'sideload', 'other'])(
    'a %s install opens the options page at Start here, once',
    async (installType) => {
      getSelf.mockResolvedValue({ installType });
      await install('install');
      expect(openedUrls()).toEqual([fakeBrowser.runtime.getURL('/options.html#start')]);
    },
  );

  it('an install forced by an organisation (installType admin) opens nothing', async () => {
    getSelf.mockResolvedValue({ installType: 'admin' });
    await install('install');
    expect(openedUrls()).toEqual([]);
  });

  it('when the install type cannot be read, Start here still opens', async () => {
    getSelf.mockRejectedValue(new Error('management is not available'));
    await install('install');
    expect(openedUrls()).toHaveLength(1);
  });
});

describe('other reasons', () => {
  it.each(['update', 'chrome_update', 'browser_update', 'shared_module_update'])(
    '%s opens nothing',
    async (reason) => {
      await install(reason);
      expect(openedUrls()).toEqual([]);
      expect(getSelf).not.toHaveBeenCalled();
    },
  );
});
