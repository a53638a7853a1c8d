import { describe, expect, it } from 'vitest';
import {
  accessTokenLevel,
  isAccessTokensPage,
  isApiTokensPage,
  isAppPasswordsPage,
  PAGE_EXAMPLES,
} from '../../lib/page-urls';

type Name = keyof typeof PAGE_EXAMPLES;
const PREDICATES: Record<Name, (url: URL) => boolean> = {
  isApiTokensPage,
  isAccessTokensPage,
  isAppPasswordsPage,
};
const predicates = Object.keys(PAGE_EXAMPLES) as Name[];
const NOT_ANY_PAGE = [
  'https://bitbucket.org/acme/web-app',
  'https://bitbucket.org/acme/web-app/admin/ssh-keys',
  'https://bitbucket.org/account/settings/',
  'https://id.atlassian.com/manage-profile/security',
  'http://bitbucket.org/account/settings/app-passwords/',
  'https://bitbucket.org.evil.example/account/settings/app-passwords/',
  'https://id.atlassian.com.evil.example/manage-profile/security/api-tokens',
];

describe('URL predicates accept their own examples and reject everyone else’s', () => {
  it.each(predicates)('%s', (name) => {
    const accepts = PREDICATES[name];
    for (const example of PAGE_EXAMPLES[name]) expect(accepts(new URL(example)), example).toBe(true);
    for (const other of predicates.filter((p) => p !== name)) {
      for (const example of PAGE_EXAMPLES[other])
        expect(accepts(new URL(example)), `${name} ${example}`).toBe(false);
    }
    for (const example of NOT_ANY_PAGE) expect(accepts(new URL(example)), example).toBe(false);
  });

  it('the access-token page says which level it is', () => {
    expect(accessTokenLevel(new URL('https://bitbucket.org/acme/web-app/admin/access-tokens'))).toEqual({
      level: 'repository',
      repo: { workspace: 'acme', repo: 'web-app' },
    });
    expect(
      accessTokenLevel(new URL('https://bitbucket.org/acme/workspace/projects/WEB/settings/access-tokens')),
    ).toEqual({
      level: 'project',
      workspace: 'acme',
      project: 'WEB',
    });
    expect(accessTokenLevel(new URL('https://bitbucket.org/acme/workspace/settings/access-tokens'))).toEqual({
      level: 'workspace',
      workspace: 'acme',
    });
  });
});
