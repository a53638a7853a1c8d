// Calendar dates for reminders. Every "day" in the reminder feature is a calendar day in the
// user's time zone, so dates are kept as plain ISO `YYYY-MM-DD` strings: they survive JSON and
// storage unchanged, sort correctly as strings, and carry no time of day that DST could shift.
// Day arithmetic goes through day numbers (days since 1970-01-01), where every day counts one.

/** An ISO calendar date `YYYY-MM-DD` (four-digit year, 1000–9999), with no time and no zone. */
export type CalendarDate = `${number}-${number}-${number}`;

/** An instant: epoch milliseconds or a `Date`. */
export type Instant = number | Date;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_ABBREVIATIONS = 'JanFebMarAprMayJunJulAugSepOctNovDec';
const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return MONTH_LENGTHS[month - 1] ?? Number.NaN;
}

/** The date for year/month (1–12)/day, or undefined when it does not exist (Feb 30, month 13). */
export function makeCalendarDate(year: number, month: number, day: number): CalendarDate | undefined {
  // daysInMonth is NaN for a month that is not 1–12, which fails the last comparison.
  return Number.isInteger(year) &&
    Number.isInteger(day) &&
    year >= 1000 &&
    year <= 9999 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
    ? formatParts(year, month, day)
    : undefined;
}

/** Accepts exactly `YYYY-MM-DD` naming a real day; anything else (including non-strings) is undefined. */
export function parseCalendarDate(value: unknown): CalendarDate | undefined {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return undefined;
  const { year, month, day } = splitCalendarDate(value as CalendarDate);
  return makeCalendarDate(year, month, day);
}

function splitCalendarDate(date: CalendarDate): { year: number; month: number; day: number } {
  return { year: +date.slice(0, 4), month: +date.slice(5, 7), day: +date.slice(8, 10) };
}

/** Whole days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const shifted = new Date((dayNumber(date) + days) * MS_PER_DAY);
  return formatParts(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** Calendar months; the day is clamped to the target month's length (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const { year, month, day } = splitCalendarDate(date);
  const index = year * 12 + month - 1 + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return formatParts(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

// Constructing a DateTimeFormat costs far more than using one; the daily job and list marking
// ask for the same zone over and over.
const formatters = new Map<string, Intl.DateTimeFormat | undefined>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | undefined {
  if (!formatters.has(timeZone)) {
    let formatter: Intl.DateTimeFormat | undefined;
    try {
      // en-US with no date options: numeric year, month and day, Gregorian, Latin digits.
      formatter = new Intl.DateTimeFormat('en-US', { timeZone });
    } catch {
      // Not a zone.
    }
    formatters.set(timeZone, formatter);
  }
  return formatters.get(timeZone);
}

// Formatting costs microseconds; a list page asks for the same instant hundreds of times.
let lastMs: number | undefined;
let lastTimeZone = '';
let lastDate: CalendarDate = '1970-01-01';

/**
 * The calendar date at `now` in the IANA `timeZone`. An unknown zone falls back to UTC rather
 * than throwing: the zone comes from the browser's own `resolvedOptions()`, so this only guards
 * against corrupted settings. An invalid instant is a programming error and throws a RangeError;
 * `instantToMs` lets callers that take untrusted input check first.
 */
export function todayInTimeZone(now: Instant, timeZone: string): CalendarDate {
  const ms = instantToMs(now);
  if (ms === lastMs && timeZone === lastTimeZone) return lastDate;
  if (ms === undefined) throw new RangeError(`Invalid instant: ${String(now)}`);
  // en-US formats `M/D/YYYY`.
  const [month, day, year] = (formatterFor(timeZone) ?? formatterFor('UTC'))?.format(ms).split('/') ?? [];
  const date = makeCalendarDate(Number(year), Number(month), Number(day));
  if (!date) throw new RangeError(`Instant outside years 1000–9999: ${String(now)}`);
  lastMs = ms;
  lastTimeZone = timeZone;
  lastDate = date;
  return date;
}

/** Epoch milliseconds of a valid instant, or undefined (NaN, Invalid Date, beyond JS's range, not an instant). */
export function instantToMs(now: unknown): number | undefined {
  const ms = typeof now === 'number' ? now : now instanceof Date ? now.getTime() : Number.NaN;
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? ms : undefined;
}

/** English short form used in messages: `Dec 1, 2026`. Fixed, so messages do not vary by machine. */
export function formatCalendarDate(date: CalendarDate): string {
  const { year, month, day } = splitCalendarDate(date);
  return `${MONTH_ABBREVIATIONS.slice(month * 3 - 3, month * 3) || '?'} ${day}, ${year}`;
}

// Days since 1970-01-01 by integer arithmetic (after H. Hinnant's days_from_civil, counting years
// from 1 March so that the leap day ends them): the daily job compares thousands of dates, and
// this is several times faster than going through Date.
function dayNumber(date: CalendarDate): number {
  const month = digits(date, 5, 7);
  const y = digits(date, 0, 4) - (month < 3 ? 1 : 0);
  // Days from 1 March to the 1st of the month.
  const monthStart = Math.floor((153 * ((month + 9) % 12) + 2) / 5);
  return (
    y * 365 +
    Math.floor(y / 4) -
    Math.floor(y / 100) +
    Math.floor(y / 400) +
    monthStart +
    digits(date, 8, 10) -
    719_469
  );
}

function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

function formatParts(year: number, month: number, day: number): CalendarDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as CalendarDate;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
