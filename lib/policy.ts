// User settings and the organisation policy that can override them (storage.managed, declared in
// public/managed-schema.json). Nothing here throws on bad input: a malformed policy loses only
// its bad fields, a corrupted settings object falls back field by field to the defaults.
//
// Override rule (the issue: "managed values override and lock the user's"):
// - every setting the policy gives a value (leadTimesDays, labelPattern, usernameMode) replaces
//   the user's and is locked;
// - `locked` also names settings the policy gives no value: those are held at their defaults
//   (built-in, or platform-aware ones from the caller) and locked, so an organisation can pin
//   e.g. `features` without restating them;
// - `maxExpiryDays` caps `defaultExpiryDays` (managed, but the user may still pick less).

import { HELPERS } from './fix-plan';
import { unknownPlaceholders } from './label';
import { mergePresets, type Preset } from './presets';
import { looksLikeSecret, redactSecrets } from './secrets';
import {
  DEFAULT_SETTINGS,
  SETTING_KEYS,
  type SettingKey,
  type Settings,
  USERNAME_MODES,
  type UsernameMode,
} from './settings';
import { SHELLS } from './shells';

export interface PolicyPreset {
  id: string;
  name: string;
  rationale: string;
  /** Modern API-token scope ids, e.g. `read:repository:bitbucket`. */
  apiToken: string[];
  /** Classic scope ids for access tokens, e.g. `repository:write`. */
  classic?: string[];
}

export interface Policy {
  presets?: PolicyPreset[];
  /** Use only the policy's presets instead of adding them to the built-in ones. */
  replacePresets?: boolean;
  maxExpiryDays?: number;
  leadTimesDays?: number[];
  labelPattern?: string;
  usernameMode?: UsernameMode;
  /** An internal help page (https only). */
  helpUrl?: string;
  locked?: SettingKey[];
}

export const POLICY_KEYS = [
  'presets',
  'replacePresets',
  'maxExpiryDays',
  'leadTimesDays',
  'labelPattern',
  'usernameMode',
  'helpUrl',
  'locked',
] as const satisfies readonly (keyof Policy)[];

export const PRESET_KEYS = [
  'id',
  'name',
  'rationale',
  'apiToken',
  'classic',
] as const satisfies readonly (keyof PolicyPreset)[];
/** A preset without these is dropped; a missing rationale only becomes ''. */
export const REQUIRED_PRESET_KEYS = ['id', 'name', 'apiToken'] as const;

/** Same as the `#bbah-preset=` fragment accepts (token-links.ts `presetFromHash`). */
export const PRESET_ID_PATTERN = /^[a-z0-9-]{1,40}$/;
/** `read:repository:bitbucket`; also the account scopes `read:account`, `read:me` (bitbucket-facts §3). */
export const API_TOKEN_SCOPE_PATTERN = /^(?:[a-z]+:[a-z][a-z-]*:bitbucket|read:account|read:me)$/;
/** `repository`, `repository:write`, `pipeline:variable`. */
export const CLASSIC_SCOPE_PATTERN = /^[a-z]+(?::[a-z]+)?$/;
export const FEATURE_ID_PATTERN = /^[a-z0-9-]{1,64}$/;

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

export const SETTINGS_EXPORT_FORMAT = 'bitbucket-auth-helper/settings';
const SETTINGS_EXPORT_VERSION = 1;
const MAX_IMPORT_LENGTH = 100_000;

type Check<T> = { ok: true; value: T } | { ok: false; problem: string };

