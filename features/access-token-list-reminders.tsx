// The repository, project and workspace access-token lists: marked rows point at the row's own
// Rotate action (a new secret, same name, scopes and expiry) and say that the old secret keeps
// working for 30 minutes, so nothing breaks mid-deployment.
import { describeRenewal, type TokenKind } from '../lib/credential-status';
import { accessTokenLevel, isAccessTokensPage } from '../lib/page-urls';
import type { Feature } from '../platform/content/feature-manager';
import { rotateAccess } from '../platform/content/selectors';
import { type ListRowView, markCredentialList } from './helpers/credential-list';

const KIND_BY_LEVEL: Record<'repository' | 'project' | 'workspace', TokenKind> = {
  repository: 'repository-access-token',
  project: 'project-access-token',
  workspace: 'workspace-access-token',
};

function RotateHint({ row }: { row: ListRowView }) {
  const { rotate, menu } = rotateAccess(row.element);
  const target = rotate ?? menu;
  // We point at Bitbucket's own control and never press it: Rotate makes a new secret.
  const show = () => {
    target?.scrollIntoView({ block: 'center' });
    target?.focus();
  };
  return (
    <>
      <span>{describeRenewal(row.observation.kind).note}</span>{' '}
      {menu && <span>Rotate is in this row's "…" menu.</span>}{' '}
      {target && (
        <button type="button" onClick={show}>
          {rotate ? 'Show Rotate' : 'Show the "…" menu'}
        </button>
      )}
    </>
  );
}

const feature: Feature = {
  id: 'access-token-list-reminders',
  include: [isAccessTokensPage],
  init({ url, signal }) {
    const level = accessTokenLevel(url);
    if (!level) return false;
    return markCredentialList({
      featureId: feature.id,
      kind: KIND_BY_LEVEL[level.level],
      url,
      signal,
      renderAction: (row) => <RotateHint row={row} />,
      actionKey: (row) => Object.keys(rotateAccess(row.element)).join(),
    });
  },
};

export default feature;

// Test URLs:
// https://bitbucket.org/acme/web-app/admin/access-tokens
// https://bitbucket.org/acme/workspace/projects/WEB/settings/access-tokens
// https://bitbucket.org/acme/workspace/settings/access-tokens
