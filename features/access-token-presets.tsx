// The preset bar on Bitbucket's repository, project and workspace access-token forms: classic
// scopes (write implies read), the name from the label pattern, the expiry where the form has
// one, and the reminder that git's username for these tokens is x-token-auth.
/** @jsxRuntime classic */
/** @jsx createElement */
// biome-ignore lint/correctness/noUnusedImports: the classic JSX runtime (pragma above) calls createElement
import { createElement } from 'preact';
import css from '../components/injected.css?inline';
import { addToFallback, type Fallback, PresetBar } from '../components/PresetBar';
import { addDays } from '../lib/calendar-date';
import { type AccessTokenLevel, accessTokenLevel, isAccessTokensPage } from '../lib/page-urls';
import { checkClassicSelection, findPreset, presetsFor, type ScopeWarning, scopesFor } from '../lib/presets';
import { presetFromHash } from '../lib/token-links';
import { ACCESS_TOKEN_USERNAME } from '../lib/validation';
import { userToday } from '../platform/clock';
import { observeChanges, setChecked, setInputValue } from '../platform/dom';
import type { Feature } from '../platform/feature-manager';
import {
  applyClassicScopes,
  checkedScopes,
  FillMemory,
  openSoonUnlessOpen,
  typeDate,
} from '../platform/form-fill';
import { createInjectedUi } from '../platform/injected-ui';
import { sendMessage } from '../platform/messages';
import { loadPageContext } from '../platform/page-context';
import { accessTokenPage, logScopes, MatchLog } from '../platform/selectors';

const AUTO_OPEN_AFTER_MS = 800;

function popupPath(level: AccessTokenLevel): string {
  const page =
    level.level === 'repository'
      ? `https://bitbucket.org/${level.repo.workspace}/${level.repo.repo}`
      : `https://bitbucket.org/${level.workspace}/workspace/overview`;
  return `/popup.html?${new URLSearchParams({ url: page, kind: 'access-token' })}`;
}

const feature: Feature = {
  id: 'access-token-presets',
  include: [isAccessTokensPage],
  async init({ url, signal }) {
    const level = accessTokenLevel(url);
    if (!level) return false;
    const page = await loadPageContext();
    const presets = presetsFor(page.presets, 'access-token');
    const log = new MatchLog();
    const ui = createInjectedUi('access-token-presets', css, signal);
    let active = findPreset(presets, presetFromHash(url.hash))?.id;
    const memory = new FillMemory();
    let formOpen = false;
    let status: string | undefined;
    let warnings: ScopeWarning[] = [];
    let fallback: Fallback | undefined;
    const labelExtra =
      level.level === 'repository'
        ? { workspace: level.repo.workspace, repo: level.repo.repo }
        : { workspace: level.workspace };

    const once = (form: Element, key: string) => memory.once(form, active, key);
    const addFallback = (reason: string, items: string[]) => {
      fallback = addToFallback(fallback, reason, items);
    };

    const fill = (form: Element) => {
      const chosen = findPreset(presets, active);
      const scopes = chosen && scopesFor(chosen, 'access-token');
      if (!chosen || !scopes) return;
      const name = accessTokenPage.nameInput(form);
      if (name && once(form, 'name') && name.value === '')
        setInputValue(name, page.label(chosen.id, labelExtra));
      if (!name)
        addFallback('The name field was not recognised.', [`Name: ${page.label(chosen.id, labelExtra)}`]);
      const target = addDays(userToday(), page.expiryDays);
      if (once(form, 'expiry')) {
        // "No expiry" is offered unless an admin requires expiry; we always choose a date (rotation).
        const radio = accessTokenPage.expiryRadio(form);
        if (radio) setChecked(radio, true);
        void Promise.resolve().then(async () => {
          const expiry = accessTokenPage.expiry(form);
          if (expiry && (await typeDate(expiry, target))) return;
          if (signal.aborted) return;
          addFallback('The expiry date could not be set.', [`Expires on ${target}`]);
          render();
        });
      }
      const boxes = logScopes(log, accessTokenPage.scopes(form));
      if (boxes.length > 0 && once(form, 'scopes')) {
        const { missing } = applyClassicScopes(() => accessTokenPage.scopes(form), scopes);
        if (missing.length > 0) addFallback("These permissions of the preset aren't on this form.", missing);
        status = `${chosen.name}: name, expiry and permissions filled in. Check them, then press Create.`;
      }
    };

    const update = () => {
      if (signal.aborted) return;
      const form = accessTokenPage.form(document, log);
      formOpen = form !== undefined;
      if (form) {
        ui.place(accessTokenPage.anchor(form), accessTokenPage.anchor(form) === form ? 'prepend' : 'after');
        fill(form);
        warnings = checkClassicSelection('access-token', checkedScopes(accessTokenPage.scopes(form)), {
          presets,
        });
      } else {
        warnings = [];
        const anchor = accessTokenPage.listAnchor(document);
        if (anchor) ui.place(anchor, 'after');
      }
      render();
    };

    const openForm = () => {
      const button = accessTokenPage.createButton(document, log);
      if (button) button.click();
      else
        addFallback('The "Create access token" button was not recognised.', ['Click "Create access token"']);
    };

    const pick = (id: string) => {
      active = id;
      memory.reset();
      fallback = undefined;
      if (!accessTokenPage.form(document, log)) openForm();
      update();
    };

    const render = () =>
      ui.render(
        <PresetBar
          presets={presets}
          surface="access-token"
          active={active}
          onPick={pick}
          status={formOpen ? status : undefined}
          warnings={warnings}
          fallback={fallback}
          report={() => log.report(feature.id, url, [`level: ${level.level}`, `preset: ${active ?? 'none'}`])}
        >
          <p class="small">
            Git's username for access tokens is <code>{ACCESS_TOKEN_USERNAME}</code>: paste the token as the
            password.{' '}
            <button
              type="button"
              onClick={() => void sendMessage({ type: 'open-extension-page', path: popupPath(level) })}
            >
              Show the git commands
            </button>
          </p>
        </PresetBar>,
      );

    observeChanges(update, signal);
    update();
    if (active) {
      const isOpen = () => accessTokenPage.form(document, log) !== undefined;
      openSoonUnlessOpen(
        isOpen,
        () => {
          openForm();
          update();
        },
        signal,
        AUTO_OPEN_AFTER_MS,
      );
    }
    return true;
  },
};

export default feature;

// Test URLs:
// https://bitbucket.org/acme/web-app/admin/access-tokens
// https://bitbucket.org/acme/web-app/admin/access-tokens#bbah-preset=git-read
// https://bitbucket.org/acme/workspace/projects/WEB/settings/access-tokens
// https://bitbucket.org/acme/workspace/settings/access-tokens
