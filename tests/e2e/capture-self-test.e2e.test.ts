// The capture kit tests itself: the same walk as `npm run capture`, headless, against the fixture
// pages served as the real URLs, into a temporary folder. It must reach the same page states as
// the committed self-test set (tests/fixtures/live/self-test/), press nothing that creates, and
// leave none of the fixture user's data in what it writes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCapture } from '../../scripts/capture/run.mjs';
import { readSnapshots, SELF_TEST_DIR, type Snapshot } from '../../scripts/capture/snapshot-files.mjs';
import { THROWAWAY_NAME } from '../../scripts/capture/walk.mjs';
import { DEFAULT_USER, resolveFixtureOptions } from '../support/fixture-routes.mjs';

const RECAPTURE =
  'If the fixture pages changed on purpose: `npm run capture -- --self-test` and commit the result.';
let outDir: string;
let fresh: Snapshot[];
let run: Awaited<ReturnType<typeof runCapture>>;
const committed = readSnapshots(SELF_TEST_DIR);

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'bbah-capture-test-'));
  run = await runCapture({ selfTest: true, outDir, log: () => {} });
  fresh = readSnapshots(outDir);
}, 120_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** What must never reach a snapshot: the fixture user, the slugs the walk was given, the token names. */
function fixtureData(): { insensitive: string[]; sensitive: string[] } {
  const fixture = resolveFixtureOptions();
  return {
    insensitive: [
      DEFAULT_USER.username,
      DEFAULT_USER.display_name,
      DEFAULT_USER.account_id,
      DEFAULT_USER.uuid,
      'acme',
      'website',
    ],
    sensitive: [
      'WEB',
      ...fixture.apiTokens.map((row) => row.name),
      ...fixture.accessTokens.map((row) => row.name),
      ...fixture.appPasswords.map((row) => row.label),
      // The fixture's own dates: replaced by the stand-in date in every format.
      ...fixture.apiTokens.flatMap((row) => [row.created, row.expires]),
    ],
  };
}

function leaksIn(html: string): string[] {
  const { insensitive, sensitive } = fixtureData();
  const token = (text: string) =>
    `(?<![\\p{L}\\p{N}_-])${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_-])`;
  return [
    ...insensitive.filter((text) => new RegExp(token(text), 'iu').test(html)),
    ...sensitive.filter((text) => new RegExp(token(text), 'u').test(html)),
  ];
}

describe('the capture self-test', () => {
  it('reaches the same page states as the committed self-test set', () => {
    expect(run.written.length).toBeGreaterThan(10);
    const states = (set: Snapshot[]) =>
      set.map(
        (s) => `${s.name} ${s.meta?.kind} dialog=${s.meta?.dialog} rows=${s.meta?.rows} ${s.meta?.url}`,
      );
    expect(states(fresh), RECAPTURE).toEqual(states(committed));
  });

  it('walks the wizard to its last step and opens every create form', () => {
    const names = fresh.map((s) => s.name);
    for (const state of ['wizard-details', 'wizard-app', 'wizard-scopes', 'wizard-review']) {
      expect(names).toContain(`api-tokens--${state}.html`);
    }
    for (const level of ['repository', 'project', 'workspace']) {
      expect(names).toContain(`${level}-access-tokens--create-form.html`);
    }
    // The review step shows what the walk chose: Bitbucket, one read scope, the throwaway name.
    const review = fresh.find((s) => s.name === 'api-tokens--wizard-review.html')?.html ?? '';
    expect(review).toContain('read:repository:bitbucket');
    expect(review).toContain(THROWAWAY_NAME);
  });

  it('never creates anything: no "created" dialog, no request blocked, every dialog closed by Cancel', () => {
    expect(run.blocked).toEqual([]);
    for (const snapshot of fresh) {
      expect(snapshot.html, snapshot.name).not.toMatch(
        /FAKE-TOKEN-NOT-A-SECRET|Access token created|Copy your API token/,
      );
    }
  });

  it.each(['fresh', 'committed'] as const)('leaves no fixture user data in the %s snapshots', (which) => {
    const set = which === 'fresh' ? fresh : committed;
    expect(set.length).toBeGreaterThan(0);
    for (const snapshot of set) expect(leaksIn(snapshot.html), snapshot.name).toEqual([]);
  });

  it('drops the legacy form’s hidden CSRF value and keeps its scope ids', () => {
    const form = fresh.find((s) => s.name === 'app-passwords--new-form.html')?.html ?? '';
    expect(form).toContain('name="csrfmiddlewaretoken"');
    expect(form).not.toContain('fixture-not-a-token');
    expect(form).toContain('value="repository:write"');
  });

  it('reports what it could not find instead of failing the walk', () => {
    // The fixture shows Rotate inline, not in a "…" menu: said once per access-token page.
    expect(run.problems.filter((p) => p.includes('"…" menu'))).toHaveLength(3);
  });
});