const SETTING_CHECKS: { [K in SettingKey]: (value: unknown) => Check<Settings[K]> } = {
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

export function parsePolicy(raw: unknown): { policy: Policy; problems: string[] } {
  const policy: Policy = {};
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { policy, problems };
  if (!isPlainObject(raw)) {
    problems.push(`The policy is not an object (${describeType(raw)}); it was ignored.`);
    return { policy, problems };
  }
  for (const key of Object.keys(raw)) {
    if (!(POLICY_KEYS as readonly string[]).includes(key))
      problems.push(`Unknown policy key ${JSON.stringify(key)} ignored.`);
  }
  const take = <K extends keyof Policy>(key: K, check: (value: unknown) => Check<NonNullable<Policy[K]>>) => {
    if (raw[key] === undefined) return;
    const result = check(raw[key]);
    if (result.ok) policy[key] = result.value;
    else problems.push(`Policy ${key}: ${result.problem}; ignored.`);
  };
  take('maxExpiryDays', (value) => checkInteger(value, 1, LIMITS.expiryMaxDays));
  take('leadTimesDays', checkLeadTimes);
  take('labelPattern', SETTING_CHECKS.labelPattern);
  take('usernameMode', SETTING_CHECKS.usernameMode);
  take('helpUrl', checkHttpsUrl);
  take('replacePresets', checkBoolean);
  if (raw.locked !== undefined) {
    const locked = readLocked(raw.locked, problems);
    if (locked) policy.locked = locked;
  }
  if (raw.presets !== undefined) {
    const presets = readPresets(raw.presets, problems);
    if (presets) policy.presets = presets;
  }
  if (policy.replacePresets === true && (policy.presets?.length ?? 0) === 0) {
    problems.push('Policy replacePresets: no valid presets to replace the built-in ones with; ignored.');
    delete policy.replacePresets;
  }
  // Problems quote what they found: never a secret.
  return { policy, problems: problems.map((problem) => redactSecrets(problem)) };
}

/** Checks one preset's shape (not whether its scopes make sense: that is the catalogue's job). */
export function validatePolicyPreset(raw: unknown): { preset?: PolicyPreset; problems: string[] } {
  const problems: string[] = [];
  if (!isPlainObject(raw)) return { problems: [`not an object (${describeType(raw)})`] };
  for (const key of Object.keys(raw)) {
    if (!(PRESET_KEYS as readonly string[]).includes(key))
      problems.push(`unknown key ${JSON.stringify(key)} ignored`);
  }
  const id = raw.id;
  if (typeof id !== 'string' || !PRESET_ID_PATTERN.test(id)) {
    return { problems: [...problems, 'id must be 1–40 of a-z, 0-9 and -'] };
  }
  const name = checkText(raw.name, 1, 100);
  if (!name.ok) return { problems: [...problems, `name ${name.problem}`] };
  let rationale = '';
  if (raw.rationale === undefined) problems.push('rationale missing');
  else {
    const checked = checkText(raw.rationale, 0, LIMITS.presetTextMaxLength);
    if (checked.ok) rationale = checked.value;
    else problems.push(`rationale ${checked.problem}; left empty`);
  }
  const apiToken = checkScopes(raw.apiToken, API_TOKEN_SCOPE_PATTERN, 1);
  if (!apiToken.ok) return { problems: [...problems, `apiToken ${apiToken.problem}`] };
  const preset: PolicyPreset = { id, name: name.value, rationale, apiToken: apiToken.value };
  if (raw.classic !== undefined) {
    const classic = checkScopes(raw.classic, CLASSIC_SCOPE_PATTERN, 0);
    if (!classic.ok) return { problems: [...problems, `classic ${classic.problem}`] };
    preset.classic = classic.value;
  }
  return { preset, problems };
}

/** Policy presets in the catalogue's shape: `classic` scopes are what access-token forms tick. */
export function presetsFromPolicy(policy: Policy): Preset[] {
  return (policy.presets ?? []).map(({ classic, ...preset }) =>
    classic === undefined ? preset : { ...preset, accessToken: classic },
  );
}

/** The presets to offer: built-ins plus the policy's (same id replaces), or only the policy's. */
export function effectivePresets(policy: Policy): Preset[] {
  return mergePresets(presetsFromPolicy(policy), policy.replacePresets === true);
}

export interface EffectiveSettings {
  settings: Settings;
  /** The user cannot change these. */
  lockedKeys: Set<SettingKey>;
  /** The policy decides or limits these (shown as "set by your organisation"). */
  managedKeys: Set<SettingKey>;
  maxExpiryDays: number;
  helpUrl?: string;
}

/**
 * `defaults` are what a locked setting without a policy value falls back to; the caller may
 * pass platform-aware ones (PowerShell on Windows) instead of the built-in defaults.
 */
export function effectiveSettings(
  user: Settings,
  policy: Policy,
  defaults: Readonly<Settings> = DEFAULT_SETTINGS,
): EffectiveSettings {
  const settings: Settings = {
    ...user,
    leadTimesDays: [...user.leadTimesDays],
    features: { ...user.features },
  };
  const lockedKeys = new Set<SettingKey>();
  const managedKeys = new Set<SettingKey>();
  if (policy.leadTimesDays !== undefined) settings.leadTimesDays = [...policy.leadTimesDays];
  if (policy.labelPattern !== undefined) settings.labelPattern = policy.labelPattern;
  if (policy.usernameMode !== undefined) settings.usernameMode = policy.usernameMode;
  for (const key of ['leadTimesDays', 'labelPattern', 'usernameMode'] as const) {
    if (policy[key] !== undefined) {
      managedKeys.add(key);
      lockedKeys.add(key);
    }
  }
  for (const key of policy.locked ?? []) {
    if (!lockedKeys.has(key)) resetToDefault(settings, key, defaults);
    lockedKeys.add(key);
    managedKeys.add(key);
  }
  const maxExpiryDays = policy.maxExpiryDays ?? LIMITS.expiryMaxDays;
  if (policy.maxExpiryDays !== undefined) {
    managedKeys.add('defaultExpiryDays');
    settings.defaultExpiryDays = Math.min(settings.defaultExpiryDays, policy.maxExpiryDays);
  }
  const result: EffectiveSettings = { settings, lockedKeys, managedKeys, maxExpiryDays };
  if (policy.helpUrl !== undefined) result.helpUrl = policy.helpUrl;
  return result;
}

/**
 * Stored settings, leniently: each missing or bad field takes its default (bad ones are named
 * in `problems`), unknown fields are dropped. For reading storage, not for imports.
 */
export function sanitizeSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const settings = copyDefaults();
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { settings, problems };
  if (!isPlainObject(raw)) {
    problems.push(`Stored settings were not an object (${describeType(raw)}); using defaults.`);
    return { settings, problems };
  }
  for (const key of SETTING_KEYS) {
    if (raw[key] === undefined) continue;
    if (key === 'features' && isPlainObject(raw.features)) {
      settings.features = readFeaturesLeniently(raw.features, problems);
      continue;
    }
    const result = SETTING_CHECKS[key](raw[key]);
    if (result.ok) assign(settings, key, result.value);
    else problems.push(`Setting ${key}: ${result.problem}; using the default.`);
  }
  return { settings, problems: problems.map((problem) => redactSecrets(problem)) };
}

