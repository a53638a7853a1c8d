/** @jsxRuntime classic */
/** @jsx createElement */
// biome-ignore lint/correctness/noUnusedImports: the classic JSX runtime (pragma above) calls createElement
import { type ComponentChildren, createElement } from 'preact';
import type { CredentialStatus } from '../lib/credential-status';

export const STATUS_LABELS: Record<CredentialStatus, string> = {
  dead: 'Dead',
  expired: 'Expired',
  expiring: 'Expiring',
  unused: 'Unused',
  old: 'Old',
};

interface Props {
  status: CredentialStatus;
  /** One sentence per reason, most important first (lib/credential-status `details`). */
  details: readonly string[];
  /** The row's action: "Recreate like this", a pointer to Rotate, "Replace with an API token". */
  children?: ComponentChildren;
}

/** What a marked row of a credential list shows, inside the row's own name cell. */
export function CredentialMarker({ status, details, children }: Props) {
  return (
    <span class="marker" data-testid="credential-marker" data-status={status}>
      <span class="badge">{STATUS_LABELS[status]}</span> <span class="detail">{details.join('. ')}.</span>{' '}
      {children}
    </span>
  );
}

// Small and self-contained: one copy per marked row's shadow root, so it stays far below the
// preset bar's stylesheet. Colours: Atlassian's danger/warning/information tokens, light and dark.
export const MARKER_CSS = `
:host { all: initial; display: block; margin-top: 4px; }
.marker { font: 12px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #172b4d; }
.badge { display: inline-block; border-radius: 3px; padding: 0 4px; font-weight: 700; text-transform: uppercase;
  font-size: 11px; background: #fff7d6; color: #533f04; }
[data-status="dead"] .badge, [data-status="expired"] .badge { background: #ffeceb; color: #ae2e24; }
[data-status="expiring"] .badge { background: #fff7d6; color: #7f5f01; }
[data-status="unused"] .badge, [data-status="old"] .badge { background: #e9f2ff; color: #0055cc; }
a, button { font: inherit; color: #0c66e4; background: none; border: 0; padding: 0; cursor: pointer;
  text-decoration: underline; }
a:focus-visible, button:focus-visible { outline: 2px solid #0c66e4; outline-offset: 2px; }
.note { color: #44546f; }
@media (prefers-color-scheme: dark) {
  .marker { color: #dee4ea; }
  [data-status="dead"] .badge, [data-status="expired"] .badge { background: #5d1f1a; color: #ffd5d2; }
  [data-status="expiring"] .badge { background: #533f04; color: #f8e6a0; }
  [data-status="unused"] .badge, [data-status="old"] .badge { background: #1c2b41; color: #cce0ff; }
  a, button { color: #579dff; }
  a:focus-visible, button:focus-visible { outline-color: #579dff; }
  .note { color: #9fadbc; }
}
`;
