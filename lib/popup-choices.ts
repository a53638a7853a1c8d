// Which username, credential kind, shell and helper the popup's Fix view starts from, out of
// everything that can suggest one. The view keeps the raw inputs as they arrive (storage, the
// settings, the session: in any order, some never) and renders what `choosePopupChoices` picks,
// so the outcome depends on what is known, never on what arrived first.
//
// Username, first that is there:
//  1. typed in this popup, even cleared: the user's own word is final;
//  2. the user of a clone URL pasted as the repository (valid usernames only, so never
//     x-token-auth or a token): it is the account that clone uses;
//  3. remembered for the repository's workspace: typed there earlier on purpose, which is how
//     someone with several Bitbucket accounts says which one this workspace wants;
//  4. the signed-in session: the account this browser uses, right more often than a guess;
//  5. the last username typed anywhere: better than nothing on a first visit to a workspace;
//  6. empty: the field asks for it.
// Kind: picked in this popup > the link's `?kind=` (the page it came from knows) > remembered
// from an earlier popup > the settings' username mode > an API token with the username.
// Shell and helper: picked in this popup > the settings (which the options page and the
// organisation set) > bash and any helper. A value the organisation locked wins even over a pick:
// the select is disabled once the policy is known, and a pick made before it loaded can't stand.
import type { CredentialHelper, CredentialKind } from './fix-plan';
import { parseRepoInput } from './repo-context';
import type { SettingKey, Settings } from './settings';
import type { Shell } from './shells';
import { type RememberedUsernames, usernameFor } from './stored-prefs';
import { checkUsername } from './validation';

export type UsernameSource = 'typed' | 'pasted' | 'workspace' | 'session' | 'last' | 'none';

export interface PopupInputs {
  /** The Repository field as it reads now. */
  repoText: string;
  /** What the user typed into Username in this popup; undefined until they do. */
  typedUsername?: string;
  /** What the user picked in this popup's selects. */
  picked?: { kind?: CredentialKind; shell?: Shell; helper?: CredentialHelper };
  /** The kind the popup was opened with (a page's link, `?kind=`). */
  linkKind?: CredentialKind;
  /** From storage, once read. */
  rememberedKind?: CredentialKind;
  rememberedUsernames?: RememberedUsernames;
  /** Who is signed in to bitbucket.org, once known; undefined when nobody is. */
  sessionUsername?: string;
  /** The settings, once loaded, and the keys the organisation locked. */
  settings?: Pick<Settings, 'usernameMode' | 'shell' | 'helper'>;
  lockedKeys?: readonly SettingKey[];
}

export interface PopupChoices {
  username: string;
  usernameSource: UsernameSource;
  kind: CredentialKind;
  shell: Shell;
  helper: CredentialHelper;
}

const KIND_FOR_MODE = { username: 'api-token-username', static: 'api-token-static' } as const;

export function choosePopupChoices(inputs: PopupInputs): PopupChoices {
  const { picked = {}, settings, lockedKeys = [] } = inputs;
  return {
    ...chooseUsername(inputs),
    kind:
      picked.kind ??
      inputs.linkKind ??
      inputs.rememberedKind ??
      (settings ? KIND_FOR_MODE[settings.usernameMode] : 'api-token-username'),
    shell: setting(picked.shell, settings?.shell, lockedKeys.includes('shell'), 'bash'),
    helper: setting(picked.helper, settings?.helper, lockedKeys.includes('helper'), 'any'),
  };
}

function setting<T>(picked: T | undefined, value: T | undefined, locked: boolean, fallback: T): T {
  return (locked ? value : undefined) ?? picked ?? value ?? fallback;
}

function chooseUsername({
  repoText,
  typedUsername,
  rememberedUsernames,
  sessionUsername,
}: PopupInputs): Pick<PopupChoices, 'username' | 'usernameSource'> {
  if (typedUsername !== undefined) return { username: typedUsername, usernameSource: 'typed' };
  const parsed = parseRepoInput(repoText);
  const pasted = parsed.ok ? parsed.value.username : undefined;
  if (pasted && !checkUsername(pasted, 'bash')) return { username: pasted, usernameSource: 'pasted' };
  const workspace = parsed.ok ? parsed.value.repo.workspace : undefined;
  const forWorkspace = workspace && rememberedUsernames && usernameFor(rememberedUsernames, workspace);
  if (forWorkspace) return { username: forWorkspace, usernameSource: 'workspace' };
  if (sessionUsername) return { username: sessionUsername, usernameSource: 'session' };
  const last = rememberedUsernames?.last;
  if (last) return { username: last, usernameSource: 'last' };
  return { username: '', usernameSource: 'none' };
}

/**
 * The kind to remember for the next popup: one somebody decided on (picked here, the link's, or
 * remembered before), never a default, so a later change of the settings' username mode still
 * reaches users who never picked a kind.
 */
export function kindToRemember(inputs: PopupInputs): CredentialKind | undefined {
  return inputs.picked?.kind ?? inputs.linkKind ?? inputs.rememberedKind;
}
