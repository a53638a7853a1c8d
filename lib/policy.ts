// The organisation policy (storage.managed, declared in public/managed-schema.json) and how it
// overrides the user's settings. Nothing here throws on bad input: a malformed policy loses only
// its bad fields. The rules each setting's value follows are in lib/setting-checks.ts.
//
// Override rule (the issue: "managed values override and lock the user's"):
// - every setting the policy gives a value (leadTimesDays, labelPattern, usernameMode) replaces
//   the user's and is locked;
// - `locked` also names settings the policy gives no value: those are held at their defaults
//   (built-in, or platform-aware ones from the caller) and locked, so an organisation can pin
//   e.g. `features` without restating them;
// - `maxExpiryDays` caps `defaultExpiryDays` (managed, but the user may still pick less).

import { mergePresets, type Preset } from './presets';
import { isClassicScope } from './scopes';
import { redactSecrets } from './secrets';
import {
  type Check,
  checkBoolean,
  checkHttpsUrl,
  checkInteger,
  checkLeadTimes,
  checkScopes,
  checkText,
  LIMITS,
  resetToDefault,
  SETTING_CHECKS,
} from './setting-checks';
import {
  DEFAULT_SETTINGS,
  SETTING_KEYS,
  type SettingKey,
  type Settings,
  type UsernameMode,
} from './settings';
import { isPresetId } from './token-links';
import { describeType, describeValue, isRecord } from './values';

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

/**
 * `read:repository:bitbucket`; also the account scopes `read:account`, `read:me`
 * (docs/evidence/scopes.md#non-bitbucket). Not `manage:org`, though the picker lists it: no git
 * credential needs to manage an organisation, so no policy preset may ask for it.
 */
export const API_TOKEN_SCOPE_PATTERN = /^(?:[a-z]+:[a-z][a-z-]*:bitbucket|read:account|read:me)$/;
/**
 * `repository`, `repository:write`, `pipeline:variable`: the schema's check. Parsing takes only a
 * scope Bitbucket has (`isClassicScope`): `constructor` fits the pattern and is no scope.
 */
export const CLASSIC_SCOPE_PATTERN = /^[a-z]+(?::[a-z]+)?$/;
const isPolicyApiTokenScope = (id: string) => API_TOKEN_SCOPE_PATTERN.test(id);

export function parsePolicy(raw: unknown): { policy: Policy; problems: string[] } {
  const policy: Policy = {};
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { policy, problems };
  if (!isRecord(raw)) {
    problems.push(`The policy is not an object (${describeType(raw)}); it was ignored.`);
    return { policy, problems };
  }
  for (const key of Object.keys(raw)) {
    if (!(POLICY_KEYS as readonly string[]).includes(key))
      problems.push(`Unknown policy key ${describeValue(key)} ignored.`);
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
  if (!isRecord(raw)) return { problems: [`not an object (${describeType(raw)})`] };
  for (const key of Object.keys(raw)) {
    if (!(PRESET_KEYS as readonly string[]).includes(key))
      problems.push(`unknown key ${describeValue(key)} ignored`);
  }
  const id = raw.id;
  if (!isPresetId(id)) {
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
  const apiToken = checkScopes(raw.apiToken, isPolicyApiTokenScope, 1);
  if (!apiToken.ok) return { problems: [...problems, `apiToken ${apiToken.problem}`] };
  const preset: PolicyPreset = { id, name: name.value, rationale, apiToken: apiToken.value };
  if (raw.classic !== undefined) {
    const classic = checkScopes(raw.classic, isClassicScope, 0);
    if (!classic.ok) return { problems: [...problems, `classic ${classic.problem}`] };
    preset.classic = classic.value;
  }
  return { preset, problems };
}

/** Policy presets in the catalogue's shape: `classic` scopes are what access-token forms tick. */
function presetsFromPolicy(policy: Policy): Preset[] {
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
