// The legacy App passwords list: every app password is dead (removed 2026-07-28, facts §1), so
// every row is marked with "Replace with an API token" and the preset that does the same job.
import { isAppPasswordListPage } from '../lib/page-urls';
import { apiTokenLink } from '../lib/token-links';
import {
  type ListPage,
  type ListRowView,
  markCredentialList,
  replacementPreset,
} from '../platform/credential-list';
import type { Feature } from '../platform/feature-manager';
import { rememberPendingPresetFor } from '../platform/storage';

function ReplaceLink({ row, page }: { row: ListRowView; page: ListPage }) {
  const preset = replacementPreset(row.tracked?.preset ?? row.observation.name, page.presets);
  const expiryDays = page.defaultExpiryDays;
  if (!preset) return null;
  const href = apiTokenLink(preset.id, expiryDays);
  const open = async (event: MouseEvent) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    // The fragment may not survive the sign-in redirect to id.atlassian.com; the pending record does.
    await rememberPendingPresetFor(href);
    location.assign(href);
  };
  return (
    <a href={href} onClick={open}>
      Replace with an API token ({preset.name})
    </a>
  );
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
