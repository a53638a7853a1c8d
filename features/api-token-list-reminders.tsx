// The API-token list (id.atlassian.com, and Bitbucket's own API-tokens page): rows that are expired, expiring, unused or old are
// marked, each with "Recreate like this" (the wizard with the same preset and lifetime), and
// every row is recorded for the background's reminders. The one-time token display is a dialog
// and never touched: only the list's rows are read.

import { TokenPageLink } from '../components/TokenPageLink';
import type { CalendarDate } from '../lib/calendar-date';
import { daysBetween } from '../lib/calendar-date';
import { isApiTokensPage } from '../lib/page-urls';
import { findPreset } from '../lib/presets';
import { recreateExpiryDays } from '../lib/reminder-schedule';
import { apiTokenLink, clampExpiryDays, MAX_EXPIRY_DAYS } from '../lib/token-links';
import type { Feature } from '../platform/content/feature-manager';
import {
  type ListPage,
  type ListRowView,
  markCredentialList,
  presetFromLabel,
} from './helpers/credential-list';

interface Recreation {
  preset?: string;
  expiryDays: number;
  href: string;
}

/** The tracked preset, else the one our label pattern put in the name; the token's own lifetime. */
export function recreationFor(row: ListRowView, page: ListPage): Recreation {
  const preset =
    findPreset(page.presets, row.tracked?.preset)?.id ??
    presetFromLabel(row.observation.name, page.presets)?.id;
  const { created, expires } = row.observation;
  const lifetime =
    (row.tracked && recreateExpiryDays(row.tracked)) ??
    (created && expires && expires !== 'never' ? lifetimeDays(created, expires) : undefined);
  const expiryDays = clampExpiryDays(lifetime ?? page.defaultExpiryDays, page.loaded.maxExpiryDays);
  const href = apiTokenLink(preset, expiryDays);
  return preset ? { preset, expiryDays, href } : { expiryDays, href };
}

function lifetimeDays(created: CalendarDate, expires: CalendarDate): number | undefined {
  const days = daysBetween(created, expires);
  return days >= 1 && days <= MAX_EXPIRY_DAYS ? days : undefined;
}

function RecreateLink({ recreation }: { recreation: Recreation }) {
  const { preset, expiryDays, href } = recreation;
  return (
    <TokenPageLink href={href} title={preset ? `Preset ${preset}, ${expiryDays} days` : `${expiryDays} days`}>
      Recreate like this
    </TokenPageLink>
  );
}

const feature: Feature = {
  id: 'api-token-list-reminders',
  include: [isApiTokensPage],
  init: ({ url, signal }) =>
    markCredentialList({
      featureId: feature.id,
      kind: 'api-token',
      url,
      signal,
      renderAction: (row, page) => <RecreateLink recreation={recreationFor(row, page)} />,
      actionKey: (row) => `${row.tracked?.preset ?? ''}/${row.tracked?.expiryDays ?? ''}`,
    }),
};

export default feature;

// Test URLs:
// https://id.atlassian.com/manage-profile/security/api-tokens