/**
 * The options page's import: our own export format or a bare settings object. All or nothing:
 * any unknown key or bad value rejects the file with one line per problem, so a typo never
 * silently leaves a setting at its old value. Missing keys take defaults.
 */
export function parseSettingsImport(
  json: string,
): { ok: true; settings: Settings } | { ok: false; errors: string[] } {
  if (typeof json !== 'string' || json.length > MAX_IMPORT_LENGTH) {
    return { ok: false, errors: ['The file is too large to be a settings export.'] };
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    // The engine's message quotes the start of the text: redacted, and cut before any token.
    return {
      ok: false,
      errors: [redactSecrets(`Not valid JSON: ${error instanceof Error ? error.message : 'parse error'}.`)],
    };
  }
  if (!isPlainObject(data)) return { ok: false, errors: ['Expected a JSON object with settings.'] };
  const errors: string[] = [];
  let body: Record<string, unknown> = data;
  if (data.format !== undefined) {
    if (data.format !== SETTINGS_EXPORT_FORMAT) {
      return {
        ok: false,
        errors: [
          redactSecrets(
            `Unknown format ${JSON.stringify(data.format)}: not a settings export of this extension.`,
          ),
        ],
      };
    }
    if (data.version !== SETTINGS_EXPORT_VERSION) {
      errors.push(
        `Unsupported export version ${JSON.stringify(data.version)} (expected ${SETTINGS_EXPORT_VERSION}).`,
      );
    }
    if (!isPlainObject(data.settings))
      return {
        ok: false,
        errors: [...errors.map((e) => redactSecrets(e)), 'The export holds no settings object.'],
      };
    for (const key of Object.keys(data)) {
      if (!['format', 'version', 'settings'].includes(key))
        errors.push(`Unknown key ${JSON.stringify(key)}.`);
    }
    body = data.settings;
  }
  const settings = copyDefaults();
  for (const key of Object.keys(body)) {
    if (!(SETTING_KEYS as readonly string[]).includes(key)) {
      errors.push(`Unknown setting ${JSON.stringify(key)}.`);
      continue;
    }
    const settingKey = key as SettingKey;
    const result = SETTING_CHECKS[settingKey](body[settingKey]);
    if (result.ok) assign(settings, settingKey, result.value);
    else errors.push(`${settingKey}: ${result.problem}.`);
  }
  return errors.length > 0
    ? { ok: false, errors: errors.map((error) => redactSecrets(error)) }
    : { ok: true, settings };
}

