// Reading the dates that the credential lists show. Nobody on the team can see the live pages
// (docs/evidence/pages.md#credential-lists), so this accepts every format the Atlassian UIs are known or
// likely to render — absolute dates in English, German, French, Spanish, Italian, Portuguese and
// Dutch, Japanese/Chinese/Korean, ISO, numeric with the locale deciding day-versus-month order,
// relative phrases — and answers `unknown` instead of guessing whenever the text could mean two
// different days.
//
// Month and weekday names and relative-time phrases come from the browser's own Intl data for
// LOCALES (built once, at first use), so they match what the page renders with the same data;
// only words Intl does not produce are written out here.

import {
  addDays,
  addMonths,
  type CalendarDate,
  daysBetween,
  type Instant,
  instantToMs,
  makeCalendarDate,
  parseCalendarDate,
  todayInTimeZone,
} from './calendar-date';

/** Which column the text came from: it decides what an empty cell or "Never" means. */
export type DateColumn = 'expires' | 'created' | 'lastUsed';

/**
 * - `date`: a calendar day in the user's time zone.
 * - `never`: the cell says there is no such date. `no-expiry` in the expires column (the token
 *   never expires), `never-used` in the last-used column. The created column never answers
 *   `never`: every credential was created some day, so an empty created cell is `unknown`.
 * - `unknown`: unreadable or ambiguous; `text` is the input as given.
 */
export type ListDate =
  | { kind: 'date'; date: CalendarDate }
  | { kind: 'never'; meaning: 'no-expiry' | 'never-used' }
  | { kind: 'unknown'; text: string };

export interface ParseListDateOptions {
  /** The instant relative phrases ("3 days ago") and year-less dates are resolved against. */
  now: Instant;
  /** IANA zone of the user; an invalid zone falls back to UTC. */
  timeZone: string;
  /** The page's language (`<html lang>`), used only to order ambiguous numeric dates like 03/04/2025. */
  locale?: string;
  /** Defaults to `expires`. */
  column?: DateColumn;
}

const MAX_TEXT_LENGTH = 120;

// Base languages only, whose data every browser ships.
const LOCALES = 'en de fr es it pt nl ja zh zh-TW ko'.split(' ');
// These write months as numbers, which CJK_DATE reads (and CJK_TAIL their weekdays): they only
// contribute relative phrases.
const NUMERIC_MONTHS = /^(?:ja|zh|ko)/;

// A unit's index here is how the tables below name it.
const UNITS = 'second minute hour day week month year'.split(' ') as Intl.RelativeTimeFormatUnit[];

// Connectives and time-of-day words that may sit between the parts of a date.
const FILLER_WORDS: ReadonlySet<string> = new Set(
  'de del den le la el the of on at am pm a.m p.m um uhr a las utc gmt h'.split(' '),
);

// A leading label some lists put in the cell itself ("Expires on Nov 26, 2025", "Läuft ab am …").
const LEADING_LABEL =
  /^(?:expir(?:e[sd]?|ee|y|ation|ing)|created|last (?:used|access(?:ed)?)|used|lauft ab|abgelaufen|erstellt|zuletzt (?:verwendet|genutzt)|cree|caduc[ao]|venc(?:e|io)|creado|utilise|usado)(?: on| am| le| el)?:? /;

