// The legacy App passwords list: every app password is dead (removed 2026-07-28, docs/evidence/bitbucket-auth.md#timeline), so
// every row is marked with "Replace with an API token" and the preset that does the same job.

import { TokenPageLink } from '../components/TokenPageLink';
import { isAppPasswordListPage } from '../lib/page-urls';
import { apiTokenLink } from '../lib/token-links';
import type { Feature } from '../platform/content/feature-manager';
import {
  type ListPage,
  type ListRowView,
  markCredentialList,
  replacementPreset,
} from './helpers/credential-list';

function ReplaceLink({ row, page }: { row: ListRowView; page: ListPage }) {
  const preset = replacementPreset(row.tracked?.preset ?? row.observation.name, page.presets);
  const expiryDays = page.defaultExpiryDays;
  if (!preset) return null;
  const href = apiTokenLink(preset.id, expiryDays);
  return <TokenPageLink href={href}>Replace with an API token ({preset.name})</TokenPageLink>;
}

const feature: Feature = {
  id: 'app-password-list-reminders',
  include: [isAppPasswordListPage],
  init: ({ url, signal }) =>
    markCredentialList({
      featureId: feature.id,
      kind: 'app-password',
      url,
      signal,
      renderAction: (row, page) => <ReplaceLink row={row} page={page} />,
      actionKey: (row) => row.tracked?.preset ?? '',
    }),
};

export default feature;

// Test URLs:
// https://bitbucket.org/account/settings/app-passwords/
