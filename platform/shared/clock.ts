// "Today" for reminders is a calendar day in the user's own time zone (the issue: counted in
// calendar days in the user's time zone). Callers pass `now` so tests can fix the clock.
import { type CalendarDate, todayInTimeZone } from '../../lib/calendar-date';

export function userTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export function userToday(now: number = Date.now()): CalendarDate {
  return todayInTimeZone(now, userTimeZone());
}
