// Made-up values of the documented credential shapes (docs/evidence/tokens.md#prefixes), for
// tests that must never see them again: never real ones.
export const API_TOKEN = `ATATT3xFfGF0${'Zq7vLmR2sK'.repeat(18)}=0A1B2C3D`;
export const ACCESS_TOKEN = `ATCTT3xFfGN0${'Pw8rS2tU4x'.repeat(17)}=9F8E7D6C`;
export const APP_PASSWORD = 'ATBBq7Zr2LmX9pK4vN8sT3wQ5yR1AB12CD34';
/** A password with the characters that ended the old masking, as real git echoes it. */
export const SLASHED_PASSWORD = 'ab/S3cr3tValue99';

/** Every token shape (prefix and at least six more token characters), anywhere in `text`. */
export const TOKEN_SHAPE = /(?:ATATT|ATCTT|ATBB)[A-Za-z0-9][\w=+/%-]{5,}/;
