// Types of snapshot-files.mjs (plain JavaScript for the capture script and the replay routes).

export type SnapshotSource = 'live' | 'fixture-self-test';
export type SnapshotKind = 'list' | 'form' | 'other';

/** The header comment of a snapshot. */
export interface SnapshotMeta {
  kit: number;
  family: string;
  state: string;
  kind: SnapshotKind;
  source: SnapshotSource;
  tag?: string;
  /** The page's URL with user data replaced: where the replay serves it. */
  url: string;
  /** YYYY-MM-DD. */
  captured: string;
  browser: string;
  title: string;
  lang: string;
  /** An open dialog was on screen. */
  dialog: boolean;
  dialogTitle?: string;
  /** Rows of the page's token list (names replaced). */
  rows: number;
  replaced: Record<string, number>;
  removed: Record<string, number>;
  notes: string[];
}

export interface Snapshot {
  /** Path relative to the folder read, e.g. `self-test/api-tokens--list.html`. */
  name: string;
  path: string;
  dir: string;
  meta: SnapshotMeta | undefined;
  html: string;
}

export const LIVE_DIR: string;
export const SELF_TEST_DIR: string;
export const SOURCES: SnapshotSource[];
export const KIT_VERSION: number;
export function snapshotFileName(family: string, state: string, tag?: string): string;
export function withHeader(html: string, meta: SnapshotMeta): string;
export function readHeader(html: string): SnapshotMeta | undefined;
export function writeSnapshot(dir: string, fileName: string, html: string, meta: SnapshotMeta): string;
export function pruneStyles(dir: string): number;
export function inlineStyles(html: string, dir: string): string;
export function readSnapshots(root?: string): Snapshot[];
