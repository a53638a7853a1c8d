// What the popup's Fix view starts from (lib/popup-choices.ts): each source of a username, kind,
// shell and helper against the ones below it, as a ladder and as a table of the cases users hit.
import { describe, expect, it } from 'vitest';
import { choosePopupChoices, kindToRemember, type PopupInputs } from '../../lib/popup-choices';
import { readRememberedUsernames } from '../../lib/stored-prefs';
import { API_TOKEN } from '../fixtures/secret-samples';

const remembered = (last?: string, byWorkspace: Record<string, string> = {}) =>
  readRememberedUsernames({ last, byWorkspace });
const settings = (overrides: Partial<NonNullable<PopupInputs['settings']>> = {}) => ({
  usernameMode: 'username' as const,
  shell: 'bash' as const,
  helper: 'any' as const,
  ...overrides,
});

describe('username: typed > pasted URL > remembered for the workspace > session > last > empty', () => {
  // Every source present, then the winner taken away one at a time: the next one down wins.
  const everything: PopupInputs = {
    repoText: 'https://paste-user@bitbucket.org/acme/web-app.git',
    typedUsername: 'typed-user',
    rememberedUsernames: remembered('last-user', { acme: 'acme-user' }),
    sessionUsername: 'session-user',
  };
  const ladder: [string, Partial<PopupInputs>, string, string][] = [
    ['everything known', {}, 'typed-user', 'typed'],
    ['nothing typed', { typedUsername: undefined }, 'paste-user', 'pasted'],
    ['no user in the URL', { typedUsername: undefined, repoText: 'acme/web-app' }, 'acme-user', 'workspace'],
    [
      'nothing remembered for this workspace',
      { typedUsername: undefined, repoText: 'other/web-app' },
      'session-user',
      'session',
    ],
    [
      'signed out',
      { typedUsername: undefined, repoText: 'other/web-app', sessionUsername: undefined },
      'last-user',
      'last',
    ],
    [
      'nothing remembered',
      {
        typedUsername: undefined,
        repoText: 'other/web-app',
        sessionUsername: undefined,
        rememberedUsernames: remembered(),
      },
      '',
      'none',
    ],
  ];
  it.each(ladder)('%s → %s', (_, change, username, source) => {
    expect(choosePopupChoices({ ...everything, ...change })).toMatchObject({
      username,
      usernameSource: source,
    });
  });

  it.each<[string, PopupInputs, string, string]>([
    [
      'a cleared field stays cleared: the session does not refill it',
      { repoText: 'acme/web-app', typedUsername: '', sessionUsername: 'alice-dev' },
      '',
      'typed',
    ],
    [
      'a pasted x-token-auth is the access-token username, not the user: the session is',
      { repoText: 'https://x-token-auth@bitbucket.org/acme/web.git', sessionUsername: 'alice-dev' },
      'alice-dev',
      'session',
    ],
    [
      'a pasted e-mail is no username',
      { repoText: 'https://alice%40corp.com@bitbucket.org/acme/web.git', sessionUsername: 'alice-dev' },
      'alice-dev',
      'session',
    ],
    [
      'a token pasted as the URL user is never a username',
      { repoText: `https://${API_TOKEN}@bitbucket.org/acme/web.git`, sessionUsername: 'alice-dev' },
      'alice-dev',
      'session',
    ],
    [
      'a pasted clone command counts like its URL',
      { repoText: 'git clone https://bob@bitbucket.org/acme/web.git', sessionUsername: 'alice-dev' },
      'bob',
      'pasted',
    ],
    [
      'remembered for another workspace only: the session wins',
      {
        repoText: 'acme/web-app',
        rememberedUsernames: remembered('alice-work', { work: 'alice-work' }),
        sessionUsername: 'alice-dev',
      },
      'alice-dev',
      'session',
    ],
    [
      'the workspace is matched in any case',
      { repoText: 'ACME/web-app', rememberedUsernames: remembered(undefined, { acme: 'alice-work' }) },
      'alice-work',
      'workspace',
    ],
    [
      'a workspace named constructor is a workspace, not a function',
      { repoText: 'constructor/web-app', rememberedUsernames: remembered(), sessionUsername: 'alice-dev' },
      'alice-dev',
      'session',
    ],
    [
      'no repository yet: the last username',
      { repoText: '', rememberedUsernames: remembered('alice-dev', { acme: 'alice-work' }) },
      'alice-dev',
      'last',
    ],
  ])('%s', (_, inputs, username, source) => {
    expect(choosePopupChoices(inputs)).toMatchObject({ username, usernameSource: source });
  });
});

