import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../lib/calendar-date';
import {
  API_TOKEN_LIST_URL,
  APP_PASSWORD_LIST_URL,
  assignRowIds,
  createEmptyStore,
  deriveCredentialId,
  type ListRow,
  mergeListObservation,
  normalizeListUrl,
  pruneRevoked,
  recordCreatedThroughPreset,
  remove,
  snooze,
  type TrackedCredential,
  type TrackedStore,
} from '../../lib/tracked-credentials';
import { migrateTrackedStore } from '../../lib/tracked-migration';

const REPO_LIST = 'https://bitbucket.org/acme/web-app/admin/access-tokens';
const DAY1: CalendarDate = '2026-11-20';
const DAY2: CalendarDate = '2026-11-26';

const ALLOWED_FIELDS = new Set([
  'id',
  'kind',
  'name',
  'where',
  'preset',
  'labelPattern',
  'expiryDays',
  'created',
  'expires',
  'lastUsed',
  'firstSeen',
  'lastSeen',
  'revokedAt',
  'snoozedUntil',
  'notified',
]);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function mergeApiTokens(store: TrackedStore, rows: ListRow[], seenAt: CalendarDate, complete?: boolean) {
  return mergeListObservation(store, {
    where: API_TOKEN_LIST_URL,
    kind: 'api-token',
    rows,
    seenAt,
    ...(complete === undefined ? {} : { complete }),
  });
}

describe('normalizeListUrl', () => {
  it.each([
    [`${REPO_LIST}?page=2#x`, REPO_LIST],
    [`${REPO_LIST}/`, REPO_LIST],
    [
      'HTTPS://BitBucket.org/Acme/Web-App/admin/access-tokens',
      'https://bitbucket.org/Acme/Web-App/admin/access-tokens',
    ],
    [`${API_TOKEN_LIST_URL}?autofillToken&appId=bitbucket`, API_TOKEN_LIST_URL],
    ['https://bitbucket.org/account/settings/app-passwords/', APP_PASSWORD_LIST_URL],
    ['  not a url?x=1 ', 'not a url'],
  ])('%s → %s', (url, expected) => {
    expect(normalizeListUrl(url)).toBe(expected);
  });
});

describe('ids', () => {
  it('are stable and depend on kind, list, name and creation day only', () => {
    const id = deriveCredentialId('api-token', API_TOKEN_LIST_URL, 'laptop', DAY1);
    expect(id).toMatch(/^api-token-[0-9a-f]{16}$/);
    expect(deriveCredentialId('api-token', `${API_TOKEN_LIST_URL}/?q=1`, '  laptop ', DAY1)).toBe(id);
    expect(deriveCredentialId('api-token', API_TOKEN_LIST_URL, 'laptop', DAY2)).not.toBe(id);
    expect(deriveCredentialId('api-token', API_TOKEN_LIST_URL, 'laptop2', DAY1)).not.toBe(id);
    expect(deriveCredentialId('repository-access-token', API_TOKEN_LIST_URL, 'laptop', DAY1)).not.toBe(id);
  });

  it('duplicate names with different creation days stay distinct; identical rows get a suffix', () => {
    const ids = assignRowIds('api-token', API_TOKEN_LIST_URL, [
      { name: 'ci', created: DAY1 },
      { name: 'ci', created: DAY2 },
      { name: 'ci', created: DAY1 },
      { name: 'ci', created: DAY1 },
    ]);
    expect(new Set(ids).size).toBe(4);
    expect(ids[2]).toBe(`${ids[0]}~2`);
    expect(ids[3]).toBe(`${ids[0]}~3`);
  });
});

