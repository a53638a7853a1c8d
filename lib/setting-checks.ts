// The rules every setting's value must follow, wherever it comes from: storage (read leniently,
// a bad field falls back to its default), an imported file (all or nothing) and the organisation
// policy (a bad field is ignored). Nothing here throws on bad input.
import { HELPERS } from './fix-plan';
import { unknownPlaceholders } from './label';
import { looksLikeSecret, redactSecrets, redactTokenStart, TOKEN_REFUSAL_PROBLEM } from './secrets';
import { DEFAULT_SETTINGS, SETTING_KEYS, type SettingKey, type Settings, USERNAME_MODES } from './settings';
import { SHELLS } from './shells';
import { describeType, describeValue, isRecord } from './values';

const FEATURE_ID_PATTERN = /^[a-z0-9-]{1,64}$/;

export const LIMITS = {
  leadTimeMaxDays: 365,
  leadTimesMaxCount: 10,
  ageMaxDays: 3650,
  expiryMaxDays: 365,
  deviceNameMaxLength: 64,
  labelPatternMaxLength: 200,
  presetsMaxCount: 50,
  presetTextMaxLength: 500,
} as const;

export type Check<T> = { ok: true; value: T } | { ok: false; problem: string };

export const SETTING_CHECKS: { [K in SettingKey]: (value: unknown) => Check<Settings[K]> } = {
  leadTimesDays: checkLeadTimes,
  unusedDays: (value) => checkInteger(value, 1, LIMITS.ageMaxDays),
  rotationDays: (value) => checkInteger(value, 1, LIMITS.ageMaxDays),
  deviceName: (value) => checkText(value, 0, LIMITS.deviceNameMaxLength),
  labelPattern: checkLabelPattern,
  usernameMode: (value) => checkOneOf(value, USERNAME_MODES),
  shell: (value) => checkOneOf(value, SHELLS),
  helper: (value) => checkOneOf(value, HELPERS),
  features: checkFeatures,
  defaultExpiryDays: (value) => checkInteger(value, 1, LIMITS.expiryMaxDays),
};

/**
 * Stored settings, leniently: each missing or bad field takes its default (bad ones are named
 * in `problems`), unknown fields are dropped. For reading storage, not for imports.
 */
export function sanitizeSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const settings = copyDefaults();
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { settings, problems };
  if (!isRecord(raw)) {
    problems.push(`Stored settings were not an object (${describeType(raw)}); using defaults.`);
    return { settings, problems };
  }
  for (const key of SETTING_KEYS) {
    if (raw[key] === undefined) continue;
    if (key === 'features' && isRecord(raw.features)) {
      settings.features = readFeaturesLeniently(raw.features, problems);
      continue;
    }
    const result = SETTING_CHECKS[key](raw[key]);
    if (result.ok) assign(settings, key, result.value);
    else problems.push(`Setting ${key}: ${result.problem}; using the default.`);
  }
  return { settings, problems: problems.map((problem) => redactSecrets(problem)) };
}

export function checkLeadTimes(value: unknown): Check<number[]> {
  if (!Array.isArray(value))
    return { ok: false, problem: `expected a list of days, got ${describeType(value)}` };
  if (value.length > LIMITS.leadTimesMaxCount) {
    return { ok: false, problem: `at most ${LIMITS.leadTimesMaxCount} lead times` };
  }
  const days: number[] = [];
  for (const item of value) {
    const checked = checkInteger(item, 0, LIMITS.leadTimeMaxDays);
    if (!checked.ok)
      return { ok: false, problem: `lead times must be whole days 0–${LIMITS.leadTimeMaxDays}` };
    if (!days.includes(checked.value)) days.push(checked.value);
  }
  return { ok: true, value: days.sort((a, b) => b - a) };
}

function checkLabelPattern(value: unknown): Check<string> {
  const text = checkText(value, 1, LIMITS.labelPatternMaxLength);
  if (!text.ok) return text;
  const unknown = unknownPlaceholders(text.value);
  if (unknown.length > 0) {
    return {
      ok: false,
      problem: `unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => `{${redactTokenStart(name)}}`).join(', ')}`,
    };
  }
  return text;
}

