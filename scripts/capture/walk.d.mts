// Types of walk.mjs (only what the tests use).
/** The name the walk types into creation forms (never submitted). */
export const THROWAWAY_NAME: string;
export class WalkRefused extends Error {}
