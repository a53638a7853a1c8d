// The locally tracked credentials (storage.local only, never sync): what the lists showed and
// what was created through our presets. Only descriptive fields are kept: never a secret, and
// reading them back (lib/tracked-migration.ts) copies known fields one by one so nothing else
// can ride along.
// Every operation returns a new store and leaves its input untouched.

import { addDays, type CalendarDate, daysBetween } from './calendar-date';
import type { CredentialObservation, TokenKind } from './credential-status';
import { API_TOKENS_URL } from './token-links';

export const TRACKED_STORE_VERSION = 2;
export const REVOKED_RETENTION_DAYS = 90;
export const API_TOKEN_LIST_URL = API_TOKENS_URL;
export const APP_PASSWORD_LIST_URL = 'https://bitbucket.org/account/settings/app-passwords';

export interface TrackedCredential {
  /** Derived from kind + where + name + created (see `deriveCredentialId`); never changes afterwards. */
  id: string;
  kind: TokenKind;
  name: string;
  /** The list page URL without query or fragment, e.g. https://bitbucket.org/acme/web-app/admin/access-tokens */
  where: string;
  preset?: string;
  labelPattern?: string;
  expiryDays?: number;
  created?: CalendarDate;
  /** `'never'`: does not expire. */
  expires?: CalendarDate | 'never';
  /** `'never'`: never used. */
  lastUsed?: CalendarDate | 'never';
  firstSeen: CalendarDate;
  lastSeen: CalendarDate;
  revokedAt?: CalendarDate;
  snoozedUntil?: CalendarDate;
  /** Lead time in days (as a decimal string key) → the day that reminder was shown. */
  notified: Record<string, CalendarDate>;
}

export interface TrackedStore {
  version: typeof TRACKED_STORE_VERSION;
  credentials: TrackedCredential[];
}

export type ListRow = Omit<CredentialObservation, 'kind'>;

export interface ListObservation {
  where: string;
  kind: TokenKind;
  rows: readonly ListRow[];
  seenAt: CalendarDate;
  /**
   * False when the page showed only part of the list (paging, a filter, still loading): rows
   * are upserted but nothing is marked revoked. Defaults to true.
   */
  complete?: boolean;
}

/**
 * What one part of a long list hands to the next, so the parts merge as one observation: equal
 * rows keep counting (`~2`) and the last part revokes only what no part showed.
 */
export interface ObservationCarry {
  /** How often each row id was given so far. */
  counts: Map<string, number>;
  /** Ids of the entries the earlier parts matched or added. */
  ids: Set<string>;
}

export function newObservationCarry(): ObservationCarry {
  return { counts: new Map(), ids: new Set() };
}

export interface MergeResult {
  store: TrackedStore;
  /** The tracked id of each row, in row order (for snooze buttons and `data-` attributes). */
  rowIds: string[];
}

export interface PresetCreation {
  kind: TokenKind;
  name: string;
  where: string;
  preset: string;
  labelPattern?: string;
  expiryDays?: number;
  /** Defaults to createdOn + expiryDays when expiryDays is given. */
  expires?: CalendarDate | 'never';
  createdOn: CalendarDate;
}

export function createEmptyStore(): TrackedStore {
  return { version: TRACKED_STORE_VERSION, credentials: [] };
}

