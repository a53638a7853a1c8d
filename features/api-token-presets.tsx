// The preset bar on the API-token page (id.atlassian.com, and bitbucket.org's own if it serves
// one): choose what the token is for, and each step of "Create API token with scopes" is filled
// as the user reaches it — name, expiry, app, exactly the preset's scopes — the way a user would,
// never pressing Next, Back or Create. The bar lives in the wizard while it is open (a modal
// traps focus and covers the page) and on the page otherwise.
import css from '../components/injected.css?inline';
import { addToFallback, type Fallback, type Instruction, PresetBar } from '../components/PresetBar';
import { addDays } from '../lib/calendar-date';
import { isApiTokensPage } from '../lib/page-urls';
import {
  checkApiTokenSelection,
  checkApp,
  findPreset,
  type Preset,
  presetsFor,
  type ScopeWarning,
  UNSCOPED_TOKEN_WARNING,
} from '../lib/presets';
import {
  API_TOKENS_URL,
  apiTokenLink,
  clampExpiryDays,
  expiryDaysOf,
  presetFromHash,
} from '../lib/token-links';
import { detectWizardStep, type WizardStep } from '../lib/wizard-step';
import { lookAgainLater, observeChanges, setChecked, setInputValue, waitFor } from '../platform/content/dom';
import type { Feature } from '../platform/content/feature-manager';
import { checkedScopes, FillMemory, ScopeFill, typeDate } from '../platform/content/form-fill';
import { createInjectedUi } from '../platform/content/injected-ui';
import { loadPageContext } from '../platform/content/page-context';
import {
  apiTokenPage,
  expiryField,
  hasFilters,
  isBusy,
  isShown,
  MatchLog,
  nameField,
  placementIn,
  type ScopeBox,
  scopeBoxes,
  topmostDialog,
} from '../platform/content/selectors';
import { userToday } from '../platform/shared/clock';
import { consumePendingPreset } from '../platform/shared/storage';
import { recordCreatedThroughPreset } from '../platform/shared/tracked-requests';

// Atlassian's own prefilled link opens the wizard by itself: give it that long before we do.
const AUTOFILL_GRACE_MS = 1500;
const SWEEP_STEP_MS = 60;
// A step that shows nothing we know may still be rendering its rows: say so only if it stays.
const UNCLEAR_AFTER_MS = 1200;

const FIELDS_EVIDENCE = { evidence: 'docs/evidence/pages.md#api-token-wizard', seen: '2026-12-07' };

