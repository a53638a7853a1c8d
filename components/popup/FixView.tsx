import { Component, type ComponentChildren } from 'preact';
import {
  buildFixPlan,
  CREDENTIAL_KIND_LABELS,
  CREDENTIAL_KINDS,
  type CredentialHelper,
  type CredentialKind,
  HELPER_LABELS,
  HELPERS,
  isCredentialHelper,
  isCredentialKind,
} from '../../lib/fix-plan';
import {
  formatRepo,
  parseRepoInput,
  parseRepoPageUrl,
  REPO_INPUT_MESSAGES,
  type RepoRef,
} from '../../lib/repo-context';
import { isShell, SHELL_LABELS, SHELLS, type Shell } from '../../lib/shells';
import { readPopupPrefs, readRememberedUsernames, usernameFor } from '../../lib/stored-prefs';
import { accessTokensPage, apiTokenLink, clampExpiryDays, SSH_KEYS_PAGE } from '../../lib/token-links';
import { checkEnvVariable, checkRemote, checkUsername } from '../../lib/validation';
import type { RepositoryCheck } from '../../platform/bitbucket-api';
import type { SharedSettings } from '../../platform/messages';
import type { PopupPrefs } from '../../platform/storage';
import { StepList } from '../StepList';
import { CiSection } from './CiSection';
import type { PopupServices } from './services';

interface Props {
  /** The page the popup acts on; undefined when unknown. */
  pageUrl?: string;
  services: PopupServices;
  /** Preset values from elsewhere (the diagnoser, a page's link): the repository text and kind. */
  initialRepoText?: string;
  initialKind?: CredentialKind;
}

type UsernameSource = 'session' | 'remembered' | 'typed' | 'none';

/**
 * The popup's remembered choices (PopupPrefs, all filled in) and what the view shows. `remote`
 * and `ciVariable` are what the fields hold; what is saved is their last valid value on leaving.
 */
interface State extends Required<PopupPrefs> {
  repoText: string;
  username: string;
  usernameSource: UsernameSource;
  sessionNote?: string;
  shell: Shell;
  helper: CredentialHelper;
  settings?: SharedSettings;
  repoCheck?: RepositoryCheck;
  /** The remembered choices have loaded: from then on, changes are saved. */
  ready: boolean;
  /** The CI section is open: its commands are built only then. */
  ciOpen?: boolean;
}

const KIND_FOR_MODE = { username: 'api-token-username', static: 'api-token-static' } as const;

const repoOf = (text: string): RepoRef | undefined => {
  const parsed = parseRepoInput(text);
  return parsed.ok ? parsed.value.repo : undefined;
};

