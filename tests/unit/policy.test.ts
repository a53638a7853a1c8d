import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  API_TOKEN_SCOPE_PATTERN,
  CLASSIC_SCOPE_PATTERN,
  effectivePresets,
  effectiveSettings,
  POLICY_KEYS,
  type Policy,
  PRESET_KEYS,
  parsePolicy,
  REQUIRED_PRESET_KEYS,
  validatePolicyPreset,
} from '../../lib/policy';
import { BUILT_IN_PRESETS, checkClassicSelection, matchPreset } from '../../lib/presets';
import { CLASSIC_SCOPES } from '../../lib/scopes';
import { sanitizeSettings } from '../../lib/setting-checks';
import { DEFAULT_SETTINGS, SETTING_KEYS, type Settings, USERNAME_MODES } from '../../lib/settings';
import { exportSettings, parseSettingsImport, SETTINGS_EXPORT_FORMAT } from '../../lib/settings-transfer';
import { apiTokenLink, PRESET_ID_PATTERN, presetFromHash } from '../../lib/token-links';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const schema = JSON.parse(readFileSync(join(root, 'public', 'managed-schema.json'), 'utf8')) as SchemaNode;

interface SchemaNode {
  type: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  enum?: unknown[];
  required?: string[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  [key: string]: unknown;
}

const PUSH_PRESET = {
  id: 'corp-push',
  name: 'Corporate push',
  rationale: 'Clone and push, nothing else.',
  apiToken: ['read:repository:bitbucket', 'write:repository:bitbucket'],
  classic: ['repository:write'],
};

const FULL_POLICY = {
  presets: [PUSH_PRESET],
  replacePresets: false,
  maxExpiryDays: 30,
  leadTimesDays: [14, 3, 0],
  labelPattern: 'corp-{preset}-{device}',
  usernameMode: 'static',
  helpUrl: 'https://wiki.example.com/git/bitbucket',
  locked: ['shell', 'features'],
};

function user(overrides: Partial<Settings> = {}): Settings {
  return {
    ...DEFAULT_SETTINGS,
    leadTimesDays: [60, 1],
    deviceName: 'laptop',
    shell: 'fish',
    features: { 'token-reminders': false },
    defaultExpiryDays: 120,
    ...overrides,
  };
}

describe('parsePolicy', () => {
  it('accepts a complete, valid policy unchanged and without problems', () => {
    const { policy, problems } = parsePolicy(FULL_POLICY);
    expect(problems).toEqual([]);
    expect(policy).toEqual({ ...FULL_POLICY, helpUrl: 'https://wiki.example.com/git/bitbucket' });
  });

  it.each([
    [undefined, 0],
    [null, 0],
    [{}, 0],
    ['a string', 1],
    [42, 1],
    [[FULL_POLICY], 1],
  ])('%j → empty policy with %i problem(s)', (raw, problemCount) => {
    const { policy, problems } = parsePolicy(raw);
    expect(policy).toEqual({});
    expect(problems).toHaveLength(problemCount);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'maxExpiryDays out of range',
      { maxExpiryDays: 400 },
      /maxExpiryDays: expected a whole number 1–365, got 400/,
    ],
    [
      'maxExpiryDays not a number',
      { maxExpiryDays: '30' },
      /maxExpiryDays: expected a whole number 1–365, got "30"/,
    ],
    [
      'leadTimesDays negative',
      { leadTimesDays: [7, -1] },
      /leadTimesDays: lead times must be whole days 0–365/,
    ],
    ['leadTimesDays not a list', { leadTimesDays: 7 }, /leadTimesDays: expected a list of days, got number/],
    [
      'leadTimesDays too many',
      { leadTimesDays: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] },
      /at most 10 lead times/,
    ],
    ['labelPattern empty', { labelPattern: '  ' }, /labelPattern: must not be empty/],
    [
      'labelPattern with a newline',
      { labelPattern: 'a\nb' },
      /labelPattern: must not contain control characters/,
    ],
    [
      'labelPattern with a typo',
      { labelPattern: '{preset}@{devise}' },
      /labelPattern: unknown placeholder \{devise\}/,
    ],
    [
      'usernameMode unknown',
      { usernameMode: 'email' },
      /usernameMode: expected one of username, static, got "email"/,
    ],
    ['helpUrl over http', { helpUrl: 'http://wiki.example.com' }, /helpUrl: only https URLs are allowed/],
    ['helpUrl javascript', { helpUrl: 'javascript:alert(1)' }, /helpUrl: only https URLs are allowed/],
    ['helpUrl not a URL', { helpUrl: 'wiki' }, /helpUrl: not a valid URL/],
    ['replacePresets not boolean', { replacePresets: 'yes' }, /replacePresets: expected true or false/],
    ['locked not a list', { locked: 'shell' }, /locked: expected a list of setting names/],
    ['unknown key', { maxExpiry: 30 }, /Unknown policy key "maxExpiry" ignored/],
  ])('%s: dropped with a problem, the rest still applies', (_label, bad, problem) => {
    const { policy, problems } = parsePolicy({ ...FULL_POLICY, ...bad });
    expect(problems.join('\n')).toMatch(problem);
    expect(problems).toHaveLength(1);
    for (const key of Object.keys(bad)) expect(policy).not.toHaveProperty(key);
    expect(policy.presets).toEqual([PUSH_PRESET]);
  });

