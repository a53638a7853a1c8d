// Which scope a checkbox stands for, from the texts a page shows around it. Pure: the page is
// read in platform/selectors.ts, which hands over what each signal said. A box is identified
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
const NON_BITBUCKET_ID = /(?<![\w:])(?:read:account|read:me|manage:org)(?![\w:-])/g;
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

/** Every scope id written in a text, both vocabularies' modern-looking ids; classic ones never (too plain). */
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

// Group titles in English, as Atlassian documents them (docs/evidence/scopes.md#groups); other
// languages are recognised by ids only.
const RESOURCE_WORDS: Record<string, string> = {
  account: 'account',
  'workspace membership': 'team',
  project: 'project',
  projects: 'project',
  repository: 'repository',
  repositories: 'repository',
  'pull request': 'pullrequest',
  'pull requests': 'pullrequest',
  issue: 'issue',
  issues: 'issue',
  wiki: 'wiki',
  wikis: 'wiki',
  snippet: 'snippet',
  snippets: 'snippet',
  webhook: 'webhook',
  webhooks: 'webhook',
  pipeline: 'pipeline',
  pipelines: 'pipeline',
  runner: 'runner',
  runners: 'runner',
  workspace: 'workspace',
  workspaces: 'workspace',
  user: 'user',
  users: 'user',
  'user data': 'user',
  'ssh key': 'ssh-key',
  'ssh keys': 'ssh-key',
  'gpg key': 'gpg-key',
  'gpg keys': 'gpg-key',
  permission: 'permission',
  permissions: 'permission',
  package: 'package',
  packages: 'package',
  test: 'test',
  tests: 'test',
};

type Action = 'read' | 'write' | 'admin' | 'delete' | 'readwrite' | 'variables' | 'email';

const ACTION_WORDS: Record<string, Action> = {
  read: 'read',
  write: 'write',
  admin: 'admin',
  delete: 'delete',
  'read and write': 'readwrite',
  'edit variables': 'variables',
  email: 'email',
};

// The access-token and app-password forms: group and box names of docs/evidence/scopes.md#classic.
const CLASSIC_BY_GROUP: Record<string, Partial<Record<Action, string>>> = {
  account: { email: 'email', read: 'account', write: 'account:write' },
  team: { read: 'team', write: 'team:write' },
  project: { read: 'project', write: 'project:write', admin: 'project:admin' },
  repository: {
    read: 'repository',
    write: 'repository:write',
    admin: 'repository:admin',
    delete: 'repository:delete',
  },
  pullrequest: { read: 'pullrequest', write: 'pullrequest:write' },
  issue: { read: 'issue', write: 'issue:write' },
  wiki: { readwrite: 'wiki' },
  snippet: { read: 'snippet', write: 'snippet:write' },
  webhook: { readwrite: 'webhook' },
  pipeline: { read: 'pipeline', write: 'pipeline:write', variables: 'pipeline:variable' },
  runner: { read: 'runner', write: 'runner:write' },
};

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
};
const ACTION_TITLES: Record<Action, string> = {
  read: 'Read',
  write: 'Write',
  admin: 'Admin',
  delete: 'Delete',
  readwrite: 'Read and write',
  variables: 'Edit variables',
  email: 'Email',
};

/**
 * How a classic scope reads on the forms, for a note that asks the user to tick it by hand.
 * @example classicScopeTitle('repository:write') → 'Repositories: Write (repository:write)'
 */
export function classicScopeTitle(id: string): string {
  for (const [resource, actions] of Object.entries(CLASSIC_BY_GROUP)) {
    for (const [action, scope] of Object.entries(actions)) {
      if (scope === id) return `${GROUP_TITLES[resource]}: ${ACTION_TITLES[action as Action]} (${id})`;
    }
  }
  return id;
}

/** The scope a group title and a box label name together, in `vocabulary`. */
export function scopeOfGroupAndLabel(
  vocabulary: Vocabulary,
  group: string,
  label: string,
): string | undefined {
  const resource = RESOURCE_WORDS[normalise(group)];
  const action = ACTION_WORDS[normalise(label)];
  if (!resource || !action) return undefined;
  if (vocabulary === 'classic') return CLASSIC_BY_GROUP[resource]?.[action];
  const id = `${action}:${resource}:bitbucket`;
  return isModernBitbucketScope(id) ? id : undefined;
}

// The scope picker's descriptions: "View your repositories", "Modify your repositories",
// "Administer your repositories", "Delete your repositories", "View your pull requests",
// "Modify your pull requests" (docs/evidence/scopes.md#descriptions); the other resources
// by the same pattern.
const DESCRIPTION_VERBS: Record<string, Action> = {
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
  const resource = RESOURCE_WORDS[match[2] ?? ''];
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

/** True for the scopes an API-token picker may show that are no Bitbucket scope. */
export function isNonBitbucketScope(id: string): boolean {
  return NON_BITBUCKET_SCOPES.includes(id) || (OTHER_APP_ID.test(id) && !isModernBitbucketScope(id));
}