describe('mergeListObservation', () => {
  it('adds new rows with first/last seen, never anything but the allowed fields', () => {
    const rows: ListRow[] = [
      { name: 'laptop', created: DAY1, expires: '2027-11-20', lastUsed: 'never' },
      { name: 'ci', created: '2026-01-01', expires: '2026-12-01' },
    ];
    const { store, rowIds } = mergeApiTokens(createEmptyStore(), rows, DAY1);
    expect(store.credentials).toHaveLength(2);
    expect(rowIds).toEqual(store.credentials.map((credential) => credential.id));
    expect(store.credentials[0]).toEqual({
      id: rowIds[0],
      kind: 'api-token',
      name: 'laptop',
      where: API_TOKEN_LIST_URL,
      created: DAY1,
      expires: '2027-11-20',
      lastUsed: 'never',
      firstSeen: DAY1,
      lastSeen: DAY1,
      notified: {},
    });
    for (const credential of store.credentials) {
      for (const key of Object.keys(credential)) expect(ALLOWED_FIELDS).toContain(key);
    }
  });

  it('does not mutate its input', () => {
    const first = deepFreeze(mergeApiTokens(createEmptyStore(), [{ name: 'a', created: DAY1 }], DAY1).store);
    expect(() => mergeApiTokens(first, [{ name: 'b', created: DAY2 }], DAY2)).not.toThrow();
    expect(first.credentials).toHaveLength(1);
  });

  it('marks missing entries revoked once, and un-revokes them when they reappear', () => {
    const rows: ListRow[] = [
      { name: 'a', created: DAY1 },
      { name: 'b', created: DAY1 },
    ];
    const first = mergeApiTokens(createEmptyStore(), rows, DAY1).store;
    const second = mergeApiTokens(first, [rows[0] as ListRow], '2026-11-21').store;
    expect(second.credentials.map((credential) => credential.revokedAt)).toEqual([undefined, '2026-11-21']);
    const third = mergeApiTokens(second, [rows[0] as ListRow], '2026-11-22').store;
    expect(third.credentials[1]?.revokedAt).toBe('2026-11-21');
    const fourth = mergeApiTokens(third, rows, '2026-11-23').store;
    expect(fourth.credentials[1]).not.toHaveProperty('revokedAt');
    expect(fourth.credentials[1]?.lastSeen).toBe('2026-11-23');
  });

  it('leaves other lists and other kinds alone', () => {
    let store = mergeApiTokens(createEmptyStore(), [{ name: 'a', created: DAY1 }], DAY1).store;
    store = mergeListObservation(store, {
      where: REPO_LIST,
      kind: 'repository-access-token',
      rows: [{ name: 'deploy', created: DAY1, expires: 'never' }],
      seenAt: DAY1,
    }).store;
    store = mergeListObservation(store, {
      where: 'https://bitbucket.org/acme/other/admin/access-tokens',
      kind: 'repository-access-token',
      rows: [],
      seenAt: DAY2,
    }).store;
    expect(store.credentials.every((credential) => credential.revokedAt === undefined)).toBe(true);
    store = mergeListObservation(store, {
      where: `${REPO_LIST}?sort=name`,
      kind: 'repository-access-token',
      rows: [],
      seenAt: DAY2,
    }).store;
    expect(store.credentials.map((credential) => credential.revokedAt)).toEqual([undefined, DAY2]);
  });

  it('revokes nothing when the list was only partly visible', () => {
    const first = mergeApiTokens(createEmptyStore(), [{ name: 'a' }, { name: 'b' }], DAY1).store;
    const partial = mergeApiTokens(first, [{ name: 'a' }], DAY2, false).store;
    expect(partial.credentials.every((credential) => credential.revokedAt === undefined)).toBe(true);
    expect(partial.credentials[0]?.lastSeen).toBe(DAY2);
  });

  it('keeps known dates when a row shows none, and restarts reminders when the expiry changes', () => {
    let store = mergeApiTokens(
      createEmptyStore(),
      [{ name: 'a', created: DAY1, expires: '2026-12-01', lastUsed: DAY1 }],
      DAY1,
    ).store;
    store = {
      ...store,
      credentials: store.credentials.map((credential) => ({ ...credential, notified: { '7': DAY2 } })),
    };
    store = mergeApiTokens(store, [{ name: 'a', created: DAY1 }], DAY2).store;
    expect(store.credentials[0]).toMatchObject({
      expires: '2026-12-01',
      lastUsed: DAY1,
      notified: { '7': DAY2 },
    });
    store = mergeApiTokens(store, [{ name: 'a', created: DAY1, expires: '2027-06-01' }], DAY2).store;
    expect(store.credentials[0]).toMatchObject({ expires: '2027-06-01', notified: {} });
  });

  it('matches a row whose creation day became unreadable to its entry', () => {
    const first = mergeApiTokens(
      createEmptyStore(),
      [{ name: 'a', created: DAY1, expires: '2026-12-01' }],
      DAY1,
    );
    const second = mergeApiTokens(first.store, [{ name: 'a', expires: '2026-12-01' }], DAY2);
    expect(second.store.credentials).toHaveLength(1);
    expect(second.rowIds).toEqual(first.rowIds);
    expect(second.store.credentials[0]?.created).toBe(DAY1);
  });

  it('tracks two tokens with the same name and different creation days separately', () => {
    const rows: ListRow[] = [
      { name: 'ci', created: '2026-01-10', expires: '2026-12-01' },
      { name: 'ci', created: '2026-06-10', expires: '2027-06-01' },
    ];
    const { store, rowIds } = mergeApiTokens(createEmptyStore(), rows, DAY1);
    expect(new Set(rowIds).size).toBe(2);
    const again = mergeApiTokens(store, [...rows].reverse(), DAY2);
    expect(again.rowIds).toEqual([...rowIds].reverse());
    expect(again.store.credentials).toHaveLength(2);
  });

  it('keeps identical duplicates apart and revokes one when one disappears', () => {
    const row: ListRow = { name: 'dup', created: DAY1 };
    const first = mergeApiTokens(createEmptyStore(), [row, row, row], DAY1).store;
    expect(first.credentials).toHaveLength(3);
    const second = mergeApiTokens(first, [row, row], DAY2).store;
    expect(second.credentials.filter((credential) => credential.revokedAt === DAY2)).toHaveLength(1);
  });

  it('handles a 500-row list with duplicate names', () => {
    const rows: ListRow[] = Array.from({ length: 500 }, (_, i) => ({
      name: `token ${i % 250}`,
      created: i < 250 ? DAY1 : DAY2,
      expires: '2027-01-01',
    }));
    const first = mergeApiTokens(createEmptyStore(), rows, DAY2);
    expect(new Set(first.rowIds).size).toBe(500);
    const start = performance.now();
    const second = mergeApiTokens(first.store, rows.slice(0, 499), DAY2);
    console.info(`mergeListObservation: 500 rows in ${(performance.now() - start).toFixed(2)} ms`);
    expect(second.store.credentials).toHaveLength(500);
    expect(second.store.credentials.filter((credential) => credential.revokedAt)).toHaveLength(1);
  });
});

