// What the daily background run owes the user: the badge count and the reminders not yet shown.
// One pass over the store, no I/O: the background reads storage, calls `computeDue`, shows the
// notifications, then writes `markNotified`'s result back.

import { type CalendarDate, daysBetween, formatCalendarDate } from './calendar-date';
import {
  assessCredentials,
  type CredentialStatus,
  isAccessTokenKind,
  ROTATION_GRACE_MINUTES,
  type StatusSettings,
  TOKEN_KIND_LABELS,
} from './credential-status';
import { API_TOKENS_URL, apiTokenLink, clampExpiryDays, MAX_EXPIRY_DAYS } from './token-links';
import type { TrackedCredential, TrackedStore } from './tracked-credentials';

export interface ReminderSettings extends StatusSettings {
  /** Expiry for a recreated API token when the tracked one does not tell. */
  defaultExpiryDays: number;
  /** Organisation maximum from the policy; Atlassian's own maximum is 365. */
  maxExpiryDays?: number;
}

export interface DueNotification {
  credentialId: string;
  /** The lead time this reminder stands for (the key `markNotified` records). */
  leadDays: number;
  title: string;
  message: string;
  targetUrl: string;
}

export interface DueReport {
  /** Not revoked, not snoozed, and dead, expired or expiring: what the badge counts. */
  attention: TrackedCredential[];
  /** Most urgent first. */
  notifications: DueNotification[];
  badgeText: string;
}

const ATTENTION_STATUSES: ReadonlySet<CredentialStatus | undefined> = new Set([
  'dead',
  'expired',
  'expiring',
]);
const TRUSTED_ORIGINS = ['https://bitbucket.org/', 'https://id.atlassian.com/'];

/**
 * Reminder rule: for each credential the due threshold is the smallest lead time L with
 * daysLeft ≤ L. It fires unless a reminder for L or a smaller lead time was already shown, so
 * after a week offline a token 3 days from expiry gets one reminder (for 7), not 30 and 7.
 * A token that had already expired when it was first seen gets none: the list showed it.
 */
export function computeDue(store: TrackedStore, settings: ReminderSettings, today: CalendarDate): DueReport {
  const leads = normalizeLeadTimes(settings.leadTimesDays);
  const attention: TrackedCredential[] = [];
  const due: { notification: DueNotification; daysLeft: number }[] = [];

  const active = store.credentials.filter(
    (credential) => credential.revokedAt === undefined && !isSnoozed(credential, today),
  );
  const assessments = assessCredentials(active, settings, today);
  for (let index = 0; index < active.length; index++) {
    const credential = active[index];
    const classification = assessments[index];
    if (!credential || !classification) continue;
    if (ATTENTION_STATUSES.has(classification.status)) attention.push(credential);

    const daysLeft = classification.daysLeft;
    const expires = credential.expires;
    if (daysLeft === undefined || expires === undefined || expires === 'never') continue;
    const leadDays = smallestLeadAtLeast(leads, daysLeft);
    if (leadDays === undefined) continue;
    if (daysLeft < 0 && expires < credential.firstSeen) continue;
    if (hasNotifiedAtOrBelow(credential, leadDays)) continue;
    due.push({
      notification: {
        credentialId: credential.id,
        leadDays,
        title: buildTitle(credential, daysLeft),
        message: buildMessage(credential, daysLeft, expires),
        targetUrl: targetUrlFor(credential, settings),
      },
      daysLeft,
    });
  }

  due.sort((a, b) => a.daysLeft - b.daysLeft);
  return {
    attention,
    notifications: due.map((entry) => entry.notification),
    badgeText: formatBadgeText(attention.length),
  };
}

/** Records that these reminders were shown today, so `computeDue` will not repeat them. */
export function markNotified(
  store: TrackedStore,
  notifications: readonly Pick<DueNotification, 'credentialId' | 'leadDays'>[],
  today: CalendarDate,
): TrackedStore {
  if (notifications.length === 0) return store;
  const byId = new Map<string, number[]>();
  for (const { credentialId, leadDays } of notifications) {
    byId.set(credentialId, [...(byId.get(credentialId) ?? []), leadDays]);
  }
  return {
    ...store,
    credentials: store.credentials.map((credential) => {
      const leads = byId.get(credential.id);
      if (!leads) return credential;
      const notified = { ...credential.notified };
      for (const lead of leads) notified[String(lead)] = today;
      return { ...credential, notified };
    }),
  };
}

/** Snoozed while today is before `snoozedUntil`; reminders resume on that day. */
export function isSnoozed(credential: Pick<TrackedCredential, 'snoozedUntil'>, today: CalendarDate): boolean {
  return credential.snoozedUntil !== undefined && today < credential.snoozedUntil;
}

