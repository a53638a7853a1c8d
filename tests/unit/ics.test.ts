import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../lib/calendar-date';
import { DEFAULT_STATUS_SETTINGS } from '../../lib/credential-status';
import {
  buildCalendar,
  buildExpiryEvents,
  type CalendarEvent,
  DEFAULT_PROD_ID,
  escapeText,
  eventUid,
  foldLine,
  formatUtcDateTime,
  sanitizeText,
} from '../../lib/ics';
import type { ReminderSettings } from '../../lib/reminder-schedule';
import { API_TOKEN_LIST_URL, type TrackedCredential } from '../../lib/tracked-credentials';

const NOW = Date.parse('2026-11-26T09:30:05.678Z');
const OPTIONS = { prodId: DEFAULT_PROD_ID, now: NOW, name: 'Bitbucket credential expiry' };
const settings: ReminderSettings = { ...DEFAULT_STATUS_SETTINGS, defaultExpiryDays: 90 };
const encoder = new TextEncoder();
const GOLDEN_PATH = join(dirname(fileURLToPath(import.meta.url)), 'golden', 'expiry-calendar.ics');

function octets(text: string): number {
  return encoder.encode(text).length;
}

function physicalLines(ics: string): string[] {
  expect(ics.endsWith('\r\n')).toBe(true);
  // Every line break is CRLF: no bare CR or LF anywhere.
  expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  return ics.slice(0, -2).split('\r\n');
}

function parse(ics: string) {
  return new ICAL.Component(ICAL.parse(ics));
}

function event(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    id: 'api-token-1',
    date: '2026-12-31',
    summary: 'Token expires',
    alarmDaysBefore: [30, 7, 1, 0],
    ...overrides,
  };
}

function credential(overrides: Partial<TrackedCredential>): TrackedCredential {
  return {
    id: 'x',
    kind: 'api-token',
    name: 'x',
    where: API_TOKEN_LIST_URL,
    firstSeen: '2026-01-01',
    lastSeen: '2026-11-26',
    notified: {},
    ...overrides,
  };
}

const GOLDEN_CREDENTIALS: TrackedCredential[] = [
  credential({
    id: 'api-token-0f3c2a1b9d8e7f60',
    name: 'git-push@laptop 2026-03',
    preset: 'git-push',
    expiryDays: 365,
    created: '2026-03-14',
    expires: '2027-03-14',
  }),
  credential({
    id: 'repository-access-token-aa55aa55aa55aa55',
    kind: 'repository-access-token',
    name: 'deploy; prod, "main" \\ backslash',
    where: 'https://bitbucket.org/acme/web-app/admin/access-tokens',
    created: '2026-01-05',
    expires: '2026-12-01',
  }),
  credential({
    id: 'api-token-1234567890abcdef',
    name: 'Überprüfung 日本語のトークン 🚀🔑 with a name long enough that every line carrying it must be folded',
    created: '2026-05-01',
    expires: '2026-11-30',
  }),
  credential({ id: 'revoked', name: 'gone', expires: '2026-12-24', revokedAt: '2026-11-01' }),
  credential({ id: 'forever', kind: 'workspace-access-token', name: 'no expiry', expires: 'never' }),
];