  it('keeps the valid locked keys and drops the others', () => {
    const { policy, problems } = parsePolicy({ locked: ['shell', 'nope', 7, 'shell', 'helper'] });
    expect(policy.locked).toEqual(['shell', 'helper']);
    expect(problems).toHaveLength(2);
  });

  it('normalises lead times: duplicates removed, longest first', () => {
    expect(parsePolicy({ leadTimesDays: [0, 7, 30, 7] }).policy.leadTimesDays).toEqual([30, 7, 0]);
  });

  it('ignores replacePresets when there is nothing to replace with', () => {
    const { policy, problems } = parsePolicy({ replacePresets: true, presets: [{ id: 'BAD' }] });
    expect(policy).toEqual({ presets: [] });
    expect(problems.join('\n')).toMatch(/replacePresets: no valid presets/);
  });

  it('drops bad presets one by one', () => {
    const { policy, problems } = parsePolicy({
      presets: [
        PUSH_PRESET,
        { ...PUSH_PRESET, id: 'Upper_Case' },
        { ...PUSH_PRESET, id: 'dup-free', apiToken: ['read:repository'] },
        { ...PUSH_PRESET, id: 'corp-push' },
        { id: 'minimal', name: 'Minimal', apiToken: ['read:repository:bitbucket'] },
        'not a preset',
      ],
    });
    expect(policy.presets?.map((preset) => preset.id)).toEqual(['corp-push', 'minimal']);
    expect(policy.presets?.[1]).toEqual({
      id: 'minimal',
      name: 'Minimal',
      rationale: '',
      apiToken: ['read:repository:bitbucket'],
    });
    expect(problems.join('\n')).toMatch(/presets\[1\]: id must be/);
    expect(problems.join('\n')).toMatch(/presets\[2\]: apiToken "read:repository" is not a valid scope id/);
    expect(problems.join('\n')).toMatch(/presets\[3\] \(corp-push\): duplicate id/);
    expect(problems.join('\n')).toMatch(/presets\[4\] \(minimal\): rationale missing/);
    expect(problems.join('\n')).toMatch(/presets\[5\]: not an object/);
  });

