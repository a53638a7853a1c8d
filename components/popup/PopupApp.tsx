import { useEffect, useRef, useState } from 'preact/hooks';
import type { CredentialKind } from '../../lib/fix-plan';
import type { PopupServices } from '../../platform/pages/popup-services';
import type { PopupShortcut } from '../../platform/pages/shortcut';
import type { DiagnoseView } from './DiagnoseView';
import { FixView } from './FixView';

export type View = 'fix' | 'diagnose';
const VIEWS: { id: View; name: string }[] = [
  { id: 'fix', name: 'Fix' },
  { id: 'diagnose', name: 'Diagnose' },
];

interface Props {
  pageUrl?: string;
  initialView: View;
  /** `?kind=access-token` from the access-token page's link. */
  initialKind?: CredentialKind;
  services: PopupServices;
}

/** Two views as tabs; only the active one is in the DOM. */
export function PopupApp({ pageUrl, initialView, initialKind, services }: Props) {
  const [view, setView] = useState(initialView);
  /** The diagnoser, once loaded. */
  const [Diagnose, setDiagnose] = useState<typeof DiagnoseView>();
  /** The repository the diagnoser handed to the Fix view. */
  const [fixRepo, setFixRepo] = useState<string>();
  const [shortcut, setShortcut] = useState<PopupShortcut>();
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  // The diagnoser is half of the popup's code: it loads when its tab is first opened.
  useEffect(() => {
    if (view === 'diagnose' && !Diagnose)
      void import('./DiagnoseView').then((m) => setDiagnose(() => m.DiagnoseView));
  }, [view, Diagnose]);
  useEffect(() => {
    void services.popupShortcut?.().then(setShortcut);
  }, [services]);

  // The tab pattern's keys (WAI-ARIA APG): arrows move round the tabs, Home and End to the ends.
  const onKeyDown = (e: KeyboardEvent, index: number) => {
    const n = VIEWS.length;
    const keys: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index + n - 1,
      Home: 0,
      End: n - 1,
    };
    const target = keys[e.key];
    if (target === undefined) return;
    e.preventDefault();
    setView(VIEWS[target % n]?.id ?? 'fix');
    tabs.current[target % n]?.focus();
  };

  return (
    <main>
      <header class="top">
        <h1>Auth Helper for Bitbucket</h1>
        <div role="tablist" aria-label="Views" class="tabs">
          {VIEWS.map((v, i) => (
            <button
              key={v.id}
              ref={(el) => {
                tabs.current[i] = el;
              }}
              type="button"
              role="tab"
              id={`tab-${v.id}`}
              aria-selected={view === v.id}
              aria-controls="view-panel"
              tabIndex={view === v.id ? 0 : -1}
              onClick={() => setView(v.id)}
              onKeyDown={(e) => onKeyDown(e, i)}
            >
              {v.name}
            </button>
          ))}
        </div>
      </header>
      <div role="tabpanel" id="view-panel" aria-labelledby={`tab-${view}`}>
        {view === 'fix' ? (
          <FixView
            key={fixRepo ?? 'page'}
            pageUrl={pageUrl}
            services={services}
            initialRepoText={fixRepo}
            initialKind={fixRepo === undefined ? initialKind : undefined}
          />
        ) : Diagnose ? (
          <Diagnose
            services={services}
            onOpenFix={(repoText) => {
              setFixRepo(repoText);
              setView('fix');
            }}
          />
        ) : (
          <p class="note">Loading the diagnoser…</p>
        )}
      </div>
      {shortcut && (
        <footer class="foot" data-testid="popup-shortcut">
          {shortcut.shortcut ? (
            <>
              Open this with <kbd>{shortcut.shortcut}</kbd>.{' '}
            </>
          ) : (
            'No keyboard shortcut opens this yet. '
          )}
          <button type="button" class="link" onClick={() => void shortcut.change()}>
            {shortcut.shortcut ? 'Change shortcut' : 'Set a shortcut'}
          </button>
        </footer>
      )}
    </main>
  );
}
