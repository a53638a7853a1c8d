import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readPolicy } from '../../platform/shared/effective-settings';
import { policySnapshotItem } from '../../platform/shared/storage';
import { APP_PASSWORD, TOKEN_SHAPE } from '../fixtures/secret-samples';

const POLICY = { maxExpiryDays: 30, locked: ['shell'] };

describe('readPolicy while the policy service starts', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  it('answers from the last snapshot when storage.managed is slow, and refreshes the snapshot', async () => {
    await policySnapshotItem.setValue({ maxExpiryDays: 60 });
    let release: (value: Record<string, unknown>) => void = () => {};
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockReturnValue(
      new Promise((resolve) => {
        release = resolve;
      }) as never,
    );
    const started = Date.now();
    const { policy } = await readPolicy();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(policy.maxExpiryDays).toBe(60);
    release(POLICY);
    await vi.waitFor(async () => expect(await policySnapshotItem.getValue()).toEqual(POLICY));
    expect((await readPolicy()).policy.maxExpiryDays).toBe(30);
  });

  it('uses the fresh policy when it comes in time, and keeps no snapshot without a policy', async () => {
    await fakeBrowser.storage.managed.set(POLICY);
    expect((await readPolicy()).policy).toEqual({ maxExpiryDays: 30, locked: ['shell'] });
    await fakeBrowser.storage.managed.clear();
    expect((await readPolicy()).policy).toEqual({});
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('keeps the policy as checked: a token or password in it is never stored or echoed', async () => {
    await fakeBrowser.storage.managed.set({
      maxExpiryDays: 30,
      labelPattern: `{preset} ${APP_PASSWORD}`,
      helpUrl: 'https://u:pw1234@wiki.example.com/',
    });
    const { policy, problems } = await readPolicy();
    expect(policy).toEqual({ maxExpiryDays: 30 });
    expect(problems.join('\n')).not.toMatch(TOKEN_SHAPE);
    await vi.waitFor(async () => expect(await policySnapshotItem.getValue()).toEqual({ maxExpiryDays: 30 }));
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toMatch(/ATBB|pw1234/);
  });
});
