import { describe, expect, it } from 'vitest';
import {
  type Clue,
  classicIdIn,
  classicScopeTitle,
  identify,
  identifyAll,
  modernIdsIn,
  scopeOfDescription,
  scopeOfGroupAndLabel,
} from '../../lib/scope-recognition';
import { CLASSIC_SCOPES, MODERN_SCOPES } from '../../lib/scopes';
import { detectWizardStep, type WizardView } from '../../lib/wizard-step';

describe('scope ids in text and attributes', () => {
  it.each([
    ['read:repository:bitbucket', ['read:repository:bitbucket']],
    ['View your repositories read:repository:bitbucket', ['read:repository:bitbucket']],
    ['scope-write:pullrequest:bitbucket', ['write:pullrequest:bitbucket']],
    [
      'read:repository:bitbucket, write:repository:bitbucket',
      ['read:repository:bitbucket', 'write:repository:bitbucket'],
    ],
    ['read:me (classic)', ['read:me']],
    ['manage:org', ['manage:org']],
    ['xread:repository:bitbucket', []],
    ['read:repository:bitbucketx', []],
    ['repository', []],
  ])('%s', (text, ids) => {
    expect(modernIdsIn(text)).toEqual(ids);
  });

  it.each([
    ['repository:write', 'repository:write'],
    ['scope-repository:write', 'repository:write'],
    ['scopes[pullrequest]', 'pullrequest'],
    ['permissions.pipeline:variable', 'pipeline:variable'],
    ['checkbox-12', undefined],
    ['repositories', undefined],
    ['myrepository', undefined],
    ['on', undefined],
  ])('classic id in the attribute %s: %s', (value, id) => {
    expect(classicIdIn(value)).toBe(id);
  });
});

describe('group and label', () => {
  it.each([
    ['classic', 'Repositories', 'Read', 'repository'],
    ['classic', 'Repositories', 'Write', 'repository:write'],
    ['classic', 'Repositories (4)', 'Admin', 'repository:admin'],
    ['classic', 'Pull requests', 'Write', 'pullrequest:write'],
    ['classic', 'Webhooks', 'Read and write', 'webhook'],
    ['classic', 'Pipelines', 'Edit variables', 'pipeline:variable'],
    ['classic', 'Projects', 'Admin', 'project:admin'],
    ['classic', 'Account', 'Email', 'email'],
    ['classic', 'Workspace membership', 'Write', 'team:write'],
    ['classic', 'Webhooks', 'Read', undefined],
    ['classic', 'Wiki', 'Write', undefined],
    ['classic', 'Pull request', 'Read', 'pullrequest'],
    ['classic', 'Repository', 'Delete', 'repository:delete'],
    ['classic', 'Account', 'Edit variables', undefined],
    ['classic', 'Repositories', 'Email', undefined],
    ['classic', 'Permissions', 'Read', undefined],
    ['classic', 'Repositorys', 'Lesen', undefined],
    ['modern', 'Repositories', 'Read', 'read:repository:bitbucket'],
    ['modern', 'Pull requests', 'Write', 'write:pullrequest:bitbucket'],
    ['modern', 'Wiki', 'Delete', 'delete:wiki:bitbucket'],
    ['modern', 'Tests', 'Write', 'write:test:bitbucket'],
    ['modern', 'Projects', 'Write', undefined],
  ] as const)('%s: %s + %s → %s', (vocabulary, group, label, id) => {
    expect(scopeOfGroupAndLabel(vocabulary, group, label)).toBe(id);
  });

  it('every classic scope on the forms has a title, and the title reads back to it', () => {
    for (const id of CLASSIC_SCOPES.filter((s) => s !== 'project:write')) {
      const title = classicScopeTitle(id);
      const [group = '', label = ''] = title.replace(/ \(.*\)$/, '').split(': ');
      expect(scopeOfGroupAndLabel('classic', group, label), title).toBe(id);
    }
  });
});

describe("the picker's descriptions", () => {
  it.each([
    ['View your repositories', 'read:repository:bitbucket'],
    ['Modify your repositories', 'write:repository:bitbucket'],
    ['Administer your repositories', 'admin:repository:bitbucket'],
    ['Delete your repositories', 'delete:repository:bitbucket'],
    ['View your pull requests', 'read:pullrequest:bitbucket'],
    ['Modify your pull requests', 'write:pullrequest:bitbucket'],
    ['  view  your   pipelines. ', 'read:pipeline:bitbucket'],
    ['View your wikis', 'read:wiki:bitbucket'],
    ['Create and modify your repositories', 'write:repository:bitbucket'],
    ['View your repositories and their code', undefined],
    ['Administer your pull requests', undefined],
    ['Ihre Repositorys anzeigen', undefined],
    ['リポジトリを表示', undefined],
  ])('%s → %s', (text, id) => {
    expect(scopeOfDescription(text)).toBe(id);
  });
});