export class FixView extends Component<Props, State> {
  readonly #pageRepo = this.props.pageUrl ? parseRepoPageUrl(this.props.pageUrl) : undefined;
  override state: State = {
    repoText: this.props.initialRepoText ?? (this.#pageRepo ? formatRepo(this.#pageRepo) : ''),
    kind: this.props.initialKind ?? 'api-token-username',
    username: '',
    usernameSource: 'none',
    remote: 'origin',
    shell: 'bash',
    helper: 'any',
    eraseScope: 'all',
    perWorkspaceUsername: false,
    sshAddKey: false,
    sshRefreshHostKey: false,
    ciVariable: 'BITBUCKET_TOKEN',
    ready: false,
  };
  #gone = false;
  #typedUsername = false;
  #rememberedForWorkspace = false;
  #sessionAsked = false;
  #rememberedKind = false;
  // What the user picked in this popup: settings arriving late never override it.
  #chose = new Set<'shell' | 'helper' | 'kind'>();
  #checkTimer?: ReturnType<typeof setTimeout>;
  #savedPrefs = '';
  // Text fields are saved when the user leaves them, and only when valid: never per keystroke,
  // so a token typed into one is never stored (docs/evidence/tokens.md#fields).
  #committed = { remote: 'origin', ciVariable: 'BITBUCKET_TOKEN' };

  // Remembered choices first; who is signed in is asked afterwards (below). Settings load on their
  // own: the managed-policy read can take seconds right after the browser starts.
  override componentDidMount() {
    const { services, initialKind } = this.props;
    const initialWorkspace = repoOf(this.state.repoText)?.workspace;
    void services.loadSettings().then((settings) => {
      if (this.#gone) return;
      const { shell, helper, usernameMode } = settings.settings;
      this.setState({ settings });
      if (!this.#chose.has('shell')) this.setState({ shell });
      if (!this.#chose.has('helper')) this.setState({ helper });
      if (!this.#chose.has('kind') && !initialKind && !this.#rememberedKind) {
        this.setState({ kind: KIND_FOR_MODE[usernameMode] });
      }
    });
    void Promise.all([services.loadPrefs(), services.loadUsernames()]).then(([storedPrefs, stored]) => {
      if (this.#gone) return;
      // Checked again here, whoever read them: a wrong type never reaches a render.
      const prefs = readPopupPrefs(storedPrefs);
      const usernames = readRememberedUsernames(stored);
      const remembered = isCredentialKind(prefs.kind) ? prefs.kind : undefined;
      this.#rememberedKind = remembered !== undefined;
      const startKind = initialKind ?? remembered;
      if (!this.#chose.has('kind') && startKind) this.setState({ kind: startKind });
      if (prefs.remote) {
        this.#committed.remote = prefs.remote;
        this.setState({ remote: prefs.remote });
      }
      if (prefs.eraseScope) this.setState({ eraseScope: prefs.eraseScope });
      this.setState({
        perWorkspaceUsername: prefs.perWorkspaceUsername === true,
        sshAddKey: prefs.sshAddKey === true,
        sshRefreshHostKey: prefs.sshRefreshHostKey === true,
      });
      if (prefs.ciVariable) {
        this.#committed.ciVariable = prefs.ciVariable;
        this.setState({ ciVariable: prefs.ciVariable });
      }
      // Own properties only: a workspace named `constructor` is a workspace, not a function.
      const forWorkspace = initialWorkspace ? usernameFor(usernames, initialWorkspace) : undefined;
      const username = forWorkspace ?? usernames.last;
      if (!this.#typedUsername && username) this.setState({ username, usernameSource: 'remembered' });
      this.#rememberedForWorkspace = forWorkspace !== undefined;
      this.setState({ ready: true });
    });
    this.#checkRepository();
  }

  override componentDidUpdate(_props: Props, previous: State) {
    const s = this.state;
    if (s.repoText !== previous.repoText) this.#checkRepository();
    if (!s.ready) return;
    // Who is signed in, asked once there is a repository (and so a reason to talk to bitbucket.org).
    if (!this.#sessionAsked && repoOf(s.repoText)) {
      this.#sessionAsked = true;
      void this.props.services.fetchSessionUser().then((session) => {
        if (!session || this.#gone) return;
        if (!session.signedIn) {
          this.setState({
            sessionNote:
              'Not signed in to bitbucket.org in this browser: sign in there and open this again, or type the username from your Bitbucket personal settings.',
          });
          return;
        }
        this.setState({ sessionNote: `Signed in to bitbucket.org as ${session.username}.` });
        // A username remembered for this workspace was a deliberate choice: it wins over the session.
        if (!this.#typedUsername && !this.#rememberedForWorkspace) {
          this.setState({ username: session.username, usernameSource: 'session' });
        }
      });
    }
    this.#savePrefs();
  }

  // Choices (selects, checkboxes) are saved as made; text fields only as committed.
  #savePrefs() {
    const s = this.state;
    if (!s.ready) return;
    const prefs: PopupPrefs = {
      kind: s.kind,
      remote: this.#committed.remote,
      eraseScope: s.eraseScope,
      perWorkspaceUsername: s.perWorkspaceUsername,
      sshAddKey: s.sshAddKey,
      sshRefreshHostKey: s.sshRefreshHostKey,
      ciVariable: this.#committed.ciVariable,
    };
    const json = JSON.stringify(prefs);
    if (json !== this.#savedPrefs) {
      this.#savedPrefs = json;
      void this.props.services.savePrefs(prefs);
    }
  }

  override componentWillUnmount() {
    this.#gone = true;
    clearTimeout(this.#checkTimer);
  }

  // Debounced: typing `acme/web-app` must not ask Bitbucket about `acme/w`, `acme/we`, …
  #checkRepository() {
    clearTimeout(this.#checkTimer);
    this.setState({ repoCheck: undefined });
    const repo = repoOf(this.state.repoText);
    if (!repo) return;
    const text = this.state.repoText;
    this.#checkTimer = setTimeout(() => {
      void this.props.services.checkRepository(repo).then((repoCheck) => {
        if (!this.#gone && this.state.repoText === text) this.setState({ repoCheck });
      });
    }, 400);
  }

  #onUsername(value: string) {
    this.#typedUsername = true;
    this.setState({ username: value, usernameSource: 'typed' });
  }

  // On leaving the field: a valid username is remembered (a token never is: checkUsername refuses it).
  #commitUsername(value: string) {
    if (!checkUsername(value, 'bash')) {
      void this.props.services.rememberUsername(value.trim(), repoOf(this.state.repoText)?.workspace);
    }
  }

  #commitRemote(value: string) {
    if (checkRemote(value, 'bash')) return;
    this.#committed.remote = value.trim();
    this.#savePrefs();
  }

  #commitCiVariable(value: string) {
    if (checkEnvVariable(value)) return;
    this.#committed.ciVariable = value;
    this.#savePrefs();
  }

  #onShell(value: string) {
    if (!isShell(value)) return;
    this.#chose.add('shell');
    this.setState({ shell: value });
    void this.props.services.saveShellAndHelper({ shell: value });
  }

  #onHelper(value: string) {
    if (!isCredentialHelper(value)) return;
    this.#chose.add('helper');
    this.setState({ helper: value });
    void this.props.services.saveShellAndHelper({ helper: value });
  }

  #onKind(value: string) {
    if (!isCredentialKind(value)) return;
    this.#chose.add('kind');
    this.setState({ kind: value });
  }

