// Which credentials on a list need attention, and why. Facts: docs/evidence/bitbucket-auth.md.
// The content script stamps the first status onto the row as `data-credential-status`, so the
// order of CREDENTIAL_STATUSES is a testing contract: dead, expired, expiring, unused, old.

import { type CalendarDate, daysBetween, formatCalendarDate } from './calendar-date';

export const TOKEN_KINDS = [
  'api-token',
  'repository-access-token',
  'project-access-token',
  'workspace-access-token',
  'app-password',
] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

export const TOKEN_KIND_LABELS: Record<TokenKind, string> = {
  'api-token': 'API token',
  'repository-access-token': 'repository access token',
  'project-access-token': 'project access token',
  'workspace-access-token': 'workspace access token',
  'app-password': 'app password',
};

export function isTokenKind(value: unknown): value is TokenKind {
  return typeof value === 'string' && (TOKEN_KINDS as readonly string[]).includes(value);
}

export function isAccessTokenKind(kind: TokenKind): boolean {
  return (
    kind === 'repository-access-token' || kind === 'project-access-token' || kind === 'workspace-access-token'
  );
}

/** In precedence order: a row shows the first that applies. */
export const CREDENTIAL_STATUSES = ['dead', 'expired', 'expiring', 'unused', 'old'] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

/** App passwords were removed on this day (HTTP 410 from then on). */
export const APP_PASSWORDS_REMOVED: CalendarDate = '2026-07-28';

/** After Rotate, Bitbucket keeps accepting the old access-token secret for this long. */
export const ROTATION_GRACE_MINUTES = 30;

/**
 * One row of a credential list, as read from the page (never the secret).
 * Dates: a calendar date in the user's time zone; `'never'` means "does not expire" for
 * `expires` and "never used" for `lastUsed`; undefined means the list showed nothing readable.
 */
export interface CredentialObservation {
  kind: TokenKind;
  name: string;
  created?: CalendarDate;
  expires?: CalendarDate | 'never';
  lastUsed?: CalendarDate | 'never';
}

export interface StatusSettings {
  /** Days before expiry to remind; the longest one is the "expiring" window. 0 = on the day. */
  leadTimesDays: readonly number[];
  unusedDays: number;
  rotationDays: number;
}

export const DEFAULT_STATUS_SETTINGS: StatusSettings = {
  leadTimesDays: [30, 7, 1, 0],
  unusedDays: 90,
  rotationDays: 365,
};

export interface Classification {
  /** The first reason, or undefined when the credential needs no attention. */
  status: CredentialStatus | undefined;
  /** Every status that applies, in precedence order. */
  reasons: CredentialStatus[];
  /** One plain-English sentence per reason, same order. */
  details: string[];
  /** Calendar days until expiry: 0 = expires today, negative = expired. Absent without an expiry date. */
  daysLeft?: number;
  /** The sentence for `status`, or a neutral description when there is none. */
  message: string;
}

export interface Renewal {
  action: 'recreate' | 'rotate' | 'replace';
  note: string;
}

/** What "Recreate like this" does for each kind. */
export function describeRenewal(kind: TokenKind): Renewal {
  if (kind === 'app-password') {
    return { action: 'replace', note: 'Replace it with an API token with the matching preset.' };
  }
  if (isAccessTokenKind(kind)) {
    return {
      action: 'rotate',
      note: `Use Bitbucket's Rotate action: the old secret stops working ${ROTATION_GRACE_MINUTES} minutes after rotation.`,
    };
  }
  return { action: 'recreate', note: 'Create a new token with the same preset, label pattern and expiry.' };
}

interface PreparedSettings {
  expiringWindow: number;
  unusedDays: number;
  rotationDays: number;
}

/**
 * Decisions the issue left open:
 * - "Expiring" is 0 ≤ daysLeft ≤ the longest lead time; with no valid lead times only the day itself.
 * - "Unused": last used more than `unusedDays` ago, or shown as never used while created more
 *   than `unusedDays` ago. A never-used token with an unknown creation date is not claimed unused.
 * - "Old": created more than `rotationDays` ago. "More than N days" means N days is not yet.
 * - Any app password is dead; before the removal day the message says when it will stop.
 */
export function classifyCredential(
  observation: CredentialObservation,
  settings: StatusSettings,
  today: CalendarDate,
): Classification {
  return classifyPrepared(observation, prepareSettings(settings), today);
}

