// Links that open a credential-creation page with a preset, and the record that carries the
// preset across sign-in redirects that may drop the URL fragment.
import type { RepoRef } from './repo-context';

export const API_TOKENS_URL = 'https://id.atlassian.com/manage-profile/security/api-tokens';
const PRESET_FRAGMENT = 'bbah-preset';
const PENDING_PRESET_TTL_MS = 10 * 60 * 1000;
export const MAX_EXPIRY_DAYS = 365;

export interface PendingPreset {
  preset: string;
  expiryDays: number;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

export function clampExpiryDays(days: number, max = MAX_EXPIRY_DAYS): number {
  if (!Number.isFinite(days)) return Math.min(90, max);
  return Math.min(Math.max(Math.round(days), 1), Math.min(max, MAX_EXPIRY_DAYS));
}

const EXPIRY_FRAGMENT = 'bbah-expiry-days';

/**
 * The API-token page with our preset and expiry in the fragment. Not Atlassian's prefilled link
 * (`?autofillToken&appId=…&expiryDays=…`): that one can open the wizard past its scope step
 * (docs/evidence/pages.md#api-token-deep-link), where a preset can't tick anything. The fragment never
 * reaches the server; the page feature opens the wizard at its first step and fills each one.
 * @example apiTokenLink('git-push', 90) → https://id.atlassian.com/manage-profile/security/api-tokens#bbah-preset=git-push&bbah-expiry-days=90
 */
export function apiTokenLink(preset: string | undefined, expiryDays: number): string {
  const fragment = new URLSearchParams();
  if (preset !== undefined) fragment.set(PRESET_FRAGMENT, preset);
  fragment.set(EXPIRY_FRAGMENT, String(clampExpiryDays(expiryDays)));
  return `${API_TOKENS_URL}#${fragment}`;
}

/** The expiry a link asks for: ours in the fragment, else Atlassian's `expiryDays` (`max` = 365). */
export function expiryDaysOf(url: URL): number | undefined {
  const ours = new URLSearchParams(url.hash.replace(/^#/, '')).get(EXPIRY_FRAGMENT);
  const raw = ours ?? url.searchParams.get('expiryDays');
  if (raw === 'max') return MAX_EXPIRY_DAYS;
  const days = raw ? Number(raw) : Number.NaN;
  return Number.isInteger(days) && days >= 1 ? days : undefined;
}

/** The pending record an API-token link stands for (its preset and expiry), if it names a preset. */
export function pendingPresetOf(url: string, now: number): PendingPreset | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const preset = presetFromHash(parsed.hash);
  const expiryDays = expiryDaysOf(parsed);
  if (!preset || expiryDays === undefined) return undefined;
  return { preset, expiryDays, createdAt: now };
}

/** @example accessTokensPage({workspace:'acme', repo:'web-app'}) → https://bitbucket.org/acme/web-app/admin/access-tokens */
export function accessTokensPage(repo: RepoRef, preset?: string): string {
  const base = `https://bitbucket.org/${repo.workspace}/${repo.repo}/admin/access-tokens`;
  return preset ? `${base}#${PRESET_FRAGMENT}=${encodeURIComponent(preset)}` : base;
}

export const SSH_KEYS_PAGE = 'https://bitbucket.org/account/settings/ssh-keys/';

/** A preset id: what a `#bbah-preset=` fragment, a policy, a pending record or a message may name. */
export const PRESET_ID_PATTERN = /^[a-z0-9-]{1,40}$/;

export function isPresetId(value: unknown): value is string {
  return typeof value === 'string' && PRESET_ID_PATTERN.test(value);
}

/** The preset named in a URL fragment like `#bbah-preset=git-push`, if any. */
export function presetFromHash(hash: string): string | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const value = params.get(PRESET_FRAGMENT);
  return isPresetId(value) ? value : undefined;
}

/** A pending record is honoured once, within ten minutes of being written. */
export function isPendingPresetFresh(
  record: PendingPreset | null | undefined,
  now: number,
): record is PendingPreset {
  return (
    record != null &&
    typeof record.preset === 'string' &&
    typeof record.createdAt === 'number' &&
    now - record.createdAt >= 0 &&
    now - record.createdAt <= PENDING_PRESET_TTL_MS
  );
}
