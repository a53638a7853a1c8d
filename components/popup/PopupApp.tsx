import { useEffect, useRef, useState } from 'preact/hooks';
import type { CredentialKind } from '../../lib/fix-plan';
import { FixView } from './FixView';
import type { PopupServices } from './services';

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

type DiagnoseModule = typeof import('./DiagnoseView');
// The diagnoser is half of the popup's code: it loads when its tab is first opened.
const loadDiagnose = (): Promise<DiagnoseModule> => import('./DiagnoseView');

/** Two views as tabs; only the active one is in the DOM. */
export function PopupApp({ pageUrl, initialView, initialKind, services }: Props) {
  const [view, setView] = useState<View>(initialView);
  const [diagnoseModule, setDiagnoseModule] = useState<DiagnoseModule>();
  useEffect(() => {
    if (view === 'diagnose' && !diagnoseModule) void loadDiagnose().then(setDiagnoseModule);
  }, [view, diagnoseModule]);
  const [fixRepo, setFixRepo] = useState<string>();
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  const onKeyDown = (e: KeyboardEvent, index: number) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    const target =
      e.key === 'Home'
        ? 0
        : e.key === 'End'
          ? VIEWS.length - 1
          : (index + step + VIEWS.length) % VIEWS.length;
    if (step === 0 && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    setView(VIEWS[target]?.id ?? 'fix');
    tabs.current[target]?.focus();
  };

  return (
    <main>
      <header class="top">
        <h1>Bitbucket Auth Helper</h1>
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
        ) : diagnoseModule ? (
          <diagnoseModule.DiagnoseView
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
    </main>
  );
}