describe('recordCreatedThroughPreset', () => {
  const creation = {
    kind: 'api-token' as const,
    name: 'push@laptop 2026-11',
    where: API_TOKEN_LIST_URL,
    preset: 'git-push',
    labelPattern: '{preset}@{device} {yyyy-mm}',
    expiryDays: 90,
    createdOn: DAY2,
  };

  it('records preset, pattern, expiry and computes the expiry date', () => {
    const { store, id } = recordCreatedThroughPreset(createEmptyStore(), creation);
    expect(store.credentials).toEqual([
      {
        id,
        kind: 'api-token',
        name: 'push@laptop 2026-11',
        where: API_TOKEN_LIST_URL,
        preset: 'git-push',
        labelPattern: '{preset}@{device} {yyyy-mm}',
        expiryDays: 90,
        created: DAY2,
        expires: '2027-02-24',
        firstSeen: DAY2,
        lastSeen: DAY2,
        notified: {},
      },
    ]);
  });

  it('is matched by the list row with the same name and list, same day', () => {
    const recorded = recordCreatedThroughPreset(createEmptyStore(), creation);
    const merged = mergeApiTokens(
      recorded.store,
      [{ name: 'push@laptop 2026-11', created: DAY2, expires: '2027-02-24', lastUsed: 'never' }],
      DAY2,
    );
    expect(merged.store.credentials).toHaveLength(1);
    expect(merged.rowIds).toEqual([recorded.id]);
    expect(merged.store.credentials[0]).toMatchObject({ preset: 'git-push', lastUsed: 'never' });
  });

  it('is matched when the page shows the next day (time zones) and keeps its id', () => {
    const recorded = recordCreatedThroughPreset(createEmptyStore(), creation);
    const merged = mergeApiTokens(
      recorded.store,
      [{ name: 'push@laptop  2026-11', created: '2026-11-27' }],
      '2026-11-27',
    );
    expect(merged.store.credentials).toHaveLength(1);
    expect(merged.rowIds).toEqual([recorded.id]);
    expect(merged.store.credentials[0]).toMatchObject({ created: '2026-11-27', preset: 'git-push' });
    const again = mergeApiTokens(
      merged.store,
      [{ name: 'push@laptop 2026-11', created: '2026-11-27' }],
      '2026-11-28',
    );
    expect(again.rowIds).toEqual([recorded.id]);
  });

  it('is revoked when the list shows no such token (the wizard was abandoned)', () => {
    const recorded = recordCreatedThroughPreset(createEmptyStore(), creation);
    const merged = mergeApiTokens(recorded.store, [{ name: 'other', created: DAY1 }], DAY2);
    expect(merged.store.credentials[0]?.revokedAt).toBe(DAY2);
  });

  it('recording twice updates one entry', () => {
    const once = recordCreatedThroughPreset(createEmptyStore(), creation);
    const twice = recordCreatedThroughPreset(once.store, { ...creation, preset: 'gcm' });
    expect(twice.store.credentials).toHaveLength(1);
    expect(twice.id).toBe(once.id);
    expect(twice.store.credentials[0]?.preset).toBe('gcm');
  });

  it('an access token without expiry', () => {
    const { store } = recordCreatedThroughPreset(createEmptyStore(), {
      kind: 'repository-access-token',
      name: 'deploy',
      where: `${REPO_LIST}?x=1`,
      preset: 'ci-read',
      expires: 'never',
      createdOn: DAY2,
    });
    expect(store.credentials[0]).toMatchObject({ where: REPO_LIST, expires: 'never' });
    expect(store.credentials[0]).not.toHaveProperty('expiryDays');
  });
});