const feature: Feature = {
  id: 'api-token-presets',
  include: [isApiTokensPage],
  async init({ url, signal }) {
    const page = await loadPageContext();
    const presets = presetsFor(page.presets, 'api-token');
    const log = new MatchLog();
    const ui = createInjectedUi('api-token-presets', css, signal);
    const pending = await consumePendingPreset(Date.now());
    let active = findPreset(presets, presetFromHash(url.hash) ?? pending?.preset)?.id;
    const expiryDays = clampExpiryDays(
      pending?.expiryDays ?? expiryDaysOf(url) ?? page.expiryDays,
      page.maxExpiryDays,
    );
    const memory = new FillMemory();
    let fills = new WeakMap<Element, ScopeFill>();
    let step: WizardStep | 'list' = 'list';
    let app: string | undefined;
    let status: string | undefined;
    let instruction: Instruction | undefined;
    let warnings: ScopeWarning[] = [];
    // What to do by hand: worked out again on every pass, plus what could not be done on the way.
    let fallback: Fallback | undefined;
    let expiryProblem: Fallback | undefined;
    let openProblem: Fallback | undefined;
    let tokenName = '';
    // What the review step listed as ticked: a filter on the scope step may hide some of those rows.
    let tickedAtReview: string[] = [];
    const recorded = new WeakSet<Element>();
    let unclearSince: { key: string; at: number } | undefined;

    /** True once the page has looked the same unclear way for a while; re-checks by itself. */
    const unclearFor = (key: string): boolean => {
      const now = performance.now();
      if (unclearSince?.key !== key) {
        unclearSince = { key, at: now };
        setTimeout(update, UNCLEAR_AFTER_MS + 20);
        return false;
      }
      return now - unclearSince.at >= UNCLEAR_AFTER_MS;
    };

    const preset = (): Preset | undefined => findPreset(presets, active);
    const once = (dialog: Element, key: string) => memory.once(dialog, active, key);
    const addFallback = (reason: string, items: string[]) => {
      fallback = addToFallback(fallback, reason, items);
    };

    const fillDetails = (dialog: Element, chosen: Preset) => {
      const name = log.record(
        'token name field (name=name or its label)',
        FIELDS_EVIDENCE,
        nameField(dialog),
      );
      if (name && once(dialog, 'name') && (name.value === '' || name.value.startsWith(`${chosen.id}@`))) {
        setInputValue(name, page.label(chosen.id));
      }
      const expiry = log.record(
        'expiry date picker (id, name or label "expir")',
        FIELDS_EVIDENCE,
        expiryField(dialog),
      );
      const target = addDays(userToday(), expiryDays);
      if (expiry && once(dialog, 'expiry')) {
        void typeDate(expiry, target).then((ok) => {
          if (ok || signal.aborted) return;
          expiryProblem = { reason: 'The expiry date could not be set.', items: [`Expires on ${target}`] };
          update();
        });
      }
      if (expiryProblem) addFallback(expiryProblem.reason, expiryProblem.items);
      if (!name || !expiry) {
        addFallback('Part of this step was not recognised.', [
          ...(name ? [] : [`Name: ${page.label(chosen.id)}`]),
          ...(expiry ? [] : [`Expires on ${target}`]),
        ]);
      }
      status = `${chosen.name}: name and expiry filled in. Check them, then press Next.`;
    };

    const chooseApp = (dialog: Element) => {
      const radio = log.record(
        'app radio "bitbucket" (value or label)',
        FIELDS_EVIDENCE,
        apiTokenPage.appRadio(dialog, 'bitbucket'),
      );
      if (!radio) {
        addFallback('The app choice was not recognised.', ['App: Bitbucket']);
        return;
      }
      if (once(dialog, 'app')) setChecked(radio, true);
      status = 'Bitbucket chosen as the app. Press Next.';
    };

    const clearFilter: Instruction = {
      action: 'clear-filter',
      text: "Some of the preset's scopes aren't shown. If the list is filtered (search, scope type, Read or Write), clear the filter: they are ticked as soon as they appear.",
    };
    // Only a count: the list of what the review showed can run to every scope there is.
    const clearFilterForExtras = (count: number): Instruction => ({
      action: 'clear-filter',
      text: `${count === 1 ? 'A scope' : `${count} scopes`} ticked at the review ${count === 1 ? 'is' : 'are'} hidden from the list now. Clear the filter (search, scope type, Read or Write): what the preset doesn't need is unticked as soon as it appears.`,
    });

    const selectScopes = (dialog: Element, boxes: ScopeBox[], chosen: Preset) => {
      // No row at all (a filter hides them all, or they render only when scrolled to): the fill
      // looks for them. Rows that are there but unreadable: the note, never a guess.
      if (boxes.length > 0 && !boxes.some((b) => b.id !== undefined)) {
        status = undefined;
        if (!isBusy(dialog) && unclearFor('scopes')) {
          // A scope-type filter may show only rows of another kind: clearing it may bring ours.
          if (hasFilters(dialog)) instruction = clearFilter;
          addFallback("The scopes on this step weren't recognised.", [...chosen.apiToken]);
        }
        return;
      }
      let fill = fills.get(dialog);
      if (!fill) {
        fill = new ScopeFill(chosen.apiToken, 'modern');
        fills.set(dialog, fill);
      }
      const progress = fill.step(dialog, () => scopeBoxes(dialog, 'modern'));
      if (progress.state === 'working') {
        status = `${chosen.name}: selecting scopes…`;
        // A list scrolled or a search cleared re-renders by itself, or not at all: look again soon.
        lookAgain();
        return;
      }
      instruction = undefined;
      if (progress.byHand.length > 0) {
        if (hasFilters(dialog)) instruction = clearFilter;
        addFallback("These scopes of the preset aren't on this page.", progress.byHand);
      }
      const hidden = fill.unseen(tickedAtReview.filter((id) => !chosen.apiToken.includes(id)));
      if (hidden.length > 0) instruction ??= clearFilterForExtras(hidden.length);
      if (progress.unknownTicked) {
        addFallback('Some ticked boxes could not be identified: untick any scope not in this list.', [
          ...chosen.apiToken,
        ]);
      }
      const selected = chosen.apiToken.length - progress.byHand.length;
      status = `${chosen.name}: ${selected} of ${chosen.apiToken.length} scopes selected. Review, then press Next.`;
    };

    // The wizard inline on the page, as last recognised: a later step whose rows a filter hides or
    // we can't read has nothing else to be known by, and it is still the flow the user is in.
    let inlineRoot: Element | undefined;
    const findWizard = () => {
      const found = apiTokenPage.wizard(document, log);
      if (found) {
        inlineRoot = found.inDialog ? undefined : found.root;
        return found;
      }
      if (inlineRoot?.isConnected && isShown(inlineRoot) && !topmostDialog(document)) {
        return { root: inlineRoot, inDialog: false };
      }
      inlineRoot = undefined;
      return undefined;
    };

    const lookAgain = lookAgainLater(() => update(), SWEEP_STEP_MS);
    const update = () => {
      if (signal.aborted) return;
      const wizard = findWizard();
      fallback = openProblem;
      if (!wizard) {
        step = 'list';
        tickedAtReview = [];
        warnings = [];
        instruction = undefined;
        // Another dialog (View scopes, Revoke) covers the page: the bar would sit behind its blanket.
        if (topmostDialog(document)) {
          ui.detach();
          return;
        }
        const anchor = apiTokenPage.listAnchor(document);
        if (anchor) ui.place(anchor, 'after');
        ui.mark('list', log.signals);
        render();
        return;
      }
      // The wizard's root: its dialog, or the part of the page it sits in when it is inline.
      const dialog = wizard.root;
      const placeInDialog = () => {
        const { anchor, position } = placementIn(dialog);
        ui.place(anchor, position);
      };
      log.signal(wizard.inDialog ? 'dialog' : 'inline-form');
      if (apiTokenPage.isUnscopedDialog(dialog)) {
        placeInDialog();
        step = 'other';
        warnings = [UNSCOPED_TOKEN_WARNING];
        instruction = undefined;
        ui.mark('recognised', log.signals);
        render();
        return;
      }
      const boxes = scopeBoxes(dialog, 'modern');
      const previous = step === 'list' ? undefined : step;
      step = detectWizardStep(apiTokenPage.view(dialog, boxes), previous);
      if (step !== 'other' && step !== 'scopes') unclearSince = undefined;
      log.signal(`step:${step}`, ...boxes.flatMap((b) => b.signals));
      const nameInput = nameField(dialog);
      if (nameInput) tokenName = nameInput.value;
      const chosen = preset();
      if (step === 'created') {
        if (chosen && tokenName && !recorded.has(dialog)) {
          recorded.add(dialog);
          void recordCreatedThroughPreset({
            kind: 'api-token',
            name: tokenName,
            where: API_TOKENS_URL,
            preset: chosen.id,
            expiryDays,
          });
        }
        // The token is on screen once: nothing of ours goes near it.
        ui.detach();
        return;
      }
      placeInDialog();
      const listed = step === 'review' ? apiTokenPage.listedScopes(dialog) : [];
      if (step === 'review') tickedAtReview = listed;
      if (step !== 'scopes' && step !== 'review') instruction = undefined;
      if (chosen) {
        if (step === 'details') fillDetails(dialog, chosen);
        if (step === 'app') chooseApp(dialog);
        if (step === 'scopes') selectScopes(dialog, boxes, chosen);
        if (step === 'review') {
          const exact =
            listed.length === chosen.apiToken.length && chosen.apiToken.every((id) => listed.includes(id));
          // The wizard can open here, past the scope step (Atlassian's prefilled link): only Back leads there.
          instruction = exact
            ? undefined
            : {
                action: 'press-back',
                text: `These aren't the preset's scopes. Press Back to reach the scope step: ${chosen.name} ticks its scopes there.`,
              };
        }
        if (step === 'other' && unclearFor('other')) {
          addFallback('This step of the wizard was not recognised.', [
            `Name: ${page.label(chosen.id)}`,
            `Expires on ${addDays(userToday(), expiryDays)}`,
            'App: Bitbucket',
            ...chosen.apiToken,
          ]);
        }
      } else if (step === 'other' && unclearFor('other')) {
        fallback = { reason: 'This dialog was not recognised: presets cannot fill it.', items: [] };
      }
      if (step === 'app') app = apiTokenPage.chosenApp(dialog) ?? app;
      const selected = step === 'scopes' ? checkedScopes(boxes) : step === 'review' ? listed : undefined;
      const wrongApp = checkApp(app);
      warnings =
        selected !== undefined
          ? checkApiTokenSelection(selected, { ...(app ? { app } : {}), presets })
          : wrongApp
            ? [wrongApp]
            : [];
      ui.mark(fallback ? 'fallback' : 'recognised', log.signals, fills.get(dialog)?.isDone === false);
      render();
    };

    const pick = (id: string) => {
      active = id;
      memory.reset();
      fills = new WeakMap();
      expiryProblem = undefined;
      openProblem = undefined;
      instruction = undefined;
      if (!findWizard()) openWizard();
      update();
    };

    const openWizard = () => {
      if (topmostDialog(document)) return;
      const button = apiTokenPage.createWithScopesButton(document, log);
      // A link to the wizard on another site (bitbucket.org's page may hand over to
      // id.atlassian.com): follow our own link there instead, which carries the preset.
      if (button instanceof HTMLAnchorElement && button.host && button.host !== location.host) {
        location.assign(apiTokenLink(active, expiryDays));
      } else if (button) button.click();
      else {
        openProblem = {
          reason: 'The "Create API token with scopes" button was not recognised.',
          items: ['Click "Create API token with scopes"'],
        };
      }
    };

    const render = () =>
      ui.render(
        <PresetBar
          presets={presets}
          surface="api-token"
          active={active}
          onPick={pick}
          status={step === 'list' && !active ? undefined : status}
          instruction={instruction}
          warnings={warnings}
          fallback={fallback}
          report={() => log.report(feature.id, url, [`preset: ${active ?? 'none'}`, `step: ${step}`])}
        >
          {step === 'list' && (
            <p class="small">
              Use <strong>Create API token with scopes</strong>: a token from the plain "Create API token" has
              no Bitbucket scopes, and git rejects it.
            </p>
          )}
        </PresetBar>,
      );

    observeChanges(update, signal);
    update();
    // Opened from one of our links: go on without a click. Atlassian's own prefilled link opens
    // the wizard by itself, so give it time; ours doesn't, so open it once the button is there.
    if (active) {
      const grace = url.searchParams.has('autofillToken') ? AUTOFILL_GRACE_MS : 0;
      void waitFor(() => apiTokenPage.createWithScopesButton(document, log), signal).then((button) => {
        setTimeout(() => {
          if (signal.aborted || !button || findWizard()) return;
          openWizard();
          update();
        }, grace);
      });
    }
    return true;
  },
};

export default feature;

// Test URLs:
// https://id.atlassian.com/manage-profile/security/api-tokens
// https://id.atlassian.com/manage-profile/security/api-tokens#bbah-preset=git-push&bbah-expiry-days=90
// https://id.atlassian.com/manage-profile/security/api-tokens?autofillToken&appId=bitbucket&expiryDays=90&selectedScopes=all
// https://bitbucket.org/account/settings/api-tokens/
