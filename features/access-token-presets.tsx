// The preset bar on Bitbucket's repository, project and workspace access-token forms: classic
// scopes (write implies read), the name from the label pattern, an expiry date (never "No
// expiry"; the latest the workspace allows when it allows less), and the reminder that git's
// username for these tokens is x-token-auth. The bar goes into the creation dialog while it is
// open, where the user is (a modal traps focus and covers the page).
import css from '../components/injected.css?inline';
import { addToFallback, type Fallback, PresetBar } from '../components/PresetBar';
import { addDays } from '../lib/calendar-date';
import { type AccessTokenLevel, accessTokenLevel, isAccessTokensPage } from '../lib/page-urls';
import { checkClassicSelection, findPreset, presetsFor, type ScopeWarning, scopesFor } from '../lib/presets';
import { classicScopeTitle } from '../lib/scope-recognition';
import { presetFromHash } from '../lib/token-links';
import { ACCESS_TOKEN_USERNAME } from '../lib/validation';
import { lookAgainLater, observeChanges, setChecked, setInputValue, waitFor } from '../platform/content/dom';
import type { Feature } from '../platform/content/feature-manager';
import { checkedScopes, FillMemory, ScopeFill, typeLatestDate } from '../platform/content/form-fill';
import { createInjectedUi } from '../platform/content/injected-ui';
import { loadPageContext } from '../platform/content/page-context';
import {
  accessTokenPage,
  creationForm,
  expiryField,
  isBusy,
  MatchLog,
  nameField,
  placementIn,
  scopeBoxes,
  topmostDialog,
} from '../platform/content/selectors';
import { userToday } from '../platform/shared/clock';
import { sendMessage } from '../platform/shared/messages';