describe('pruneRevoked / snooze / remove', () => {
  const base = mergeApiTokens(
    createEmptyStore(),
    [
      { name: 'a', created: DAY1 },
      { name: 'b', created: DAY1 },
    ],
    DAY1,
  ).store;
  const revoked = mergeApiTokens(base, [{ name: 'a', created: DAY1 }], '2026-08-28').store;

  it.each([
    ['2026-11-25', 2],
    ['2026-11-26', 1],
    ['2027-01-01', 1],
  ] as [CalendarDate, number][])('revoked on 2026-08-28, on %s keeps %i', (today, count) => {
    expect(pruneRevoked(revoked, today).credentials).toHaveLength(count);
  });

  it('returns the same store when nothing changes', () => {
    expect(pruneRevoked(base, DAY2)).toBe(base);
    expect(remove(base, 'missing')).toBe(base);
    expect(snooze(base, 'missing', DAY2)).toBe(base);
  });

  it('snoozes and un-snoozes by id', () => {
    const id = base.credentials[1]?.id ?? '';
    const snoozed = snooze(base, id, '2026-12-10');
    expect(snoozed.credentials[1]?.snoozedUntil).toBe('2026-12-10');
    expect(snoozed.credentials[0]).toBe(base.credentials[0]);
    expect(snooze(snoozed, id, undefined).credentials[1]).not.toHaveProperty('snoozedUntil');
  });

  it('removes by id', () => {
    const id = base.credentials[0]?.id ?? '';
    expect(remove(base, id).credentials.map((credential) => credential.name)).toEqual(['b']);
  });
});

