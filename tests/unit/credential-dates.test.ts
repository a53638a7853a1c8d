import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../lib/calendar-date';
import {
  type ListDate,
  type ParseListDateOptions,
  parseListDate,
  toStoredDate,
} from '../../lib/credential-dates';

// Thursday 2026-11-26, 11:00 in Berlin.
const NOW = Date.parse('2026-11-26T10:00:00Z');
const BERLIN: ParseListDateOptions = { now: NOW, timeZone: 'Europe/Berlin' };

function dateOf(text: string, options: Partial<ParseListDateOptions> = {}): string | undefined {
  const result = parseListDate(text, { ...BERLIN, ...options });
  return result.kind === 'date' ? result.date : result.kind;
}

describe('parseListDate: absolute dates', () => {
  it.each([
    // English, as Intl and Atlaskit render it
    ['Nov 26, 2025', '2025-11-26'],
    ['November 26, 2025', '2025-11-26'],
    ['26 Nov 2025', '2025-11-26'],
    ['26 November 2025', '2025-11-26'],
    ['Wed, Nov 26, 2025', '2025-11-26'],
    ['Wednesday, November 26, 2025', '2025-11-26'],
    ['Nov 26, 2025, 10:32 AM', '2025-11-26'],
    ['Nov 26, 2025 at 10:32 PM', '2025-11-26'],
    ['NOV 26 2025', '2025-11-26'],
    ['  nov   26 ,  2025 ', '2025-11-26'],
    ['2025 Nov 26', '2025-11-26'],
    ['Nov 1st, 2025', '2025-11-01'],
    ['3rd Dec 2025', '2025-12-03'],
    ['Sept 9, 2026', '2026-09-09'],
    ['Feb 29, 2024', '2024-02-29'],
    ['Expires Nov 26, 2025', '2025-11-26'],
    ['Expires on Nov 26, 2025', '2025-11-26'],
    ['Created: 26 Nov 2025', '2025-11-26'],
    ['Last used Nov 26, 2025', '2025-11-26'],
    // ISO dates and date-times (instants land on the user's day)
    ['2025-11-26', '2025-11-26'],
    ['2025-11-26T10:00:00Z', '2025-11-26'],
    ['2025-11-26T23:30:00Z', '2025-11-27'],
    ['2025-11-26T23:30:00.123Z', '2025-11-27'],
    ['2025-11-26T01:30:00+05:00', '2025-11-25'],
    ['2025-11-26T01:30:00+0500', '2025-11-25'],
    ['2025-11-26T22:30:00-02:00', '2025-11-27'],
    ['2025-11-26 10:32', '2025-11-26'],
    ['2025-11-26T23:59:59', '2025-11-26'],
    // Numeric, year first or unambiguous
    ['2025/11/26', '2025-11-26'],
    ['2025.11.26', '2025-11-26'],
    ['2025. 11. 26.', '2025-11-26'],
    ['2025-1-5', '2025-01-05'],
    ['26/11/2025', '2025-11-26'],
    ['11/26/2025', '2025-11-26'],
    ['13/11/2025', '2025-11-13'],
    ['11/13/2025', '2025-11-13'],
    ['04/04/2025', '2025-04-04'],
    ['26-11-2025', '2025-11-26'],
    ['11/26/25', '2025-11-26'],
    ['26/11/2025, 10:32', '2025-11-26'],
    // German
    ['26.11.2025', '2025-11-26'],
    ['3.4.2025', '2025-04-03'],
    ['26.11.25', '2025-11-26'],
    ['26. Nov. 2025', '2025-11-26'],
    ['26. November 2025', '2025-11-26'],
    ['3. März 2026', '2026-03-03'],
    ['3. MÄRZ 2026', '2026-03-03'],
    ['3. Mär. 2026', '2026-03-03'],
    ['3. Mrz. 2026', '2026-03-03'],
    ['1. Mai 2026', '2026-05-01'],
    ['24. Dez. 2025', '2025-12-24'],
    ['24. Dezember 2025', '2025-12-24'],
    ['26. Okt. 2025', '2025-10-26'],
    ['1. Jänner 2026', '2026-01-01'],
    ['Mi., 26. Nov. 2025', '2025-11-26'],
    ['Mittwoch, 26. November 2025', '2025-11-26'],
    ['am 26. Nov. 2025', '2025-11-26'],
    ['Läuft ab am 26. Nov. 2025', '2025-11-26'],
    ['26.11.2025, 10:32 Uhr', '2025-11-26'],
    // French
    ['26 nov. 2025', '2025-11-26'],
    ['26 novembre 2025', '2025-11-26'],
    ['1er décembre 2025', '2025-12-01'],
    ['5 févr. 2026', '2026-02-05'],
    ['15 août 2026', '2026-08-15'],
    ['26 déc. 2025', '2025-12-26'],
    ['3 juil. 2026', '2026-07-03'],
    ['mercredi 26 novembre 2025', '2025-11-26'],
    // Spanish
    ['26 nov 2025', '2025-11-26'],
    ['26 de noviembre de 2025', '2025-11-26'],
    ['5 de ene. de 2026', '2026-01-05'],
    ['15 de agosto de 2026', '2026-08-15'],
    ['3 dic 2025', '2025-12-03'],
    ['1 sept 2025', '2025-09-01'],
    ['miércoles, 26 de noviembre de 2025', '2025-11-26'],
    // Italian, Portuguese, Dutch
    ['26 ott 2025', '2025-10-26'],
    ['26 de out. de 2025', '2025-10-26'],
    ['quarta-feira, 26 de novembro de 2025', '2025-11-26'],
    ['26 mrt 2026', '2026-03-26'],
    ['woensdag 26 november 2025', '2025-11-26'],
    // Japanese, Chinese, Korean
    ['2025年11月26日', '2025-11-26'],
    ['2025年11月26日(水)', '2025-11-26'],
    ['2025年11月26日（水）', '2025-11-26'],
    ['2025年 11月 26日', '2025-11-26'],
    ['２０２５年１１月２６日', '2025-11-26'],
    ['2025年11月26日水曜日', '2025-11-26'],
    ['2025年11月26日 10:32', '2025-11-26'],
    ['2025年3月5日', '2025-03-05'],
    ['2025年11月26日 星期三', '2025-11-26'],
    ['2025년 11월 26일', '2025-11-26'],
    ['2025년 11월 26일 수요일', '2025-11-26'],
  ])('%j → %s', (text, expected) => {
    expect(dateOf(text)).toBe(expected);
  });

  it.each([
    ['03/04/2025', undefined, 'unknown'],
    ['03/04/2025', 'en-US', '2025-03-04'],
    ['03/04/2025', 'en', '2025-03-04'],
    ['03/04/2025', 'en-GB', '2025-04-03'],
    ['03/04/2025', 'de-DE', '2025-04-03'],
    ['03/04/2025', 'fr', '2025-04-03'],
    ['03/04/2025', 'ja-JP', '2025-03-04'],
    ['03/04/2025', 'not a locale!!', 'unknown'],
    ['03-04-2025', 'nl-NL', '2025-04-03'],
    // Unambiguous numbers beat the locale hint.
    ['13/11/2025', 'en-US', '2025-11-13'],
    ['11/26/2025', 'de-DE', '2025-11-26'],
    // Dots mean day.month whatever the locale says.
    ['03.04.2025', 'en-US', '2025-04-03'],
  ])('%j with locale %s → %s', (text, locale, expected) => {
    expect(dateOf(text, locale === undefined ? {} : { locale })).toBe(expected);
  });

  it.each([
    // Without a year: expiry takes the nearest such day, created/last-used the latest past one.
    ['Dec 3', 'expires', '2026-12-03'],
    ['Nov 20', 'expires', '2026-11-20'],
    ['Jan 5', 'expires', '2027-01-05'],
    ['Dec 3', 'created', '2025-12-03'],
    ['Jan 5', 'created', '2026-01-05'],
    ['Nov 26', 'lastUsed', '2026-11-26'],
    ['Nov 27', 'lastUsed', '2025-11-27'],
    ['11月26日', 'lastUsed', '2026-11-26'],
    ['24.12.', 'expires', '2026-12-24'],
    ['Feb 29', 'created', '2024-02-29'],
  ] as const)('%j in the %s column → %s', (text, column, expected) => {
    expect(dateOf(text, { column })).toBe(expected);
  });
});