/** A list URL without query, fragment or trailing slash; scheme and host lower-cased, path kept. */
export function normalizeListUrl(url: string): string {
  const trimmed = url.trim();
  let base: string;
  try {
    const parsed = new URL(trimmed);
    base = `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    base = trimmed.replace(/[?#].*$/s, '');
  }
  return base.length > 1 ? base.replace(/\/+$/, '') : base;
}

/** Names as the page renders them: surrounding and repeated whitespace does not count. */
export function normalizeName(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}

export function deriveCredentialId(
  kind: TokenKind,
  where: string,
  name: string,
  created: CalendarDate | undefined,
): string {
  return `${kind}-${hashText(`${normalizeListUrl(where)}\n${normalizeName(name)}\n${created ?? ''}`)}`;
}

/** 64-bit non-cryptographic hash (cyrb53's two lanes) as 16 hex digits: ids, not secrets. */
export function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

/**
 * Upserts the rows of one list and marks the list's other entries (same `where` and `kind`)
 * revoked; an entry that reappears is un-revoked. Rows are matched by id first; a row whose id
 * is new then takes over an unrevoked entry with the same name on the same list whose creation
 * day is unknown on either side or at most one day apart: this is how a token recorded by
 * `recordCreatedThroughPreset` meets its row even when the page shows another day (time zones).
 * Dates the row does not show keep their stored values.
 */
export function mergeListObservation(
  store: TrackedStore,
  observation: ListObservation,
  carry?: ObservationCarry,
): MergeResult {
  const where = normalizeListUrl(observation.where);
  const { kind, seenAt } = observation;
  const credentials = store.credentials.slice();
  const indexById = new Map<string, number>();
  for (const [index, credential] of credentials.entries()) indexById.set(credential.id, index);

  const rows = observation.rows.map((row) => ({ ...row, name: normalizeName(row.name) }));
  const rowIds = assignRowIds(kind, where, rows, carry?.counts);
  const matched = new Set<number>();
  for (const id of carry?.ids ?? []) {
    const index = indexById.get(id);
    if (index !== undefined) matched.add(index);
  }
  const rowTargets: (number | undefined)[] = rowIds.map((id) => {
    const index = indexById.get(id);
    if (index !== undefined) matched.add(index);
    return index;
  });

  const fuzzyCandidates = new Map<string, number[]>();
  credentials.forEach((credential, index) => {
    if (credential.kind !== kind || credential.where !== where || matched.has(index) || credential.revokedAt)
      return;
    const list = fuzzyCandidates.get(credential.name) ?? [];
    list.push(index);
    fuzzyCandidates.set(credential.name, list);
  });

  rows.forEach((row, rowIndex) => {
    let index = rowTargets[rowIndex];
    if (index === undefined) {
      index = fuzzyCandidates.get(row.name)?.find((candidate) => {
        const created = credentials[candidate]?.created;
        return (
          !matched.has(candidate) &&
          (created === undefined ||
            row.created === undefined ||
            Math.abs(daysBetween(created, row.created)) <= 1)
        );
      });
      if (index !== undefined) {
        matched.add(index);
        rowIds[rowIndex] = credentials[index]?.id ?? rowIds[rowIndex] ?? '';
      }
    }
    const existing = index === undefined ? undefined : credentials[index];
    if (index === undefined || !existing) {
      matched.add(credentials.push(newCredential(rowIds[rowIndex] ?? '', kind, where, row, seenAt)) - 1);
      return;
    }
    credentials[index] = updateCredential(existing, row, seenAt);
  });
  for (const id of rowIds) carry?.ids.add(id);

  if (observation.complete !== false) {
    credentials.forEach((credential, index) => {
      if (
        credential.kind === kind &&
        credential.where === where &&
        !matched.has(index) &&
        !credential.revokedAt
      ) {
        credentials[index] = { ...credential, revokedAt: seenAt };
      }
    });
  }
  return { store: { version: TRACKED_STORE_VERSION, credentials }, rowIds };
}

/**
 * Ids for rows in order; rows equal in kind, list, name and created day get `~2`, `~3`, …
 * (`seen` carries the counts over from an earlier part of the same list).
 */
export function assignRowIds(
  kind: TokenKind,
  where: string,
  rows: readonly ListRow[],
  seen = new Map<string, number>(),
): string[] {
  return rows.map((row) => {
    const base = deriveCredentialId(kind, where, row.name, row.created);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}~${count}`;
  });
}

/**
 * Records a token the extension helped create. Returns its id; recording the same token twice
 * (same kind, list, name and day) updates the one entry.
 */