describe('migrateTrackedStore', () => {
  const v1 = {
    version: 1,
    tokens: [
      {
        name: 'laptop',
        kind: 'api-token',
        url: `${API_TOKEN_LIST_URL}?x`,
        expires: '2026-12-01',
        created: '2025-12-01T09:30:00.000Z',
        preset: 'git-push',
      },
      { name: 'deploy', kind: 'access-token', url: REPO_LIST, expires: null, created: '2025-01-01' },
      {
        name: 'proj',
        kind: 'access-token',
        url: 'https://bitbucket.org/acme/workspace/projects/WEB/settings/access-tokens',
        expires: null,
        created: '2025-01-01',
      },
      {
        name: 'ws',
        kind: 'access-token',
        url: 'https://bitbucket.org/acme/workspace/settings/access-tokens/',
        expires: '2027-01-01',
        created: '2025-01-01',
      },
      {
        name: 'legacy',
        kind: 'app-password',
        url: 'https://bitbucket.org/account/settings/app-passwords/',
        expires: null,
        created: 'sometime',
      },
      {
        name: 'odd',
        kind: 'access-token',
        url: 'https://bitbucket.org/somewhere',
        expires: 'soon',
        created: '2025-01-01',
      },
      { name: 'alien', kind: 'ssh-key', url: 'x', expires: null, created: '2025-01-01' },
      { kind: 'api-token' },
    ],
  };

  it('reads version 1 without losing recoverable entries', () => {
    const { store, warnings, sourceVersion } = migrateTrackedStore(v1, DAY2);
    expect(sourceVersion).toBe(1);
    expect(store.version).toBe(2);
    expect(
      store.credentials.map((credential) => [credential.name, credential.kind, credential.expires]),
    ).toEqual([
      ['laptop', 'api-token', '2026-12-01'],
      ['deploy', 'repository-access-token', 'never'],
      ['proj', 'project-access-token', 'never'],
      ['ws', 'workspace-access-token', '2027-01-01'],
      ['legacy', 'app-password', 'never'],
      ['odd', 'repository-access-token', undefined],
    ]);
    expect(store.credentials[0]).toMatchObject({
      where: API_TOKEN_LIST_URL,
      created: '2025-12-01',
      firstSeen: '2025-12-01',
      preset: 'git-push',
      id: deriveCredentialId('api-token', API_TOKEN_LIST_URL, 'laptop', '2025-12-01'),
    });
    expect(store.credentials[4]).toMatchObject({ firstSeen: DAY2 });
    expect(store.credentials[4]).not.toHaveProperty('created');
    expect(warnings).toHaveLength(5);
    expect(warnings.join('\n')).toMatch(/"alien": unknown kind "ssh-key"/);
    expect(warnings.join('\n')).toMatch(/"odd": could not tell the access-token kind/);
  });

  it('reads an unversioned list as version 1', () => {
    const { store, warnings } = migrateTrackedStore(v1.tokens.slice(0, 1), DAY2);
    expect(store.credentials).toHaveLength(1);
    expect(warnings[0]).toMatch(/no version/);
  });

  it('round-trips the current version without warnings', () => {
    let store = mergeApiTokens(
      createEmptyStore(),
      [{ name: 'a', created: DAY1, expires: '2026-12-01', lastUsed: 'never' }],
      DAY1,
    ).store;
    store = snooze(store, store.credentials[0]?.id ?? '', DAY2);
    store = {
      ...store,
      credentials: store.credentials.map((credential) => ({ ...credential, notified: { '30': DAY1 } })),
    };
    const json = JSON.parse(JSON.stringify(store));
    expect(migrateTrackedStore(json, DAY2)).toEqual({ store, warnings: [], sourceVersion: 2 });
  });

  it('repairs bad fields in version 2 and drops only what cannot be saved', () => {
    const data = {
      version: 2,
      credentials: [
        {
          id: 'x',
          kind: 'api-token',
          name: 'ok',
          where: API_TOKEN_LIST_URL,
          firstSeen: DAY1,
          lastSeen: DAY2,
          notified: {},
          token: 'ATATT3xSECRET',
        },
        {
          id: 'y',
          kind: 'api-token',
          name: 'bad dates',
          where: API_TOKEN_LIST_URL,
          created: '2026-02-30',
          expires: 5,
          firstSeen: 'yesterday',
          notified: { '7': DAY1, x: DAY1, '1': 'no' },
        },
        {
          id: 'x',
          kind: 'repository-access-token',
          name: 'same id',
          where: REPO_LIST,
          firstSeen: DAY1,
          lastSeen: DAY1,
          notified: {},
        },
        { kind: 'banana', name: 'nope' },
        'garbage',
      ],
    };
    const { store, warnings } = migrateTrackedStore(data, DAY2);
    expect(store.credentials.map((credential) => credential.id)).toEqual(['x', 'y', 'x~2']);
    expect(store.credentials[0]).not.toHaveProperty('token');
    expect(store.credentials[1]).toEqual({
      id: 'y',
      kind: 'api-token',
      name: 'bad dates',
      where: API_TOKEN_LIST_URL,
      firstSeen: DAY2,
      lastSeen: DAY2,
      notified: { '7': DAY1 },
    });
    expect(warnings.length).toBeGreaterThanOrEqual(7);
  });

  it.each([
    [null, 0],
    [undefined, 0],
    [42, 1],
    ['{"version":2}', 1],
    [{ version: 2 }, 1],
    [{ hello: 'world' }, 1],
    [[], 1],
  ])('%j → an empty store with %i warning(s)', (data, warningCount) => {
    const { store, warnings } = migrateTrackedStore(data, DAY2);
    expect(store).toEqual(createEmptyStore());
    expect(warnings).toHaveLength(warningCount);
  });

  it('reads what it understands of a newer version and says so', () => {
    const data = {
      version: 7,
      credentials: [
        {
          id: 'z',
          kind: 'api-token',
          name: 'future',
          where: API_TOKEN_LIST_URL,
          firstSeen: DAY1,
          lastSeen: DAY1,
          notified: {},
          shinyNewField: 1,
        },
      ],
    };
    const { store, warnings, sourceVersion } = migrateTrackedStore(data, DAY2);
    expect(sourceVersion).toBe(7);
    expect(store.credentials.map((credential) => credential.name)).toEqual(['future']);
    expect(warnings[0]).toMatch(/newer version \(7\)/);
  });

  it('never throws, and its result is a fixed point', () => {
    fc.assert(
      fc.property(fc.anything(), (data) => {
        const first = migrateTrackedStore(data, DAY2);
        expect(first.store.version).toBe(2);
        const second = migrateTrackedStore(JSON.parse(JSON.stringify(first.store)), DAY2);
        expect(second.store).toEqual(first.store);
        expect(second.warnings).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on credential lists full of near-misses', () => {
    const field = fc.oneof(fc.anything(), fc.constantFrom('2026-11-26', 'never', 'api-token', 'x'));
    const entry = fc.record(
      {
        id: field,
        kind: field,
        name: field,
        where: field,
        created: field,
        expires: field,
        lastUsed: field,
        firstSeen: field,
        notified: fc.oneof(field, fc.dictionary(fc.string(), field)),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 3), fc.array(entry, { maxLength: 8 }), (version, list) => {
        const { store } = migrateTrackedStore({ version, credentials: list, tokens: list }, DAY2);
        for (const credential of store.credentials) {
          for (const key of Object.keys(credential)) expect(ALLOWED_FIELDS).toContain(key);
          expect(typeof (credential as TrackedCredential).name).toBe('string');
        }
        expect(new Set(store.credentials.map((credential) => credential.id)).size).toBe(
          store.credentials.length,
        );
      }),
      { numRuns: 500 },
    );
  });
});
