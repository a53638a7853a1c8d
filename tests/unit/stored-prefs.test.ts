// The popup's remembered choices as storage holds them (lib/stored-prefs.ts): checked field by
// field, never a token, and workspaces that are Object.prototype keys kept like any other.
import { describe, expect, it } from 'vitest';
import {
  readPendingPreset,
  readPopupPrefs,
  readRememberedUsernames,
  storedUsernames,
  usernameFor,
  withRememberedUsername,
} from '../../lib/stored-prefs';
import { API_TOKEN, APP_PASSWORD } from '../fixtures/secret-samples';

describe('readPopupPrefs', () => {
  it('keeps what is valid and drops the rest, field by field', () => {
    expect(
      readPopupPrefs({
        kind: 'ssh',
        remote: 'upstream',
        eraseScope: 'user',
        perWorkspaceUsername: true,
        sshAddKey: 'yes',
        ciVariable: 'CI_TOKEN',
        extra: 1,
      }),
    ).toEqual({
      kind: 'ssh',
      remote: 'upstream',
      eraseScope: 'user',
      perWorkspaceUsername: true,
      ciVariable: 'CI_TOKEN',
    });
  });

  it.each<[string, unknown]>([
    ['a number as remote', { remote: 42 }],
    ['a token as remote', { remote: APP_PASSWORD }],
    ['a token as CI variable', { ciVariable: APP_PASSWORD }],
    ['a remote git would refuse', { remote: 'a..b' }],
    ['an unknown kind', { kind: 'password' }],
    ['a list', ['origin']],
    ['a string', 'origin'],
    ['null', null],
  ])('%s: nothing of it is kept', (_, raw) => {
    expect(readPopupPrefs(raw)).toEqual({});
  });
});

describe('remembered usernames', () => {
  it('reads the version-1 object and the version-2 pairs alike, without a prototype', () => {
    const v1 = readRememberedUsernames({ last: 'alice', byWorkspace: { acme: 'alice-work' } });
    const v2 = readRememberedUsernames({ last: 'alice', byWorkspace: [['acme', 'alice-work']] });
    expect({ ...v1.byWorkspace }).toEqual({ acme: 'alice-work' });
    expect({ ...v2.byWorkspace }).toEqual({ acme: 'alice-work' });
    expect(Object.getPrototypeOf(v2.byWorkspace)).toBeNull();
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    '%s is a workspace: remembered, stored as a pair, read back, and seen by no other',
    (workspace) => {
      const remembered = withRememberedUsername(readRememberedUsernames(undefined), 'alice-work', workspace);
      expect(usernameFor(remembered, workspace)).toBe('alice-work');
      const stored = JSON.parse(JSON.stringify(storedUsernames(remembered)));
      expect(stored).toEqual({ last: 'alice-work', byWorkspace: [[workspace.toLowerCase(), 'alice-work']] });
      const back = readRememberedUsernames(stored);
      expect(usernameFor(back, workspace.toUpperCase())).toBe('alice-work');
      expect(usernameFor(readRememberedUsernames(undefined), workspace)).toBeUndefined();
      expect(({} as Record<string, unknown>).alice).toBeUndefined();
    },
  );

  it('never keeps a token, an e-mail or a name of the wrong type', () => {
    const read = readRememberedUsernames({
      last: API_TOKEN,
      byWorkspace: [
        ['acme', APP_PASSWORD],
        ['corp', 'alice@corp.com'],
        ['ok', 'bob'],
        ['Upper', 'carol'],
        ['x', { trim: 1 }],
        'not a pair',
      ],
    });
    expect(read.last).toBeUndefined();
    expect({ ...read.byWorkspace }).toEqual({ ok: 'bob' });
    const current = readRememberedUsernames(undefined);
    expect(withRememberedUsername(current, APP_PASSWORD, 'acme')).toBe(current);
  });
});

describe('readPendingPreset', () => {
  it('keeps a well-formed record and nothing else', () => {
    expect(readPendingPreset({ preset: 'git-push', expiryDays: 90, createdAt: 5 })).toEqual({
      preset: 'git-push',
      expiryDays: 90,
      createdAt: 5,
    });
    for (const raw of [
      { preset: APP_PASSWORD, expiryDays: 90, createdAt: 5 },
      { preset: 'git-push', expiryDays: 0, createdAt: 5 },
      { preset: 'git-push', expiryDays: 90, createdAt: 'now' },
      'git-push',
      null,
    ])
      expect(readPendingPreset(raw)).toBeNull();
  });
});