describe('parseListDate: relative dates against now (2026-11-26 11:00 Berlin)', () => {
  it.each([
    ['today', '2026-11-26'],
    ['Today', '2026-11-26'],
    ['just now', '2026-11-26'],
    ['a few seconds ago', '2026-11-26'],
    ['yesterday', '2026-11-25'],
    ['tomorrow', '2026-11-27'],
    ['in 3 days', '2026-11-29'],
    ['3 days ago', '2026-11-23'],
    ['in a day', '2026-11-27'],
    ['a day ago', '2026-11-25'],
    ['2 weeks ago', '2026-11-12'],
    ['in 2 weeks', '2026-12-10'],
    ['2 months ago', '2026-09-26'],
    ['a month ago', '2026-10-26'],
    ['a year ago', '2025-11-26'],
    ['in 1 year', '2027-11-26'],
    ['last week', '2026-11-19'],
    ['next month', '2026-12-26'],
    ['last year', '2025-11-26'],
    ['Expires in 3 days', '2026-11-29'],
    ['Expired 2 days ago', '2026-11-24'],
    ['Last used 5 days ago', '2026-11-21'],
    // Hours count from the instant: 12 hours before 11:00 is yesterday.
    ['5 hours ago', '2026-11-26'],
    ['12 hours ago', '2026-11-25'],
    ['an hour ago', '2026-11-26'],
    ['30 minutes ago', '2026-11-26'],
    ['in 14 hours', '2026-11-27'],
    // German
    ['heute', '2026-11-26'],
    ['Heute', '2026-11-26'],
    ['gestern', '2026-11-25'],
    ['morgen', '2026-11-27'],
    ['vorgestern', '2026-11-24'],
    ['übermorgen', '2026-11-28'],
    ['vor 3 Tagen', '2026-11-23'],
    ['in 3 Tagen', '2026-11-29'],
    ['vor einem Tag', '2026-11-25'],
    ['vor 2 Monaten', '2026-09-26'],
    ['vor einem Jahr', '2025-11-26'],
    ['vor 12 Stunden', '2026-11-25'],
    ['in einer Woche', '2026-12-03'],
    ['letzte Woche', '2026-11-19'],
    ['nächsten Monat', '2026-12-26'],
    // French
    ["aujourd'hui", '2026-11-26'],
    ['aujourd’hui', '2026-11-26'],
    ['hier', '2026-11-25'],
    ['demain', '2026-11-27'],
    ['il y a 3 jours', '2026-11-23'],
    ['dans 3 jours', '2026-11-29'],
    ['il y a 2 mois', '2026-09-26'],
    ['il y a un an', '2025-11-26'],
    // Spanish
    ['hoy', '2026-11-26'],
    ['ayer', '2026-11-25'],
    ['mañana', '2026-11-27'],
    ['hace 3 días', '2026-11-23'],
    ['en 3 días', '2026-11-29'],
    ['dentro de 3 días', '2026-11-29'],
    ['hace un año', '2025-11-26'],
    ['hace 2 meses', '2026-09-26'],
    // Japanese and Chinese
    ['今日', '2026-11-26'],
    ['昨日', '2026-11-25'],
    ['明日', '2026-11-27'],
    ['3日前', '2026-11-23'],
    ['3日後', '2026-11-29'],
    ['2か月前', '2026-09-26'],
    ['2ヶ月前', '2026-09-26'],
    ['1年前', '2025-11-26'],
    ['2週間前', '2026-11-12'],
    ['12時間前', '2026-11-25'],
    ['今天', '2026-11-26'],
    ['昨天', '2026-11-25'],
    ['明天', '2026-11-27'],
    ['3天前', '2026-11-23'],
    ['3天后', '2026-11-29'],
    ['2个月前', '2026-09-26'],
    ['1 年前', '2025-11-26'],
  ])('%j → %s', (text, expected) => {
    expect(dateOf(text)).toBe(expected);
  });

  it('resolves in the given time zone: 10:00 UTC is already tomorrow in Auckland', () => {
    expect(dateOf('today', { timeZone: 'Pacific/Auckland' })).toBe('2026-11-26');
    expect(dateOf('today', { now: Date.parse('2026-11-26T11:00:00Z'), timeZone: 'Pacific/Auckland' })).toBe(
      '2026-11-27',
    );
    expect(
      dateOf('today', { now: Date.parse('2026-11-26T07:00:00Z'), timeZone: 'America/Los_Angeles' }),
    ).toBe('2026-11-25');
    expect(dateOf('2025-11-26T23:30:00Z', { timeZone: 'America/Los_Angeles' })).toBe('2025-11-26');
    expect(dateOf('2025-11-26T23:30:00Z', { timeZone: 'UTC' })).toBe('2025-11-26');
  });

  it('"tomorrow" is one calendar day even when the night is 25 hours (Berlin, 2026-10-25)', () => {
    const lateSaturday = Date.parse('2026-10-24T21:30:00Z'); // 23:30 CEST
    expect(dateOf('tomorrow', { now: lateSaturday })).toBe('2026-10-25');
    expect(dateOf('in 1 day', { now: lateSaturday })).toBe('2026-10-25');
    expect(dateOf('in 24 hours', { now: lateSaturday })).toBe('2026-10-25');
  });

  it('"in 1 day" is one calendar day across the spring-forward night (Los Angeles, 2026-03-08)', () => {
    const lateSaturday = Date.parse('2026-03-08T07:30:00Z'); // 23:30 PST on the 7th
    expect(dateOf('in 1 day', { now: lateSaturday, timeZone: 'America/Los_Angeles' })).toBe('2026-03-08');
    expect(dateOf('yesterday', { now: lateSaturday, timeZone: 'America/Los_Angeles' })).toBe('2026-03-06');
  });

  it('cannot resolve relative text without a valid now, but still reads absolute dates', () => {
    expect(dateOf('today', { now: Number.NaN })).toBe('unknown');
    expect(dateOf('3 hours ago', { now: new Date('invalid') })).toBe('unknown');
    expect(dateOf('Dec 3', { now: Number.NaN })).toBe('unknown');
    expect(dateOf('Nov 26, 2025', { now: Number.NaN })).toBe('2025-11-26');
  });
});

