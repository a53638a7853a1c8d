import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_PRESETS,
  checkApiTokenSelection,
  checkClassicSelection,
  matchPreset,
  mergePresets,
  type Preset,
  presetsFor,
  scopesFor,
} from '../../lib/presets';
import {
  CLASSIC_SCOPES,
  closeClassic,
  isClassicScope,
  isModernBitbucketScope,
  MODERN_SCOPES,
} from '../../lib/scopes';

// The presets issue's table, copied by hand: the catalogue must match it exactly.
const TABLE: Record<string, { name: string; api: string[]; classic?: string[]; appPassword?: string[] }> = {
  'git-read': { name: 'Git clone (read-only)', api: ['read:repository'], classic: ['repository'] },
  'git-push': {
    name: 'Git push',
    api: ['read:repository', 'write:repository'],
    classic: ['repository:write'],
  },
  'git-ide': {
    name: 'Git Credential Manager / IDE',
    api: ['read:repository', 'write:repository', 'read:user'],
    classic: ['repository:write'],
    appPassword: ['repository:write', 'account'],
  },
  sourcetree: {
    name: 'Sourcetree',
    api: [
      'read:user',
      'read:workspace',
      'read:repository',
      'write:repository',
      'read:pullrequest',
      'write:pullrequest',
    ],
  },
  'pr-bot': {
    name: 'Pull-request bot',
    api: ['read:repository', 'read:pullrequest', 'write:pullrequest'],
    classic: ['pullrequest:write'],
  },
  'ci-read': {
    name: 'CI read-only',
    api: ['read:repository', 'read:pipeline'],
    classic: ['repository', 'pipeline'],
  },
  pipelines: {
    name: 'Pipelines operator',
    api: ['read:repository', 'read:pipeline', 'write:pipeline'],
    classic: ['repository', 'pipeline:write'],
  },
};

describe('built-in presets match the normative table', () => {
  it('has exactly the table ids, in order', () => {
    expect(BUILT_IN_PRESETS.map((p) => p.id)).toEqual(Object.keys(TABLE));
  });

  it.each(Object.entries(TABLE))('%s', (id, row) => {
    const preset = BUILT_IN_PRESETS.find((p) => p.id === id) as Preset;
    expect(preset.name).toBe(row.name);
    expect([...(scopesFor(preset, 'api-token') ?? [])].sort()).toEqual(
      row.api.map((s) => `${s}:bitbucket`).sort(),
    );
    expect(scopesFor(preset, 'access-token')).toEqual(row.classic);
    expect(scopesFor(preset, 'app-password')).toEqual(row.appPassword ?? row.classic);
    expect(preset.rationale).toMatch(/\.$/);
    for (const s of preset.apiToken) expect(isModernBitbucketScope(s)).toBe(true);
    for (const s of preset.accessToken ?? []) expect(CLASSIC_SCOPES).toContain(s);
  });

  it('every API-token preset selects read for each resource it writes (no write-without-read trap)', () => {
    for (const p of BUILT_IN_PRESETS)
      expect(checkApiTokenSelection(p.apiToken, { app: 'Bitbucket' })).toEqual([]);
  });

  it('the pipelines rationale says why variables are left out', () => {
    expect(BUILT_IN_PRESETS.find((p) => p.id === 'pipelines')?.rationale).toMatch(
      /admin:pipeline.*pipeline:variable/,
    );
  });

  it('Sourcetree is not offered for access tokens or app passwords', () => {
    expect(presetsFor(BUILT_IN_PRESETS, 'access-token').map((p) => p.id)).not.toContain('sourcetree');
    expect(presetsFor(BUILT_IN_PRESETS, 'app-password').map((p) => p.id)).not.toContain('sourcetree');
  });
});

describe('scope catalogue', () => {
  it('modern ids are action:resource:bitbucket and unique', () => {
    const ids = MODERN_SCOPES.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(read|write|admin|delete):[a-z-]+:bitbucket$/);
    expect(ids).toContain('read:repository:bitbucket');
    expect(ids).toContain('admin:pipeline:bitbucket');
  });

  it.each([
    [['repository:write'], ['repository', 'repository:write']],
    [['pullrequest:write'], ['pullrequest', 'pullrequest:write', 'repository', 'repository:write']],
    [['pipeline:variable'], ['pipeline', 'pipeline:variable', 'pipeline:write']],
    [['pullrequest'], ['pullrequest', 'repository']],
    [['webhook'], ['webhook']],
  ])('classic %j closes to %j (write implies read)', (given, closed) => {
    expect([...closeClassic(given)].sort()).toEqual(closed.sort());
  });

  // A policy or a page may name any string: the implications table is no Object.prototype.
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    '%s is no classic scope and implies nothing',
    (name) => {
      expect(isClassicScope(name)).toBe(false);
      expect([...closeClassic([name, 'repository:write'])].sort()).toEqual(
        [name, 'repository', 'repository:write'].sort(),
      );
    },
  );
});

