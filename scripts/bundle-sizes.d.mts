// Types of bundle-sizes.mjs, so TypeScript tests can import it (tsconfig has no allowJs).
export const EXTENSION_DIR: string;
export function bundleSizes(dir?: string): Record<string, number>;
