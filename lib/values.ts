// Reading values of unknown shape — storage, messages, policy, imported files — without trusting
// them: one test for "an object with fields" and one way to name a value in a message.
import { redactSecrets, redactTokenStart } from './secrets';

/** A plain object with fields: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What kind of value this is, in words: `null`, `a list`, `object`, `number` … */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'a list' : typeof value;
}

/**
 * A value as a message may quote it: strings quoted and cut at 40 characters, numbers and
 * booleans as they are, anything else by its type. Never throws (`String(x)` does for objects
 * without a prototype). Secrets are masked before the cut, which could hide where one ends; a
 * string that starts like a token shows only its prefix (docs/evidence/tokens.md#fields).
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const shown = redactSecrets(redactTokenStart(value));
    return JSON.stringify(shown.length > 40 ? `${shown.slice(0, 40)}…` : shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return describeType(value);
}
