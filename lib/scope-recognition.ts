// Which scope a checkbox stands for, from the texts a page shows around it. Pure: the page is
// read in platform/content/selectors.ts, which hands over what each signal said. A box is identified
// only when every signal that names a scope names the same one, and no other box claims it;
// anything less leaves it to the user. Vocabulary: docs/evidence/scopes.md#recognition.
import { CLASSIC_SCOPES, isClassicScope, isModernBitbucketScope, NON_BITBUCKET_SCOPES } from './scopes';

/** API tokens name scopes `action:resource:bitbucket`; access tokens and app passwords `resource:action`. */
export type Vocabulary = 'modern' | 'classic';

/** What one signal of a box said: where it was read, and the text. */
export interface Clue {
  /** Where the text came from, for the report: `value`, `label:for`, `group:legend+label:wrap` … */
  signal: string;
  kind: 'attribute' | 'text' | 'code' | 'group' | 'description';
  text: string;
  /** For `group`: the box's own label (or its column header). */
  label?: string;
}

export interface Identity {
  id?: string;
  /** Signals named different scopes, or another box claims the same one. */
  ambiguous: boolean;
  /** The signals that named the scope (or, when ambiguous, every one that named any). */
  signals: string[];
}

const MODERN_ID = /(?<![\w:])(?:read|write|admin|delete):[a-z][a-z-]*:bitbucket(?![\w:-])/g;
const NON_BITBUCKET_ID = new RegExp(`(?<![\\w:])(?:${NON_BITBUCKET_SCOPES.join('|')})(?![\\w:-])`, 'g');
// Other apps' scopes (Jira, Confluence …) share the picker's syntax but not ours.
const OTHER_APP_ID = /^(?:read|write|delete|manage|admin):[a-z][a-z0-9.-]*(?::[a-z0-9-]+)?$/;
const ID_SEPARATOR = /[-_./[\]=\s]/;

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*\((?:classic|granular|\d+)\)\s*$/, '')
    .replace(/[\s:.*]+$/, '')
    .trim();
}

/**
 * API-token scope ids written in a text: Bitbucket's and the picker's other apps'. Classic ids
 * never: they are too plain to find in prose.
 */
export function modernIdsIn(text: string): string[] {
  return [...new Set([...(text.match(MODERN_ID) ?? []), ...(text.match(NON_BITBUCKET_ID) ?? [])])];
}

/**
 * The classic id an attribute value carries: the whole value, or its end after a separator
 * (`scopes[repository:write]`, `scope-pullrequest`).
 * @example classicIdIn('scope-repository:write') → 'repository:write'
 * @example classicIdIn('checkbox-12') → undefined
 */
export function classicIdIn(value: string): string | undefined {
  const trimmed = value.trim().replace(/\]$/, '');
  if (isClassicScope(trimmed)) return trimmed;
  for (const id of CLASSIC_SCOPES) {
    if (trimmed.endsWith(id) && ID_SEPARATOR.test(trimmed.charAt(trimmed.length - id.length - 1))) return id;
  }
  return undefined;
}

// Group titles and levels in English, as Atlassian documents them (docs/evidence/scopes.md#groups);
// other languages are recognised by ids only.
const GROUP_TITLES: Record<string, string> = {
  account: 'Account',
  team: 'Workspace membership',
  project: 'Projects',
  repository: 'Repositories',
  pullrequest: 'Pull requests',
  issue: 'Issues',
  wiki: 'Wiki',
  snippet: 'Snippets',
  webhook: 'Webhooks',
  pipeline: 'Pipelines',
  runner: 'Runners',
  workspace: 'Workspaces',
  user: 'User data',
  'ssh-key': 'SSH keys',
  'gpg-key': 'GPG keys',
  permission: 'Permissions',
  package: 'Packages',
  test: 'Tests',
};
const LEVEL_TITLES: Record<string, string> = {
  read: 'Read',
  write: 'Write',
  admin: 'Admin',
  delete: 'Delete',
  readwrite: 'Read and write',
  variables: 'Edit variables',
  email: 'Email',
};
// Groups with a single "Read and write" box (docs/evidence/scopes.md#groups: Webhooks, Wiki) and no plain Read.
const READ_AND_WRITE = ['webhook', 'wiki'];

/** The resource a group title names, singular or plural ("Repository", "Repositories"). */
function resourceOf(title: string): string | undefined {
  const t = normalise(title);
  return Object.keys(GROUP_TITLES).find((resource) => {
    const g = (GROUP_TITLES[resource] ?? '').toLowerCase();
    return t === g || t === `${g}s` || `${t}s` === g || `${t.replace(/y$/, 'ie')}s` === g;
  });
}

function levelOf(label: string): string | undefined {
  const l = normalise(label);
  return Object.keys(LEVEL_TITLES).find((level) => LEVEL_TITLES[level]?.toLowerCase() === l);
}