export function checkInteger(value: unknown, min: number, max: number): Check<number> {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return { ok: false, problem: `expected a whole number ${min}–${max}, got ${describeValue(value)}` };
  }
  return { ok: true, value };
}

export function checkText(value: unknown, minLength: number, maxLength: number): Check<string> {
  if (typeof value !== 'string') return { ok: false, problem: `expected text, got ${describeType(value)}` };
  const text = value.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point.
  if (/[\u0000-\u001f\u007f]/.test(text))
    return { ok: false, problem: 'must not contain control characters' };
  if (text.length < minLength) return { ok: false, problem: 'must not be empty' };
  if (text.length > maxLength) return { ok: false, problem: `at most ${maxLength} characters` };
  // Names and labels are shown and stored: a token typed here is refused (docs/evidence/tokens.md#fields).
  if (looksLikeSecret(text)) return { ok: false, problem: TOKEN_REFUSAL_PROBLEM };
  return { ok: true, value: text };
}

function checkOneOf<T extends string>(value: unknown, allowed: readonly T[]): Check<T> {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? { ok: true, value: value as T }
    : { ok: false, problem: `expected one of ${allowed.join(', ')}, got ${describeValue(value)}` };
}

export function checkBoolean(value: unknown): Check<boolean> {
  return typeof value === 'boolean'
    ? { ok: true, value }
    : { ok: false, problem: `expected true or false, got ${describeValue(value)}` };
}

export function checkHttpsUrl(value: unknown): Check<string> {
  if (typeof value !== 'string') return { ok: false, problem: `expected a URL, got ${describeType(value)}` };
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'https:') return { ok: false, problem: 'only https URLs are allowed' };
    if (url.password !== '' || looksLikeSecret(url.href))
      return { ok: false, problem: 'must not hold a password' };
    return { ok: true, value: url.href };
  } catch {
    return { ok: false, problem: 'not a valid URL' };
  }
}

export function checkScopes(
  value: unknown,
  isScope: (id: string) => boolean,
  minCount: number,
): Check<string[]> {
  if (!Array.isArray(value))
    return { ok: false, problem: `expected a list of scope ids, got ${describeType(value)}` };
  const scopes: string[] = [];
  for (const item of value) {
    if (typeof item !== 'string' || !isScope(item)) {
      return { ok: false, problem: `${describeValue(item)} is not a valid scope id` };
    }
    if (!scopes.includes(item)) scopes.push(item);
  }
  if (scopes.length < minCount) return { ok: false, problem: 'needs at least one scope' };
  return { ok: true, value: scopes };
}

function checkFeatures(value: unknown): Check<Record<string, boolean>> {
  if (!isRecord(value))
    return { ok: false, problem: `expected an object of feature → true/false, got ${describeType(value)}` };
  const features: Record<string, boolean> = {};
  for (const [key, enabled] of Object.entries(value)) {
    if (!FEATURE_ID_PATTERN.test(key))
      return { ok: false, problem: `${describeValue(key)} is not a feature id` };
    if (typeof enabled !== 'boolean') return { ok: false, problem: `feature ${key} must be true or false` };
    features[key] = enabled;
  }
  return { ok: true, value: features };
}

function readFeaturesLeniently(raw: Record<string, unknown>, problems: string[]): Record<string, boolean> {
  const features: Record<string, boolean> = {};
  for (const [key, enabled] of Object.entries(raw)) {
    if (FEATURE_ID_PATTERN.test(key) && typeof enabled === 'boolean') features[key] = enabled;
    else problems.push(`Setting features: dropped the unreadable entry ${describeValue(key)}.`);
  }
  return features;
}

export function copyDefaults(): Settings {
  return { ...DEFAULT_SETTINGS, leadTimesDays: [...DEFAULT_SETTINGS.leadTimesDays], features: {} };
}

export function resetToDefault(settings: Settings, key: SettingKey, defaults: Readonly<Settings>): void {
  const value = defaults[key];
  assign(settings, key, Array.isArray(value) ? [...value] : typeof value === 'object' ? { ...value } : value);
}

export function assign<K extends SettingKey>(settings: Settings, key: K, value: Settings[K]): void {
  settings[key] = value;
}