describe('buildCalendar', () => {
  it('writes the calendar frame and one all-day VEVENT with alarms', () => {
    const ics = buildCalendar(
      [event({ description: 'Line 1\nLine 2', url: 'https://bitbucket.org/acme/x' })],
      OPTIONS,
    );
    expect(physicalLines(ics)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Bitbucket Auth Helper//Credential reminders//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:Bitbucket credential expiry',
      'BEGIN:VEVENT',
      `UID:${eventUid('api-token-1')}`,
      'DTSTAMP:20261126T093005Z',
      'DTSTART;VALUE=DATE:20261231',
      'DTEND;VALUE=DATE:20270101',
      'SUMMARY:Token expires',
      'DESCRIPTION:Line 1\\nLine 2',
      'URL:https://bitbucket.org/acme/x',
      'TRANSP:TRANSPARENT',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'DESCRIPTION:In 30 days: Token expires',
      'TRIGGER:-P30D',
      'END:VALARM',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'DESCRIPTION:In 7 days: Token expires',
      'TRIGGER:-P7D',
      'END:VALARM',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'DESCRIPTION:In 1 day: Token expires',
      'TRIGGER:-P1D',
      'END:VALARM',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'DESCRIPTION:Today: Token expires',
      'TRIGGER:PT0S',
      'END:VALARM',
      'END:VEVENT',
      'END:VCALENDAR',
    ]);
  });

  it('parses back with ical.js, field by field', () => {
    const ics = buildCalendar(
      [
        event({
          description: 'Rotate it;\nthen update CI, please',
          url: 'https://bitbucket.org/acme/web-app/admin/access-tokens',
        }),
        event({ id: 'other', date: '2027-02-28', summary: 'Other', alarmDaysBefore: [] }),
      ],
      OPTIONS,
    );
    const calendar = parse(ics);
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe(DEFAULT_PROD_ID);
    expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    const [first, second] = calendar.getAllSubcomponents('vevent');
    if (!first || !second) throw new Error('expected two events');

    const start = first.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect(start.isDate).toBe(true);
    expect(start.toString()).toBe('2026-12-31');
    expect((first.getFirstPropertyValue('dtend') as ICAL.Time).toString()).toBe('2027-01-01');
    const stamp = first.getFirstPropertyValue('dtstamp') as ICAL.Time;
    expect(stamp.zone?.tzid).toBe('UTC');
    expect(stamp.toJSDate().getTime()).toBe(Date.parse('2026-11-26T09:30:05Z'));
    expect(first.getFirstPropertyValue('uid')).toBe(eventUid('api-token-1'));
    expect(first.getFirstPropertyValue('summary')).toBe('Token expires');
    expect(first.getFirstPropertyValue('description')).toBe('Rotate it;\nthen update CI, please');
    expect(first.getFirstPropertyValue('url')).toBe('https://bitbucket.org/acme/web-app/admin/access-tokens');
    const alarms = first.getAllSubcomponents('valarm');
    expect(alarms.map((alarm) => alarm.getFirstPropertyValue('action'))).toEqual([
      'DISPLAY',
      'DISPLAY',
      'DISPLAY',
      'DISPLAY',
    ]);
    expect(
      alarms.map((alarm) => (alarm.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds()),
    ).toEqual([-30 * 86400, -7 * 86400, -86400, 0]);

    expect((second.getFirstPropertyValue('dtstart') as ICAL.Time).toString()).toBe('2027-02-28');
    expect(second.getAllSubcomponents('valarm')).toEqual([]);
    expect(second.getFirstPropertyValue('uid')).not.toBe(first.getFirstPropertyValue('uid'));
  });

  it('gives every event the same UID on every export, so re-importing updates it', () => {
    const once = buildCalendar([event()], OPTIONS);
    const later = buildCalendar([event({ date: '2027-01-15', summary: 'renewed' })], {
      ...OPTIONS,
      now: NOW + 86_400_000,
    });
    const uidOf = (ics: string) => parse(ics).getFirstSubcomponent('vevent')?.getFirstPropertyValue('uid');
    expect(uidOf(later)).toBe(uidOf(once));
    expect(eventUid('api-token-1')).toMatch(/^[0-9a-f]{16}@bitbucket-auth-helper$/);
  });

  it('drops invalid alarm offsets and URLs that are not absolute http(s)', () => {
    const ics = buildCalendar(
      [
        event({ alarmDaysBefore: [7, 7, -1, 2.5, 0], url: 'javascript:alert(1)' }),
        event({ id: 'b', alarmDaysBefore: [], url: 'x' }),
      ],
      OPTIONS,
    );
    expect(ics.match(/TRIGGER:/g)).toHaveLength(2);
    expect(ics).not.toContain('URL:');
  });

  it('percent-encodes what a URL line could not carry', () => {
    const ics = buildCalendar([event({ url: 'https://bitbucket.org/acme/web app/?q=a b' })], OPTIONS);
    expect(ics).toContain('URL:https://bitbucket.org/acme/web%20app/?q=a%20b\r\n');
  });

  it('matches the golden file byte for byte', () => {
    const ics = buildCalendar(buildExpiryEvents(GOLDEN_CREDENTIALS, settings), OPTIONS);
    const golden = GOLDEN_PATH;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, ics);
    expect(ics).toBe(readFileSync(golden, 'utf8'));
  });

  it('the golden file is valid for ical.js and keeps every line within 75 octets', () => {
    const golden = readFileSync(GOLDEN_PATH, 'utf8');
    for (const line of physicalLines(golden)) expect(octets(line)).toBeLessThanOrEqual(75);
    const events = parse(golden).getAllSubcomponents('vevent');
    expect(events.map((vevent) => vevent.getFirstPropertyValue('summary'))).toEqual([
      `Bitbucket API token expires: ${GOLDEN_CREDENTIALS[2]?.name}`,
      'Bitbucket repository access token expires: deploy; prod, "main" \\ backslash',
      'Bitbucket API token expires: git-push@laptop 2026-03',
    ]);
  });
});

