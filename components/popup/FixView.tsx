import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  buildFixPlan,
  CREDENTIAL_KIND_LABELS,
  CREDENTIAL_KINDS,
  type CredentialKind,
  HELPER_LABELS,
  HELPERS,
  isCredentialHelper,
  isCredentialKind,
} from '../../lib/fix-plan';
import {
  choosePopupChoices,
  kindToRemember,
  type PopupInputs,
  type UsernameSource,
} from '../../lib/popup-choices';
import { formatRepo, parseRepoInput, parseRepoPageUrl, REPO_INPUT_MESSAGES } from '../../lib/repo-context';
import { isShell, SHELL_LABELS, SHELLS } from '../../lib/shells';
import {
  type PopupPrefs,
  type RememberedUsernames,
  readPopupPrefs,
  readRememberedUsernames,
} from '../../lib/stored-prefs';
import { accessTokensPage, apiTokenLink, clampExpiryDays, SSH_KEYS_PAGE } from '../../lib/token-links';
import { checkEnvVariable, checkRemote, checkUsername } from '../../lib/validation';
import type { RepositoryCheck, SessionUser } from '../../platform/pages/bitbucket-session';
import type { PopupServices } from '../../platform/pages/popup-services';
import type { SharedSettings } from '../../platform/shared/messages';
import { StepList } from '../StepList';
import { CiSection } from './CiSection';

interface Props {
  /** The page the popup acts on; undefined when unknown. */
  pageUrl?: string;
  services: PopupServices;
  /** Preset values from elsewhere (the diagnoser, a page's link): the repository text and kind. */
  initialRepoText?: string;
  initialKind?: CredentialKind;
}

/** The remembered choices other than the kind, as the view starts before storage answers. */
type OtherPrefs = Required<Omit<PopupPrefs, 'kind'>>;
const DEFAULT_PREFS: OtherPrefs = {
  remote: 'origin',
  eraseScope: 'all',
  perWorkspaceUsername: false,
  sshAddKey: false,
  sshRefreshHostKey: false,
  ciVariable: 'BITBUCKET_TOKEN',
};

/** What storage held when the popup opened, checked again whoever read it. */
interface Stored {
  prefs: PopupPrefs;
  usernames: RememberedUsernames;
}

const USERNAME_HINTS: Record<UsernameSource, (workspace?: string) => string> = {
  typed: () => 'Git wants your Bitbucket username, never your e-mail.',
  pasted: () => 'From the pasted URL. Git wants your Bitbucket username, never your e-mail.',
  workspace: (workspace) => `Remembered for ${workspace}. Git wants the username, never your e-mail.`,
  session: () => 'From your Bitbucket session. Git wants this username, never your e-mail.',
  last: () => 'The username you typed last time. Git wants the username, never your e-mail.',
  none: () => 'Git wants your Bitbucket username, never your e-mail.',
};

/**
 * The repository, credential and options, and the commands that fix git's authentication for
 * them. The view keeps what the user did and what storage, the settings and the session said, as
 * each arrives; lib/popup-choices.ts decides from those which username, kind, shell and helper
 * show, whatever the order they came in.
 */