export function exportSettings(settings: Settings): string {
  const ordered = Object.fromEntries(SETTING_KEYS.map((key) => [key, settings[key]]));
  return `${JSON.stringify({ format: SETTINGS_EXPORT_FORMAT, version: SETTINGS_EXPORT_VERSION, settings: ordered }, null, 2)}\n`;
}

function readLocked(raw: unknown, problems: string[]): SettingKey[] | undefined {
  if (!Array.isArray(raw)) {
    problems.push(`Policy locked: expected a list of setting names, got ${describeType(raw)}; ignored.`);
    return undefined;
  }
  const locked: SettingKey[] = [];
  for (const item of raw) {
    if (typeof item === 'string' && (SETTING_KEYS as readonly string[]).includes(item)) {
      if (!locked.includes(item as SettingKey)) locked.push(item as SettingKey);
    } else {
      problems.push(`Policy locked: ${describeValue(item)} is not a setting name; ignored.`);
    }
  }
  return locked;
}

function readPresets(raw: unknown, problems: string[]): PolicyPreset[] | undefined {
  if (!Array.isArray(raw)) {
    problems.push(`Policy presets: expected a list, got ${describeType(raw)}; ignored.`);
    return undefined;
  }
  const presets: PolicyPreset[] = [];
  raw.forEach((item, index) => {
    if (index >= LIMITS.presetsMaxCount) {
      if (index === LIMITS.presetsMaxCount)
        problems.push(`Policy presets: only the first ${LIMITS.presetsMaxCount} are used.`);
      return;
    }
    const { preset, problems: presetProblems } = validatePolicyPreset(item);
    const label = preset ? `presets[${index}] (${preset.id})` : `presets[${index}]`;
    for (const problem of presetProblems) problems.push(`Policy ${label}: ${problem}.`);
    if (!preset) {
      problems.push(`Policy ${label}: dropped.`);
      return;
    }
    if (presets.some((other) => other.id === preset.id)) {
      problems.push(`Policy ${label}: duplicate id; dropped.`);
      return;
    }
    presets.push(preset);
  });
  return presets;
}

function checkLeadTimes(value: unknown): Check<number[]> {
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
      problem: `unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => `{${name}}`).join(', ')}`,
    };
  }
  return text;
}