describe('buildExpiryEvents', () => {
  it('one event per tracked expiry date, by date; revoked and non-expiring ones left out', () => {
    const events = buildExpiryEvents(GOLDEN_CREDENTIALS, settings);
    expect(events.map((item) => [item.id, item.date])).toEqual([
      ['api-token-1234567890abcdef', '2026-11-30'],
      ['repository-access-token-aa55aa55aa55aa55', '2026-12-01'],
      ['api-token-0f3c2a1b9d8e7f60', '2027-03-14'],
    ]);
    expect(events[2]).toEqual({
      id: 'api-token-0f3c2a1b9d8e7f60',
      date: '2027-03-14',
      summary: 'Bitbucket API token expires: git-push@laptop 2026-03',
      description: [
        'The API token "git-push@laptop 2026-03" (Atlassian account) expires on Mar 14, 2027.',
        'Create a new token with the same preset, label pattern and expiry.',
        'https://id.atlassian.com/manage-profile/security/api-tokens#bbah-preset=git-push&bbah-expiry-days=365',
      ].join('\n'),
      url: 'https://id.atlassian.com/manage-profile/security/api-tokens#bbah-preset=git-push&bbah-expiry-days=365',
      alarmDaysBefore: [30, 7, 1, 0],
    });
    expect(events[1]?.description).toContain('the old secret stops working 30 minutes after rotation');
  });
});

describe('escapeText / sanitizeText', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b;c', 'a\\,b\\;c'],
    ['back\\slash', 'back\\\\slash'],
    ['two\nlines', 'two\\nlines'],
    ['crlf\r\nand cr\r', 'crlf\\nand cr\\n'],
    ['tab\tkept', 'tab\tkept'],
    ['bell\u0007 and nul\u0000 dropped', 'bell and nul dropped'],
    ['lone \ud800 surrogate', 'lone \ufffd surrogate'],
    ['emoji 🚀 kept', 'emoji 🚀 kept'],
    ['colon: is fine', 'colon: is fine'],
  ])('%j → %j', (input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });

  it('sanitizeText only removes what TEXT cannot carry', () => {
    expect(sanitizeText('a\r\nb\rc\u0001d')).toBe('a\nb\ncd');
  });
});

describe('foldLine', () => {
  it('leaves lines of 75 octets alone and folds the 76th', () => {
    const line75 = `SUMMARY:${'x'.repeat(67)}`;
    expect(foldLine(line75)).toBe(line75);
    expect(foldLine(`${line75}y`)).toBe(`${line75}\r\n y`);
  });

  it('continuation lines hold 74 octets after the leading space', () => {
    const folded = foldLine(`X:${'a'.repeat(300)}`);
    expect(folded.split('\r\n').map(octets)).toEqual([75, 75, 75, 75, 6]);
  });

  it('never splits a multi-byte character', () => {
    // 8 + 22×3 = 74 octets, so the next 3-byte character must move to the next line whole.
    const folded = foldLine(`SUMMARY:${'日'.repeat(23)}`);
    expect(folded).toBe(`SUMMARY:${'日'.repeat(22)}\r\n 日`);
    // 8 + 63 + 4 = 75 octets: the first rocket fits exactly, the second does not.
    const emoji = foldLine(`SUMMARY:${'a'.repeat(63)}🚀🚀🚀`);
    expect(emoji).toBe(`SUMMARY:${'a'.repeat(63)}🚀\r\n 🚀🚀`);
  });

  it('keeps an escape sequence on one line', () => {
    const folded = foldLine(`SUMMARY:${'x'.repeat(66)}\\,after`);
    expect(folded).toBe(`SUMMARY:${'x'.repeat(66)}\r\n \\,after`);
  });

  it('for any text: unfolding restores it, no line exceeds 75 octets, every piece is whole UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const line = `DESCRIPTION:${text}`;
        const folded = foldLine(line);
        expect(folded.replace(/\r\n /g, '')).toBe(line);
        const pieces = folded.split('\r\n');
        pieces.forEach((piece, index) => {
          expect(octets(piece)).toBeLessThanOrEqual(75);
          expect(new TextDecoder().decode(encoder.encode(piece))).toBe(piece);
          // A backslash ends a piece only when it ends the whole line.
          if (index < pieces.length - 1) expect(piece.replace(/\\[\s\S]/gu, '')).not.toMatch(/\\$/);
        });
      }),
      { numRuns: 500 },
    );
  });
});

