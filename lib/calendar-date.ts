// Calendar dates for reminders. Every "day" in the reminder feature is a calendar day in the
// user's time zone, so dates are kept as plain ISO `YYYY-MM-DD` strings: they survive JSON and
// storage unchanged, sort correctly as strings, and carry no time of day that DST could shift.
// Day arithmetic goes through UTC midnights, where every day has exactly 24 hours.

/** An ISO calendar date `YYYY-MM-DD` (four-digit year, 1000–9999), with no time and no zone. */
export type CalendarDate = `${number}-${number}-${number}`;

/** An instant: epoch milliseconds or a `Date`. */
export type Instant = number | Date;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_ABBREVIATIONS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return MONTH_LENGTHS[month - 1] ?? Number.NaN;
}

/** The date for year/month (1–12)/day, or undefined when it does not exist (Feb 30, month 13). */
export function makeCalendarDate(year: number, month: number, day: number): CalendarDate | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  return formatParts(year, month, day);
}

/** Accepts exactly `YYYY-MM-DD` naming a real day; anything else (including non-strings) is undefined. */
export function parseCalendarDate(value: unknown): CalendarDate | undefined {
  if (typeof value !== 'string') return undefined;
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  return makeCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

export function isCalendarDate(value: unknown): value is CalendarDate {
  return parseCalendarDate(value) !== undefined;
}

export function splitCalendarDate(date: CalendarDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Whole days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const shifted = new Date(utcMidnight(date) + days * MS_PER_DAY);
  return formatParts(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** Calendar months; the day is clamped to the target month's length (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const { year, month, day } = splitCalendarDate(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return formatParts(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

export function compareCalendarDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Constructing a DateTimeFormat costs far more than using one; the daily job and list marking
// ask for the same zone over and over.
const formatters = new Map<string, Intl.DateTimeFormat | undefined>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | undefined {
  if (formatters.has(timeZone)) return formatters.get(timeZone);
  let formatter: Intl.DateTimeFormat | undefined;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      calendar: 'gregory',
      numberingSystem: 'latn',
    });
  } catch {
    formatter = undefined;
  }
  formatters.set(timeZone, formatter);
  return formatter;
}

export function isValidTimeZone(timeZone: unknown): timeZone is string {
  return typeof timeZone === 'string' && timeZone !== '' && formatterFor(timeZone) !== undefined;
}

/**
 * The calendar date at `now` in the IANA `timeZone`. An unknown zone falls back to UTC rather
 * than throwing: the zone comes from the browser's own `resolvedOptions()`, so this only guards
 * against corrupted settings. An invalid instant is a programming error and throws a RangeError;
 * `instantToMs` lets callers that take untrusted input check first.
 */
export function todayInTimeZone(now: Instant, timeZone: string): CalendarDate {
  const ms = instantToMs(now);
  // formatToParts costs microseconds; a list page asks for the same instant hundreds of times.
  if (ms === lastToday.ms && timeZone === lastToday.timeZone) return lastToday.date;
  const formatter = formatterFor(timeZone) ?? formatterFor('UTC');
  if (ms === undefined || !formatter) throw new RangeError(`Invalid instant: ${String(now)}`);
  let year = 0;
  let month = 0;
  let day = 0;
  for (const part of formatter.formatToParts(ms)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
  }
  const date = makeCalendarDate(year, month, day);
  if (!date) throw new RangeError(`Instant outside years 1000–9999: ${String(now)}`);
  lastToday = { ms, timeZone, date };
  return date;
}

let lastToday: { ms: number | undefined; timeZone: string; date: CalendarDate } = {
  ms: undefined,
  timeZone: '',
  date: '1970-01-01',
};

/** Epoch milliseconds of a valid instant, or undefined (NaN, Invalid Date, beyond JS's range, not an instant). */
export function instantToMs(now: unknown): number | undefined {
  const ms = typeof now === 'number' ? now : now instanceof Date ? now.getTime() : Number.NaN;
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? ms : undefined;
}

/** English short form used in messages: `Dec 1, 2026`. Fixed, so messages do not vary by machine. */
export function formatCalendarDate(date: CalendarDate): string {
  const { year, month, day } = splitCalendarDate(date);
  return `${MONTH_ABBREVIATIONS[month - 1] ?? '?'} ${day}, ${year}`;
}

// Days since 1970-01-01 by integer arithmetic (H. Hinnant's days_from_civil): the daily job
// compares thousands of dates, and this is several times faster than going through Date.
function dayNumber(date: CalendarDate): number {
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 7);
  const day = digits(date, 8, 10);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

function utcMidnight(date: CalendarDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function formatParts(year: number, month: number, day: number): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as CalendarDate;
}