export function recordCreatedThroughPreset(
  store: TrackedStore,
  creation: PresetCreation,
): { store: TrackedStore; id: string } {
  const where = normalizeListUrl(creation.where);
  const name = normalizeName(creation.name);
  const id = deriveCredentialId(creation.kind, where, name, creation.createdOn);
  const expiryDays =
    creation.expiryDays !== undefined && Number.isInteger(creation.expiryDays) && creation.expiryDays > 0
      ? creation.expiryDays
      : undefined;
  const expires =
    creation.expires ?? (expiryDays !== undefined ? addDays(creation.createdOn, expiryDays) : undefined);
  const existing = store.credentials.find((credential) => credential.id === id);
  const base: TrackedCredential = existing ?? {
    id,
    kind: creation.kind,
    name,
    where,
    created: creation.createdOn,
    firstSeen: creation.createdOn,
    lastSeen: creation.createdOn,
    notified: {},
  };
  const next: TrackedCredential = { ...base, preset: creation.preset };
  if (creation.labelPattern !== undefined) next.labelPattern = creation.labelPattern;
  if (expiryDays !== undefined) next.expiryDays = expiryDays;
  if (expires !== undefined) next.expires = expires;
  const credentials = existing
    ? store.credentials.map((credential) => (credential.id === id ? next : credential))
    : [...store.credentials, next];
  return { store: { version: TRACKED_STORE_VERSION, credentials }, id };
}

/** Drops entries revoked at least `retentionDays` days before `today`. */
export function pruneRevoked(
  store: TrackedStore,
  today: CalendarDate,
  retentionDays: number = REVOKED_RETENTION_DAYS,
): TrackedStore {
  const credentials = store.credentials.filter(
    (credential) =>
      credential.revokedAt === undefined || daysBetween(credential.revokedAt, today) < retentionDays,
  );
  return credentials.length === store.credentials.length
    ? store
    : { version: TRACKED_STORE_VERSION, credentials };
}

/** Silences reminders for `id` until the given day (reminders resume on it); undefined un-snoozes. */
export function snooze(store: TrackedStore, id: string, until: CalendarDate | undefined): TrackedStore {
  return updateById(store, id, (credential) => {
    const { snoozedUntil: _dropped, ...rest } = credential;
    return until === undefined ? rest : { ...rest, snoozedUntil: until };
  });
}

export function remove(store: TrackedStore, id: string): TrackedStore {
  const credentials = store.credentials.filter((credential) => credential.id !== id);
  return credentials.length === store.credentials.length
    ? store
    : { version: TRACKED_STORE_VERSION, credentials };
}

function updateById(
  store: TrackedStore,
  id: string,
  update: (credential: TrackedCredential) => TrackedCredential,
): TrackedStore {
  if (!store.credentials.some((credential) => credential.id === id)) return store;
  return {
    version: TRACKED_STORE_VERSION,
    credentials: store.credentials.map((credential) =>
      credential.id === id ? update(credential) : credential,
    ),
  };
}

function newCredential(
  id: string,
  kind: TokenKind,
  where: string,
  row: ListRow,
  seenAt: CalendarDate,
): TrackedCredential {
  const credential: TrackedCredential = {
    id,
    kind,
    name: row.name,
    where,
    firstSeen: seenAt,
    lastSeen: seenAt,
    notified: {},
  };
  if (row.created !== undefined) credential.created = row.created;
  if (row.expires !== undefined) credential.expires = row.expires;
  if (row.lastUsed !== undefined) credential.lastUsed = row.lastUsed;
  return credential;
}

function updateCredential(
  existing: TrackedCredential,
  row: ListRow,
  seenAt: CalendarDate,
): TrackedCredential {
  const { revokedAt: _revoked, ...next } = existing;
  const updated: TrackedCredential = {
    ...next,
    lastSeen: seenAt > existing.lastSeen ? seenAt : existing.lastSeen,
  };
  if (row.created !== undefined) updated.created = row.created;
  if (row.lastUsed !== undefined) updated.lastUsed = row.lastUsed;
  if (row.expires !== undefined) {
    // A new expiry (a rotated access token) starts the reminder ladder again.
    if (row.expires !== existing.expires) updated.notified = {};
    updated.expires = row.expires;
  }
  return updated;
}
