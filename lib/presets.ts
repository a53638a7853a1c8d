// Least-privilege scope presets, with their reasons: docs/evidence/scopes.md#presets. Organisations add or replace presets through policy
// (lib/policy.ts), so a preset is plain data and the built-ins are just the default list.
import { closeClassic, isModernBitbucketScope, parseModernScope } from './scopes';

export type CredentialSurface = 'api-token' | 'access-token' | 'app-password';

export interface Preset {
  id: string;
  name: string;
  /** One sentence: why exactly these scopes. */
  rationale: string;
  /** Modern API-token scope ids. */
  apiToken: readonly string[];
  /** Classic ids ticked on access-token forms; absent when the preset is not offered there. */
  accessToken?: readonly string[];
  /** Classic ids ticked on the legacy app-password form; defaults to `accessToken`. */
  appPassword?: readonly string[];
  /** Where the preset came from, shown to the user. */
  source?: 'built-in' | 'organisation';
}

const bb = (...ids: string[]) => ids.map((id) => `${id}:bitbucket`);

export const BUILT_IN_PRESETS: readonly Preset[] = [
  {
    id: 'git-read',
    name: 'Git clone (read-only)',
    rationale: 'Clone and fetch need only read access to repositories.',
    apiToken: bb('read:repository'),
    accessToken: ['repository'],
  },
  {
    id: 'git-push',
    name: 'Git push',
    rationale: 'Push needs write and, because API-token scopes do not imply each other, read as well.',
    apiToken: bb('read:repository', 'write:repository'),
    accessToken: ['repository:write'],
  },
  {
    id: 'git-ide',
    name: 'Git Credential Manager / IDE',
    rationale:
      'Push access plus read:user, because Git Credential Manager and IDEs check who you are via /2.0/user.',
    apiToken: bb('read:repository', 'write:repository', 'read:user'),
    accessToken: ['repository:write'],
    appPassword: ['repository:write', 'account'],
  },
  {
    id: 'sourcetree',
    name: 'Sourcetree',
    rationale:
      "Atlassian's list for Sourcetree; the pull-request scopes, optional there, are included because Sourcetree shows pull requests.",
    apiToken: bb(
      'read:user',
      'read:workspace',
      'read:repository',
      'write:repository',
      'read:pullrequest',
      'write:pullrequest',
    ),
  },
  {
    id: 'pr-bot',
    name: 'Pull-request bot',
    rationale: 'Comment on, approve and merge pull requests; reading them needs the repository too.',
    apiToken: bb('read:repository', 'read:pullrequest', 'write:pullrequest'),
    accessToken: ['pullrequest:write'],
  },
  {
    id: 'ci-read',
    name: 'CI read-only',
    rationale: 'Clone the code and read pipeline state, nothing more.',
    apiToken: bb('read:repository', 'read:pipeline'),
    accessToken: ['repository', 'pipeline'],
  },
  {
    id: 'pipelines',
    name: 'Pipelines operator',
    rationale:
      'Run and stop pipelines; pipeline variables would need admin:pipeline / pipeline:variable, deliberately left out.',
    apiToken: bb('read:repository', 'read:pipeline', 'write:pipeline'),
    accessToken: ['repository', 'pipeline:write'],
  },
];

export const DEFAULT_PRESET_ID = 'git-push';

/** The scopes to select for `preset` on `surface`, or undefined when it isn't offered there. */
export function scopesFor(preset: Preset, surface: CredentialSurface): readonly string[] | undefined {
  switch (surface) {
    case 'api-token':
      return preset.apiToken;
    case 'access-token':
      return preset.accessToken;
    case 'app-password':
      return preset.appPassword ?? preset.accessToken;
  }
}

export function presetsFor(presets: readonly Preset[], surface: CredentialSurface): Preset[] {
  return presets.filter((p) => scopesFor(p, surface) !== undefined);
}

/**
 * The preset a set of ticked classic scopes corresponds to: the same grant, else the smallest
 * preset that covers it. Used to offer the API token that replaces an app password.
 */
export function matchPreset(
  presets: readonly Preset[],
  surface: Exclude<CredentialSurface, 'api-token'>,
  ticked: readonly string[],
): Preset | undefined {
  const have = closeClassic(ticked);
  if (have.size === 0) return undefined;
  const covering = presets
    .map((p) => ({ p, grant: closeClassic(scopesFor(p, surface) ?? []) }))
    .filter(({ grant }) => grant.size > 0 && [...have].every((s) => grant.has(s)))
    .sort((a, b) => a.grant.size - b.grant.size);
  return (covering.find(({ grant }) => grant.size === have.size) ?? covering[0])?.p;
}

