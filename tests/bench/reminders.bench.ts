// Budgets from the reminders issue: marking a 500-row list ≤ 30 ms, the daily background
// computation over 1,000 tracked tokens ≤ 10 ms. Run: npx vitest bench --run tests/bench
import { bench, describe } from 'vitest';
import { addDays, type CalendarDate } from '../../lib/calendar-date';
import { parseListDate } from '../../lib/credential-dates';
import {
  assessCredential,
  type CredentialObservation,
  DEFAULT_STATUS_SETTINGS,
  type TokenKind,
} from '../../lib/credential-status';
import { buildCalendar, buildExpiryEvents, DEFAULT_PROD_ID } from '../../lib/ics';
import { computeDue, markNotified, type ReminderSettings } from '../../lib/reminder-schedule';
import { createEmptyStore, mergeListObservation, type TrackedStore } from '../../lib/tracked-credentials';

const TODAY: CalendarDate = '2026-11-26';
const NOW = Date.parse('2026-11-26T10:00:00Z');
const settings: ReminderSettings = { ...DEFAULT_STATUS_SETTINGS, defaultExpiryDays: 90 };
const KINDS: TokenKind[] = [
  'api-token',
  'repository-access-token',
  'project-access-token',
  'workspace-access-token',
  'app-password',
];
const CELLS = [
  'Nov 26, 2025',
  '26. Nov. 2025',
  '2025年11月26日',
  '3 days ago',
  'in 12 days',
  'Never',
  '26/11/2025',
  '2026-01-05',
];

const rows: CredentialObservation[] = Array.from({ length: 500 }, (_, i) => ({
  kind: 'api-token',
  name: `token ${i}`,
  created: addDays(TODAY, -(i % 400)),
  expires: addDays(TODAY, (i % 120) - 30),
  lastUsed: i % 4 === 0 ? 'never' : addDays(TODAY, -(i % 150)),
}));

const store: TrackedStore = mergeListObservation(createEmptyStore(), {
  where: 'https://bitbucket.org/acme/web-app/admin/access-tokens',
  kind: 'repository-access-token',
  rows: [],
  seenAt: TODAY,
}).store;
const tracked: TrackedStore = {
  ...store,
  credentials: Array.from({ length: 1000 }, (_, i) => ({
    id: `c${i}`,
    kind: KINDS[i % KINDS.length] ?? 'api-token',
    name: `token ${i}`,
    where: 'https://bitbucket.org/acme/web-app/admin/access-tokens',
    created: addDays(TODAY, -(i % 400)),
    expires: i % 7 === 0 ? 'never' : addDays(TODAY, (i % 120) - 30),
    firstSeen: '2025-01-01',
    lastSeen: TODAY,
    notified: {},
  })),
};
// The steady state: yesterday's reminders were already shown.
const steady = markNotified(
  tracked,
  computeDue(tracked, settings, addDays(TODAY, -1)).notifications,
  addDays(TODAY, -1),
);

describe('list page', () => {
  bench('parse 1,500 date cells (500 rows × 3 columns)', () => {
    for (let i = 0; i < 1500; i++)
      parseListDate(CELLS[i % CELLS.length], { now: NOW, timeZone: 'Europe/Berlin' });
  });
  bench('assessCredential, 500 rows (status only, as the list pass does)', () => {
    for (const row of rows) assessCredential(row, settings, TODAY);
  });
  bench('mergeListObservation, 500 rows', () => {
    mergeListObservation(createEmptyStore(), {
      where: 'https://id.atlassian.com/manage-profile/security/api-tokens',
      kind: 'api-token',
      rows,
      seenAt: TODAY,
    });
  });
});

describe('background', () => {
  bench('computeDue, 1,000 tracked, first run (everything due)', () => {
    computeDue(tracked, settings, TODAY);
  });
  bench('computeDue, 1,000 tracked, steady state', () => {
    computeDue(steady, settings, TODAY);
  });
  bench('buildCalendar, 1,000 tracked', () => {
    buildCalendar(buildExpiryEvents(tracked.credentials, settings), { prodId: DEFAULT_PROD_ID, now: NOW });
  });
});