function checkInteger(value: unknown, min: number, max: number): Check<number> {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return { ok: false, problem: `expected a whole number ${min}–${max}, got ${describeValue(value)}` };
  }
  return { ok: true, value };
}

function checkText(value: unknown, minLength: number, maxLength: number): Check<string> {
  if (typeof value !== 'string') return { ok: false, problem: `expected text, got ${describeType(value)}` };
  const text = value.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point.
  if (/[\u0000-\u001f\u007f]/.test(text))
    return { ok: false, problem: 'must not contain control characters' };
  if (text.length < minLength) return { ok: false, problem: 'must not be empty' };
  if (text.length > maxLength) return { ok: false, problem: `at most ${maxLength} characters` };
  // Names and labels are shown and stored: a token typed here is refused (docs/evidence/tokens.md#fields).
  if (looksLikeSecret(text))
    return {
      ok: false,
      problem: 'this looks like a token; put it where git asks for the password, never here',
    };
  return { ok: true, value: text };
}

function checkOneOf<T extends string>(value: unknown, allowed: readonly T[]): Check<T> {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? { ok: true, value: value as T }
    : { ok: false, problem: `expected one of ${allowed.join(', ')}, got ${describeValue(value)}` };
}

function checkBoolean(value: unknown): Check<boolean> {
  return typeof value === 'boolean'
    ? { ok: true, value }
    : { ok: false, problem: `expected true or false, got ${describeValue(value)}` };
}

function checkHttpsUrl(value: unknown): Check<string> {
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

function checkScopes(value: unknown, pattern: RegExp, minCount: number): Check<string[]> {
  if (!Array.isArray(value))
    return { ok: false, problem: `expected a list of scope ids, got ${describeType(value)}` };
  const scopes: string[] = [];
  for (const item of value) {
    if (typeof item !== 'string' || !pattern.test(item)) {
      return { ok: false, problem: `${describeValue(item)} is not a valid scope id` };
    }
    if (!scopes.includes(item)) scopes.push(item);
  }
  if (scopes.length < minCount) return { ok: false, problem: 'needs at least one scope' };
  return { ok: true, value: scopes };
}

function checkFeatures(value: unknown): Check<Record<string, boolean>> {
  if (!isPlainObject(value))
    return { ok: false, problem: `expected an object of feature → true/false, got ${describeType(value)}` };
  const features: Record<string, boolean> = {};
  for (const [key, enabled] of Object.entries(value)) {
    if (!FEATURE_ID_PATTERN.test(key))
      return { ok: false, problem: `${JSON.stringify(key)} is not a feature id` };
    if (typeof enabled !== 'boolean') return { ok: false, problem: `feature ${key} must be true or false` };
    features[key] = enabled;
  }
  return { ok: true, value: features };
}

function readFeaturesLeniently(raw: Record<string, unknown>, problems: string[]): Record<string, boolean> {
  const features: Record<string, boolean> = {};
  for (const [key, enabled] of Object.entries(raw)) {
    if (FEATURE_ID_PATTERN.test(key) && typeof enabled === 'boolean') features[key] = enabled;
    else problems.push(`Setting features: dropped the unreadable entry ${JSON.stringify(key)}.`);
  }
  return features;
}

function copyDefaults(): Settings {
  return { ...DEFAULT_SETTINGS, leadTimesDays: [...DEFAULT_SETTINGS.leadTimesDays], features: {} };
}

function resetToDefault(settings: Settings, key: SettingKey, defaults: Readonly<Settings>): void {
  const value = defaults[key];
  assign(settings, key, Array.isArray(value) ? [...value] : typeof value === 'object' ? { ...value } : value);
}

function assign<K extends SettingKey>(settings: Settings, key: K, value: Settings[K]): void {
  settings[key] = value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'a list' : typeof value;
}

// Safe for any value: `String(x)` throws for objects without a prototype.
function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return describeType(value);
}
