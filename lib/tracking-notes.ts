// What a credential list showed but was not tracked, one note per list, so the options page can
// say so instead of the rows vanishing silently: names that look like a token (never stored,
// docs/evidence/tokens.md#fields), rows that could not be read, names that were shortened.
import { type CalendarDate, parseCalendarDate } from './calendar-date';
import { isTokenKind, TOKEN_KIND_LABELS, type TokenKind } from './credential-status';
import { describeWhere } from './reminder-schedule';

export interface RowsLeftOut {
  /** Rows not kept because their name looks like a token or holds a password. */
  tokenNames: number;
  /** Rows not kept because they could not be read (no name, not a row, beyond the row limit). */
  unreadable: number;
  /** Rows kept with their name cut to `MAX_NAME_LENGTH` characters. */
  shortened: number;
}

export interface TrackingNote extends RowsLeftOut {
  kind: TokenKind;
  /** The list page, as tracked entries name it. */
  where: string;
  /** The day the list showed it. */
  day: CalendarDate;
}

export const MAX_NAME_LENGTH = 500;
const MAX_NOTES = 20;

export function nothingLeftOut(): RowsLeftOut {
  return { tokenNames: 0, unreadable: 0, shortened: 0 };
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1_000_000;

/** Stored notes, field by field; anything unreadable is left out. */
export function readTrackingNotes(raw: unknown): TrackingNote[] {
  if (!Array.isArray(raw)) return [];
  const notes: TrackingNote[] = [];
  for (const item of raw.slice(0, MAX_NOTES)) {
    if (typeof item !== 'object' || item === null) continue;
    const { kind, where, day, tokenNames, unreadable, shortened } = item as Record<string, unknown>;
    const date = parseCalendarDate(day);
    if (!isTokenKind(kind) || typeof where !== 'string' || where.length > 2000 || !date) continue;
    if (!isCount(tokenNames) || !isCount(unreadable) || !isCount(shortened)) continue;
    if (tokenNames + unreadable + shortened === 0) continue;
    notes.push({ kind, where, day: date, tokenNames, unreadable, shortened });
  }
  return notes;
}

/**
 * `notes` with the list's latest observation in place of its earlier note: a list shown again
 * whole and clean drops its note. Newest first, at most twenty lists.
 */
export function withTrackingNote(notes: readonly TrackingNote[], note: TrackingNote): TrackingNote[] {
  const others = notes.filter((other) => other.kind !== note.kind || other.where !== note.where);
  const empty = note.tokenNames + note.unreadable + note.shortened === 0;
  return (empty ? others : [note, ...others]).slice(0, MAX_NOTES);
}

/**
 * @example describeTrackingNote({kind:'api-token', tokenNames: 1, unreadable: 0, shortened: 0, …})
 *   → "API token list (Atlassian account), seen 2026-12-07: 1 row not tracked: its name looks like a token (a token never belongs in a name; revoke it)."
 */
export function describeTrackingNote(note: TrackingNote): string {
  const parts: string[] = [];
  const rows = (n: number) => `${n} row${n === 1 ? '' : 's'}`;
  if (note.tokenNames > 0)
    parts.push(
      `${rows(note.tokenNames)} not tracked: ${note.tokenNames === 1 ? 'its name looks' : 'their names look'} like a token (a token never belongs in a name; revoke it)`,
    );
  if (note.unreadable > 0) parts.push(`${rows(note.unreadable)} not tracked: could not be read`);
  if (note.shortened > 0)
    parts.push(`${rows(note.shortened)} tracked with the name cut to ${MAX_NAME_LENGTH} characters`);
  const label = TOKEN_KIND_LABELS[note.kind];
  return `${label.charAt(0).toUpperCase()}${label.slice(1)} list (${describeWhere(note)}), seen ${note.day}: ${parts.join('; ')}.`;
}