// "No date" in the languages above (an empty cell and dashes too), with or without a final dot.
const NEVER =
  /^(?:|--?|[—–―−]|n\/a|none|never(?: expires| used)?|does(?: not|n't) expire|no expir(?:y|ation)(?: date)?|not used(?: yet)?|not yet used|(?:noch )?nie(?: verwendet)?|niemals|nicht verwendet|kein ablauf(?:datum)?|lauft nicht ab|unbegrenzt|jamais(?: utilise)?|n'expire (?:jamais|pas)|aucune (?:date d')?expiration|nunca(?: usado| utilizado)?|sin (?:uso|vencimiento|(?:fecha de )?caducidad)|no (?:caduca|vence)|(?:(?:有効)?期限)?なし|[無无]期限|无|未使用过?|使用されていません|永不(?:过期)?|从(?:不|未(?:使用)?)|不过期)\.?$/;

// Words Intl does not produce for LOCALES (older or regional spellings such as Austrian "Jänner",
// moment.js phrases).
// Months and units: '|'-separated by number (January first, UNITS order), space-separated within.
const EXTRA_MONTHS = 'janner||mrz||||||sept setiembre';
const EXTRA_UNITS = 'secs|mins|hrs|tage|星期|monate|jahre annee annees';
const EXTRA_WEEKDAYS = 'sonnabend tues thur thurs';
// [index in UNITS, count, '|'-separated phrases]
const EXTRA_PHRASES: [number, number, string][] = [
  [
    3,
    0,
    "just now|a few seconds ago|moments ago|gerade eben|gerade|a l'instant|ahora mismo|本日|きょう|たった今|刚刚",
  ],
  [3, -1, 'きのう'],
  [3, 1, 'あした'],
  [3, -2, 'おととい'],
  [3, 2, 'あさって'],
  [4, 1, 'la semana proxima'],
  [5, -1, '上月'],
  [5, 1, 'el mes proximo|下月'],
  [6, 1, 'el ano proximo'],
];

// A count (digits or a word for one), the unit word right after it, and the words around them:
// "il y a | un | an |", "| 3 | days | ago". Intl's own phrases are split the same way.
const COUNTED = /^(|.* )(\d{1,4}|an?|one|ein(?:e[mnr]?)?|un[aeo]?|uma?|een) (\S+)(| .*)$/;

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)? ?(z|utc|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;
const CJK_DATE = /^(?:(\d{4}) ?[年년] ?)?(\d{1,2}) ?[月월] ?(\d{1,2}) ?[日일](.*)$/;
const CJK_TAIL = /^[\s():0-9月火水木金土日曜星期周一二三四五六天上下午前後요일월화수목금토]*$/;
// `2025/11/26`, `2025.11.26`, and Korean `2025. 11. 26.`
const NUMERIC_YEAR_FIRST = /^(\d{4})([./-]) ?(\d{1,2})\2 ?(\d{1,2})\.?$/;
const NUMERIC_YEAR_LAST = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})\.?$/;
const NUMERIC_DAY_MONTH = /^(\d{1,2})\.(\d{1,2})\.$/;
const TIME_SUFFIX =
  /,? (?:at |um |a las |a |à |às )?\d{1,2}:\d{2}(?::\d{2})?(?: ?(?:am|pm|a\.m\.|p\.m\.|uhr|h))?(?: ?(?:utc|gmt|z))?$/;
const DAY_TOKEN = /^(\d{1,2})(?:st|nd|rd|th|er|re|e|o|a)?$/;
// The shapes most lists use, "nov 26, 2025" and "26. nov. 2025": read with one expression before
// the general path (a 500-row list's first pass runs on cold code, where each step costs).
const WORD_DATE = /^(?:([a-z]+)\.? (\d{1,2})|(\d{1,2})\.? ([a-z]+)\.?),? (\d{4})$/;

/**
 * Reads one date cell. Never throws: text that is not a string, too long, ambiguous or foreign
 * comes back as `unknown`.
 */
export function parseListDate(text: unknown, options: ParseListDateOptions): ListDate {
  const unknown: ListDate = { kind: 'unknown', text: typeof text === 'string' ? text : '' };
  if (typeof text !== 'string' || text.length > MAX_TEXT_LENGTH * 4) return unknown;
  // Callers may pass anything as options: read them field by field.
  const record: Partial<Record<string, unknown>> = Object(options);
  column = record.column === 'created' || record.column === 'lastUsed' ? record.column : 'expires';
  const normalized = normalizeText(text);
  if (normalized.length > MAX_TEXT_LENGTH) return unknown;
  nowMs = instantToMs(record.now);
  zone = typeof record.timeZone === 'string' ? record.timeZone : 'UTC';
  locale = typeof record.locale === 'string' ? record.locale : '';
  today = nowMs === undefined ? undefined : safeToday(nowMs, zone);
  // English and the page's own language first (a 500-row list must not wait for eleven
  // languages' tables); the rest only for a cell those two can't read.
  const own = LOCALES.find((l) => l === locale) ?? LOCALES.find((l) => l === locale.split('-')[0]);
  wanted = own ? ['en', own] : LOCALES;
  loadTables(wanted);

  const [, monthFirst, dayAfter, dayFirst, monthAfter, year] = WORD_DATE.exec(normalized) ?? [];
  const quick = year && MONTHS.get(monthFirst ?? monthAfter ?? '');
  const quickDate = quick && makeCalendarDate(+year, quick, Number(dayAfter ?? dayFirst));
  if (quickDate) return { kind: 'date', date: quickDate };

  const cell = spaceCjk(normalized.replace(LEADING_LABEL, ''));
  if (NEVER.test(cell)) {
    return column === 'created'
      ? unknown
      : { kind: 'never', meaning: column === 'expires' ? 'no-expiry' : 'never-used' };
  }
  const read = () =>
    parseRelative(cell) ?? parseIsoDateTime(cell) ?? parseAbsolute(cell.replace(TIME_SUFFIX, ''));
  let date = read();
  if (!date && (loadedLocales.size < LOCALES.length || relativeLocales.size < LOCALES.length)) {
    wanted = LOCALES;
    loadTables(LOCALES);
    date = read();
  }
  return date ? { kind: 'date', date } : unknown;
}

/** Converts a parsed cell to the form observations and the tracked store keep. */
export function toStoredDate(value: ListDate): CalendarDate | 'never' | undefined {
  return value.kind === 'date' ? value.date : value.kind === 'never' ? 'never' : undefined;
}

// The options of the cell being read, set by parseListDate for the helpers below (which run only
// inside it, synchronously).
let column: DateColumn;
let nowMs: number | undefined;
let zone: string;
/** The page's language, or '' for none. */
let locale: string;
let today: CalendarDate | undefined;

// Words → meaning, filled from Intl by `loadTables`. A relative offset packs its count and its
// index in UNITS into one number, count × 8 + unit, so that entries compare with ===.
const MONTHS = new Map<string, number | undefined>();
const WEEKDAYS = new Set<string>(EXTRA_WEEKDAYS.split(' '));
const PHRASES = new Map<string, number | undefined>();
/** Unit word → index in UNITS. */
const UNIT_WORDS = new Map<string, number | undefined>();
/**
 * The words around count and unit ("# ago", "vor #") → -1 for the past, 1 for the future. Spanish
 * "en 3 días" is not Intl's ("dentro de 3 días").
 */
const AFFIXES = new Map<string, number | undefined>([['en #', 1]]);
/** Languages whose month and weekday names are in the tables, and whose relative phrases are. */
const loadedLocales = new Set<string>();
const relativeLocales = new Set<string>();
let extrasLoaded = false;
/** The languages the cell being read is tried in (see parseListDate). */
let wanted: readonly string[] = LOCALES;

// About 2–3 ms of Intl calls per language in Node, paid once by the first cell that needs them:
// month and weekday names with the first cell, relative phrases ("3 days ago") only when a cell
// is not a plain date (the relative tables are most of the work).
function loadTables(locales: readonly string[], relative = false): void {
  const loaded = relative ? relativeLocales : loadedLocales;
  if (locales.every((locale) => loaded.has(locale))) return;
  if (!extrasLoaded) {
    extrasLoaded = true;
    putWords(MONTHS, EXTRA_MONTHS, 1);
    putWords(UNIT_WORDS, EXTRA_UNITS, 0);
    for (const [unit, count, list] of EXTRA_PHRASES) {
      for (const phrase of list.split('|')) put(PHRASES, phrase, count * 8 + unit);
    }
  }
  for (const locale of locales) {
    if (loaded.has(locale)) continue;
    loaded.add(locale);
    for (const style of ['long', 'short'] as const) {
      if (!relative) {
        // Months as they appear in a date (languages use genitive or dotted forms there). The 1st
        // of each month of 2001 falls on each of the seven weekdays.
        const dateFormat = NUMERIC_MONTHS.test(locale)
          ? undefined
          : new Intl.DateTimeFormat(locale, {
              weekday: style,
              month: style,
              day: 'numeric',
              timeZone: 'UTC',
            });
        for (let month = 1; month < 13; month++) {
          for (const { type, value } of dateFormat?.formatToParts(Date.UTC(2001, month - 1)) ?? []) {
            if (type === 'weekday') WEEKDAYS.add(word(value));
            if (type === 'month') put(MONTHS, word(value), month);
          }
        }
        continue;
      }

      // "yesterday", "l'an dernier" (auto) and "3 days ago", "3 hr. ago" (always).
      for (const numeric of ['auto', 'always'] as const) {
        const format = new Intl.RelativeTimeFormat(locale, { numeric, style });
        UNITS.forEach((unitName, unit) => {
          // ±1 and ±2 give both plural forms (one, other) in all LOCALES.
          for (let count = -2; count < 3; count++) {
            const text = normalizeText(format.format(count, unitName));
            const match = COUNTED.exec(spaceCjk(text));
            if (match && /\d/.test(match[2] ?? '')) {
              if (!count) continue;
              put(AFFIXES, `${match[1]}#${match[4]}`, Math.sign(count));
              const unitWord = word(match[3] ?? '');
              // Short styles abbreviate to single letters that mean different units in different
              // languages ("m": month in French, minute elsewhere).
              if (!/^[a-z]$/.test(unitWord)) put(UNIT_WORDS, unitWord, unit);
            } else if (!/\d/.test(text) && (count || unit === 0 || unit === 3)) {
              // "yesterday", "vorgestern"; a count of zero only for "now" and "today", since
              // "this week" is no particular day.
              put(PHRASES, text, count * 8 + unit);
            }
          }
        });
      }
    }
  }
  // A word that is also a month ("mar": Tuesday in French, March elsewhere) stays a month.
  if (!relative) for (const name of MONTHS.keys()) WEEKDAYS.delete(name);
}

// Two languages reading one word differently make it ambiguous: it is kept as undefined, so it
// reads as unknown instead of as either guess.
function put(map: Map<string, number | undefined>, key: string, value: number): void {
  map.set(key, map.has(key) && map.get(key) !== value ? undefined : value);
}

function putWords(map: Map<string, number | undefined>, lists: string, first: number): void {
  lists.split('|').forEach((words, index) => {
    for (const name of words.split(' ')) if (name) put(map, name, first + index);
  });
}

function word(text: string): string {
  return normalizeText(text).replace(/\.$/, '');
}

// Diacritics are dropped, so "März", "Marz" and "MÄRZ" meet in one key; kana keep their voicing
// marks (not in U+0300–U+036F) and Hangul recomposes.
function normalizeText(text: string): string {
  // Most cells are plain ASCII: skip Unicode normalisation for them.
  if (!/^[\x20-\x7e]*$/.test(text)) {
    text = text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .normalize('NFC')
      .replace(/[\u2018\u2019\u02bc´]/g, "'")
      .replace(/\s+/g, ' ');
  }
  return text.toLowerCase().replace(/`/g, "'").replace(/ {2,}/g, ' ').trim();
}

// "3日前", "3 か月以前", "3일 전" → "3 日 前": the shape COUNTED reads (no date or "never" text has
// it). Japanese writes "months" with any of several small ka.
function spaceCjk(text: string): string {
  const match = /^(\d+) ?(\D+?) ?以?([前後后전후])$/.exec(text);
  return match ? `${match[1]} ${match[2]?.replace(/^[ヶヵカケ箇]月/, 'か月')} ${match[3]}` : text;
}

function safeToday(ms: number, timeZone: string): CalendarDate | undefined {
  try {
    return todayInTimeZone(ms, timeZone);
  } catch {
    // Instants beyond year 9999 have no CalendarDate.
    return undefined;
  }
}

function parseRelative(cell: string): CalendarDate | undefined {
  loadTables(wanted, true);
  let offset = PHRASES.get(cell);
  if (offset === undefined) {
    const match = COUNTED.exec(cell);
    if (!match) return undefined;
    const sign = AFFIXES.get(`${match[1]}#${match[4]}`);
    const unit = UNIT_WORDS.get(word(match[3] ?? ''));
    if (!sign || unit === undefined) return undefined;
    const count = match[2] ?? '';
    offset = sign * (/\d/.test(count) ? +count : 1) * 8 + unit;
  }
  const unit = offset & 7;
  const count = offset >> 3;
  // Seconds, minutes and hours count from the instant; days and longer in calendar days.
  if (unit < 3) return nowMs === undefined ? undefined : safeToday(nowMs + count * 1000 * 60 ** unit, zone);
  // The arithmetic can leave years 1000–9999 ("in 9999 years"): re-check the result.
  return (
    today &&
    parseCalendarDate(
      unit < 5 ? addDays(today, count * (unit > 3 ? 7 : 1)) : addMonths(today, count * (unit > 5 ? 12 : 1)),
    )
  );
}

function parseIsoDateTime(cell: string): CalendarDate | undefined {
  const [, y = '', mo = '', d = '', hh, mm = '', ss = 0, offset, sign, offsetHours = 0, offsetMinutes = 0] =
    ISO_DATE_TIME.exec(cell) ?? [];
  const date = makeCalendarDate(+y, +mo, +d);
  if (!date || !hh) return date;
  if (+hh > 23 || +mm > 59 || +ss > 60 || +offsetHours > 14 || +offsetMinutes > 59) return undefined;
  // Without an offset the time is the page's local time, which is the user's: the date stands as
  // written. `z` and `utc` have neither sign nor digits: offset 0.
  const minutes = +mm - (sign === '-' ? -1 : 1) * (+offsetHours * 60 + +offsetMinutes);
  return offset ? safeToday(Date.UTC(+y, +mo - 1, +d, +hh, minutes, +ss), zone) : date;
}

function parseAbsolute(cell: string): CalendarDate | undefined {
  const [, weekday = '', rest = ''] = /^([a-z-]+)\.?,? (.*)$/.exec(cell) ?? [];
  const text = WEEKDAYS.has(weekday) ? rest : cell;

  const [, cjkYear, cjkMonth = '', cjkDay = '', tail = ''] = CJK_DATE.exec(text) ?? [];
  if (cjkMonth && CJK_TAIL.test(tail)) return resolveDate(cjkYear, +cjkMonth, +cjkDay);

  const [, y = '', , m = '', d = ''] = NUMERIC_YEAR_FIRST.exec(text) ?? [];
  if (y) return makeCalendarDate(+y, +m, +d);

  const [, dayOfMonth = '', month = ''] = NUMERIC_DAY_MONTH.exec(text) ?? [];
  if (dayOfMonth) return resolveDate(undefined, +month, +dayOfMonth);

  const [, first = '', separator, second = '', yearText = ''] = NUMERIC_YEAR_LAST.exec(text) ?? [];
  if (!separator) return parseWordDate(text);
  const a = +first;
  const b = +second;
  const year = +yearText + (yearText.length < 3 ? 2000 : 0);
  // `.` separates day.month.year wherever it is used; `/` and `-` need the numbers or the locale.
  const dayFirst =
    separator === '.' || a === b || (a > 12 && b <= 12)
      ? true
      : b > 12 && a <= 12
        ? false
        : locale && localeOrdersDayFirst(locale);
  if (typeof dayFirst !== 'boolean') return undefined;
  return dayFirst ? makeCalendarDate(year, b, a) : makeCalendarDate(year, a, b);
}

const dayFirstByLocale = new Map<string, boolean | undefined>();

function localeOrdersDayFirst(tag: string): boolean | undefined {
  if (!dayFirstByLocale.has(tag)) {
    let dayFirst: boolean | undefined;
    try {
      // With the year: some locales order year-less dates differently (sv: 2025-11-26 but 26/11).
      const types = new Intl.DateTimeFormat(tag, { year: 'numeric', month: '2-digit', day: '2-digit' })
        .formatToParts(0)
        .map((part) => part.type);
      dayFirst = types.indexOf('day') < types.indexOf('month');
    } catch {
      // Not a locale: the order stays unknown.
    }
    dayFirstByLocale.set(tag, dayFirst);
  }
  return dayFirstByLocale.get(tag);
}

function parseWordDate(text: string): CalendarDate | undefined {
  let month: number | undefined;
  let day: number | undefined;
  let year: string | undefined;
  for (const raw of text.replace(/,/g, ' ').split(' ')) {
    const token = raw.replace(/\.$/, '');
    if (
      token === '' ||
      FILLER_WORDS.has(token) ||
      WEEKDAYS.has(token) ||
      /^\d{1,2}:\d{2}(:\d{2})?$/.test(token)
    ) {
      continue;
    }
    const [, dayText] = (day === undefined && DAY_TOKEN.exec(token)) || [];
    if (MONTHS.has(token)) {
      if (month !== undefined) return undefined;
      // An ambiguous abbreviation is kept as undefined: month 0 makes no date.
      month = MONTHS.get(token) ?? 0;
    } else if (/^\d{4}$/.test(token)) {
      if (year !== undefined) return undefined;
      year = token;
    } else if (dayText) {
      day = +dayText;
    } else {
      return undefined;
    }
  }
  return month === undefined || day === undefined ? undefined : resolveDate(year, month, day);
}

// A date shown without a year: for created and last-used it is the latest such day not after
// today (both lie in the past); for expiry, the one nearest to today, so a token that expired
// last week and one expiring next week both come out right.
function resolveDate(yearText: string | undefined, month: number, day: number): CalendarDate | undefined {
  if (yearText !== undefined) return makeCalendarDate(+yearText, month, day);
  if (!today) return undefined;
  const year = +today.slice(0, 4);
  let best: CalendarDate | undefined;
  // Four years back so that Feb 29 always has a candidate; ascending, so ties go to the earlier.
  for (let y = year - 4; y <= year + 1; y++) {
    const candidate = makeCalendarDate(y, month, day);
    if (
      candidate &&
      (column === 'expires'
        ? !best || Math.abs(daysBetween(today, candidate)) < Math.abs(daysBetween(today, best))
        : candidate <= today)
    ) {
      best = candidate;
    }
  }
  return best;
}
