// Types of chromium.mjs (hand-written: the module is plain JavaScript for `node scripts/*.mjs`).
import type { BrowserContext, Page, Worker } from 'playwright-core';

export const QUIET_ARGS: string[];
export const HEADLESS_ARGS: string[];
export const HOW_TO_GET_CHROMIUM: string;
export function findChromium(): string | undefined;

export interface LaunchChromiumOptions {
  extension?: string;
  /** Instead of the browser findChromium() picks (e.g. a wrapper that prepares its namespace). */
  executablePath?: string;
  headless?: boolean;
  args?: string[];
  viewport?: { width: number; height: number } | null;
  colorScheme?: 'light' | 'dark';
  reducedMotion?: 'reduce' | 'no-preference';
  deviceScaleFactor?: number;
  /** Keep the "Start here" tab the extension opens on install (closed otherwise). */
  keepStartHere?: boolean;
}

export function launchChromium(options: LaunchChromiumOptions & { extension: string }): Promise<{
  context: BrowserContext;
  executablePath: string;
  serviceWorker: Worker;
  extensionId: string;
  /** The tab the extension opened on install, with `keepStartHere`. */
  startHere?: Page;
}>;
export function launchChromium(
  options?: LaunchChromiumOptions,
): Promise<{ context: BrowserContext; executablePath: string }>;
