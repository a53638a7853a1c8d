// The only network reads of the extension: bitbucket.org's same-origin API with the user's own
// session (docs/evidence/pages.md#repository-pages [M]: `/!api/2.0/…` accepts the browser session,
// api.bitbucket.org does not).
// Nothing is sent but the request itself; answers are validated before use.
import type { RepoRef } from '../../lib/repo-context';
import { checkUsername } from '../../lib/validation';

const API = 'https://bitbucket.org/!api/2.0';
const TIMEOUT_MS = 4000;

export type SessionUser = { signedIn: true; username: string } | { signedIn: false };

async function getJson(url: string, signal?: AbortSignal): Promise<{ status: number; body: unknown }> {
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const response = await fetch(url, {
    credentials: 'include',
    headers: { Accept: 'application/json' },
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  });
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  return { status: response.status, body };
}

function field(body: unknown, key: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
}

/** Who is signed in to bitbucket.org in this browser; undefined when it could not be told. */
export async function fetchSessionUser(signal?: AbortSignal): Promise<SessionUser | undefined> {
  try {
    const { status, body } = await getJson(`${API}/user`, signal);
    if (status === 401 || status === 403) return { signedIn: false };
    const username = field(body, 'username');
    if (status !== 200 || typeof username !== 'string' || checkUsername(username, 'bash')) return undefined;
    return { signedIn: true, username };
  } catch {
    return undefined;
  }
}

export type RepositoryCheck = 'exists' | 'not-found' | 'unknown';

/** Whether Bitbucket shows this repository to the signed-in user (its clone links). */
export async function checkRepository(repo: RepoRef, signal?: AbortSignal): Promise<RepositoryCheck> {
  try {
    const url = `${API}/repositories/${encodeURIComponent(repo.workspace)}/${encodeURIComponent(repo.repo)}?fields=links.clone`;
    const { status, body } = await getJson(url, signal);
    if (status === 404 || status === 403) return 'not-found';
    const clone = field(field(body, 'links'), 'clone');
    return status === 200 && Array.isArray(clone) ? 'exists' : 'unknown';
  } catch {
    return 'unknown';
  }
}
