// On the App passwords pages: they stopped working on 2026-07-28 (git gets HTTP 410,
// CHANGE-3222). Say so, and open the equivalent API token with the matching preset.
import { useState } from 'preact/hooks';
import css from '../components/injected.css?inline';
import { APP_PASSWORDS_REMOVED } from '../lib/credential-status';
import { isAppPasswordsPage } from '../lib/page-urls';
import { findPreset, matchPreset, type Preset, presetsFor } from '../lib/presets';
import { apiTokenLink } from '../lib/token-links';
import type { Feature } from '../platform/content/feature-manager';
import { checkedScopes } from '../platform/content/form-fill';
import { createInjectedUi } from '../platform/content/injected-ui';
import { loadPageContext } from '../platform/content/page-context';
import { appPasswordPage, creationForm, MatchLog, scopeBoxes } from '../platform/content/selectors';
import { userToday } from '../platform/shared/clock';
import { rememberPendingPresetFor } from '../platform/shared/storage';

interface BannerProps {
  presets: Preset[];
  initial: string;
  expiryDays: number;
  stopped: boolean;
}

function Banner({ presets, initial, expiryDays, stopped }: BannerProps) {
  const [preset, setPreset] = useState(initial);
  const open = async () => {
    const href = apiTokenLink(preset, expiryDays);
    await rememberPendingPresetFor(href);
    window.open(href, '_blank', 'noopener');
  };
  return (
    <section class="banner" data-testid="app-password-banner" aria-label="App passwords are gone">
      <p>
        <strong>
          App passwords {stopped ? 'stopped' : 'stop'} working for git and the API on {APP_PASSWORDS_REMOVED}
        </strong>{' '}
        (git answers HTTP 410, CHANGE-3222). Replace each one with an API token with scopes; git then wants
        your Bitbucket username, not your e-mail.
      </p>
      <p>
        <label>
          Token for{' '}
          <select value={preset} onChange={(e) => setPreset(e.currentTarget.value)}>
            {presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="button" onClick={() => void open()}>
          Create the equivalent API token
        </button>
      </p>
    </section>
  );
}

const feature: Feature = {
  id: 'app-password-banner',
  include: [isAppPasswordsPage],
  async init({ signal }) {
    const page = await loadPageContext();
    const presets = presetsFor(page.presets, 'api-token');
    const form = creationForm(document, new MatchLog(), 'classic');
    // On the old form, the ticked scopes say which API token would replace it.
    const fromForm = form
      ? matchPreset(presets, 'app-password', checkedScopes(scopeBoxes(form.root, 'classic')))
      : undefined;
    const initial =
      findPreset(presets, fromForm?.id)?.id ?? findPreset(presets, 'git-push')?.id ?? presets[0]?.id;
    if (!initial) return false;
    const ui = createInjectedUi('app-password-banner', css, signal);
    ui.place(appPasswordPage.anchor(document), 'prepend');
    ui.render(
      <Banner
        presets={presets}
        initial={initial}
        expiryDays={page.expiryDays}
        stopped={userToday() >= APP_PASSWORDS_REMOVED}
      />,
    );
    return true;
  },
};

export default feature;

// Test URLs:
// https://bitbucket.org/account/settings/app-passwords/
// https://bitbucket.org/account/settings/app-passwords/new
