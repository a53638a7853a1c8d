// The locally tracked credentials (storage.local only, never sync): what the lists showed and
// what was created through our presets. Only descriptive fields are kept: never a secret, and
// `sanitizeCredential` copies known fields one by one so nothing else can ride along.
// Every operation returns a new store and leaves its input untouched.

import { addDays, type CalendarDate, daysBetween, parseCalendarDate } from './calendar-date';
import { type CredentialObservation, isTokenKind, type TokenKind } from './credential-status';
import { looksLikeSecret } from './secrets';
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

/**
 * Version 1, as an earlier build wrote it (kept so its users keep their list):
 * ```
 * { version: 1,
 *   tokens: { name: string; kind: 'api-token' | 'access-token' | 'app-password';
 *             url: string;                  // list page, may carry a query
 *             expires: 'YYYY-MM-DD' | null; // null = no expiry
 *             created: string;              // ISO instant (toISOString) or 'YYYY-MM-DD'
 *             preset?: string }[] }
 * ```
 * v1 did not tell repository, project and workspace access tokens apart: the URL does.
 */
export interface TrackedStoreV1 {
  version: 1;
  tokens: {
    name: string;
    kind: 'api-token' | 'access-token' | 'app-password';
    url: string;
    expires: string | null;
    created: string;
    preset?: string;
  }[];
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

export interface MigrationResult {
  store: TrackedStore;
  warnings: string[];
  /** The version found; above TRACKED_STORE_VERSION the caller should not write the result back. */
  sourceVersion?: number;
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

export function updateById(
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

/**
 * Reads whatever storage holds — the current version, version 1, a newer version, garbage —
 * into a valid store. Never throws; every dropped or repaired value is named in `warnings`.
 * `today` stands in for dates an older version did not record.
 */
export function migrateTrackedStore(data: unknown, today: CalendarDate): MigrationResult {
  const warnings: string[] = [];
  if (data === undefined || data === null) return { store: createEmptyStore(), warnings };

  if (Array.isArray(data)) {
    warnings.push('Stored data had no version; read it as version 1.');
    return finish(readV1Tokens(data, today, warnings), warnings, 1);
  }
  if (!isRecord(data)) {
    warnings.push(`Unrecognised stored data (${typeof data}); started an empty list.`);
    return { store: createEmptyStore(), warnings };
  }

  const version = typeof data.version === 'number' ? data.version : undefined;
  if (Array.isArray(data.credentials)) {
    if (version === undefined || version < TRACKED_STORE_VERSION) {
      warnings.push(
        `Stored data had version ${describeValue(data.version)} with a credential list; read it as version 2.`,
      );
    } else if (version > TRACKED_STORE_VERSION) {
      warnings.push(
        `Stored data is from a newer version (${version}); kept what version ${TRACKED_STORE_VERSION} understands.`,
      );
    }
    return finish(readV2Credentials(data.credentials, today, warnings), warnings, version);
  }
  if (Array.isArray(data.tokens)) {
    if (version !== 1)
      warnings.push(
        `Stored data had version ${describeValue(data.version)} with a token list; read it as version 1.`,
      );
    return finish(readV1Tokens(data.tokens, today, warnings), warnings, version);
  }
  warnings.push(
    `Stored data (version ${describeValue(data.version)}) holds no credential list; started an empty list.`,
  );
  return {
    store: createEmptyStore(),
    warnings,
    ...(version === undefined ? {} : { sourceVersion: version }),
  };
}

/** One stored entry, field by field; undefined (with a warning) when kind or name is unusable. */
export function sanitizeCredential(
  raw: unknown,
  today: CalendarDate,
  warnings: string[],
): TrackedCredential | undefined {
  if (!isRecord(raw)) {
    warnings.push('Dropped a stored entry that was not an object.');
    return undefined;
  }
  const label =
    typeof raw.name === 'string' && !looksLikeSecret(raw.name) ? JSON.stringify(raw.name) : 'an entry';
  if (!isTokenKind(raw.kind)) {
    warnings.push(`Dropped ${label}: unknown kind ${describeValue(raw.kind)}.`);
    return undefined;
  }
  if (typeof raw.name !== 'string') {
    warnings.push('Dropped an entry without a name.');
    return undefined;
  }
  // Never kept, whatever wrote it (docs/evidence/tokens.md#fields).
  if (looksLikeSecret(raw.name)) {
    warnings.push('Dropped an entry whose name looks like a token.');
    return undefined;
  }
  const kind = raw.kind;
  const name = normalizeName(raw.name);
  const where =
    typeof raw.where === 'string' ? normalizeListUrl(raw.where) : defaultWhere(kind, label, warnings);
  const created = readDate(raw.created, 'created', label, warnings);
  const id =
    typeof raw.id === 'string' && raw.id.trim() !== ''
      ? raw.id
      : deriveCredentialId(kind, where, name, created);
  const firstSeen = readDate(raw.firstSeen, 'firstSeen', label, warnings) ?? created ?? today;
  const credential: TrackedCredential = {
    id,
    kind,
    name,
    where,
    firstSeen,
    lastSeen: readDate(raw.lastSeen, 'lastSeen', label, warnings) ?? firstSeen,
    notified: readNotified(raw.notified, label, warnings),
  };
  if (created !== undefined) credential.created = created;
  const expires = readDateOrNever(raw.expires, 'expires', label, warnings);
  if (expires !== undefined) credential.expires = expires;
  const lastUsed = readDateOrNever(raw.lastUsed, 'lastUsed', label, warnings);
  if (lastUsed !== undefined) credential.lastUsed = lastUsed;
  const revokedAt = readDate(raw.revokedAt, 'revokedAt', label, warnings);
  if (revokedAt !== undefined) credential.revokedAt = revokedAt;
  const snoozedUntil = readDate(raw.snoozedUntil, 'snoozedUntil', label, warnings);
  if (snoozedUntil !== undefined) credential.snoozedUntil = snoozedUntil;
  const preset = readString(raw.preset, 'preset', label, warnings);
  if (preset !== undefined) credential.preset = preset;
  const labelPattern = readString(raw.labelPattern, 'labelPattern', label, warnings);
  if (labelPattern !== undefined) credential.labelPattern = labelPattern;
  if (raw.expiryDays !== undefined) {
    if (typeof raw.expiryDays === 'number' && Number.isInteger(raw.expiryDays) && raw.expiryDays > 0) {
      credential.expiryDays = raw.expiryDays;
    } else {
      warnings.push(`Dropped the unreadable expiryDays of ${label}.`);
    }
  }
  return credential;
}

function readV2Credentials(list: unknown[], today: CalendarDate, warnings: string[]): TrackedCredential[] {
  const credentials: TrackedCredential[] = [];
  for (const raw of list) {
    const credential = sanitizeCredential(raw, today, warnings);
    if (credential) credentials.push(credential);
  }
  return credentials;
}

function readV1Tokens(list: unknown[], today: CalendarDate, warnings: string[]): TrackedCredential[] {
  const credentials: TrackedCredential[] = [];
  for (const raw of list) {
    if (!isRecord(raw) || typeof raw.name !== 'string') {
      warnings.push('Dropped a version-1 entry without a name.');
      continue;
    }
    if (looksLikeSecret(raw.name)) {
      warnings.push('Dropped a version-1 entry whose name looks like a token.');
      continue;
    }
    const label = JSON.stringify(raw.name);
    const url = typeof raw.url === 'string' ? raw.url : undefined;
    const kind = readV1Kind(raw.kind, url, label, warnings);
    if (!kind) continue;
    const where = url !== undefined ? normalizeListUrl(url) : defaultWhere(kind, label, warnings);
    const created = typeof raw.created === 'string' ? parseCalendarDate(raw.created.slice(0, 10)) : undefined;
    if (raw.created !== undefined && created === undefined) {
      warnings.push(`Dropped the unreadable created date of ${label}.`);
    }
    const name = normalizeName(raw.name);
    const credential: TrackedCredential = {
      id: deriveCredentialId(kind, where, name, created),
      kind,
      name,
      where,
      firstSeen: created ?? today,
      lastSeen: created ?? today,
      notified: {},
    };
    if (created !== undefined) credential.created = created;
    if (raw.expires === null) credential.expires = 'never';
    else {
      const expires = readDate(raw.expires, 'expires', label, warnings);
      if (expires !== undefined) credential.expires = expires;
    }
    const preset = readString(raw.preset, 'preset', label, warnings);
    if (preset !== undefined) credential.preset = preset;
    credentials.push(credential);
  }
  return credentials;
}

function readV1Kind(
  kind: unknown,
  url: string | undefined,
  label: string,
  warnings: string[],
): TokenKind | undefined {
  if (isTokenKind(kind)) return kind;
  if (kind !== 'access-token') {
    warnings.push(`Dropped ${label}: unknown kind ${describeValue(kind)}.`);
    return undefined;
  }
  const path = url ? normalizeListUrl(url) : '';
  if (/\/workspace\/projects\/[^/]+\/settings\/access-tokens$/.test(path)) return 'project-access-token';
  if (/\/workspace\/settings\/access-tokens$/.test(path)) return 'workspace-access-token';
  if (!/\/admin\/access-tokens$/.test(path)) {
    warnings.push(`${label}: could not tell the access-token kind from its URL; assumed a repository token.`);
  }
  return 'repository-access-token';
}

function finish(
  credentials: TrackedCredential[],
  warnings: string[],
  version: number | undefined,
): MigrationResult {
  const used = new Set<string>();
  const unique = credentials.map((credential) => {
    if (!used.has(credential.id)) {
      used.add(credential.id);
      return credential;
    }
    let n = 2;
    while (used.has(`${credential.id}~${n}`)) n++;
    const id = `${credential.id}~${n}`;
    used.add(id);
    warnings.push(`Two stored entries shared the id ${credential.id}; the second is now ${id}.`);
    return { ...credential, id };
  });
  const result: MigrationResult = {
    store: { version: TRACKED_STORE_VERSION, credentials: unique },
    warnings,
  };
  if (version !== undefined) result.sourceVersion = version;
  return result;
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

function defaultWhere(kind: TokenKind, label: string, warnings: string[]): string {
  if (kind === 'api-token') return API_TOKEN_LIST_URL;
  if (kind === 'app-password') return APP_PASSWORD_LIST_URL;
  warnings.push(`${label} had no list URL.`);
  return '';
}

function readDate(
  value: unknown,
  field: string,
  label: string,
  warnings: string[],
): CalendarDate | undefined {
  if (value === undefined) return undefined;
  const date = parseCalendarDate(value);
  if (date === undefined) warnings.push(`Dropped the unreadable ${field} of ${label}.`);
  return date;
}

function readDateOrNever(
  value: unknown,
  field: string,
  label: string,
  warnings: string[],
): CalendarDate | 'never' | undefined {
  return value === 'never' ? 'never' : readDate(value, field, label, warnings);
}

function readString(value: unknown, field: string, label: string, warnings: string[]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && !looksLikeSecret(value)) return value;
  warnings.push(`Dropped the unreadable ${field} of ${label}.`);
  return undefined;
}

function readNotified(value: unknown, label: string, warnings: string[]): Record<string, CalendarDate> {
  const notified: Record<string, CalendarDate> = {};
  if (value === undefined) return notified;
  if (!isRecord(value) || Array.isArray(value)) {
    warnings.push(`Dropped the unreadable reminder history of ${label}.`);
    return notified;
  }
  for (const [key, day] of Object.entries(value)) {
    const date = parseCalendarDate(day);
    if (/^(0|[1-9]\d{0,3})$/.test(key) && date !== undefined) notified[key] = date;
    else warnings.push(`Dropped an unreadable reminder record of ${label}.`);
  }
  return notified;
}

// Never throws on hostile input: `String(x)` would, for objects without a prototype.
function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value === null ? 'null' : typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