const clue = (signal: string, kind: Clue['kind'], text: string, label?: string): Clue =>
  label === undefined ? { signal, kind, text } : { signal, kind, text, label };

describe('identify: a box is only what every signal agrees on', () => {
  it('agreeing signals identify, and say which they were', () => {
    expect(
      identify('modern', [
        clue('value', 'attribute', 'read:repository:bitbucket'),
        clue('description:for', 'description', 'View your repositories'),
        clue('row-text', 'text', 'View your repositories read:repository:bitbucket'),
      ]),
    ).toEqual({
      id: 'read:repository:bitbucket',
      ambiguous: false,
      signals: ['value', 'description:for', 'row-text'],
    });
  });

  it('disagreeing signals make the box ambiguous', () => {
    const identity = identify('modern', [
      clue('value', 'attribute', 'read:repository:bitbucket'),
      clue('description:wrap', 'description', 'Modify your repositories'),
    ]);
    expect(identity.id).toBeUndefined();
    expect(identity.ambiguous).toBe(true);
  });

  it('a text naming several scopes says nothing about the box', () => {
    expect(
      identify('modern', [
        clue('row-text', 'text', 'read:repository:bitbucket write:repository:bitbucket'),
        clue('label:for', 'text', 'Modify your repositories'),
      ]),
    ).toEqual({ ambiguous: false, signals: [] });
  });

  it('classic: plain label words are not ids, only <code> and attributes', () => {
    expect(identify('classic', [clue('label:wrap', 'text', 'repository')]).id).toBeUndefined();
    expect(identify('classic', [clue('label-code:wrap', 'code', 'repository')]).id).toBe('repository');
  });

  it('two boxes claiming one scope: neither is ticked', () => {
    const [a, b, c] = identifyAll('classic', [
      [clue('group:heading+label:for', 'group', 'Pipelines', 'Read')],
      [clue('group:heading+label:for', 'group', 'Pipelines', 'Read')],
      [clue('group:heading+label:for', 'group', 'Repositories', 'Read')],
    ]);
    expect(a?.ambiguous).toBe(true);
    expect(b?.ambiguous).toBe(true);
    expect(c).toMatchObject({ id: 'repository', ambiguous: false });
  });

  it("other apps' scopes are known as such, never as Bitbucket's", () => {
    expect(identify('modern', [clue('value', 'attribute', 'read:jira-work')]).id).toBe('read:jira-work');
    expect(identify('modern', [clue('value', 'attribute', 'manage:org')]).id).toBe('manage:org');
    const bitbucket = MODERN_SCOPES.map((s) => s.id);
    expect(bitbucket).not.toContain('read:jira-work');
    expect(bitbucket).not.toContain('manage:org');
  });
});

describe('detectWizardStep', () => {
  const view = (over: Partial<WizardView>): WizardView => ({
    scopeBoxes: 0,
    checkboxes: 0,
    radios: 0,
    listedScopes: 0,
    nameField: false,
    expiryField: false,
    secretShown: false,
    busy: false,
    filters: false,
    ...over,
  });
  it.each<[string, Partial<WizardView>, Parameters<typeof detectWizardStep>[1], string]>([
    ['name and expiry', { nameField: true, expiryField: true }, undefined, 'details'],
    [
      'a workspace checkbox beside the name stays details',
      { nameField: true, checkboxes: 1 },
      undefined,
      'details',
    ],
    ['apps as radios', { radios: 4 }, 'details', 'app'],
    ['scope rows', { scopeBoxes: 3, checkboxes: 40 }, 'app', 'scopes'],
    ['rows nobody can read are still the scope step', { checkboxes: 40 }, 'app', 'scopes'],
    ['loading after the app step', { busy: true }, 'app', 'scopes'],
    ['a filter that hides every row', { filters: true }, 'review', 'scopes'],
    ['filters beside apps are the app step', { filters: true, radios: 4 }, 'details', 'app'],
    ['scope ids listed, nothing to tick', { listedScopes: 2 }, undefined, 'review'],
    ['the token after the review', { secretShown: true }, 'review', 'created'],
    ['a read-only field out of nowhere is not the token', { secretShown: true }, 'details', 'other'],
    ['nothing known', {}, 'app', 'other'],
  ])('%s → %s', (_label, over, previous, step) => {
    expect(detectWizardStep(view(over), previous)).toBe(step);
  });
});
