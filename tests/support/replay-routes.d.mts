// Types of replay-routes.mjs (hand-written: the module is plain JavaScript, like fixture-routes.mjs).
import type { BrowserContext, Page } from 'playwright-core';
import type { Snapshot } from '../../scripts/capture/snapshot-files.mjs';

export { STAND_IN_USER } from '../../scripts/capture/stand-in-values.mjs';
export const LIVE_DIR: string;

/** Every snapshot under `root` (default tests/fixtures/live/), stylesheets inlined. */
export function loadReplaySnapshots(root?: string): Snapshot[];
export function replayResponse(
  url: string,
  snapshot: Pick<Snapshot, 'html'> & { meta: { url: string } },
): { status: number; contentType: string; body: string };
export function routeSnapshot(page: Page, snapshot: Snapshot): Promise<void>;
export function routeReplayContext(context: BrowserContext): Promise<void>;