  it('never throws and only ever keeps known keys', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.record({ presets: fc.anything(), locked: fc.anything(), leadTimesDays: fc.anything() }),
        ),
        (raw) => {
          const { policy, problems } = parsePolicy(raw);
          for (const key of Object.keys(policy)) expect(POLICY_KEYS).toContain(key);
          expect(Array.isArray(problems)).toBe(true);
          // Whatever survived is itself a valid policy.
          expect(parsePolicy(JSON.parse(JSON.stringify(policy))).problems).toEqual([]);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('validatePolicyPreset', () => {
  it.each([
    ['read:repository:bitbucket', true],
    ['admin:pipeline:bitbucket', true],
    ['read:ssh-key:bitbucket', true],
    ['read:account', true],
    ['read:me', true],
    ['read:jira-work', false],
    ['repository:write', false],
    ['READ:repository:bitbucket', false],
    ['read:repository:bitbucket ', false],
  ])('API-token scope %j valid: %s', (scope, valid) => {
    expect(API_TOKEN_SCOPE_PATTERN.test(scope)).toBe(valid);
    expect(validatePolicyPreset({ ...PUSH_PRESET, apiToken: [scope] }).preset !== undefined).toBe(valid);
  });

  it.each([
    ['repository', true],
    ['repository:write', true],
    ['pipeline:variable', true],
    ['read:repository:bitbucket', false],
    ['repo write', false],
  ])('classic scope %j valid: %s', (scope, valid) => {
    expect(CLASSIC_SCOPE_PATTERN.test(scope)).toBe(valid);
  });

  it('every classic scope Bitbucket has fits the schema pattern', () => {
    for (const scope of CLASSIC_SCOPES) expect(CLASSIC_SCOPE_PATTERN.test(scope), scope).toBe(true);
  });

  // Each fits CLASSIC_SCOPE_PATTERN (the schema's), so only the catalogue can refuse it.
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'repository:read'])(
    'a preset with the classic scope %j is dropped, naming it, and nothing downstream crashes',
    (scope) => {
      const evil = {
        id: 'evil',
        name: 'Evil',
        rationale: 'x',
        apiToken: ['read:repository:bitbucket'],
        classic: ['repository', scope],
      };
      const { policy, problems } = parsePolicy({ presets: [PUSH_PRESET, evil] });
      expect(policy.presets?.map((preset) => preset.id)).toEqual(['corp-push']);
      expect(problems).toEqual([
        `Policy presets[1]: classic ${JSON.stringify(scope)} is not a valid scope id.`,
        'Policy presets[1]: dropped.',
      ]);
      const presets = effectivePresets(policy);
      expect(() => checkClassicSelection('access-token', ['repository'], { presets })).not.toThrow();
      expect(matchPreset(presets, 'access-token', ['repository:write'])?.id).toBe('git-push');
    },
  );

  it('needs at least one API-token scope and deduplicates', () => {
    expect(validatePolicyPreset({ ...PUSH_PRESET, apiToken: [] }).preset).toBeUndefined();
    expect(
      validatePolicyPreset({ ...PUSH_PRESET, apiToken: ['read:me', 'read:me'] }).preset?.apiToken,
    ).toEqual(['read:me']);
  });
});

describe('effectivePresets', () => {
  it('adds policy presets to the built-ins, marked as the organisation', () => {
    const presets = effectivePresets(parsePolicy({ presets: [PUSH_PRESET] }).policy);
    expect(presets.map((preset) => preset.id)).toEqual([
      ...BUILT_IN_PRESETS.map((preset) => preset.id),
      'corp-push',
    ]);
    expect(presets.at(-1)).toEqual({
      id: 'corp-push',
      name: 'Corporate push',
      rationale: 'Clone and push, nothing else.',
      apiToken: ['read:repository:bitbucket', 'write:repository:bitbucket'],
      accessToken: ['repository:write'],
      source: 'organisation',
    });
  });

  it('a policy preset with a built-in id replaces it', () => {
    const policy = parsePolicy({ presets: [{ ...PUSH_PRESET, id: 'git-push', name: 'Our push' }] }).policy;
    const presets = effectivePresets(policy);
    expect(presets.filter((preset) => preset.id === 'git-push').map((preset) => preset.name)).toEqual([
      'Our push',
    ]);
    expect(presets).toHaveLength(BUILT_IN_PRESETS.length);
  });

  it('offers only the policy presets with replacePresets', () => {
    const policy = parsePolicy({ presets: [PUSH_PRESET], replacePresets: true }).policy;
    expect(effectivePresets(policy).map((preset) => preset.id)).toEqual(['corp-push']);
  });

  it('keeps the built-ins without a policy', () => {
    expect(effectivePresets({}).map((preset) => preset.id)).toEqual(
      BUILT_IN_PRESETS.map((preset) => preset.id),
    );
  });

  it('every policy preset id survives the #bbah-preset= fragment', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9-]{1,40}$/), (id) => {
        const preset = validatePolicyPreset({ ...PUSH_PRESET, id }).preset;
        expect(preset && presetFromHash(new URL(apiTokenLink(preset.id, 30)).hash)).toBe(id);
      }),
    );
    expect(validatePolicyPreset({ ...PUSH_PRESET, id: 'x'.repeat(41) }).preset).toBeUndefined();
  });
});