/** The classic id of a group's level: `repository` + read → `repository`, + write → `repository:write`. */
function classicOf(resource: string, level: string): string | undefined {
  if (READ_AND_WRITE.includes(resource)) return level === 'readwrite' ? resource : undefined;
  const id =
    level === 'read'
      ? resource
      : level === 'email'
        ? resource === 'account' && 'email'
        : level === 'variables'
          ? resource === 'pipeline' && 'pipeline:variable'
          : `${resource}:${level}`;
  return id && isClassicScope(id) ? id : undefined;
}

/**
 * How a classic scope reads on the forms, for a note that asks the user to tick it by hand.
 * @example classicScopeTitle('repository:write') → 'Repositories: Write (repository:write)'
 */
export function classicScopeTitle(id: string): string {
  const [resource = '', action] = id === 'email' ? ['account', 'email'] : id.split(':');
  const level =
    action === 'variable'
      ? 'variables'
      : (action ?? (READ_AND_WRITE.includes(resource) ? 'readwrite' : 'read'));
  const group = GROUP_TITLES[resource];
  return group && isClassicScope(id) ? `${group}: ${LEVEL_TITLES[level]} (${id})` : id;
}

/** The scope a group title and a box label name together, in `vocabulary`. */
export function scopeOfGroupAndLabel(
  vocabulary: Vocabulary,
  group: string,
  label: string,
): string | undefined {
  const resource = resourceOf(group);
  const level = levelOf(label);
  if (!resource || !level) return undefined;
  if (vocabulary === 'classic') return classicOf(resource, level);
  const id = `${level}:${resource}:bitbucket`;
  return isModernBitbucketScope(id) ? id : undefined;
}

// The scope picker's descriptions: "View your repositories", "Modify your repositories",
// "Administer your repositories", "Delete your repositories", "View your pull requests",
// "Modify your pull requests" (docs/evidence/scopes.md#descriptions); the other resources
// by the same pattern.
const DESCRIPTION_VERBS: Record<string, string> = {
  view: 'read',
  modify: 'write',
  'create and modify': 'write',
  administer: 'admin',
  delete: 'delete',
};
const DESCRIPTION = /^(view|modify|create and modify|administer|delete) (?:your )?([a-z -]+)$/;

/** @example scopeOfDescription('Modify your repositories') → 'write:repository:bitbucket' */
export function scopeOfDescription(text: string): string | undefined {
  const match = DESCRIPTION.exec(normalise(text));
  if (!match) return undefined;
  const action = DESCRIPTION_VERBS[match[1] ?? ''];
  const resource = resourceOf(match[2] ?? '');
  const id = `${action}:${resource}:bitbucket`;
  return action && resource && isModernBitbucketScope(id) ? id : undefined;
}

/** The scopes one clue names (usually none or one). */
function scopesOfClue(vocabulary: Vocabulary, clue: Clue): string[] {
  switch (clue.kind) {
    case 'attribute': {
      if (vocabulary === 'classic') {
        const id = classicIdIn(clue.text);
        return id ? [id] : [];
      }
      const ids = modernIdsIn(clue.text);
      if (ids.length > 0) return ids;
      return OTHER_APP_ID.test(clue.text) ? [clue.text] : [];
    }
    case 'code':
      if (vocabulary === 'classic' && isClassicScope(clue.text.trim())) return [clue.text.trim()];
      return vocabulary === 'modern' ? modernIdsIn(clue.text) : [];
    case 'text':
      return vocabulary === 'modern' ? modernIdsIn(clue.text) : [];
    case 'group': {
      const id = scopeOfGroupAndLabel(vocabulary, clue.text, clue.label ?? '');
      return id ? [id] : [];
    }
    case 'description': {
      const id = vocabulary === 'modern' ? scopeOfDescription(clue.text) : undefined;
      return id ? [id] : [];
    }
  }
}

/** One box: the scope its clues agree on. A clue naming several scopes says nothing about this box. */
export function identify(vocabulary: Vocabulary, clues: readonly Clue[]): Identity {
  const named = new Map<string, string[]>();
  for (const clue of clues) {
    const ids = scopesOfClue(vocabulary, clue);
    if (ids.length !== 1) continue;
    const [id = ''] = ids;
    named.set(id, [...(named.get(id) ?? []), clue.signal]);
  }
  if (named.size === 1) {
    const [[id, signals] = ['', []]] = [...named];
    return { id, ambiguous: false, signals: [...new Set(signals)] };
  }
  return { ambiguous: named.size > 1, signals: [...new Set([...named.values()].flat())] };
}

/** Every box, with boxes that claim the same scope made ambiguous: which of them is real can't be told. */
export function identifyAll(vocabulary: Vocabulary, boxes: readonly (readonly Clue[])[]): Identity[] {
  const identities = boxes.map((clues) => identify(vocabulary, clues));
  const claims = new Map<string, number>();
  for (const { id } of identities) if (id) claims.set(id, (claims.get(id) ?? 0) + 1);
  return identities.map((identity) =>
    identity.id && (claims.get(identity.id) ?? 0) > 1
      ? { ambiguous: true, signals: identity.signals }
      : identity,
  );
}