describe("kind: picked > the link's > remembered > the settings' username mode > API token with username", () => {
  const base = { repoText: 'acme/web-app' };
  it.each<[string, PopupInputs, string]>([
    [
      'picked here wins over everything',
      {
        ...base,
        picked: { kind: 'ssh' },
        linkKind: 'access-token',
        rememberedKind: 'api-token-static',
        settings: settings({ usernameMode: 'static' }),
      },
      'ssh',
    ],
    [
      "the link's kind wins over the remembered one",
      { ...base, linkKind: 'access-token', rememberedKind: 'ssh', settings: settings() },
      'access-token',
    ],
    [
      'remembered wins over the settings',
      { ...base, rememberedKind: 'ssh', settings: settings({ usernameMode: 'static' }) },
      'ssh',
    ],
    [
      "the settings' static mode",
      { ...base, settings: settings({ usernameMode: 'static' }) },
      'api-token-static',
    ],
    ["the settings' username mode", { ...base, settings: settings() }, 'api-token-username'],
    ['nothing loaded yet', base, 'api-token-username'],
  ])('%s', (_, inputs, kind) => {
    expect(choosePopupChoices(inputs).kind).toBe(kind);
  });

  it.each<[string, PopupInputs, string | undefined]>([
    ['picked', { ...base, picked: { kind: 'ssh' }, rememberedKind: 'access-token' }, 'ssh'],
    ["the link's", { ...base, linkKind: 'access-token', rememberedKind: 'ssh' }, 'access-token'],
    ['remembered', { ...base, rememberedKind: 'ssh' }, 'ssh'],
    [
      'only the settings: nothing, so a later change of mode still applies',
      { ...base, settings: settings({ usernameMode: 'static' }) },
      undefined,
    ],
  ])('remembered for next time: %s', (_, inputs, kind) => {
    expect(kindToRemember(inputs)).toBe(kind);
  });
});

describe('shell and helper: locked by the organisation > picked > settings > bash, any', () => {
  const base = { repoText: 'acme/web-app' };
  it.each<[string, PopupInputs, string, string]>([
    ['nothing loaded yet', base, 'bash', 'any'],
    ['the settings', { ...base, settings: settings({ shell: 'zsh', helper: 'store' }) }, 'zsh', 'store'],
    [
      'picked here wins over settings that arrive later',
      {
        ...base,
        picked: { shell: 'fish', helper: 'osxkeychain' },
        settings: settings({ shell: 'powershell', helper: 'store' }),
      },
      'fish',
      'osxkeychain',
    ],
    ['picked before the settings loaded', { ...base, picked: { shell: 'fish' } }, 'fish', 'any'],
    [
      'a locked shell wins over a pick; the helper, not locked, stays picked',
      {
        ...base,
        picked: { shell: 'fish', helper: 'osxkeychain' },
        settings: settings({ shell: 'zsh', helper: 'store' }),
        lockedKeys: ['shell'],
      },
      'zsh',
      'osxkeychain',
    ],
    [
      'a lock with no settings yet is no value',
      { ...base, picked: { helper: 'store' }, lockedKeys: ['helper'] },
      'bash',
      'store',
    ],
  ])('%s', (_, inputs, shell, helper) => {
    expect(choosePopupChoices(inputs)).toMatchObject({ shell, helper });
  });
});
