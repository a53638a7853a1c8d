import type { ComponentChildren } from 'preact';
import { addDays, type CalendarDate, formatCalendarDate } from '../../lib/calendar-date';
import {
  type Classification,
  CREDENTIAL_STATUSES,
  classifyCredential,
  TOKEN_KIND_LABELS,
} from '../../lib/credential-status';
import { describeWhere, isSnoozed, type ReminderSettings } from '../../lib/reminder-schedule';
import { API_TOKENS_URL } from '../../lib/token-links';
import { REVOKED_RETENTION_DAYS, type TrackedCredential } from '../../lib/tracked-credentials';
import { STATUS_LABELS } from '../CredentialMarker';

const SNOOZE_DAYS = [7, 30] as const;

interface Props {
  credentials: readonly TrackedCredential[];
  settings: ReminderSettings;
  today: CalendarDate;
  onSnooze(id: string, until: CalendarDate | undefined): void;
  onRemove(id: string): void;
}

interface Row {
  credential: TrackedCredential;
  classification: Classification;
  rank: number;
}

function formatDate(value: CalendarDate | 'never' | undefined, never: string): string {
  if (value === undefined) return '—';
  return value === 'never' ? never : formatCalendarDate(value);
}

// Needs attention first (in status order), then by expiry; revoked ones last.
function sortRows(
  credentials: readonly TrackedCredential[],
  settings: ReminderSettings,
  today: CalendarDate,
) {
  const rows: Row[] = credentials.map((credential) => {
    const classification = classifyCredential(credential, settings, today);
    const status = classification.status;
    const rank =
      credential.revokedAt !== undefined
        ? CREDENTIAL_STATUSES.length + 1
        : status === undefined
          ? CREDENTIAL_STATUSES.length
          : CREDENTIAL_STATUSES.indexOf(status);
    return { credential, classification, rank };
  });
  const expiry = (row: Row) => (typeof row.credential.expires === 'string' ? row.credential.expires : '9999');
  return rows.sort(
    (a, b) =>
      a.rank - b.rank ||
      expiry(a).localeCompare(expiry(b)) ||
      a.credential.name.localeCompare(b.credential.name),
  );
}

// Spoken, not shown: which row a button belongs to, after the visible words (WCAG 2.5.3).
function Hidden({ children }: { children: ComponentChildren }) {
  return <span class="visually-hidden">{children}</span>;
}

/** The tracked credentials with their status, snooze and remove; `[data-testid="tracked-credentials"]`. */
export function TrackedList({ credentials, settings, today, onSnooze, onRemove }: Props) {
  if (credentials.length === 0) {
    return (
      <p data-testid="tracked-credentials" class="empty">
        Nothing tracked yet. Open{' '}
        <a href={API_TOKENS_URL} target="_blank" rel="noopener">
          your API tokens
        </a>{' '}
        (or a repository’s Repository settings → Access tokens) and the credentials listed there appear here.
      </p>
    );
  }
  return (
    <div class="table-wrap">
      <table data-testid="tracked-credentials" class="tracked">
        <caption class="visually-hidden">Tracked credentials</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind and list</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {sortRows(credentials, settings, today).map(({ credential, classification }) => {
            const snoozed = isSnoozed(credential, today);
            const status = credential.revokedAt === undefined ? classification.status : undefined;
            return (
              <tr
                key={credential.id}
                data-credential-id={credential.id}
                data-status={credential.revokedAt !== undefined ? 'revoked' : (status ?? 'ok')}
              >
                <th scope="row" class="name">
                  {credential.name}
                  {credential.preset && <span class="hint"> preset {credential.preset}</span>}
                </th>
                <td>
                  {TOKEN_KIND_LABELS[credential.kind]}
                  <br />
                  <span class="hint">{describeWhere(credential)}</span>
                </td>
                <td>{formatDate(credential.expires, 'No expiry')}</td>
                <td>{formatDate(credential.lastUsed, 'Never')}</td>
                <td>
                  {credential.revokedAt !== undefined ? (
                    <span>
                      Gone from its list since {formatCalendarDate(credential.revokedAt)}; forgotten after{' '}
                      {REVOKED_RETENTION_DAYS} days.
                    </span>
                  ) : (
                    <span>
                      {status && <span class={`badge ${status}`}>{STATUS_LABELS[status]}</span>}{' '}
                      {classification.message}.
                    </span>
                  )}
                  {snoozed && credential.snoozedUntil && (
                    <span class="hint">
                      {' '}
                      Reminders snoozed until {formatCalendarDate(credential.snoozedUntil)}.
                    </span>
                  )}
                </td>
                <td class="row-actions">
                  {credential.revokedAt === undefined &&
                    (snoozed ? (
                      <button type="button" onClick={() => onSnooze(credential.id, undefined)}>
                        Resume reminders<Hidden> for {credential.name}</Hidden>
                      </button>
                    ) : (
                      SNOOZE_DAYS.map((days) => (
                        <button
                          key={days}
                          type="button"
                          onClick={() => onSnooze(credential.id, addDays(today, days))}
                        >
                          Snooze {days} days<Hidden> for {credential.name}</Hidden>
                        </button>
                      ))
                    ))}
                  <button type="button" onClick={() => onRemove(credential.id)}>
                    Remove<Hidden> {credential.name}</Hidden>
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
