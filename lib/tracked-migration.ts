// Reading the tracked-credentials store back from storage: whatever it holds — this version,
// version 1, a newer version, garbage — becomes a valid store, field by field, with a warning for
// everything dropped or repaired. Nothing unknown rides along, and no name shaped like a token.
import { type CalendarDate, parseCalendarDate } from './calendar-date';
import { isTokenKind, type TokenKind } from './credential-status';
import { looksLikeSecret } from './secrets';
import {
  API_TOKEN_LIST_URL,
  APP_PASSWORD_LIST_URL,
  createEmptyStore,
  deriveCredentialId,
  normalizeListUrl,
  normalizeName,
  TRACKED_STORE_VERSION,
  type TrackedCredential,
  type TrackedStore,
} from './tracked-credentials';
import { describeValue, isRecord } from './values';

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

export interface MigrationResult {
  store: TrackedStore;
  warnings: string[];
  /** The version found; above TRACKED_STORE_VERSION the caller should not write the result back. */
  sourceVersion?: number;
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
function sanitizeCredential(
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
