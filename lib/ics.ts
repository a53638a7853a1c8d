// A small RFC 5545 writer for the expiry calendar export. Expiry is a calendar day, so events
// are all-day (`DTSTART;VALUE=DATE`, no time zone to get wrong); the only time in the file is
// DTSTAMP, in UTC as §3.8.7.2 requires. UIDs hash the credential id, so importing a newer export
// updates the same events instead of adding copies.

import { addDays, type CalendarDate, formatCalendarDate, type Instant, instantToMs } from './calendar-date';
import { describeRenewal, TOKEN_KIND_LABELS } from './credential-status';
import { describeWhere, type ReminderSettings, targetUrlFor } from './reminder-schedule';
import { hashText, type TrackedCredential } from './tracked-credentials';

export const DEFAULT_PROD_ID = '-//Bitbucket Auth Helper//Credential reminders//EN';
const UID_DOMAIN = 'bitbucket-auth-helper';

export interface CalendarEvent {
  /** Same id, same UID. */
  id: string;
  /** The all-day event's day. */
  date: CalendarDate;
  summary: string;
  description?: string;
  url?: string;
  /** One display alarm per entry, that many days before the day (0 = at its start). */
  alarmDaysBefore?: readonly number[];
}

export interface CalendarOptions {
  prodId: string;
  /** DTSTAMP: when the file was made. */
  now: Instant;
  /** Shown by clients that read X-WR-CALNAME. */
  name?: string;
}

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;

export function buildCalendar(events: readonly CalendarEvent[], options: CalendarOptions): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeText(options.prodId)}`,
    'CALSCALE:GREGORIAN',
  ];
  lines.push('METHOD:PUBLISH');
  if (options.name !== undefined) lines.push(`X-WR-CALNAME:${escapeText(options.name)}`);
  const stamp = formatUtcDateTime(options.now);
  for (const event of events) lines.push(...buildEvent(event, stamp));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** One VEVENT per tracked credential with an expiry date (revoked ones left out), by date. */
export function buildExpiryEvents(
  credentials: readonly TrackedCredential[],
  settings: ReminderSettings,
): CalendarEvent[] {
  const events: CalendarEvent[] = [];
  for (const credential of credentials) {
    const expires = credential.expires;
    if (credential.revokedAt !== undefined || expires === undefined || expires === 'never') continue;
    const kind = TOKEN_KIND_LABELS[credential.kind];
    const url = targetUrlFor(credential, settings);
    events.push({
      id: credential.id,
      date: expires,
      summary: `Bitbucket ${kind} expires: ${credential.name}`,
      description: [
        `The ${kind} "${credential.name}" (${describeWhere(credential)}) expires on ${formatCalendarDate(expires)}.`,
        describeRenewal(credential.kind).note,
        url,
      ].join('\n'),
      url,
      alarmDaysBefore: settings.leadTimesDays,
    });
  }
  return events.sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
}

export function eventUid(id: string): string {
  return `${hashText(id)}@${UID_DOMAIN}`;
}

/**
 * TEXT value escaping (§3.3.11). Characters TEXT cannot carry are replaced first (see
 * `sanitizeText`), so a parser gives back exactly `sanitizeText(value)`.
 */
export function escapeText(value: string): string {
  return sanitizeText(value).replace(/[\\;,\n]/g, (char) => (char === '\n' ? '\\n' : `\\${char}`));
}

/**
 * What survives a round trip: line breaks become `\n`, other control characters (forbidden in
 * TEXT, §3.3.11) are dropped, and unpaired surrogates (not encodable as UTF-8) become U+FFFD.
 */
export function sanitizeText(value: string): string {
  return (
    value
      .replace(/\r\n?/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
  );
}

/**
 * Folds one content line at 75 octets of UTF-8 (§3.1): continuation lines start with a space,
 * which counts toward their 75. Splits only between code points, never inside one, and keeps
 * an escape like `\,` on one line: valid either way, but some clients unfold badly.
 */
export function foldLine(line: string): string {
  if (line.length <= MAX_LINE_OCTETS / 3 || utf8Length(line) <= MAX_LINE_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_LINE_OCTETS;
  for (const unit of line.match(/\\[\s\S]|[\s\S]/gu) ?? []) {
    const size = utf8Length(unit);
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_LINE_OCTETS - 1;
    }
    current += unit;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** `YYYYMMDDTHHMMSSZ`. */
export function formatUtcDateTime(instant: Instant): string {
  const ms = instantToMs(instant);
  if (ms === undefined) throw new RangeError(`Invalid instant: ${String(instant)}`);
  return new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

function buildEvent(event: CalendarEvent, stamp: string): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${eventUid(event.id)}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${compactDate(event.date)}`,
    `DTEND;VALUE=DATE:${compactDate(addDays(event.date, 1))}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.description !== undefined) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  const url = event.url === undefined ? undefined : normalizeUri(event.url);
  if (url !== undefined) lines.push(`URL:${url}`);
  // All-day reminders should not block time in free/busy views.
  lines.push('TRANSP:TRANSPARENT');
  const alarms = [...new Set(event.alarmDaysBefore ?? [])]
    .filter((days) => Number.isInteger(days) && days >= 0)
    .sort((a, b) => b - a);
  for (const days of alarms) {
    lines.push(
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${escapeText(days === 0 ? `Today: ${event.summary}` : `In ${days} day${days === 1 ? '' : 's'}: ${event.summary}`)}`,
      `TRIGGER:${days === 0 ? 'PT0S' : `-P${days}D`}`,
      'END:VALARM',
    );
  }
  lines.push('END:VEVENT');
  return lines;
}

// URI values are not TEXT-escaped (§3.3.13), so only a well-formed absolute http(s) URL goes in;
// the URL parser percent-encodes anything a content line could not carry.
function normalizeUri(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function compactDate(date: CalendarDate): string {
  return date.replace(/-/g, '');
}

function utf8Length(text: string): number {
  let octets = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    octets += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return octets;
}
