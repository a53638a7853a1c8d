import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  buildCiCommands,
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
import { accessTokensPage, apiTokenLink, clampExpiryDays, SSH_KEYS_PAGE } from '../../lib/token-links';
import { checkUsername } from '../../lib/validation';
import type { RepositoryCheck } from '../../platform/bitbucket-api';
import type { SharedSettings } from '../../platform/messages';
import type { PopupPrefs } from '../../platform/storage';
import { CopyBlock } from '../CopyBlock';
import { StepList } from '../StepList';
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

const KIND_FOR_MODE = { username: 'api-token-username', static: 'api-token-static' } as const;

export function FixView({ pageUrl, services, initialRepoText, initialKind }: Props) {
  const pageRepo = useMemo(() => (pageUrl ? parseRepoPageUrl(pageUrl) : undefined), [pageUrl]);
  const [repoText, setRepoText] = useState(initialRepoText ?? (pageRepo ? formatRepo(pageRepo) : ''));
  const [kind, setKind] = useState<CredentialKind>(initialKind ?? 'api-token-username');
  const [username, setUsername] = useState('');
  const [usernameSource, setUsernameSource] = useState<UsernameSource>('none');
  const [sessionNote, setSessionNote] = useState<string>();
  const [remote, setRemote] = useState('origin');
  const [shell, setShell] = useState<Shell>('bash');
  const [helper, setHelper] = useState<CredentialHelper>('any');
  const [eraseScope, setEraseScope] = useState<'all' | 'user'>('all');
  const [perWorkspace, setPerWorkspace] = useState(false);
  const [sshAddKey, setSshAddKey] = useState(false);
  const [sshRefresh, setSshRefresh] = useState(false);
  const [ciVariable, setCiVariable] = useState('BITBUCKET_TOKEN');
  const [settings, setSettings] = useState<SharedSettings>();
  const [repoCheck, setRepoCheck] = useState<RepositoryCheck>();
  const [ready, setReady] = useState(false);
  const typedUsername = useRef(false);
  const rememberedForWorkspace = useRef(false);
  const sessionAsked = useRef(false);
  const rememberedKind = useRef(false);
  // What the user picked in this popup: settings arriving late never override it.
  const chose = useRef(new Set<'shell' | 'helper' | 'kind'>());

  const parsed = useMemo(() => parseRepoInput(repoText), [repoText]);
  const repo: RepoRef | undefined = parsed.ok ? parsed.value.repo : undefined;
  const workspace = repo?.workspace;
  const initialWorkspace = useRef(workspace);

  // Remembered choices first; who is signed in is asked afterwards (below). Settings load on their
  // own: the managed-policy read can take seconds right after the browser starts.
  useEffect(() => {
    let cancelled = false;
    void services.loadSettings().then((loadedSettings) => {
      if (cancelled) return;
      setSettings(loadedSettings);
      if (!chose.current.has('shell')) setShell(loadedSettings.settings.shell);
      if (!chose.current.has('helper')) setHelper(loadedSettings.settings.helper);
      if (!chose.current.has('kind') && !initialKind && !rememberedKind.current) {
        setKind(KIND_FOR_MODE[loadedSettings.settings.usernameMode]);
      }
    });
    void (async () => {
      const [prefs, usernames] = await Promise.all([services.loadPrefs(), services.loadUsernames()]);
      if (cancelled) return;
      const remembered = isCredentialKind(prefs.kind) ? prefs.kind : undefined;
      rememberedKind.current = remembered !== undefined;
      const startKind = initialKind ?? remembered;
      if (!chose.current.has('kind') && startKind) setKind(startKind);
      if (prefs.remote) setRemote(prefs.remote);
      if (prefs.eraseScope) setEraseScope(prefs.eraseScope);
      setPerWorkspace(prefs.perWorkspaceUsername === true);
      setSshAddKey(prefs.sshAddKey === true);
      setSshRefresh(prefs.sshRefreshHostKey === true);
      if (prefs.ciVariable) setCiVariable(prefs.ciVariable);
      const ws = initialWorkspace.current;
      const forWorkspace = ws ? usernames.byWorkspace[ws.toLowerCase()] : undefined;
      if (!typedUsername.current && (forWorkspace ?? usernames.last)) {
        setUsername(forWorkspace ?? usernames.last ?? '');
        setUsernameSource('remembered');
      }
      rememberedForWorkspace.current = forWorkspace !== undefined;
      setReady(true);
    })();
    return () => {
      cancelled = true;
    };
  }, [services, initialKind]);

  // Who is signed in, asked once there is a repository (and so a reason to talk to bitbucket.org).
  const hasRepo = repo !== undefined;
  useEffect(() => {
    if (!hasRepo || !ready || sessionAsked.current) return;
    sessionAsked.current = true;
    void services.fetchSessionUser().then((session) => {
      if (!session) return;
      if (!session.signedIn) {
        setSessionNote('Not signed in to bitbucket.org in this browser: type your username.');
        return;
      }
      setSessionNote(`Signed in to bitbucket.org as ${session.username}.`);
      // A username remembered for this workspace was a deliberate choice: it wins over the session.
      if (!typedUsername.current && !rememberedForWorkspace.current) {
        setUsername(session.username);
        setUsernameSource('session');
      }
    });
  }, [hasRepo, ready, services]);

  // Debounced: typing `acme/web-app` must not ask Bitbucket about `acme/w`, `acme/we`, …
  useEffect(() => {
    setRepoCheck(undefined);
    if (!repo) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      void services.checkRepository(repo).then((result) => {
        if (!cancelled) setRepoCheck(result);
      });
    }, 400);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [repo, services]);

  useEffect(() => {
    if (!ready) return;
    const prefs: PopupPrefs = {
      kind,
      remote,
      eraseScope,
      perWorkspaceUsername: perWorkspace,
      sshAddKey,
      sshRefreshHostKey: sshRefresh,
      ciVariable,
    };
    void services.savePrefs(prefs);
  }, [ready, kind, remote, eraseScope, perWorkspace, sshAddKey, sshRefresh, ciVariable, services]);

  const plan = useMemo(
    () =>
      buildFixPlan({
        repo,
        kind,
        username,
        remote,
        shell,
        helper,
        eraseScope,
        perWorkspaceUsername: perWorkspace,
        ssh: { addKey: sshAddKey, refreshHostKey: sshRefresh },
      }),
    [repo, kind, username, remote, shell, helper, eraseScope, perWorkspace, sshAddKey, sshRefresh],
  );
  const { steps, script } = plan;
  const usernameProblem = kind === 'api-token-username' ? checkUsername(username, shell) : undefined;
  const otherProblems = plan.problems.filter(
    (p) => p.field !== 'username' && p.field !== 'repository' && p.severity === 'invalid',
  );
  const ci =
    repo && kind !== 'ssh'
      ? buildCiCommands({ repo, kind, username, variable: ciVariable, shell })
      : undefined;
  const locked = new Set<string>(settings?.lockedKeys ?? []);
  const expiryDays = clampExpiryDays(settings?.settings.defaultExpiryDays ?? 90, settings?.maxExpiryDays);
  const preset = helper.startsWith('gcm-') ? 'git-ide' : 'git-push';

  // The popup closes when a tab opens: store the pending preset first, then open.
  const openOnClick = (url: string) => (e: Event) => {
    e.preventDefault();
    void services.openPage(url);
  };

  const onUsername = (value: string) => {
    typedUsername.current = true;
    setUsername(value);
    setUsernameSource('typed');
    if (!checkUsername(value, 'bash')) void services.rememberUsername(value.trim(), workspace);
  };
  const onShell = (value: string) => {
    if (!isShell(value)) return;
    chose.current.add('shell');
    setShell(value);
    void services.saveShellAndHelper({ shell: value });
  };
  const onHelper = (value: string) => {
    if (!isCredentialHelper(value)) return;
    chose.current.add('helper');
    setHelper(value);
    void services.saveShellAndHelper({ helper: value });
  };
  const onKind = (value: string) => {
    if (!isCredentialKind(value)) return;
    chose.current.add('kind');
    setKind(value);
  };
  const onRepoText = (value: string) => {
    setRepoText(value);
    const result = parseRepoInput(value);
    // A pasted clone URL often carries the username git should use.
    const user = result.ok ? result.value.username : undefined;
    if (user && !typedUsername.current && kind === 'api-token-username' && !checkUsername(user, 'bash')) {
      setUsername(user);
      setUsernameSource('typed');
    }
  };

  const repoError = !parsed.ok && repoText.trim() !== '' ? REPO_INPUT_MESSAGES[parsed.reason] : undefined;
  return (
    <div class="fix">
      {!pageRepo && repoText.trim() === '' && (
        <p class="note" data-testid="not-a-repo">
          This tab is not a Bitbucket repository page. Type or paste a repository below: workspace/repo, a
          clone URL or a bitbucket.org link.
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
          onInput={(e) => onRepoText(e.currentTarget.value)}
        />
        <p id="repo-hint" class="hint" role={repoError ? 'alert' : undefined}>
          {repoError ??
            (repo
              ? `${formatRepo(repo)}${pageRepo && repoText === formatRepo(pageRepo) ? ' · from this tab' : ''}${
                  repoCheck === 'not-found'
                    ? ' · Bitbucket does not show this repository to the signed-in user'
                    : ''
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
          <select id="kind" value={kind} onChange={(e) => onKind(e.currentTarget.value)}>
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
            value={remote}
            spellcheck={false}
            autocomplete="off"
            onInput={(e) => setRemote(e.currentTarget.value)}
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
            onInput={(e) => onUsername(e.currentTarget.value)}
          />
          <p
            id="username-hint"
            class="hint"
            role={usernameProblem?.severity === 'invalid' ? 'alert' : undefined}
          >
            {usernameProblem
              ? usernameProblem.message
              : usernameSource === 'session'
                ? `From your Bitbucket session. Git wants this username, never your e-mail.`
                : usernameSource === 'remembered'
                  ? `Remembered${workspace ? ` for ${workspace}` : ''}. Git wants the username, never your e-mail.`
                  : 'Git wants your Bitbucket username, never your e-mail.'}
            {sessionNote ? ` ${sessionNote}` : ''}
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
            onChange={(e) => onShell(e.currentTarget.value)}
          >
            {SHELLS.map((s) => (
              <option key={s} value={s}>
                {SHELL_LABELS[s]}
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
              onChange={(e) => onHelper(e.currentTarget.value)}
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
                onChange={(e) => setEraseScope(e.currentTarget.checked ? 'user' : 'all')}
              />
              Erase only this user's stored credential
            </label>
            <label class="check">
              <input
                type="checkbox"
                checked={perWorkspace}
                onChange={(e) => setPerWorkspace(e.currentTarget.checked)}
              />
              Several Bitbucket accounts: use this username for {workspace ?? 'this workspace'} only
            </label>
          </>
        ) : (
          <>
            <label class="check">
              <input
                type="checkbox"
                checked={sshAddKey}
                onChange={(e) => setSshAddKey(e.currentTarget.checked)}
              />
              I have no SSH key in Bitbucket yet
            </label>
            <label class="check">
              <input
                type="checkbox"
                checked={sshRefresh}
                onChange={(e) => setSshRefresh(e.currentTarget.checked)}
              />
              ssh warns about the host key
            </label>
          </>
        )}
      </fieldset>

      {otherProblems.map((p) => (
        <p key={p.message} class="warn" role="alert">
          {p.message}
        </p>
      ))}

      <p class="create">
        {kind === 'ssh' ? (
          <a href={SSH_KEYS_PAGE} onClick={openOnClick(SSH_KEYS_PAGE)}>
            Open your SSH keys in Bitbucket
          </a>
        ) : kind === 'access-token' ? (
          repo && (
            <a href={accessTokensPage(repo, preset)} onClick={openOnClick(accessTokensPage(repo, preset))}>
              Create a repository access token for {formatRepo(repo)}
            </a>
          )
        ) : (
          <a
            href={apiTokenLink(preset, expiryDays)}
            data-testid="create-token-link"
            onClick={openOnClick(apiTokenLink(preset, expiryDays))}
          >
            Create an API token for git
          </a>
        )}
        {kind !== 'ssh' && (
          <span class="hint">
            {' '}
            ({preset === 'git-ide' ? 'GCM / IDE' : 'git push'} scopes, {expiryDays} days)
          </span>
        )}
      </p>

      <h2 class="steps-title">Run these in order</h2>
      <StepList steps={steps} script={script} copy={services.copy} />
      {ci && (
        <details class="ci">
          <summary>In CI or scripts: token from an environment variable</summary>
          <div class="field">
            <label for="ci-variable">Variable holding the token</label>
            <input
              id="ci-variable"
              type="text"
              value={ciVariable}
              spellcheck={false}
              onInput={(e) => setCiVariable(e.currentTarget.value)}
            />
          </div>
          {ci.problems.map((p) => (
            <p key={p.message} class="warn" role="alert">
              {p.message}
            </p>
          ))}
          {ci.clone && (
            <CopyBlock
              testId="snippet-ci-clone"
              title="Clone"
              why="git reads the token from the variable through a one-off helper: it never lands in .git/config or a URL."
              text={ci.clone}
              copy={services.copy}
            />
          )}
          {ci.fetch && (
            <CopyBlock
              testId="snippet-ci-fetch"
              title="Fetch in an existing clone"
              text={ci.fetch}
              copy={services.copy}
            />
          )}
        </details>
      )}
    </div>
  );
}
