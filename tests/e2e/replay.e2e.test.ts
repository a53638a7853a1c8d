// Replays every committed snapshot (tests/fixtures/live/, docs/capture.md) at its real URL in
// Chromium with the built extension: each page feature must recognise its page or show its
// fallback. The contract with the features: our host elements carry `data-bbah-state`
// (recognised | fallback | list) and `data-bbah-signals`; on a create form the host sits in the
// topmost open dialog; a recognised list has its rows marked (`data-credential-status`).
// One browser, all snapshots at once, per-snapshot verdicts and a summary line.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAMILIES, type Family, HOST_STATES } from '../../scripts/capture/families.mjs';
import type { Snapshot, SnapshotMeta } from '../../scripts/capture/snapshot-files.mjs';
import { loadReplaySnapshots, routeReplayContext, routeSnapshot } from '../support/replay-routes.mjs';
import { type ExtensionBrowser, launchWithExtension } from './extension';

interface HostSeen {
  /** The feature id (the element's name without `bbah-`). */
  feature: string;
  state: string | null;
  signals: string[];
  /** Inside the topmost open dialog; null when no dialog is open. */
  inTopDialog: boolean | null;
}

interface Seen {
  hosts: HostSeen[];
  dialogs: number;
  markedRows: number;
}

interface Verdict {
  problems: string[];
  /** Why nothing was required (a family without features). */
  reported?: string;
}

const snapshots = loadReplaySnapshots();
const WAIT_MS = 6000;
const CONCURRENT_PAGES = 4;

/** What the features were asked to do on this snapshot, and what they did. */
function judge(meta: SnapshotMeta, seen: Seen): Verdict {
  const family: Family | undefined = FAMILIES[meta.family];
  const problems: string[] = [];
  const host = (feature: string | undefined) => seen.hosts.find((h) => h.feature === feature);
  for (const h of seen.hosts) {
    if (h.state !== null && !HOST_STATES.includes(h.state)) {
      problems.push(
        `bbah-${h.feature} has data-bbah-state="${h.state}" (expected one of ${HOST_STATES.join(', ')})`,
      );
    }
  }
  if (!family?.form && !family?.list && !family?.banner) {
    return { problems, reported: `no feature covers the family "${meta.family}" yet` };
  }
  if (meta.kind === 'form' && family.form) {
    const h = host(family.form);
    if (!h) problems.push(`no bbah-${family.form} on this create form`);
    else {
      // Our own fixtures, captured: always understood. A live page may honestly get the note.
      const allowed = meta.source === 'fixture-self-test' ? ['recognised'] : ['recognised', 'fallback'];
      if (h.state === null || !allowed.includes(h.state)) {
        problems.push(
          `bbah-${family.form} has data-bbah-state=${h.state === null ? 'missing' : `"${h.state}"`}: a create form must be recognised or get the fallback`,
        );
      }
      if (seen.dialogs > 0 && h.inTopDialog !== true) {
        problems.push(`bbah-${family.form} is not inside the topmost open dialog (the modal covers it)`);
      }
    }
  }
  if (meta.kind === 'list') {
    if (family.form && family.formOnList) {
      const h = host(family.form);
      if (!h) problems.push(`no bbah-${family.form} on the list page`);
      else if (h.state !== 'list') {
        problems.push(
          `bbah-${family.form} has data-bbah-state=${h.state === null ? 'missing' : `"${h.state}"`} on the list page (expected "list")`,
        );
      }
    }
    if (family.list && meta.rows > 0 && seen.markedRows === 0) {
      problems.push(
        `${family.list}: none of the list's ${meta.rows} rows is marked (data-credential-status)`,
      );
    }
  }
  if (family.banner && !host(family.banner)) problems.push(`no bbah-${family.banner} on the page`);
  return { problems };
}

async function look(page: Page): Promise<Seen> {
  return page.evaluate(() => {
    const shown = (el: Element) =>
      el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const dialogs = [
      ...document.querySelectorAll('[role="dialog"], [role="alertdialog"], dialog[open]'),
    ].filter(shown);
    const top = dialogs.at(-1);
    const hosts = [...document.querySelectorAll('*')]
      .filter((el) => el.localName.startsWith('bbah-') && el.localName !== 'bbah-credential-marker')
      .map((el) => ({
        feature: el.localName.slice('bbah-'.length),
        state: el.getAttribute('data-bbah-state'),
        signals: (el.getAttribute('data-bbah-signals') ?? '').split(/\s+/).filter(Boolean),
        inTopDialog: top ? top.contains(el) : null,
      }));
    return {
      hosts,
      dialogs: dialogs.length,
      markedRows: document.querySelectorAll('[data-credential-status]').length,
    };
  });
}

let ext: ExtensionBrowser;
const results = new Map<string, { seen: Seen; verdict: Verdict; ms: number }>();

async function replay(snapshot: Snapshot & { meta: SnapshotMeta }): Promise<void> {
  const started = Date.now();
  const page = await ext.context.newPage();
  try {
    await routeSnapshot(page, snapshot);
    await page.goto(snapshot.meta.url);
    let seen = await look(page);
    let verdict = judge(snapshot.meta, seen);
    // The features work after load and on DOM changes: poll until they are done or time is up.
    while (verdict.problems.length > 0 && Date.now() - started < WAIT_MS) {
      await page.waitForTimeout(150);
      seen = await look(page);
      verdict = judge(snapshot.meta, seen);
    }
    results.set(snapshot.name, { seen, verdict, ms: Date.now() - started });
  } finally {
    await page.close();
  }
}

const withMeta = snapshots.filter((s): s is Snapshot & { meta: SnapshotMeta } => s.meta !== undefined);

beforeAll(async () => {
  ext = await launchWithExtension();
  await routeReplayContext(ext.context);
  const queue = [...withMeta];
  await Promise.all(
    Array.from({ length: CONCURRENT_PAGES }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await replay(next);
    }),
  );
}, 120_000);

afterAll(async () => {
  const live = withMeta.filter((s) => s.meta.source === 'live').length;
  const selfTest = withMeta.filter((s) => s.meta.source === 'fixture-self-test').length;
  console.log(
    `${withMeta.length} snapshots: ${live} from the live site, ${selfTest} from the fixture self-test`,
  );
  await ext?.close();
});

describe('replay of the captured pages', () => {
  it('has snapshots to replay, each with a header', () => {
    expect(snapshots.length).toBeGreaterThan(0);
    expect(snapshots.filter((s) => !s.meta).map((s) => s.name)).toEqual([]);
  });

  it.each(withMeta.map((s) => [s.name, s] as const))('%s', (_name, snapshot) => {
    const result = results.get(snapshot.name);
    expect(result, 'the snapshot was not replayed').toBeDefined();
    const { seen, verdict, ms } = result as NonNullable<typeof result>;
    const hosts =
      seen.hosts
        .map(
          (h) =>
            `${h.feature}=${h.state ?? '(no state)'} [${h.signals.join(' ') || 'no signals'}]` +
            (h.inTopDialog === null ? '' : h.inTopDialog ? ' in the top dialog' : ' OUTSIDE the top dialog'),
        )
        .join('; ') || 'no host';
    console.log(
      `${snapshot.name} (${snapshot.meta.source}, ${snapshot.meta.kind}): ${hosts}; ` +
        `rows marked ${seen.markedRows}/${snapshot.meta.rows}; ${ms} ms` +
        (verdict.reported ? ` — reported: ${verdict.reported}` : ''),
    );
    expect(verdict.problems, `${snapshot.name}:\n  ${verdict.problems.join('\n  ')}`).toEqual([]);
  });
});