  #onRepoText(value: string) {
    this.setState({ repoText: value });
    const result = parseRepoInput(value);
    // A pasted clone URL often carries the username git should use.
    const user = result.ok ? result.value.username : undefined;
    if (
      user &&
      !this.#typedUsername &&
      this.state.kind === 'api-token-username' &&
      !checkUsername(user, 'bash')
    ) {
      this.setState({ username: user, usernameSource: 'typed' });
    }
  }

  override render({ services }: Props, s: State) {
    const { repoText, kind, username, shell, helper, eraseScope, settings } = s;
    const pageRepo = this.#pageRepo;
    const parsed = parseRepoInput(repoText);
    const repo = parsed.ok ? parsed.value.repo : undefined;
    const workspace = repo?.workspace;
    const plan = buildFixPlan({
      repo,
      kind,
      username,
      remote: s.remote,
      shell,
      helper,
      eraseScope,
      perWorkspaceUsername: s.perWorkspaceUsername,
      ssh: { addKey: s.sshAddKey, refreshHostKey: s.sshRefreshHostKey },
    });
    const usernameProblem = kind === 'api-token-username' ? checkUsername(username, shell) : undefined;
    const otherProblems = plan.problems.filter(
      (p) => p.field !== 'username' && p.field !== 'repository' && p.severity === 'invalid',
    );
    const locked = new Set<string>(settings?.lockedKeys ?? []);
    const expiryDays = clampExpiryDays(settings?.settings.defaultExpiryDays ?? 90, settings?.maxExpiryDays);
    const preset = helper.startsWith('gcm-') ? 'git-ide' : 'git-push';

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
          checked={s[key]}
          onChange={(e) => this.setState({ [key]: e.currentTarget.checked } as Pick<State, typeof key>)}
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
            onInput={(e) => this.#onRepoText(e.currentTarget.value)}
          />
          <p id="repo-hint" class="hint" role={repoError ? 'alert' : undefined}>
            {repoError ??
              (repo
                ? `${formatRepo(repo)}${pageRepo && repoText === formatRepo(pageRepo) ? ' · from this tab' : ''}${
                    s.repoCheck === 'not-found'
                      ? ' · Bitbucket does not show this repository to the signed-in user'
                      : ''
                  }`
                : '')}
          </p>
          {parsed.ok && parsed.value.hasEmbeddedSecret && (
            <p class="warn" role="alert">
              That URL contains a password or token. Never keep one in a remote URL: the steps below replace
              it.
            </p>
          )}
        </div>

        <div class="row">
          <div class="field">
            <label for="kind">Credential</label>
            <select id="kind" value={kind} onChange={(e) => this.#onKind(e.currentTarget.value)}>
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
              value={s.remote}
              spellcheck={false}
              autocomplete="off"
              onInput={(e) => this.setState({ remote: e.currentTarget.value })}
              onChange={(e) => this.#commitRemote(e.currentTarget.value)}
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
              onInput={(e) => this.#onUsername(e.currentTarget.value)}
              onChange={(e) => this.#commitUsername(e.currentTarget.value)}
            />
            <p
              id="username-hint"
              class="hint"
              role={usernameProblem?.severity === 'invalid' ? 'alert' : undefined}
            >
              {usernameProblem
                ? usernameProblem.message
                : s.usernameSource === 'session'
                  ? `From your Bitbucket session. Git wants this username, never your e-mail.`
                  : s.usernameSource === 'remembered'
                    ? `Remembered${workspace ? ` for ${workspace}` : ''}. Git wants the username, never your e-mail.`
                    : 'Git wants your Bitbucket username, never your e-mail.'}
              {s.sessionNote ? ` ${s.sessionNote}` : ''}
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
              onChange={(e) => this.#onShell(e.currentTarget.value)}
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
                onChange={(e) => this.#onHelper(e.currentTarget.value)}
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
                  onChange={(e) => this.setState({ eraseScope: e.currentTarget.checked ? 'user' : 'all' })}
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
                link(
                  accessTokensPage(repo, preset),
                  `Create a repository access token for ${formatRepo(repo)}`,
                )
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
          <details class="ci" onToggle={(e) => this.setState({ ciOpen: e.currentTarget.open })}>
            <summary>In CI or scripts: token from an environment variable</summary>
            {s.ciOpen && (
              <CiSection
                repo={repo}
                kind={kind}
                username={username}
                variable={s.ciVariable}
                shell={shell}
                onVariable={(ciVariable) => this.setState({ ciVariable })}
                onCommit={(ciVariable) => this.#commitCiVariable(ciVariable)}
                copy={services.copy}
              />
            )}
          </details>
        )}
      </div>
    );
  }
}