describe('effectiveSettings', () => {
  it('without a policy the user settings stand and nothing is locked', () => {
    const result = effectiveSettings(user(), {});
    expect(result.settings).toEqual(user());
    expect(result.lockedKeys.size).toBe(0);
    expect(result.managedKeys.size).toBe(0);
    expect(result.maxExpiryDays).toBe(365);
  });

  it('policy values override and lock; locked-only keys go back to the defaults', () => {
    const { policy } = parsePolicy(FULL_POLICY);
    const result = effectiveSettings(user(), policy);
    expect(result.settings).toEqual({
      ...user(),
      leadTimesDays: [14, 3, 0],
      labelPattern: 'corp-{preset}-{device}',
      usernameMode: 'static',
      shell: 'bash',
      features: {},
      defaultExpiryDays: 30,
    });
    expect([...result.lockedKeys].sort()).toEqual([
      'features',
      'labelPattern',
      'leadTimesDays',
      'shell',
      'usernameMode',
    ]);
    expect([...result.managedKeys].sort()).toEqual([
      'defaultExpiryDays',
      'features',
      'labelPattern',
      'leadTimesDays',
      'shell',
      'usernameMode',
    ]);
    expect(result.maxExpiryDays).toBe(30);
    expect(result.helpUrl).toBe('https://wiki.example.com/git/bitbucket');
  });

  it('locked settings without a policy value fall back to the defaults the caller passes', () => {
    const windows = { ...DEFAULT_SETTINGS, shell: 'powershell' as const, helper: 'gcm-windows' as const };
    const result = effectiveSettings(
      user({ shell: 'fish', helper: 'store' }),
      { locked: ['shell', 'helper'] },
      windows,
    );
    expect([result.settings.shell, result.settings.helper]).toEqual(['powershell', 'gcm-windows']);
  });

  it('maxExpiryDays only caps: a shorter user choice stays', () => {
    expect(
      effectiveSettings(user({ defaultExpiryDays: 14 }), { maxExpiryDays: 30 }).settings.defaultExpiryDays,
    ).toBe(14);
    const locked = effectiveSettings(user({ defaultExpiryDays: 14 }), {
      maxExpiryDays: 30,
      locked: ['defaultExpiryDays'],
    });
    expect(locked.settings.defaultExpiryDays).toBe(30);
    expect(locked.lockedKeys.has('defaultExpiryDays')).toBe(true);
  });

  it('does not let the result share arrays or objects with the input', () => {
    const input = user();
    const result = effectiveSettings(input, {});
    result.settings.leadTimesDays.push(99);
    result.settings.features.x = true;
    expect(input.leadTimesDays).toEqual([60, 1]);
    expect(input.features).toEqual({ 'token-reminders': false });
  });
});

describe('settings import, export, storage', () => {
  it('exports pretty JSON that imports back to the same settings', () => {
    const settings = user({ helper: 'gcm-macos', usernameMode: 'static' });
    const json = exportSettings(settings);
    expect(json).toMatch(/^\{\n {2}"format": "bitbucket-auth-helper\/settings",\n {2}"version": 1,/);
    expect(parseSettingsImport(json)).toEqual({ ok: true, settings });
  });

  it('accepts a bare settings object and fills the rest with defaults', () => {
    expect(parseSettingsImport('{"shell":"zsh"}')).toEqual({
      ok: true,
      settings: { ...DEFAULT_SETTINGS, shell: 'zsh' },
    });
  });

  it.each<[string, string, RegExp]>([
    ['not JSON', '{"shell":', /^Not valid JSON/],
    ['a list', '[1,2]', /Expected a JSON object/],
    ['another format', '{"format":"other","settings":{}}', /Unknown format "other"/],
    ['a typo', '{"leadTimeDays":[7]}', /Unknown setting "leadTimeDays"/],
    [
      'a bad shell',
      '{"shell":"tcsh"}',
      /shell: expected one of bash, zsh, fish, powershell, cmd, got "tcsh"/,
    ],
    ['a bad helper', '{"helper":"keychain"}', /helper: expected one of any, gcm-windows/],
    [
      'a bad feature',
      '{"features":{"Token Reminders":true}}',
      /features: "Token Reminders" is not a feature id/,
    ],
    [
      'a feature not boolean',
      '{"features":{"reminders":"on"}}',
      /features: feature reminders must be true or false/,
    ],
    ['expiry over a year', '{"defaultExpiryDays":400}', /defaultExpiryDays: expected a whole number 1–365/],
    [
      'a newer export',
      '{"format":"bitbucket-auth-helper/settings","version":2,"settings":{}}',
      /Unsupported export version 2/,
    ],
  ])('rejects %s with a clear error', (_label, json, error) => {
    const result = parseSettingsImport(json);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toMatch(error);
  });

  it('lists every problem at once', () => {
    const result = parseSettingsImport('{"shell":"tcsh","helper":"x","unusedDays":0,"extra":1}');
    expect(result.ok ? [] : result.errors).toHaveLength(4);
  });

  it('rejects oversized input', () => {
    expect(parseSettingsImport(`{"deviceName":"${'x'.repeat(200_000)}"}`).ok).toBe(false);
  });

  it('import never throws', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.anything().map((value) => JSON.stringify(value) ?? ''),
        ),
        (json) => {
          const result = parseSettingsImport(json);
          expect(typeof result.ok).toBe('boolean');
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('reads stored settings leniently, field by field', () => {
    const { settings, problems } = sanitizeSettings({
      leadTimesDays: [7, 'x'],
      shell: 'zsh',
      features: { good: true, 'Bad Key': true, other: 'yes' },
      unknownKey: 1,
    });
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, shell: 'zsh', features: { good: true } });
    expect(problems).toHaveLength(3);
  });

  it('stored settings: any garbage gives valid settings', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const { settings } = sanitizeSettings(raw);
        expect(parseSettingsImport(exportSettings(settings))).toEqual({ ok: true, settings });
      }),
      { numRuns: 1000 },
    );
  });

  it('the defaults are valid settings', () => {
    expect(parseSettingsImport(exportSettings({ ...DEFAULT_SETTINGS }))).toEqual({
      ok: true,
      settings: DEFAULT_SETTINGS,
    });
  });
});