describe('round trip through ical.js for any names', () => {
  const tricky = fc.constantFrom(
    ',',
    ';',
    '\\',
    '\n',
    '\r\n',
    ':',
    '"',
    '🚀',
    '👩‍💻',
    'Ü',
    '日本',
    ' ',
    '\t',
    '\\n',
    '\\,',
  );
  const names = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc
      .array(fc.oneof(tricky, fc.string({ unit: 'grapheme-ascii', maxLength: 5 })), { maxLength: 60 })
      .map((parts) => parts.join('')),
    fc.string({ unit: 'binary', maxLength: 120 }),
  );

  it('summary and description come back as sanitizeText(input); lines stay within 75 octets', () => {
    fc.assert(
      fc.property(names, names, (name, description) => {
        // ical.js trims the very last line of a file; our last line is always END:VCALENDAR.
        const ics = buildCalendar([event({ summary: name, description })], { ...OPTIONS, name });
        for (const line of physicalLines(ics)) expect(octets(line)).toBeLessThanOrEqual(75);
        const calendar = parse(ics);
        const vevent = calendar.getFirstSubcomponent('vevent');
        expect(vevent?.getFirstPropertyValue('summary')).toBe(sanitizeText(name));
        expect(vevent?.getFirstPropertyValue('description')).toBe(sanitizeText(description));
        // ical.js does not know X-WR-CALNAME's type and hands back the raw, still escaped text.
        expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(escapeText(name));
      }),
      { numRuns: 400 },
    );
  });

  it('names without control characters come back unchanged', () => {
    const printable = fc
      .string({ unit: 'grapheme', maxLength: 200 })
      // biome-ignore lint/suspicious/noControlCharactersInRegex: excluding control characters is the point.
      .filter((text) => !/[\u0000-\u001f\u007f]/.test(text));
    fc.assert(
      fc.property(printable, (name) => {
        const credentials = [credential({ id: name, name, expires: '2027-01-01' })];
        const ics = buildCalendar(buildExpiryEvents(credentials, settings), OPTIONS);
        const summary = parse(ics).getFirstSubcomponent('vevent')?.getFirstPropertyValue('summary');
        expect(summary).toBe(`Bitbucket API token expires: ${name}`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('formatUtcDateTime', () => {
  it.each([
    [Date.parse('2026-11-26T09:30:05.678Z'), '20261126T093005Z'],
    [new Date('2026-01-01T00:00:00Z'), '20260101T000000Z'],
  ])('%s → %s', (instant, expected) => {
    expect(formatUtcDateTime(instant)).toBe(expected);
  });

  it('refuses an invalid instant', () => {
    expect(() => formatUtcDateTime(Number.NaN)).toThrow(RangeError);
  });
});

describe('dates in the file', () => {
  it.each<[CalendarDate, string, string]>([
    ['2026-12-31', '20261231', '20270101'],
    ['2028-02-28', '20280228', '20280229'],
    ['2026-10-25', '20261025', '20261026'],
  ])('an event on %s starts %s and ends %s', (date, start, end) => {
    const ics = buildCalendar([event({ date })], OPTIONS);
    expect(ics).toContain(`DTSTART;VALUE=DATE:${start}\r\n`);
    expect(ics).toContain(`DTEND;VALUE=DATE:${end}\r\n`);
  });
});
