// "Generating all snippets for all shells and helpers ≤ 1 ms": every kind × shell × helper ×
// erase scope (360 plans) for one repository, plus the CI forms.
import { bench, describe } from 'vitest';
import { buildCiCommands } from '../../lib/ci-commands';
import { buildFixPlan, CREDENTIAL_KINDS, HELPERS } from '../../lib/fix-plan';
import { SHELLS } from '../../lib/shells';

const repo = { workspace: 'acme', repo: 'web-app' };

describe('fix plan', () => {
  bench('all shells × all helpers for the chosen credential (45 plans, the popup re-renders)', () => {
    for (const shell of SHELLS)
      for (const helper of HELPERS)
        buildFixPlan({ repo, kind: 'api-token-username', username: 'alice', shell, helper });
  });

  bench('all snippets: 4 kinds × 5 shells × 9 helpers × 2 erase scopes, + CI forms', () => {
    for (const kind of CREDENTIAL_KINDS)
      for (const shell of SHELLS) {
        for (const helper of HELPERS)
          for (const eraseScope of ['all', 'user'] as const)
            buildFixPlan({
              repo,
              kind,
              username: 'alice',
              shell,
              helper,
              eraseScope,
              ssh: { addKey: true, refreshHostKey: true },
            });
        if (kind !== 'ssh')
          buildCiCommands({ repo, kind, username: 'alice', variable: 'BITBUCKET_TOKEN', shell });
      }
  });
});