describe('parseListDate: no date', () => {
  it.each([
    'Never',
    'never',
    'No expiry',
    'No expiration date',
    'Does not expire',
    'Never expires',
    '—',
    '–',
    '-',
    '',
    '   ',
    'N/A',
    'Nie',
    'Kein Ablaufdatum',
    'Läuft nicht ab',
    'Jamais',
    "N'expire jamais",
    'Nunca',
    'Sin vencimiento',
    'なし',
    '無期限',
    '永不过期',
    'Expires: never',
  ])('expires %j → never (no expiry)', (text) => {
    expect(parseListDate(text, BERLIN)).toEqual({ kind: 'never', meaning: 'no-expiry' });
  });

  it.each([
    '',
    'Never',
    'Never used',
    'Not used yet',
    '—',
    'Nie verwendet',
    'Noch nie',
    'Jamais utilisé',
    '未使用',
    '从未使用',
  ])('last used %j → never (never used)', (text) => {
    expect(parseListDate(text, { ...BERLIN, column: 'lastUsed' })).toEqual({
      kind: 'never',
      meaning: 'never-used',
    });
  });

  it.each(['', 'Never', '—'])('created %j → unknown: every credential was created some day', (text) => {
    expect(parseListDate(text, { ...BERLIN, column: 'created' })).toEqual({ kind: 'unknown', text });
  });
});

