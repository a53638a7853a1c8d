import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type CalendarDate, daysBetween } from '../../lib/calendar-date';
import { DEFAULT_STATUS_SETTINGS, type TokenKind } from '../../lib/credential-status';
import {
  computeDue,
  describeWhere,
  formatBadgeText,
  markNotified,
  type ReminderSettings,
  targetUrlFor,
} from '../../lib/reminder-schedule';
import { API_TOKEN_LIST_URL, type TrackedCredential, type TrackedStore } from '../../lib/tracked-credentials';

const REPO_LIST = 'https://bitbucket.org/acme/web-app/admin/access-tokens';
const settings: ReminderSettings = { ...DEFAULT_STATUS_SETTINGS, defaultExpiryDays: 90 };

function tracked(overrides: Partial<TrackedCredential> = {}): TrackedCredential {
  return {
    id: 'api-token-1',
    kind: 'api-token',
    name: 'laptop',
    where: API_TOKEN_LIST_URL,
    created: '2026-01-01',
    expires: '2026-12-31',
    lastUsed: '2026-11-20',
    firstSeen: '2026-01-01',
    lastSeen: '2026-11-20',
    notified: {},
    ...overrides,
  };
}

function storeOf(...credentials: TrackedCredential[]): TrackedStore {
  return { version: 2, credentials };
}

/** Runs the daily job on each of `days`, showing and recording what is due. */
function simulate(store: TrackedStore, days: CalendarDate[], custom: ReminderSettings = settings) {
  const shown: [CalendarDate, string, number][] = [];
  let current = store;
  for (const day of days) {
    const { notifications } = computeDue(current, custom, day);
    for (const notification of notifications)
      shown.push([day, notification.credentialId, notification.leadDays]);
    current = markNotified(current, notifications, day);
  }
  return { shown, store: current };
}

function everyDay(from: CalendarDate, to: CalendarDate): CalendarDate[] {
  return Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => addDays(from, i));
}

