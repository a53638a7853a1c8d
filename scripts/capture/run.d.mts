// Types of run.mjs, for the e2e test that runs the self-test capture.
import type { SnapshotMeta } from './snapshot-files.mjs';

export interface CaptureOptions {
  selfTest?: boolean;
  outDir?: string;
  profile?: string;
  headless?: boolean;
  /** Self-test in a window, to watch the walk. */
  headed?: boolean;
  repo?: string;
  project?: string;
  workspace?: string;
  only?: string[];
  tag?: string;
  redact?: string[];
  log?: (line: string) => void;
  /** Self-test: build the fixture bundles first (default true). */
  buildFixtures?: boolean;
}

export const SELF_TEST_TARGETS: { repo: string; project: string; workspace: string };
export function defaultProfileDir(): string;
export function runCapture(options?: CaptureOptions): Promise<{
  written: { name: string; path: string; meta: SnapshotMeta }[];
  problems: string[];
  blocked: string[];
}>;