export function formatBadgeText(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}

/**
 * Where a reminder leads. API tokens: the wizard with the same preset and expiry when the
 * preset is known, else their list. App passwords: the wizard (they must become API tokens).
 * Access tokens: their own list, where Bitbucket's Rotate action lives.
 */
export function targetUrlFor(credential: TrackedCredential, settings: ReminderSettings): string {
  const where = isTrustedUrl(credential.where) ? credential.where : undefined;
  if (isAccessTokenKind(credential.kind)) return where ?? 'https://bitbucket.org/';
  if (credential.kind === 'api-token' && !credential.preset) return where ?? API_TOKENS_URL;
  const expiryDays = clampExpiryDays(
    recreateExpiryDays(credential) ?? settings.defaultExpiryDays,
    settings.maxExpiryDays ?? MAX_EXPIRY_DAYS,
  );
  // Without a known preset the page still takes the expiry from the link.
  return apiTokenLink(credential.preset, expiryDays);
}

/** "Recreate like this": the lifetime the token was given, when the store knows it. */
export function recreateExpiryDays(credential: TrackedCredential): number | undefined {
  if (credential.expiryDays !== undefined) return credential.expiryDays;
  if (
    credential.created === undefined ||
    credential.expires === undefined ||
    credential.expires === 'never'
  ) {
    return undefined;
  }
  const lifetime = daysBetween(credential.created, credential.expires);
  return lifetime >= 1 && lifetime <= MAX_EXPIRY_DAYS ? lifetime : undefined;
}

/** A short human name for the list an entry lives on: `acme/web-app`, `acme project WEB`, `acme workspace`. */
export function describeWhere(credential: Pick<TrackedCredential, 'kind' | 'where'>): string {
  if (credential.kind === 'api-token') return 'Atlassian account';
  if (credential.kind === 'app-password') return 'Bitbucket account';
  const where = credential.where;
  const scheme = where.indexOf('://');
  const pathStart = scheme < 0 ? -1 : where.indexOf('/', scheme + 3);
  if (pathStart < 0) return where;
  const [workspace, second, third, fourth] =
    where
      .slice(pathStart + 1)
      .split(/[?#]/, 1)[0]
      ?.split('/')
      .map(decodeSegment) ?? [];
  if (!workspace) return where;
  if (second === 'workspace' && third === 'projects' && fourth) return `${workspace} project ${fourth}`;
  if (second === 'workspace') return `${workspace} workspace`;
  return second ? `${workspace}/${second}` : workspace;
}

function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function buildTitle(credential: TrackedCredential, daysLeft: number): string {
  const kind = TOKEN_KIND_LABELS[credential.kind];
  const subject = `Bitbucket ${kind}`;
  if (daysLeft < 0) return `${subject} expired`;
  if (daysLeft === 0) return `${subject} expires today`;
  if (daysLeft === 1) return `${subject} expires tomorrow`;
  return `${subject} expires in ${daysLeft} days`;
}

function buildMessage(credential: TrackedCredential, daysLeft: number, expires: CalendarDate): string {
  const when =
    daysLeft < 0
      ? `expired on ${formatCalendarDate(expires)}`
      : daysLeft === 0
        ? 'expires today'
        : `expires on ${formatCalendarDate(expires)}`;
  const action = isAccessTokenKind(credential.kind)
    ? `Open the list to rotate it (the old secret keeps working for ${ROTATION_GRACE_MINUTES} minutes).`
    : credential.preset
      ? 'Click to create a replacement with the same preset.'
      : 'Click to open your API tokens.';
  return `"${credential.name}" (${describeWhere(credential)}) ${when}. ${action}`;
}

/** `leads` ascending: the first lead time that `daysLeft` is within. */
function smallestLeadAtLeast(leads: readonly number[], daysLeft: number): number | undefined {
  for (const lead of leads) if (daysLeft <= lead) return lead;
  return undefined;
}

function hasNotifiedAtOrBelow(credential: TrackedCredential, leadDays: number): boolean {
  if (credential.notified[String(leadDays)] !== undefined) return true;
  for (const key in credential.notified) {
    if (Number(key) <= leadDays) return true;
  }
  return false;
}

function normalizeLeadTimes(leads: readonly number[]): number[] {
  return [...new Set(leads.filter((lead) => Number.isInteger(lead) && lead >= 0))].sort((a, b) => a - b);
}

function isTrustedUrl(url: string): boolean {
  return TRUSTED_ORIGINS.some((origin) => url.startsWith(origin));
}
