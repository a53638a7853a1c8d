import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  type CalendarDate,
  daysBetween,
  formatCalendarDate,
  instantToMs,
  makeCalendarDate,
  parseCalendarDate,
  todayInTimeZone,
} from '../../lib/calendar-date';

describe('makeCalendarDate / parseCalendarDate', () => {
  it.each([
    [2026, 11, 26, '2026-11-26'],
    [2024, 2, 29, '2024-02-29'],
    [2000, 2, 29, '2000-02-29'],
    [1999, 12, 31, '1999-12-31'],
    [9999, 12, 31, '9999-12-31'],
  ])('%i-%i-%i is %s', (y, m, d, expected) => {
    expect(makeCalendarDate(y, m, d)).toBe(expected);
    expect(parseCalendarDate(expected)).toBe(expected);
  });

  it.each([
    [2026, 2, 29],
    [1900, 2, 29],
    [2026, 4, 31],
    [2026, 13, 1],
    [2026, 0, 10],
    [2026, 1, 0],
    [999, 1, 1],
    [10000, 1, 1],
    [2026.5, 1, 1],
    [Number.NaN, 1, 1],
  ])('%s-%s-%s does not exist', (y, m, d) => {
    expect(makeCalendarDate(y, m, d)).toBeUndefined();
  });

  it.each([
    ['2026-02-30'],
    ['2026-1-05'],
    ['2026-01-05T00:00:00Z'],
    [' 2026-01-05'],
    ['20260105'],
    [''],
    [20260105],
    [null],
    [{}],
  ])('parseCalendarDate(%j) is undefined', (value) => {
    expect(parseCalendarDate(value)).toBeUndefined();
  });
});

describe('daysBetween / addDays / addMonths', () => {
  it.each([
    ['2026-11-26', '2026-12-01', 5],
    ['2026-12-01', '2026-11-26', -5],
    ['2026-11-26', '2026-11-26', 0],
    ['2026-12-31', '2027-01-01', 1],
    ['2024-02-28', '2024-03-01', 2],
    ['2026-02-28', '2026-03-01', 1],
    // DST switches are invisible at day level.
    ['2026-10-24', '2026-10-26', 2],
    ['2026-03-07', '2026-03-09', 2],
    ['2026-04-04', '2026-04-06', 2],
    ['2025-11-26', '2026-11-26', 365],
    ['2023-11-26', '2024-11-26', 366],
  ] as [CalendarDate, CalendarDate, number][])('%s → %s = %i days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
    expect(addDays(from, days)).toBe(to);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-11-26', -2, '2026-09-26'],
    ['2026-11-26', 2, '2027-01-26'],
    ['2026-01-15', -13, '2024-12-15'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', -12, '2023-02-28'],
  ] as [CalendarDate, number, CalendarDate][])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  const anyDate = fc
    .date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2999-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString().slice(0, 10) as CalendarDate);

  it('addDays and daysBetween agree for any date and offset', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -40_000, max: 40_000 }), (date, days) => {
        const later = addDays(date, days);
        expect(daysBetween(date, later)).toBe(days);
        expect(addDays(later, -days)).toBe(date);
        expect(parseCalendarDate(later)).toBe(later);
      }),
    );
  });

  it('string order is date order', () => {
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        expect(Math.sign(daysBetween(a, b))).toBe(a < b ? 1 : a > b ? -1 : 0);
      }),
    );
  });
});