describe('parseListDate: unknown instead of a wrong guess', () => {
  it.each([
    'soon',
    'Nov 2025',
    '26 2025',
    'Nov 26 Dec 2025',
    'Nov 26, 2025, 2026',
    'in 3 bananas',
    'foo 26 bar 2025',
    '2025-13-01',
    '2025-02-30',
    'Nov 31, 2025',
    'Feb 29, 2025',
    '2025-11-26T25:00:00Z',
    '2025-11-26T10:00:00+15:00',
    '13/13/2025',
    '31/02/2025',
    '12345',
    '3 days',
    'ago',
    '26/11',
    'x'.repeat(500),
    'Nov 26, 0999',
    'in 99999 days',
    'in 9999 years',
  ])('%j → unknown', (text) => {
    expect(parseListDate(text, BERLIN)).toEqual({ kind: 'unknown', text });
  });

  it('never throws, whatever the input and options', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (text, options) => {
        const result = parseListDate(text, options as ParseListDateOptions);
        expect(['date', 'never', 'unknown']).toContain(result.kind);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws for any string and keeps it in an unknown answer', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 60 }),
        fc.constantFrom('expires', 'created', 'lastUsed'),
        (text, column) => {
          const result = parseListDate(text, { ...BERLIN, column });
          if (result.kind === 'unknown') expect(result.text).toBe(text);
          if (result.kind === 'date') expect(result.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('parseListDate reads what Intl renders for any day', () => {
  const locales = [
    'en-US',
    'en-GB',
    'de-DE',
    'de-AT',
    'fr-FR',
    'es-ES',
    'it-IT',
    'pt-BR',
    'nl-NL',
    'ja-JP',
    'zh-CN',
    'zh-TW',
    'ko-KR',
  ];
  const styles = ['short', 'medium', 'long', 'full'] as const;

  it.each(locales)('%s, every date style', (locale) => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...styles),
        (instant, dateStyle) => {
          // Korean short dates ("25. 11. 26.") put a two-digit year first: deliberately not read.
          fc.pre(!(locale === 'ko-KR' && dateStyle === 'short'));
          const expected = instant.toISOString().slice(0, 10);
          const text = new Intl.DateTimeFormat(locale, { dateStyle, timeZone: 'UTC' }).format(instant);
          expect(dateOf(text, { locale })).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('toStoredDate', () => {
  it.each([
    [{ kind: 'date', date: '2026-11-26' as CalendarDate }, '2026-11-26'],
    [{ kind: 'never', meaning: 'no-expiry' }, 'never'],
    [{ kind: 'never', meaning: 'never-used' }, 'never'],
    [{ kind: 'unknown', text: 'soon' }, undefined],
  ] as [ListDate, string | undefined][])('%j → %s', (value, expected) => {
    expect(toStoredDate(value)).toBe(expected);
  });
});
