// The popup's remembered choices as storage holds them, checked field by field on every read
// and write: a hand-edited, half-written or older value loses only its bad fields, and nothing
// token-shaped is kept (docs/evidence/tokens.md#fields). Workspaces are user data: their
// usernames live in an object without a prototype, read through own properties only, so
// `constructor` or `__proto__` are workspaces like any other.
import { type CredentialKind, isCredentialKind } from './fix-plan';
import { isValidSlug } from './repo-context';
import { isPresetId, MAX_EXPIRY_DAYS, type PendingPreset } from './token-links';
import { checkEnvVariable, checkRemote, checkUsername } from './validation';
import { isRecord } from './values';

/** The popup's last choices that are not settings of their own. */
export interface PopupPrefs {
  kind?: CredentialKind;
  remote?: string;
  eraseScope?: 'all' | 'user';
  perWorkspaceUsername?: boolean;
  sshAddKey?: boolean;
  sshRefreshHostKey?: boolean;
  ciVariable?: string;
}

/** Usernames the user typed: per workspace (several accounts) and the last one. Never a password. */
export interface RememberedUsernames {
  last?: string;
  /** Lower-cased workspace → username; no prototype: read it with `usernameFor`. */
  byWorkspace: Record<string, string>;
}

const MAX_WORKSPACES = 500;

// `checkRemote` and friends refuse token shapes before anything else.
const isRemote = (value: unknown): value is string =>
  typeof value === 'string' && value === value.trim() && checkRemote(value, 'bash') === undefined;
const isVariable = (value: unknown): value is string =>
  typeof value === 'string' && checkEnvVariable(value) === undefined;
const isRememberableUsername = (value: unknown): value is string =>
  typeof value === 'string' && value === value.trim() && checkUsername(value, 'bash') === undefined;

/** Only what is valid survives; anything else is left out and the popup uses its default. */
export function readPopupPrefs(raw: unknown): PopupPrefs {
  const prefs: PopupPrefs = {};
  if (!isRecord(raw)) return prefs;
  if (isCredentialKind(raw.kind)) prefs.kind = raw.kind;
  if (isRemote(raw.remote)) prefs.remote = raw.remote;
  if (raw.eraseScope === 'all' || raw.eraseScope === 'user') prefs.eraseScope = raw.eraseScope;
  for (const key of ['perWorkspaceUsername', 'sshAddKey', 'sshRefreshHostKey'] as const) {
    const value = raw[key];
    if (typeof value === 'boolean') prefs[key] = value;
  }
  if (isVariable(raw.ciVariable)) prefs.ciVariable = raw.ciVariable;
  return prefs;
}

/**
 * Reads either stored form: version 1 kept `byWorkspace` as an object, which loses a `__proto__`
 * key on its way through Chromium's storage; version 2 keeps `[workspace, username]` pairs.
 */
export function readRememberedUsernames(raw: unknown): RememberedUsernames {
  const byWorkspace: Record<string, string> = Object.create(null);
  const remembered: RememberedUsernames = { byWorkspace };
  if (!isRecord(raw)) return remembered;
  if (isRememberableUsername(raw.last)) remembered.last = raw.last;
  const pairs: unknown[] = Array.isArray(raw.byWorkspace)
    ? raw.byWorkspace
    : isRecord(raw.byWorkspace)
      ? Object.entries(raw.byWorkspace)
      : [];
  let count = 0;
  for (const pair of pairs) {
    if (count >= MAX_WORKSPACES) break;
    const [workspace, username] = Array.isArray(pair) ? (pair as unknown[]) : [];
    if (
      typeof workspace === 'string' &&
      workspace === workspace.toLowerCase() &&
      isValidSlug(workspace) &&
      isRememberableUsername(username)
    ) {
      byWorkspace[workspace] = username;
      count++;
    }
  }
  return remembered;
}

/** The stored form (version 2): pairs, so every workspace name survives serialisation. */
export function storedUsernames(remembered: RememberedUsernames): {
  last?: string;
  byWorkspace: [string, string][];
} {
  const checked = readRememberedUsernames(remembered);
  return {
    ...(checked.last === undefined ? {} : { last: checked.last }),
    byWorkspace: Object.entries(checked.byWorkspace),
  };
}

/** The username remembered for `workspace` (any case), if one was. */
export function usernameFor(remembered: RememberedUsernames, workspace: string): string | undefined {
  const key = workspace.toLowerCase();
  const { byWorkspace } = remembered;
  const value = Object.hasOwn(byWorkspace, key) ? byWorkspace[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/**
 * `current` with `username` remembered as the last one and for `workspace`; `current` itself
 * when the username is not one to keep.
 */
export function withRememberedUsername(
  current: RememberedUsernames,
  username: string,
  workspace?: string,
): RememberedUsernames {
  if (!isRememberableUsername(username)) return current;
  const next = readRememberedUsernames(current);
  next.last = username;
  if (workspace && isValidSlug(workspace)) next.byWorkspace[workspace.toLowerCase()] = username;
  return next;
}

/** A pending preset record as the popup wrote it, or null. */
export function readPendingPreset(raw: unknown): PendingPreset | null {
  if (!isRecord(raw)) return null;
  const { preset, expiryDays, createdAt } = raw;
  if (!isPresetId(preset)) return null;
  if (typeof expiryDays !== 'number' || !Number.isInteger(expiryDays) || expiryDays < 1) return null;
  if (expiryDays > MAX_EXPIRY_DAYS || typeof createdAt !== 'number' || !Number.isFinite(createdAt))
    return null;
  return { preset, expiryDays, createdAt };
}