describe('checkApiTokenSelection and checkClassicSelection: the traps', () => {
  it.each([
    [['write:repository:bitbucket'], ['write-without-read']],
    [['admin:repository:bitbucket', 'read:repository:bitbucket'], []],
    [['delete:repository:bitbucket', 'write:pullrequest:bitbucket'], ['write-without-read']],
    [[], ['no-bitbucket-scope']],
    [['read:account', 'read:me'], ['no-bitbucket-scope']],
    [['manage:org', 'read:me'], ['no-bitbucket-scope']],
    [['read:repository:bitbucket'], []],
    [MODERN_SCOPES.map((s) => s.id), ['too-broad']],
  ])('api-token %j → %j', (selected, ids) => {
    expect(checkApiTokenSelection(selected, { app: 'Bitbucket' }).map((w) => w.id)).toEqual(ids);
  });

  it('names the missing read scopes', () => {
    const [w] = checkApiTokenSelection(['write:repository:bitbucket', 'write:pipeline:bitbucket']);
    expect(w?.message).toContain('read:repository:bitbucket, read:pipeline:bitbucket');
  });

  it('another app than Bitbucket', () => {
    expect(checkApiTokenSelection(['read:jira-work'], { app: 'Jira' }).map((w) => w.id)).toEqual([
      'not-bitbucket-app',
      'no-bitbucket-scope',
    ]);
  });

  it.each([
    [[], ['no-bitbucket-scope']],
    [['repository:write'], []],
    [['repository', 'pipeline:write'], []],
    [
      CLASSIC_SCOPES.filter((s) => !['email', 'account', 'account:write', 'team', 'team:write'].includes(s)),
      ['too-broad'],
    ],
  ])('access-token %j → %j', (selected, ids) => {
    expect(checkClassicSelection('access-token', selected).map((w) => w.id)).toEqual(ids);
  });
});

describe('organisation presets', () => {
  const org: Preset = {
    id: 'deploy',
    name: 'Deploy bot',
    rationale: 'Ours.',
    apiToken: ['read:repository:bitbucket'],
  };
  it('extend the built-ins, and replace one with the same id', () => {
    const merged = mergePresets([org, { ...org, id: 'git-read', name: 'Our clone' }], false);
    expect(merged.map((p) => p.id)).toEqual([
      'git-push',
      'git-ide',
      'sourcetree',
      'pr-bot',
      'ci-read',
      'pipelines',
      'deploy',
      'git-read',
    ]);
    expect(merged.find((p) => p.id === 'git-read')?.source).toBe('organisation');
  });
  it('replace them all when asked', () => {
    expect(mergePresets([org], true).map((p) => p.id)).toEqual(['deploy']);
    expect(mergePresets([], true).length).toBe(BUILT_IN_PRESETS.length);
  });
});

describe('matchPreset: the API token that replaces an app password', () => {
  it.each([
    [['repository'], 'git-read'],
    [['repository:write', 'repository'], 'git-push'],
    [['repository:write', 'account'], 'git-ide'],
    [['pullrequest:write'], 'pr-bot'],
    [['pipeline'], 'ci-read'],
    [['pipeline:write'], 'pipelines'],
    [['webhook'], undefined],
    [[], undefined],
  ])('%j → %s', (ticked, id) => {
    expect(matchPreset(BUILT_IN_PRESETS, 'app-password', ticked)?.id).toBe(id);
  });

  it('a preset naming an Object.prototype key neither crashes the match nor the traps', () => {
    const odd: Preset = { ...org(), accessToken: ['constructor', '__proto__'] };
    const presets = [...BUILT_IN_PRESETS, odd];
    expect(matchPreset(presets, 'access-token', ['repository'])?.id).toBe('git-read');
    expect(checkClassicSelection('access-token', ['toString'], { presets })).toEqual([]);
  });
});

function org(): Preset {
  return { id: 'odd', name: 'Odd', rationale: 'x', apiToken: ['read:repository:bitbucket'] };
}
