import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { CAUSE_INFO, type Diagnosis, diagnose } from '../../lib/diagnose';
import { buildFixPlan, type CredentialKind } from '../../lib/fix-plan';
import { choosePopupChoices } from '../../lib/popup-choices';
import { formatRepo } from '../../lib/repo-context';
import { type RememberedUsernames, readRememberedUsernames } from '../../lib/stored-prefs';
import { apiTokenLink, clampExpiryDays } from '../../lib/token-links';
import { ACCESS_TOKEN_USERNAME, checkUsername, STATIC_API_TOKEN_USERNAME } from '../../lib/validation';
import type { SessionUser } from '../../platform/pages/bitbucket-session';
import type { PopupServices } from '../../platform/pages/popup-services';
import type { SharedSettings } from '../../platform/shared/messages';
import { StepList } from '../StepList';

interface Props {
  services: PopupServices;
  /** Switches to the Fix view with this repository filled in. */
  onOpenFix: (repoText: string) => void;
}

function kindFor(diagnosis: Diagnosis, fallback: CredentialKind): CredentialKind {
  const { context, cause } = diagnosis;
  if (cause.startsWith('ssh-') || context.protocol === 'ssh') return 'ssh';
  if (context.username === ACCESS_TOKEN_USERNAME) return 'access-token';
  if (context.username === STATIC_API_TOKEN_USERNAME) return 'api-token-static';
  return fallback === 'ssh' ? 'api-token-username' : fallback;
}

/** Paste what git printed; the diagnosis and the fix for the repository it names appear as you type. */
export function DiagnoseView({ services, onOpenFix }: Props) {
  const [text, setText] = useState('');
  const [settings, setSettings] = useState<SharedSettings>();
  const [remembered, setRemembered] = useState<RememberedUsernames>();
  const [session, setSession] = useState<SessionUser>();
  const diagnosis = useMemo(() => (text.trim() === '' ? undefined : diagnose(text)), [text]);

  useEffect(() => {
    void services.loadSettings().then(setSettings);
    void services.loadUsernames().then((u) => setRemembered(readRememberedUsernames(u)));
  }, [services]);
  // The paste names a repository: ask once who is signed in, as the Fix view does.
  const namesRepo = diagnosis?.context.repo !== undefined;
  const sessionAsked = useRef(false);
  useEffect(() => {
    if (!namesRepo || sessionAsked.current) return;
    sessionAsked.current = true;
    void services.fetchSessionUser().then(setSession);
  }, [namesRepo, services]);

  return (
    <div class="diagnose">
      <div class="field">
        <label for="git-output">Git output</label>
        <textarea
          id="git-output"
          data-testid="diagnose-input"
          rows={6}
          spellcheck={false}
          placeholder="Paste what git, your IDE or CI printed. It stays on this computer."
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </div>
      {diagnosis && (
        <DiagnosisResult
          diagnosis={diagnosis}
          settings={settings}
          remembered={remembered}
          sessionUsername={session?.signedIn ? session.username : undefined}
          services={services}
          onOpenFix={onOpenFix}
        />
      )}
    </div>
  );
}