const FIELDS_EVIDENCE = { evidence: 'docs/evidence/pages.md#access-token-form', seen: '2026-12-07' };
const SWEEP_STEP_MS = 60;
// Permissions may render after the form (a spinner, or nothing): say "not recognised" only if it stays.
const UNCLEAR_AFTER_MS = 1200;

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
    let fills = new WeakMap<Element, ScopeFill>();
    let formOpen = false;
    let status: string | undefined;
    let expiryNote: string | undefined;
    let warnings: ScopeWarning[] = [];
    // What to do by hand: recomputed on every pass, plus what async steps found.
    let fallback: Fallback | undefined;
    let lasting: Fallback | undefined;
    let unclearSince: number | undefined;
    const labelExtra =
      level.level === 'repository'
        ? { workspace: level.repo.workspace, repo: level.repo.repo }
        : { workspace: level.workspace };

    const once = (form: Element, key: string) => memory.once(form, active, key);
    const addFallback = (reason: string, items: string[]) => {
      fallback = addToFallback(fallback, reason, items);
    };
    const addLasting = (reason: string, items: string[]) => {
      lasting = addToFallback(lasting, reason, items);
    };

    /** The form has shown no permission we know for a while (not while it is still loading). */
    const unclear = (form: Element): boolean => {
      if (isBusy(form)) {
        unclearSince = undefined;
        return false;
      }
      const now = performance.now();
      if (unclearSince === undefined) {
        unclearSince = now;
        setTimeout(update, UNCLEAR_AFTER_MS + 20);
      }
      return now - unclearSince >= UNCLEAR_AFTER_MS;
    };

    const setExpiry = async (form: Element) => {
      // "No expiry" is offered unless an admin requires expiry; we always choose a date (rotation).
      const radio = log.record(
        '"Expires on" radio (value or label)',
        FIELDS_EVIDENCE,
        accessTokenPage.expiryRadio(form),
      );
      if (radio) setChecked(radio, true);
      // The date picker may only be enabled once "Expires on" is chosen: let the page render it.
      const enabled = () => {
        const field = expiryField(form);
        return field && !field.input.disabled ? field : undefined;
      };
      const expiry = log.record(
        'expiry date picker (id, name or label "expir")',
        FIELDS_EVIDENCE,
        await waitFor(enabled, signal, 2000),
      );
      const wanted = page.expiryDays;
      const days = expiry ? await typeLatestDate(expiry, userToday(), wanted) : undefined;
      if (signal.aborted) return;
      if (days === undefined) {
        addLasting('The expiry date could not be set.', [
          `Expires on ${addDays(userToday(), wanted)} or the latest date allowed`,
        ]);
      } else if (days < wanted) {
        expiryNote = `Expiry set to ${addDays(userToday(), days)} (${days} days), the latest this workspace allows; your setting asks for ${wanted} days.`;
      }
      update();
    };

    const fill = (form: Element) => {
      const chosen = findPreset(presets, active);
      const scopes = chosen && scopesFor(chosen, 'access-token');
      if (!chosen || !scopes) return;
      const name = log.record('token name field (name=name or its label)', FIELDS_EVIDENCE, nameField(form));
      if (name && once(form, 'name') && name.value === '')
        setInputValue(name, page.label(chosen.id, labelExtra));
      if (!name)
        addFallback('The name field was not recognised.', [`Name: ${page.label(chosen.id, labelExtra)}`]);
      if (once(form, 'expiry')) void setExpiry(form);
      const boxes = scopeBoxes(form, 'classic');
      if (!boxes.some((b) => b.id !== undefined)) {
        if (unclear(form))
          addFallback("This form's permissions weren't recognised.", scopes.map(classicScopeTitle));
        return;
      }
      unclearSince = undefined;
      let scopeFill = fills.get(form);
      if (!scopeFill) {
        scopeFill = new ScopeFill(scopes, 'classic');
        fills.set(form, scopeFill);
      }
      const progress = scopeFill.step(form, () => scopeBoxes(form, 'classic'));
      if (progress.state === 'working') {
        lookAgain();
        return;
      }
      if (progress.byHand.length > 0) {
        addFallback(
          "These permissions of the preset aren't on this form.",
          progress.byHand.map(classicScopeTitle),
        );
      }
      if (progress.unknownTicked) {
        addFallback('Some ticked boxes could not be identified: untick any permission not in this list.', [
          ...scopes.map(classicScopeTitle),
        ]);
      }
      status = `${chosen.name}: name, expiry and permissions filled in. Check them, then press Create.`;
    };

    const lookAgain = lookAgainLater(() => update(), SWEEP_STEP_MS);
    const update = () => {
      if (signal.aborted) return;
      const form = creationForm(document, log, 'classic');
      formOpen = form !== undefined;
      fallback = lasting;
      if (!form) {
        warnings = [];
        // A dialog creationForm didn't take (a confirmation, Rotate, "Access token created"):
        // nothing of ours belongs there or behind it.
        if (topmostDialog(document)) {
          ui.detach();
          return;
        }
        const anchor = accessTokenPage.listAnchor(document);
        if (anchor) ui.place(anchor, 'after');
        ui.mark('list', log.signals);
        render();
        return;
      }
      const { anchor, position } = placementIn(form.root);
      ui.place(anchor, position);
      log.signal(form.inDialog ? 'dialog' : 'inline-form');
      const boxes = scopeBoxes(form.root, 'classic');
      log.signal(...boxes.flatMap((b) => b.signals));
      fill(form.root);
      if (!active && !boxes.some((b) => b.id !== undefined) && unclear(form.root)) {
        // Seen but not understood, and no preset picked yet: still say so, never silence.
        fallback = {
          reason: "This form's permissions weren't recognised: presets can't tick them.",
          items: [],
        };
      }
      warnings = checkClassicSelection('access-token', checkedScopes(scopeBoxes(form.root, 'classic')), {
        presets,
      });
      ui.mark(fallback ? 'fallback' : 'recognised', log.signals, fills.get(form.root)?.isDone === false);
      render();
    };

    const openForm = () => {
      if (creationForm(document, log, 'classic')) return;
      const button = accessTokenPage.createButton(document, log);
      if (button) button.click();
      else
        addLasting('The "Create access token" button was not recognised.', ['Click "Create access token"']);
    };

    const pick = (id: string) => {
      active = id;
      memory.reset();
      fills = new WeakMap();
      lasting = undefined;
      expiryNote = undefined;
      openForm();
      update();
    };

    const render = () =>
      ui.render(
        <PresetBar
          presets={presets}
          surface="access-token"
          active={active}
          onPick={pick}
          status={formOpen ? [status, expiryNote].filter(Boolean).join(' ') || undefined : undefined}
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
      // Opened from one of our links: open the form once its button is there.
      void waitFor(() => accessTokenPage.createButton(document, log), signal).then((button) => {
        if (signal.aborted || !button) return;
        openForm();
        update();
      });
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
