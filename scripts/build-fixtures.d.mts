// Types of build-fixtures.mjs, so TypeScript tests can import it (tsconfig has no allowJs).
export const FIXTURE_SRC_DIR: string;
export const FIXTURE_DIST_DIR: string;
export function buildFixtures(options?: {
  outdir?: string;
  logLevel?: 'verbose' | 'debug' | 'info' | 'warning' | 'error' | 'silent';
}): Promise<{ outdir: string; files: string[]; ms: number }>;