export function findPreset(presets: readonly Preset[], id: string | undefined): Preset | undefined {
  return id === undefined ? undefined : presets.find((p) => p.id === id);
}

/** Policy presets extend the built-ins (same id replaces), or replace them all. */
export function mergePresets(extra: readonly Preset[], replace: boolean): Preset[] {
  const org = extra.map((p) => ({ ...p, source: 'organisation' as const }));
  if (replace && org.length > 0) return org;
  const ids = new Set(org.map((p) => p.id));
  return [
    ...BUILT_IN_PRESETS.filter((p) => !ids.has(p.id)).map((p) => ({ ...p, source: 'built-in' as const })),
    ...org,
  ];
}

export type ScopeWarningId =
  | 'write-without-read'
  | 'no-bitbucket-scope'
  | 'not-bitbucket-app'
  | 'too-broad'
  | 'unscoped-token';

export interface ScopeWarning {
  id: ScopeWarningId;
  message: string;
}

/** The plain "Create API token" dialog: its token has no scopes at all (docs/evidence/scopes.md#rules). */
export const UNSCOPED_TOKEN_WARNING: ScopeWarning = {
  id: 'unscoped-token',
  message:
    'This dialog makes an API token without scopes, which git and the Bitbucket API reject. Cancel it and use "Create API token with scopes".',
};

/** The wrong-app trap alone, for the steps before scopes are chosen. */
export function checkApp(app: string | undefined): ScopeWarning | undefined {
  if (app === undefined || app.toLowerCase() === 'bitbucket') return undefined;
  return {
    id: 'not-bitbucket-app',
    message: `This token is for ${app}, not Bitbucket: git and the Bitbucket API will reject it. Choose Bitbucket as the app.`,
  };
}

// The traps a selection of scopes walks into, before "Create" is pressed: one check per
// vocabulary, so that each site's content script carries only its own (the API-token one brings
// the modern scope catalogue).

/**
 * The API-token wizard's selection.
 * @example checkApiTokenSelection(['write:repository:bitbucket']) → write-without-read
 */
export function checkApiTokenSelection(
  selected: readonly string[],
  context: { app?: string; presets?: readonly Preset[] } = {},
): ScopeWarning[] {
  const warnings: ScopeWarning[] = [];
  const app = checkApp(context.app);
  if (app) warnings.push(app);
  const bitbucket = selected.filter(isModernBitbucketScope);
  if (bitbucket.length === 0) {
    warnings.push({
      id: 'no-bitbucket-scope',
      message:
        'No Bitbucket scope is selected: git and the API answer 401 "API Token provided has no Bitbucket scopes".',
    });
  }
  const chosen = new Set(bitbucket);
  const missingRead = [
    ...new Set(
      bitbucket
        .map(parseModernScope)
        .filter((s) => s !== undefined && s.action !== 'read')
        .map((s) => `read:${s?.resource}:bitbucket`)
        .filter((read) => isModernBitbucketScope(read) && !chosen.has(read)),
    ),
  ];
  if (missingRead.length > 0) {
    warnings.push({
      id: 'write-without-read',
      message: `Write, admin or delete scopes do not include read: add ${missingRead.join(', ')}, or git can't even fetch.`,
    });
  }
  const sizes = (context.presets ?? BUILT_IN_PRESETS).map((p) => scopesFor(p, 'api-token')?.length ?? 0);
  return addTooBroad(warnings, selected.length, sizes);
}

/** An access-token or app-password form's selection: write implies read there. */
export function checkClassicSelection(
  surface: Exclude<CredentialSurface, 'api-token'>,
  selected: readonly string[],
  context: { presets?: readonly Preset[] } = {},
): ScopeWarning[] {
  const warnings: ScopeWarning[] = [];
  if (selected.length === 0) {
    warnings.push({
      id: 'no-bitbucket-scope',
      message: 'No permission is selected: the token could do nothing.',
    });
  }
  const sizes = (context.presets ?? BUILT_IN_PRESETS).map(
    (p) => closeClassic(scopesFor(p, surface) ?? []).size,
  );
  return addTooBroad(warnings, closeClassic(selected).size, sizes);
}

function addTooBroad(warnings: ScopeWarning[], size: number, presetSizes: number[]): ScopeWarning[] {
  const largest = Math.max(...presetSizes);
  if (size > largest) {
    warnings.push({
      id: 'too-broad',
      message: `${size} scopes selected, more than any preset needs (at most ${largest}). Every extra scope is something a leaked token can do.`,
    });
  }
  return warnings;
}