describe('computeDue: reminders at each lead time, each once', () => {
  it('fires at 30, 7, 1 and 0 days when the extension runs every day', () => {
    const { shown } = simulate(storeOf(tracked()), everyDay('2026-11-20', '2027-01-10'));
    expect(shown).toEqual([
      ['2026-12-01', 'api-token-1', 30],
      ['2026-12-24', 'api-token-1', 7],
      ['2026-12-30', 'api-token-1', 1],
      ['2026-12-31', 'api-token-1', 0],
    ]);
  });

  it('after a week offline, a token 3 days from expiry gets one reminder (for 7), not 30 and 7', () => {
    const { shown } = simulate(storeOf(tracked()), ['2026-11-20', ...everyDay('2026-12-28', '2027-01-02')]);
    expect(shown).toEqual([
      ['2026-12-28', 'api-token-1', 7],
      ['2026-12-30', 'api-token-1', 1],
      ['2026-12-31', 'api-token-1', 0],
    ]);
  });

  it('a token that expired while the extension was off gets one "expired" reminder', () => {
    const report = computeDue(storeOf(tracked()), settings, '2027-01-02');
    expect(report.notifications).toEqual([
      {
        credentialId: 'api-token-1',
        leadDays: 0,
        title: 'Bitbucket API token expired',
        message: '"laptop" (Atlassian account) expired on Dec 31, 2026. Click to open your API tokens.',
        targetUrl: API_TOKEN_LIST_URL,
      },
    ]);
  });

  it('a token already expired when first seen is counted but not notified', () => {
    const report = computeDue(storeOf(tracked({ firstSeen: '2027-01-05' })), settings, '2027-01-05');
    expect(report.notifications).toEqual([]);
    expect(report.attention).toHaveLength(1);
    expect(report.badgeText).toBe('1');
  });

  it('does not repeat a reminder when a smaller lead time was already shown', () => {
    const credential = tracked({ notified: { '1': '2026-12-30' } });
    expect(computeDue(storeOf(credential), settings, '2026-12-30').notifications).toEqual([]);
    expect(
      computeDue(storeOf(credential), settings, '2026-12-31').notifications.map((n) => n.leadDays),
    ).toEqual([0]);
  });

  it('uses the configured lead times', () => {
    const custom = { ...settings, leadTimesDays: [14, 3] };
    const { shown } = simulate(storeOf(tracked()), everyDay('2026-12-01', '2027-01-10'), custom);
    expect(shown.map(([day, , lead]) => [day, lead])).toEqual([
      ['2026-12-17', 14],
      ['2026-12-28', 3],
    ]);
  });

  it('skips snoozed credentials until the snooze day, then resumes', () => {
    const credential = tracked({ snoozedUntil: '2026-12-28', notified: { '30': '2026-12-01' } });
    const { shown } = simulate(storeOf(credential), everyDay('2026-12-20', '2026-12-31'));
    expect(shown.map(([day, , lead]) => [day, lead])).toEqual([
      ['2026-12-28', 7],
      ['2026-12-30', 1],
      ['2026-12-31', 0],
    ]);
    expect(computeDue(storeOf(credential), settings, '2026-12-27').attention).toEqual([]);
  });

  it('ignores revoked credentials, and credentials without an expiry date', () => {
    const report = computeDue(
      storeOf(
        tracked({ revokedAt: '2026-12-01' }),
        tracked({ id: 'b', expires: 'never' }),
        tracked({ id: 'c', expires: undefined }),
      ),
      settings,
      '2026-12-31',
    );
    expect(report).toEqual({ attention: [], notifications: [], badgeText: '' });
  });

  it('counts dead, expired and expiring, not unused or old', () => {
    const store = storeOf(
      tracked({ id: 'dead', kind: 'app-password', expires: undefined }),
      tracked({ id: 'expired', expires: '2026-11-01' }),
      tracked({ id: 'expiring', expires: '2026-12-20' }),
      tracked({ id: 'unused', expires: '2027-06-01', lastUsed: '2026-01-01' }),
      tracked({
        id: 'old',
        kind: 'repository-access-token',
        where: REPO_LIST,
        created: '2024-01-01',
        expires: 'never',
      }),
      tracked({ id: 'fine', expires: '2027-06-01' }),
    );
    const report = computeDue(store, settings, '2026-11-26');
    expect(report.attention.map((credential) => credential.id)).toEqual(['dead', 'expired', 'expiring']);
    expect(report.badgeText).toBe('3');
    // The app password has no expiry to count down to; the list and the badge carry it.
    expect(report.notifications.map((notification) => notification.credentialId)).toEqual([
      'expired',
      'expiring',
    ]);
  });

  it('orders reminders most urgent first', () => {
    const store = storeOf(
      tracked({ id: 'a', expires: '2026-12-20' }),
      tracked({ id: 'b', expires: '2026-11-27' }),
      tracked({ id: 'c', expires: '2026-11-26' }),
    );
    expect(
      computeDue(store, settings, '2026-11-26').notifications.map((n) => [n.credentialId, n.leadDays]),
    ).toEqual([
      ['c', 0],
      ['b', 1],
      ['a', 30],
    ]);
  });

  it.each([
    [-3, 'Bitbucket API token expired'],
    [0, 'Bitbucket API token expires today'],
    [1, 'Bitbucket API token expires tomorrow'],
    [5, 'Bitbucket API token expires in 5 days'],
  ])('title for %i days left: %s', (daysLeft, title) => {
    const report = computeDue(
      storeOf(tracked({ expires: addDays('2026-11-26', daysLeft) })),
      settings,
      '2026-11-26',
    );
    expect(report.notifications[0]?.title).toBe(title);
  });

  it('tells access-token owners to rotate, on their own list', () => {
    const credential = tracked({ kind: 'repository-access-token', where: REPO_LIST, expires: '2026-12-01' });
    const [notification] = computeDue(storeOf(credential), settings, '2026-11-26').notifications;
    expect(notification).toEqual({
      credentialId: 'api-token-1',
      leadDays: 7,
      title: 'Bitbucket repository access token expires in 5 days',
      message:
        '"laptop" (acme/web-app) expires on Dec 1, 2026. Open the list to rotate it (the old secret keeps working for 30 minutes).',
      targetUrl: REPO_LIST,
    });
  });

  it('fires each lead time at most once, in decreasing order, and never misses the last one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 30 }),
        (expiresIn, leadTimesDays, gaps) => {
          const start: CalendarDate = '2026-11-26';
          const expires = addDays(start, expiresIn);
          const days: CalendarDate[] = [];
          let day = start;
          for (const gap of gaps) {
            days.push(day);
            day = addDays(day, gap);
          }
          const custom = { ...settings, leadTimesDays };
          const { shown } = simulate(storeOf(tracked({ firstSeen: start, expires })), days, custom);
          const leads = shown.map(([, , lead]) => lead);
          expect(new Set(leads).size).toBe(leads.length);
          expect(leads).toEqual([...leads].sort((a, b) => b - a));
          for (const [shownOn, , lead] of shown) {
            // Each reminder is for the smallest lead time the token is within.
            const left = daysBetween(shownOn, expires);
            expect(left).toBeLessThanOrEqual(lead);
            expect(leadTimesDays.filter((other) => other < lead && left <= other)).toEqual([]);
          }
          const minLead = Math.min(...leadTimesDays);
          if (days.some((run) => daysBetween(run, expires) <= minLead)) expect(leads).toContain(minLead);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('markNotified', () => {
  it('records each lead time on its credential only', () => {
    const store = storeOf(tracked({ id: 'a', notified: { '30': '2026-11-01' } }), tracked({ id: 'b' }));
    const next = markNotified(
      store,
      [
        { credentialId: 'a', leadDays: 7 },
        { credentialId: 'a', leadDays: 1 },
      ],
      '2026-11-26',
    );
    expect(next.credentials[0]?.notified).toEqual({
      '30': '2026-11-01',
      '7': '2026-11-26',
      '1': '2026-11-26',
    });
    expect(next.credentials[1]).toBe(store.credentials[1]);
    expect(store.credentials[0]?.notified).toEqual({ '30': '2026-11-01' });
    expect(markNotified(store, [], '2026-11-26')).toBe(store);
  });
});

describe('formatBadgeText', () => {
  it.each([
    [0, ''],
    [1, '1'],
    [42, '42'],
    [99, '99'],
    [100, '99+'],
    [1000, '99+'],
  ])('%i → %j', (count, text) => {
    expect(formatBadgeText(count)).toBe(text);
  });
});

describe('targetUrlFor', () => {
  const recreate = (days: number, preset?: string) =>
    `https://id.atlassian.com/manage-profile/security/api-tokens#${preset ? `bbah-preset=${preset}&` : ''}bbah-expiry-days=${days}`;

  it.each<[string, Partial<TrackedCredential>, ReminderSettings, string]>([
    [
      'API token with preset and expiry days',
      { preset: 'git-push', expiryDays: 30 },
      settings,
      recreate(30, 'git-push'),
    ],
    [
      'API token with preset: lifetime from its dates',
      { preset: 'gcm', created: '2026-01-01', expires: '2026-07-20' },
      settings,
      recreate(200, 'gcm'),
    ],
    [
      'API token with preset, lifetime unknown: default',
      { preset: 'gcm', created: undefined },
      settings,
      recreate(90, 'gcm'),
    ],
    [
      'API token with preset, policy maximum',
      { preset: 'gcm', expiryDays: 200 },
      { ...settings, maxExpiryDays: 60 },
      recreate(60, 'gcm'),
    ],
    ['API token without preset: its list', { preset: undefined }, settings, API_TOKEN_LIST_URL],
    [
      'access token: its list, where Rotate lives',
      {
        kind: 'project-access-token',
        where: 'https://bitbucket.org/acme/workspace/projects/WEB/settings/access-tokens',
        preset: 'ci',
      },
      settings,
      'https://bitbucket.org/acme/workspace/projects/WEB/settings/access-tokens',
    ],
    [
      'app password: an API token instead',
      {
        kind: 'app-password',
        where: 'https://bitbucket.org/account/settings/app-passwords',
        created: undefined,
      },
      settings,
      recreate(90),
    ],
    [
      'untrusted stored list URL',
      { kind: 'repository-access-token', where: 'https://evil.example/phish' },
      settings,
      'https://bitbucket.org/',
    ],
    ['preset ids are encoded', { preset: 'a b&c', expiryDays: 7 }, settings, recreate(7, 'a+b%26c')],
    [
      'expiry below a day',
      { preset: 'gcm', expiryDays: 0, created: undefined },
      settings,
      recreate(1, 'gcm'),
    ],
    [
      'default beyond a year',
      { preset: 'gcm', created: undefined },
      { ...settings, defaultExpiryDays: 9999 },
      recreate(365, 'gcm'),
    ],
  ])('%s', (_label, overrides, custom, expected) => {
    expect(targetUrlFor(tracked(overrides), custom)).toBe(expected);
  });
});

describe('describeWhere', () => {
  it.each<[TokenKind, string, string]>([
    ['api-token', API_TOKEN_LIST_URL, 'Atlassian account'],
    ['app-password', 'https://bitbucket.org/account/settings/app-passwords', 'Bitbucket account'],
    ['repository-access-token', REPO_LIST, 'acme/web-app'],
    [
      'project-access-token',
      'https://bitbucket.org/acme/workspace/projects/WEB/settings/access-tokens',
      'acme project WEB',
    ],
    [
      'workspace-access-token',
      'https://bitbucket.org/acme/workspace/settings/access-tokens',
      'acme workspace',
    ],
    ['repository-access-token', '', ''],
  ])('%s at %s → %s', (kind, where, expected) => {
    expect(describeWhere({ kind, where })).toBe(expected);
  });
});

describe('performance', () => {
  it('computes the daily report over 1,000 tracked credentials well under 10 ms', () => {
    const kinds: TokenKind[] = [
      'api-token',
      'repository-access-token',
      'project-access-token',
      'workspace-access-token',
      'app-password',
    ];
    const credentials = Array.from({ length: 1000 }, (_, i) =>
      tracked({
        id: `c${i}`,
        kind: kinds[i % kinds.length],
        where: i % 5 === 0 ? API_TOKEN_LIST_URL : REPO_LIST,
        expires: i % 7 === 0 ? 'never' : addDays('2026-11-26', (i % 120) - 30),
        preset: i % 3 === 0 ? 'git-push' : undefined,
        ...(i % 11 === 0 ? { snoozedUntil: '2026-12-01' as CalendarDate } : {}),
        ...(i % 13 === 0 ? { revokedAt: '2026-11-01' as CalendarDate } : {}),
      }),
    );
    const store = storeOf(...credentials);
    const coldStart = performance.now();
    let report = computeDue(store, settings, '2026-11-26');
    const cold = performance.now() - coldStart;
    for (let run = 0; run < 5; run++) report = computeDue(store, settings, '2026-11-26');
    const timings: number[] = [];
    for (let run = 0; run < 9; run++) {
      const start = performance.now();
      report = computeDue(store, settings, '2026-11-26');
      timings.push(performance.now() - start);
    }
    const median = timings.sort((a, b) => a - b)[4] ?? Number.NaN;
    console.info(
      `computeDue: 1,000 credentials, first run ${cold.toFixed(2)} ms, then median ${median.toFixed(2)} ms`,
    );
    expect(report.attention.length).toBeGreaterThan(100);
    expect(report.badgeText).toBe('99+');
    expect(report.notifications.length).toBeGreaterThan(100);
    expect(median).toBeLessThan(100);
  });
});
