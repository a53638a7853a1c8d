// Both scope vocabularies Bitbucket uses: docs/evidence/scopes.md. Confidence marks: H official
// docs or several sources, M one credible source, L inference.

export type Confidence = 'H' | 'M' | 'L';

export interface ModernScope {
  id: string;
  resource: string;
  action: 'read' | 'write' | 'admin' | 'delete';
  confidence: Confidence;
}

const MODERN_RESOURCES: [resource: string, actions: ModernScope['action'][], confidence: Confidence][] = [
  ['repository', ['read', 'write', 'admin', 'delete'], 'H'],
  ['pullrequest', ['read', 'write'], 'H'],
  ['project', ['read', 'admin'], 'H'],
  ['workspace', ['read', 'admin'], 'H'],
  ['user', ['read', 'write'], 'H'],
  ['pipeline', ['read', 'write', 'admin'], 'H'],
  ['runner', ['read', 'write'], 'M'],
  ['issue', ['read', 'write', 'delete'], 'M'],
  ['webhook', ['read', 'write', 'delete'], 'H'],
  ['snippet', ['read', 'write', 'delete'], 'M'],
  ['wiki', ['read', 'write', 'delete'], 'M'],
  ['ssh-key', ['read', 'write', 'delete'], 'M'],
  ['gpg-key', ['read', 'write', 'delete'], 'M'],
  ['permission', ['read', 'write', 'delete'], 'M'],
  ['package', ['read', 'write'], 'M'],
  ['test', ['read', 'write'], 'M'],
];

// The calls are marked pure so that a bundle that uses no modern scope drops the table: rollup
// keeps unmarked top-level calls.

/** API-token scopes: `action:resource:bitbucket`. They imply nothing: write does not include read. */
export const MODERN_SCOPES: readonly ModernScope[] = /* @__PURE__ */ MODERN_RESOURCES.flatMap(
  ([resource, actions, confidence]) =>
    actions.map((action) => ({ id: `${action}:${resource}:bitbucket`, resource, action, confidence })),
);

const MODERN_IDS: ReadonlySet<string> = /* @__PURE__ */ new Set(
  /* @__PURE__ */ MODERN_SCOPES.map((s) => s.id),
);

/**
 * Scopes that share the picker but are not Bitbucket scopes [M]: a token with only these has
 * "no Bitbucket scopes" for git and the API (docs/evidence/scopes.md#non-bitbucket).
 */
export const NON_BITBUCKET_SCOPES: readonly string[] = ['read:account', 'read:me', 'manage:org'];

export function isModernBitbucketScope(id: string): boolean {
  return MODERN_IDS.has(id);
}

/** Parses `read:repository:bitbucket` into its parts; undefined for anything else. */
export function parseModernScope(id: string): ModernScope | undefined {
  return MODERN_SCOPES.find((s) => s.id === id);
}

/**
 * Classic scopes of access tokens and app passwords, in the forms' order and groups. Access tokens
 * lack the account, workspace-membership, issue, wiki and snippet groups [H].
 */
export const CLASSIC_SCOPES: readonly string[] = [
  ...['email', 'account', 'account:write'], // Account
  ...['team', 'team:write'], // Workspace membership
  ...['project', 'project:write', 'project:admin'], // Projects
  ...['repository', 'repository:write', 'repository:admin', 'repository:delete'], // Repositories
  ...['pullrequest', 'pullrequest:write'], // Pull requests
  ...['issue', 'issue:write'], // Issues
  'wiki', // Wiki
  ...['snippet', 'snippet:write'], // Snippets
  'webhook', // Webhooks
  ...['pipeline', 'pipeline:write', 'pipeline:variable'], // Pipelines
  ...['runner', 'runner:write'], // Runners
];

/** Classic write implies read [H]: ticking the left one ticks the right ones on the real forms. */
export const CLASSIC_IMPLIES: Readonly<Record<string, readonly string[]>> = {
  'account:write': ['account'],
  'team:write': ['team'],
  'project:write': ['project'],
  'repository:write': ['repository'],
  pullrequest: ['repository'],
  'pullrequest:write': ['pullrequest', 'repository:write'],
  'issue:write': ['issue'],
  'snippet:write': ['snippet'],
  'pipeline:write': ['pipeline'],
  'pipeline:variable': ['pipeline:write'],
  'runner:write': ['runner'],
};

/**
 * Everything a set of classic scopes grants once implications are followed. The scopes come from
 * policies and pages: own keys only, so `constructor` implies nothing instead of `Object`.
 */
export function closeClassic(scopes: Iterable<string>): Set<string> {
  const out = new Set<string>();
  const visit = (s: string) => {
    if (out.has(s)) return;
    out.add(s);
    for (const implied of Object.hasOwn(CLASSIC_IMPLIES, s) ? (CLASSIC_IMPLIES[s] ?? []) : []) visit(implied);
  };
  for (const s of scopes) visit(s);
  return out;
}

export function isClassicScope(id: string): boolean {
  return CLASSIC_SCOPES.includes(id);
}