describe('no message quotes the start of a token', () => {
  // A value that starts like a token but is too short for redactSecrets' shapes (six characters
  // after the prefix), or is cut short by the JSON engine's own quote (`"ATATT3xFfG"...`).
  const tokenStart = fc
    .tuple(fc.constantFrom('ATATT', 'ATATT3x', 'ATCTT', 'ATBB'), fc.stringMatching(/^[A-Za-z0-9]{1,30}$/))
    .map(([prefix, tail]) => `${prefix}${tail}`);
  const messagesAbout = (value: string): string[] => {
    const imported = (json: string) => {
      const result = parseSettingsImport(json);
      return result.ok ? [] : result.errors;
    };
    const json = (data: unknown) => imported(JSON.stringify(data));
    const policy = (raw: unknown) => parsePolicy(raw).problems;
    return [
      ...imported(value),
      ...imported(`${value}\n{"shell":"zsh"}`),
      ...imported(`{"shell": ${value}}`),
      ...json({ [value]: 1 }),
      ...json({ shell: value, helper: value, unusedDays: value, features: { [value]: true } }),
      ...json({ format: value, settings: {} }),
      ...json({ format: SETTINGS_EXPORT_FORMAT, version: value, settings: {}, [value]: 1 }),
      ...json({ format: SETTINGS_EXPORT_FORMAT, version: value, settings: value }),
      ...json({ labelPattern: `{preset} {${value}}` }),
      ...policy({ [value]: 1, locked: [value], usernameMode: value, maxExpiryDays: value }),
      ...policy({ presets: [{ ...PUSH_PRESET, [value]: 1 }] }),
      ...policy({ presets: [{ ...PUSH_PRESET, classic: [value] }] }),
      ...policy({ presets: [{ ...PUSH_PRESET, apiToken: [value] }] }),
      ...sanitizeSettings({ shell: value, features: { [value]: true } }).problems,
    ];
  };

  it('the messages name what was wrong, with the value redacted (property)', () => {
    fc.assert(
      fc.property(tokenStart, (value) => {
        const messages = messagesAbout(value);
        expect(messages.length).toBeGreaterThan(10);
        // The prefix may stay, as `ATBB***`; nothing after it.
        expect(messages.join('\n').replace(/(?:ATATT3x|ATATT|ATCTT|ATBB)\*\*\*/g, '')).not.toMatch(
          /ATATT|ATCTT|ATBB/,
        );
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['ATATT3xFfGF0T4kYqLmzQxP2wE9r', 'Not valid JSON.'],
    ['{"shell": "zsh"', 'Not valid JSON: it ends too early.'],
    ['{"shell": "zsh"}\n{', 'Not valid JSON at line 2, column 1.'],
  ])('a file that is not JSON: %j → %j, without the engine quoting the text', (text, error) => {
    expect(parseSettingsImport(text)).toEqual({ ok: false, errors: [error] });
  });

  it('an unknown setting named like a token is still named, redacted', () => {
    expect(parseSettingsImport('{"ATBBab": 1, "shell": "ATBBabc"}')).toEqual({
      ok: false,
      errors: [
        'Unknown setting "ATBB***".',
        'shell: expected one of bash, zsh, fish, powershell, cmd, got "ATBB***".',
      ],
    });
  });
});

describe('public/managed-schema.json', () => {
  const properties = schema.properties ?? {};
  const presetSchema = properties.presets?.items;

  it('declares exactly the keys parsePolicy accepts', () => {
    expect(Object.keys(properties).sort()).toEqual([...POLICY_KEYS].sort());
    expect(Object.keys(presetSchema?.properties ?? {}).sort()).toEqual([...PRESET_KEYS].sort());
    expect(presetSchema?.required).toEqual([...REQUIRED_PRESET_KEYS]);
  });

  it('agrees with parsePolicy on enums, ranges and patterns', () => {
    expect(properties.usernameMode?.enum).toEqual([...USERNAME_MODES]);
    expect(properties.locked?.items?.enum).toEqual([...SETTING_KEYS]);
    expect([properties.maxExpiryDays?.minimum, properties.maxExpiryDays?.maximum]).toEqual([1, 365]);
    expect([properties.leadTimesDays?.items?.minimum, properties.leadTimesDays?.items?.maximum]).toEqual([
      0, 365,
    ]);
    expect(presetSchema?.properties?.id?.pattern).toBe(PRESET_ID_PATTERN.source);
    expect(presetSchema?.properties?.apiToken?.items?.pattern).toBe(API_TOKEN_SCOPE_PATTERN.source);
    expect(presetSchema?.properties?.classic?.items?.pattern).toBe(CLASSIC_SCOPE_PATTERN.source);
  });

  it('types every policy key the way parsePolicy reads it', () => {
    const sample: Policy = parsePolicy(FULL_POLICY).policy;
    for (const [key, value] of Object.entries(sample)) {
      expect(matchesSchema(value, properties[key] as SchemaNode), key).toBe(true);
    }
  });

  // Chrome refuses to load an extension whose schema uses an attribute its dialect lacks
  // (components/policy/core/common/schema.cc, kAttributesAndTypesFor*).
  it("uses only Chrome's schema dialect", () => {
    const allowed: Record<string, string[]> = {
      array: ['description', 'id', 'items', 'sensitiveValue', 'title', 'type'],
      boolean: ['description', 'id', 'sensitiveValue', 'title', 'type'],
      integer: ['description', 'enum', 'id', 'maximum', 'minimum', 'sensitiveValue', 'title', 'type'],
      number: ['description', 'id', 'sensitiveValue', 'title', 'type'],
      object: [
        'additionalProperties',
        'description',
        'id',
        'patternProperties',
        'properties',
        'required',
        'sensitiveValue',
        'title',
        'type',
      ],
      string: ['description', 'enum', 'id', 'pattern', 'sensitiveValue', 'title', 'type'],
    };
    const visit = (node: SchemaNode, path: string) => {
      const attributes = allowed[node.type];
      expect(attributes, `${path}: type ${node.type}`).toBeDefined();
      for (const key of Object.keys(node)) expect(attributes, `${path}.${key}`).toContain(key);
      if (node.enum) expect(node.enum.length, `${path}.enum`).toBeGreaterThan(0);
      if (node.minimum !== undefined && node.maximum !== undefined)
        expect(node.minimum).toBeLessThanOrEqual(node.maximum);
      for (const [name, child] of Object.entries(node.properties ?? {})) visit(child, `${path}.${name}`);
      if (node.items) visit(node.items, `${path}[]`);
    };
    expect(schema.type).toBe('object');
    expect(schema).not.toHaveProperty('additionalProperties');
    visit(schema, 'schema');
  });
});

function matchesSchema(value: unknown, node: SchemaNode): boolean {
  switch (node.type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return (
        Number.isInteger(value) &&
        (node.minimum === undefined || (value as number) >= node.minimum) &&
        (node.maximum === undefined || (value as number) <= node.maximum)
      );
    case 'string':
      return (
        typeof value === 'string' &&
        (node.enum === undefined || node.enum.includes(value)) &&
        (node.pattern === undefined || new RegExp(node.pattern).test(value))
      );
    case 'array':
      return (
        Array.isArray(value) &&
        value.every((item) => node.items !== undefined && matchesSchema(item, node.items))
      );
    case 'object':
      return (
        typeof value === 'object' &&
        value !== null &&
        (node.required ?? []).every((key) => key in value) &&
        Object.entries(value).every(([key, item]) => {
          const child = node.properties?.[key];
          return child !== undefined && matchesSchema(item, child);
        })
      );
    default:
      return false;
  }
}