describe('todayInTimeZone', () => {
  it.each([
    // One instant, four zones: Auckland is already tomorrow.
    ['2026-11-26T11:30:00Z', 'Pacific/Auckland', '2026-11-27'],
    ['2026-11-26T11:30:00Z', 'America/Los_Angeles', '2026-11-26'],
    ['2026-11-26T11:30:00Z', 'Europe/Berlin', '2026-11-26'],
    ['2026-11-26T11:30:00Z', 'UTC', '2026-11-26'],
    ['2026-11-26T10:59:59Z', 'Pacific/Auckland', '2026-11-26'],
    ['2026-11-26T23:30:00Z', 'Europe/Berlin', '2026-11-27'],
    ['2026-11-27T07:59:59Z', 'America/Los_Angeles', '2026-11-26'],
    ['2026-11-27T08:00:00Z', 'America/Los_Angeles', '2026-11-27'],
    // Berlin, night of 2026-10-25: CEST (+2) ends at 01:00 UTC, the day has 25 hours.
    ['2026-10-24T21:59:59Z', 'Europe/Berlin', '2026-10-24'],
    ['2026-10-24T22:00:00Z', 'Europe/Berlin', '2026-10-25'],
    ['2026-10-25T00:59:59Z', 'Europe/Berlin', '2026-10-25'],
    ['2026-10-25T01:00:00Z', 'Europe/Berlin', '2026-10-25'],
    ['2026-10-25T22:59:59Z', 'Europe/Berlin', '2026-10-25'],
    ['2026-10-25T23:00:00Z', 'Europe/Berlin', '2026-10-26'],
    // Los Angeles, 2026-03-08: PST (-8) becomes PDT (-7) at 10:00 UTC, the day has 23 hours.
    ['2026-03-08T07:59:59Z', 'America/Los_Angeles', '2026-03-07'],
    ['2026-03-08T08:00:00Z', 'America/Los_Angeles', '2026-03-08'],
    ['2026-03-09T06:59:59Z', 'America/Los_Angeles', '2026-03-08'],
    ['2026-03-09T07:00:00Z', 'America/Los_Angeles', '2026-03-09'],
    // Auckland, 2026-04-05: NZDT (+13) ends at 14:00 UTC on the 4th.
    ['2026-04-04T10:59:59Z', 'Pacific/Auckland', '2026-04-04'],
    ['2026-04-04T11:00:00Z', 'Pacific/Auckland', '2026-04-05'],
    ['2026-04-05T11:59:59Z', 'Pacific/Auckland', '2026-04-05'],
    ['2026-04-05T12:00:00Z', 'Pacific/Auckland', '2026-04-06'],
  ])('%s in %s is %s', (instant, zone, expected) => {
    expect(todayInTimeZone(Date.parse(instant), zone)).toBe(expected);
    expect(todayInTimeZone(new Date(instant), zone)).toBe(expected);
  });

  it('falls back to UTC for an unknown zone', () => {
    expect(todayInTimeZone(Date.parse('2026-11-26T23:30:00Z'), 'Mars/Olympus_Mons')).toBe('2026-11-26');
  });

  it.each([[Number.NaN], [Number.POSITIVE_INFINITY], [new Date('nope')], [8.64e15 + 1]])(
    'throws a RangeError for the invalid instant %s',
    (instant) => {
      expect(instantToMs(instant)).toBeUndefined();
      expect(() => todayInTimeZone(instant, 'UTC')).toThrow(RangeError);
    },
  );

  it('agrees with the zone offset arithmetic for any instant of 2026', () => {
    const zones = ['Pacific/Auckland', 'America/Los_Angeles', 'Europe/Berlin', 'UTC'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          // Intl's own offset for that instant, applied by hand.
          const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
            .formatToParts(ms)
            .find((part) => part.type === 'timeZoneName')?.value;
          const match = /GMT(?:([+-])(\d{2}):(\d{2}))?/.exec(name ?? '');
          const offset = match?.[1]
            ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]))
            : 0;
          const expected = new Date(ms + offset * 60_000).toISOString().slice(0, 10);
          expect(todayInTimeZone(ms, zone)).toBe(expected);
        },
      ),
    );
  });
});

describe('formatCalendarDate', () => {
  it.each([
    ['2026-12-01', 'Dec 1, 2026'],
    ['2026-01-31', 'Jan 31, 2026'],
    ['2025-05-09', 'May 9, 2025'],
  ] as [CalendarDate, string][])('%s → %s', (date, expected) => {
    expect(formatCalendarDate(date)).toBe(expected);
  });
});