function DiagnosisResult({
  diagnosis,
  settings,
  remembered,
  sessionUsername,
  services,
  onOpenFix,
}: {
  diagnosis: Diagnosis;
  settings?: SharedSettings;
  remembered?: RememberedUsernames;
  sessionUsername?: string;
  services: PopupServices;
  onOpenFix: (repoText: string) => void;
}) {
  const info = CAUSE_INFO[diagnosis.cause];
  const { context } = diagnosis;
  const fallbackKind: CredentialKind =
    settings?.settings.usernameMode === 'static' ? 'api-token-static' : 'api-token-username';
  const kind = kindFor(diagnosis, fallbackKind);
  const pastedUser =
    context.username && !checkUsername(context.username, 'bash') ? context.username : undefined;
  // The paste's own user first; else the Fix view's order (the workspace's remembered username,
  // then who is signed in, then the last one typed), so both views write the same commands.
  const username =
    pastedUser ??
    (choosePopupChoices({
      repoText: context.repo ? formatRepo(context.repo) : '',
      rememberedUsernames: remembered,
      sessionUsername,
    }).username ||
      undefined);
  const shell = context.shell ?? settings?.settings.shell ?? 'bash';
  const helper = context.helper ?? settings?.settings.helper ?? 'any';
  const showFix = info.fixKind === 'https-token' || info.fixKind === 'ssh' || info.fixKind === 'helper';
  const plan = showFix
    ? buildFixPlan({
        repo: context.repo,
        kind,
        username,
        shell,
        helper,
        ssh: {
          addKey: diagnosis.cause === 'ssh-publickey',
          refreshHostKey: diagnosis.cause === 'ssh-host-key',
        },
      })
    : undefined;
  const preset = diagnosis.preset ?? info.preset;
  const expiryDays = clampExpiryDays(settings?.settings.defaultExpiryDays ?? 90, settings?.maxExpiryDays);
  const evidenceLines = new Set(diagnosis.evidence.map((e) => e.line));

  return (
    <section class="diagnosis" data-testid="diagnosis" data-cause={diagnosis.cause} aria-live="polite">
      <h2>{info.title}</h2>
      <p>{info.explanation}</p>
      {context.embeddedSecret && (
        <p class="warn" role="alert" data-testid="embedded-secret">
          That URL contains a password or token (masked here). Never keep one in a remote URL: the fix below
          replaces it. Revoke it and make a new one: it was written down.
        </p>
      )}
      {diagnosis.cause !== 'unknown' && (
        <p class="hint">
          Confidence: {diagnosis.confidence}.
          {diagnosis.secondary.length > 0 &&
            ` Also possible: ${diagnosis.secondary.map((c) => CAUSE_INFO[c].title.toLowerCase()).join('; ')}.`}
        </p>
      )}

      {evidenceLines.size > 0 && (
        <>
          <h3>What gave it away</h3>
          <ol class="evidence">
            {[...evidenceLines]
              .sort((a, b) => a - b)
              .map((line) => (
                <li key={line} value={line + 1}>
                  <mark>{diagnosis.cleanedLines[line]}</mark>
                </li>
              ))}
          </ol>
        </>
      )}

      <h3>What the paste says</h3>
      <dl class="context">
        {context.remoteUrl && (
          <>
            <dt>Remote</dt>
            <dd>{context.remoteUrl}</dd>
          </>
        )}
        {context.repo && (
          <>
            <dt>Repository</dt>
            <dd>{formatRepo(context.repo)}</dd>
          </>
        )}
        {context.username && (
          <>
            <dt>Username</dt>
            <dd>
              {context.username}
              {context.usernameIsEmail ? ' (an e-mail: git needs the Bitbucket username)' : ''}
            </dd>
          </>
        )}
        {context.httpStatus !== undefined && (
          <>
            <dt>HTTP status</dt>
            <dd>{context.httpStatus}</dd>
          </>
        )}
        <dt>Shell</dt>
        <dd>{context.shell ? `${context.shell} (from the paste)` : `${shell} (your setting)`}</dd>
      </dl>

      {plan && (
        <>
          <h3>Fix{context.repo ? ` for ${formatRepo(context.repo)}` : ''}</h3>
          {!context.repo && (
            <p class="hint">The paste names no bitbucket.org repository: open Fix to choose one.</p>
          )}
          {plan.problems
            .filter((p) => p.field === 'username')
            .map((p) => (
              <p key={p.message} class="hint">
                {p.message}
              </p>
            ))}
          {preset && info.fixKind === 'https-token' && kind !== 'access-token' && (
            <p class="create">
              <a
                href={apiTokenLink(preset, expiryDays)}
                onClick={(e) => {
                  e.preventDefault();
                  void services.openPage(apiTokenLink(preset, expiryDays));
                }}
              >
                Create the right API token
              </a>
            </p>
          )}
          <StepList steps={plan.steps} script={plan.script} copy={services.copy} />
          <button type="button" onClick={() => onOpenFix(context.repo ? formatRepo(context.repo) : '')}>
            Adjust in the Fix view
          </button>
        </>
      )}

      <h3>{diagnosis.cause === 'unknown' ? 'What to try' : "If that doesn't help"}</h3>
      <ul>
        {info.nextChecks.map((check) => (
          <li key={check}>{check}</li>
        ))}
      </ul>
    </section>
  );
}