/**
 * Status, reasons and daysLeft only, without the sentences (`details` empty, `message` ''):
 * for the daily background run, which counts far more than it displays.
 */
export function assessCredentials(
  rows: readonly CredentialObservation[],
  settings: StatusSettings,
  today: CalendarDate,
): Classification[] {
  const prepared = prepareSettings(settings);
  return rows.map((row) => classifyPrepared(row, prepared, today, false));
}

/** One credential's status, reasons and daysLeft, without the sentences (as assessCredentials). */
export function assessCredential(
  observation: CredentialObservation,
  settings: StatusSettings,
  today: CalendarDate,
): Classification {
  return classifyPrepared(observation, prepareSettings(settings), today, false);
}

function classifyPrepared(
  observation: CredentialObservation,
  settings: PreparedSettings,
  today: CalendarDate,
  withDetails = true,
): Classification {
  const reasons: CredentialStatus[] = [];
  const details: string[] = [];

  if (observation.kind === 'app-password') {
    reasons.push('dead');
    if (withDetails) {
      const verb = today >= APP_PASSWORDS_REMOVED ? 'stopped' : 'stop';
      details.push(`App passwords ${verb} working on ${APP_PASSWORDS_REMOVED}: replace with an API token`);
    }
  }

  const expires = observation.expires;
  const daysLeft = expires !== undefined && expires !== 'never' ? daysBetween(today, expires) : undefined;
  if (expires !== undefined && expires !== 'never' && daysLeft !== undefined) {
    const status = daysLeft < 0 ? 'expired' : daysLeft <= settings.expiringWindow ? 'expiring' : undefined;
    if (status) {
      reasons.push(status);
      if (withDetails) details.push(describeExpiry(expires, daysLeft));
    }
  }

  const created = observation.created;
  const lastUsed = observation.lastUsed;
  if (lastUsed !== undefined && lastUsed !== 'never') {
    const idle = daysBetween(lastUsed, today);
    if (idle > settings.unusedDays) {
      reasons.push('unused');
      if (withDetails)
        details.push(`Not used for ${plural(idle, 'day')} (last used ${formatCalendarDate(lastUsed)})`);
    }
  } else if (lastUsed === 'never' && created !== undefined) {
    const age = daysBetween(created, today);
    if (age > settings.unusedDays) {
      reasons.push('unused');
      if (withDetails) {
        details.push(
          `Never used since it was created ${plural(age, 'day')} ago (${formatCalendarDate(created)})`,
        );
      }
    }
  }

  if (created !== undefined) {
    const age = daysBetween(created, today);
    if (age > settings.rotationDays) {
      reasons.push('old');
      if (withDetails) {
        details.push(
          `Created ${plural(age, 'day')} ago (${formatCalendarDate(created)}), beyond the ${settings.rotationDays}-day rotation age`,
        );
      }
    }
  }

  const result: Classification = {
    status: reasons[0],
    reasons,
    details,
    message: withDetails ? (details[0] ?? describeQuietState(expires, daysLeft)) : '',
  };
  if (daysLeft !== undefined) result.daysLeft = daysLeft;
  return result;
}

function describeExpiry(expires: CalendarDate, daysLeft: number): string {
  const date = formatCalendarDate(expires);
  if (daysLeft < -1) return `Expired ${-daysLeft} days ago (${date})`;
  if (daysLeft === -1) return `Expired yesterday (${date})`;
  if (daysLeft === 0) return `Expires today (${date})`;
  if (daysLeft === 1) return `Expires tomorrow (${date})`;
  return `Expires in ${daysLeft} days (${date})`;
}

function describeQuietState(
  expires: CalendarDate | 'never' | undefined,
  daysLeft: number | undefined,
): string {
  if (expires === 'never') return 'Does not expire';
  if (expires === undefined || daysLeft === undefined) return 'No expiry date shown';
  return describeExpiry(expires, daysLeft);
}

function prepareSettings(settings: StatusSettings): PreparedSettings {
  let expiringWindow = 0;
  for (const lead of settings.leadTimesDays) {
    if (Number.isInteger(lead) && lead > expiringWindow) expiringWindow = lead;
  }
  return {
    expiringWindow,
    unusedDays: nonNegativeOr(settings.unusedDays, DEFAULT_STATUS_SETTINGS.unusedDays),
    rotationDays: nonNegativeOr(settings.rotationDays, DEFAULT_STATUS_SETTINGS.rotationDays),
  };
}

function nonNegativeOr(value: number, fallback: number): number {
  return Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
