import type { ComponentChildren } from 'preact';
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

// One copy per marked row's shadow root; minified by the build like the other stylesheets.
export { default as MARKER_CSS } from './credential-marker.css?inline';