export function FixView({ pageUrl, services, initialRepoText, initialKind }: Props) {
  const pageRepo = pageUrl ? parseRepoPageUrl(pageUrl) : undefined;
  const [repoText, setRepoText] = useState(() => initialRepoText ?? (pageRepo ? formatRepo(pageRepo) : ''));
  // What the user did in this popup.
  const [typedUsername, setTypedUsername] = useState<string>();
  const [picked, setPicked] = useState<NonNullable<PopupInputs['picked']>>({});
  const [edits, setEdits] = useState<Partial<OtherPrefs>>({});
  // Text fields are saved when the user leaves them, and only when valid: never per keystroke,
  // so a token typed into one is never stored (docs/evidence/tokens.md#fields).
  const [committed, setCommitted] = useState<{ remote?: string; ciVariable?: string }>({});
  const [ciOpen, setCiOpen] = useState(false);
  // What the extension found out.
  const [stored, setStored] = useState<Stored>();
  const [settings, setSettings] = useState<SharedSettings>();
  const [session, setSession] = useState<SessionUser>();
  const [repoCheck, setRepoCheck] = useState<{ text: string; result: RepositoryCheck }>();

  // Settings load on their own: the managed-policy read can take seconds right after the browser starts.
  useEffect(() => {
    void services.loadSettings().then(setSettings);
    void Promise.all([services.loadPrefs(), services.loadUsernames()]).then(([prefs, usernames]) =>
      // Checked again here, whoever read them: a wrong type never reaches a render.
      setStored({ prefs: readPopupPrefs(prefs), usernames: readRememberedUsernames(usernames) }),
    );
  }, [services]);

  const parsed = parseRepoInput(repoText);
  const repo = parsed.ok ? parsed.value.repo : undefined;
  const workspace = repo?.workspace;

  // Who is signed in, asked once there is a repository (and so a reason to talk to bitbucket.org).
  const sessionAsked = useRef(false);
  const hasRepo = repo !== undefined;
  useEffect(() => {
    if (!hasRepo || sessionAsked.current) return;
    sessionAsked.current = true;
    void services.fetchSessionUser().then((user) => user && setSession(user));
  }, [hasRepo, services]);

  // Debounced: typing `acme/web-app` must not ask Bitbucket about `acme/w`, `acme/we`, …
  useEffect(() => {
    const target = parseRepoInput(repoText);
    if (!target.ok) return;
    const timer = setTimeout(() => {
      void services
        .checkRepository(target.value.repo)
        .then((result) => setRepoCheck({ text: repoText, result }));
    }, 400);
    return () => clearTimeout(timer);
  }, [repoText, services]);

  const { kind: rememberedKind, ...storedPrefs } = stored?.prefs ?? {};
  const inputs: PopupInputs = {
    repoText,
    typedUsername,
    picked,
    linkKind: initialKind,
    rememberedKind,
    rememberedUsernames: stored?.usernames,
    sessionUsername: session?.signedIn ? session.username : undefined,
    settings: settings?.settings,
    lockedKeys: settings?.lockedKeys,
  };
  const { username, usernameSource, kind, shell, helper } = choosePopupChoices(inputs);
  const prefs: OtherPrefs = { ...DEFAULT_PREFS, ...storedPrefs, ...edits };

  // Choices (selects, checkboxes) are saved as made, text fields as committed; nothing before
  // storage has answered, which would overwrite what it holds with the defaults.
  const rememberKind = kindToRemember(inputs);
  const toSave: PopupPrefs = {
    ...(rememberKind ? { kind: rememberKind } : {}),
    remote: committed.remote ?? storedPrefs.remote ?? DEFAULT_PREFS.remote,
    eraseScope: prefs.eraseScope,
    perWorkspaceUsername: prefs.perWorkspaceUsername,
    sshAddKey: prefs.sshAddKey,
    sshRefreshHostKey: prefs.sshRefreshHostKey,
    ciVariable: committed.ciVariable ?? storedPrefs.ciVariable ?? DEFAULT_PREFS.ciVariable,
  };
  const saved = useRef('');
  useEffect(() => {
    const json = JSON.stringify(toSave);
    if (!stored || json === saved.current) return;
    saved.current = json;
    void services.savePrefs(toSave);
  });

  const edit = (changes: Partial<OtherPrefs>) => setEdits((previous) => ({ ...previous, ...changes }));
  // On leaving the field: a valid username is remembered (a token never is: checkUsername refuses it).
  const commitUsername = (value: string) => {
    if (!checkUsername(value, 'bash')) void services.rememberUsername(value.trim(), workspace);
  };
  const commitRemote = (value: string) => {
    if (!checkRemote(value, 'bash')) setCommitted((c) => ({ ...c, remote: value.trim() }));
  };
  const commitCiVariable = (value: string) => {
    if (!checkEnvVariable(value)) setCommitted((c) => ({ ...c, ciVariable: value }));
  };
  const pickShell = (value: string) => {
    if (!isShell(value)) return;
    setPicked((p) => ({ ...p, shell: value }));
    void services.saveShellAndHelper({ shell: value });
  };
  const pickHelper = (value: string) => {
    if (!isCredentialHelper(value)) return;
    setPicked((p) => ({ ...p, helper: value }));
    void services.saveShellAndHelper({ helper: value });
  };
  const pickKind = (value: string) => {
    if (isCredentialKind(value)) setPicked((p) => ({ ...p, kind: value }));
  };

  const { eraseScope } = prefs;
  const plan = buildFixPlan({
    repo,
    kind,
    username,
    remote: prefs.remote,
    shell,
    helper,
    eraseScope,
    perWorkspaceUsername: prefs.perWorkspaceUsername,
    ssh: { addKey: prefs.sshAddKey, refreshHostKey: prefs.sshRefreshHostKey },
  });
  const usernameProblem = kind === 'api-token-username' ? checkUsername(username, shell) : undefined;
  const otherProblems = plan.problems.filter(
    (p) => p.field !== 'username' && p.field !== 'repository' && p.severity === 'invalid',
  );
  const locked = new Set<string>(settings?.lockedKeys ?? []);
  const expiryDays = clampExpiryDays(settings?.settings.defaultExpiryDays ?? 90, settings?.maxExpiryDays);
  const preset = helper.startsWith('gcm-') ? 'git-ide' : 'git-push';
  const notFound = repoCheck?.text === repoText && repoCheck.result === 'not-found';
  const sessionNote = !session
    ? ''
    : session.signedIn
      ? ` Signed in to bitbucket.org as ${session.username}.`
      : ' Not signed in to bitbucket.org in this browser: sign in there and open this again, or type the username from your Bitbucket personal settings.';

  // The popup closes when a tab opens: store the pending preset first, then open.
  const link = (url: string, text: ComponentChildren, testId?: string) => (
    <a
      href={url}
      data-testid={testId}
      onClick={(e) => {
        e.preventDefault();
        void services.openPage(url);
      }}
    >
      {text}
    </a>
  );
  const check = (
    key: 'perWorkspaceUsername' | 'sshAddKey' | 'sshRefreshHostKey',
    text: ComponentChildren,
  ) => (
    <label class="check">
      <input
        type="checkbox"
        checked={prefs[key]}
        onChange={(e) => edit({ [key]: e.currentTarget.checked })}
      />
      {text}
    </label>
  );

  const repoError = !parsed.ok && repoText.trim() !== '' ? REPO_INPUT_MESSAGES[parsed.reason] : undefined;
  return (
    <div class="fix">
      {!pageRepo && repoText.trim() === '' && (
        <p class="note" data-testid="not-a-repo">
          This tab is not a Bitbucket repository page. Open a repository on bitbucket.org and click the
          toolbar button there, or type or paste one below: workspace/repo, a clone URL or a bitbucket.org
          link.
        </p>
      )}
      <div class="field">
        <label for="repo">Repository</label>
        <input
          id="repo"
          type="text"
          value={repoText}
          spellcheck={false}
          autocomplete="off"
          placeholder="workspace/repo or clone URL"
          aria-invalid={repoError ? true : undefined}
          aria-describedby="repo-hint"
          onInput={(e) => setRepoText(e.currentTarget.value)}
        />
        <p id="repo-hint" class="hint" role={repoError ? 'alert' : undefined}>
          {repoError ??
            (repo
              ? `${formatRepo(repo)}${pageRepo && repoText === formatRepo(pageRepo) ? ' · from this tab' : ''}${
                  notFound ? ' · Bitbucket does not show this repository to the signed-in user' : ''
                }`
              : '')}
        </p>
        {parsed.ok && parsed.value.hasEmbeddedSecret && (
          <p class="warn" role="alert">
            That URL contains a password or token. Never keep one in a remote URL: the steps below replace it.
          </p>
        )}
      </div>

      <div class="row">
        <div class="field">
          <label for="kind">Credential</label>
          <select id="kind" value={kind} onChange={(e) => pickKind(e.currentTarget.value)}>
            {CREDENTIAL_KINDS.map((k) => (
              <option key={k} value={k}>
                {CREDENTIAL_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div class="field narrow">
          <label for="remote">Remote</label>
          <input
            id="remote"
            type="text"
            value={prefs.remote}
            spellcheck={false}
            autocomplete="off"
            onInput={(e) => edit({ remote: e.currentTarget.value })}
            onChange={(e) => commitRemote(e.currentTarget.value)}
          />
        </div>
      </div>

      {kind === 'api-token-username' && (
        <div class="field">
          <label for="username">Username</label>
          <input
            id="username"
            type="text"
            value={username}
            spellcheck={false}
            autocomplete="username"
            placeholder="your Bitbucket username (not the e-mail)"
            aria-invalid={usernameProblem?.severity === 'invalid' ? true : undefined}
            aria-describedby="username-hint"
            onInput={(e) => setTypedUsername(e.currentTarget.value)}
            onChange={(e) => commitUsername(e.currentTarget.value)}
          />
          <p
            id="username-hint"
            class="hint"
            role={usernameProblem?.severity === 'invalid' ? 'alert' : undefined}
          >
            {usernameProblem ? usernameProblem.message : USERNAME_HINTS[usernameSource](workspace)}
            {sessionNote}
          </p>
        </div>
      )}

      <div class="row">
        <div class="field">
          <label for="shell">Shell</label>
          <select
            id="shell"
            value={shell}
            disabled={locked.has('shell')}
            onChange={(e) => pickShell(e.currentTarget.value)}
          >
            {SHELLS.map((sh) => (
              <option key={sh} value={sh}>
                {SHELL_LABELS[sh]}
              </option>
            ))}
          </select>
        </div>
        {kind !== 'ssh' && (
          <div class="field">
            <label for="helper">Credential helper</label>
            <select
              id="helper"
              value={helper}
              disabled={locked.has('helper')}
              onChange={(e) => pickHelper(e.currentTarget.value)}
            >
              {HELPERS.map((h) => (
                <option key={h} value={h}>
                  {HELPER_LABELS[h]}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>

      <fieldset class="options">
        <legend>Options</legend>
        {kind !== 'ssh' ? (
          <>
            <label class="check">
              <input
                type="checkbox"
                checked={eraseScope === 'user'}
                onChange={(e) => edit({ eraseScope: e.currentTarget.checked ? 'user' : 'all' })}
              />
              Erase only this user's stored credential
            </label>
            {check(
              'perWorkspaceUsername',
              <>Several Bitbucket accounts: use this username for {workspace ?? 'this workspace'} only</>,
            )}
          </>
        ) : (
          <>
            {check('sshAddKey', 'I have no SSH key in Bitbucket yet')}
            {check('sshRefreshHostKey', 'ssh warns about the host key')}
          </>
        )}
      </fieldset>

      {otherProblems.map((p) => (
        <p key={p.message} class="warn" role="alert">
          {p.message}
        </p>
      ))}

      <p class="create">
        {kind === 'ssh'
          ? link(SSH_KEYS_PAGE, 'Open your SSH keys in Bitbucket')
          : kind === 'access-token'
            ? repo &&
              link(accessTokensPage(repo, preset), `Create a repository access token for ${formatRepo(repo)}`)
            : link(apiTokenLink(preset, expiryDays), 'Create an API token for git', 'create-token-link')}
        {kind !== 'ssh' && (
          <span class="hint">
            {' '}
            ({preset === 'git-ide' ? 'GCM / IDE' : 'git push'} scopes, {expiryDays} days)
          </span>
        )}
      </p>

      <h2 class="steps-title">Run these in order</h2>
      <StepList steps={plan.steps} script={plan.script} copy={services.copy} />
      {repo && kind !== 'ssh' && (
        <details class="ci" onToggle={(e) => setCiOpen(e.currentTarget.open)}>
          <summary>In CI or scripts: token from an environment variable</summary>
          {ciOpen && (
            <CiSection
              repo={repo}
              kind={kind}
              username={username}
              variable={prefs.ciVariable}
              shell={shell}
              onVariable={(ciVariable) => edit({ ciVariable })}
              onCommit={commitCiVariable}
              copy={services.copy}
            />
          )}
        </details>
      )}
    </div>
  );
}
