// The preset bar on id.atlassian.com's API-token page: choose what the token is for, and each
// step of "Create API token with scopes" is filled as the user reaches it — name, expiry, app,
// exactly the preset's scopes — the way a user would, never pressing Next or Create.
/** @jsxRuntime classic */
/** @jsx createElement */
// biome-ignore lint/correctness/noUnusedImports: the classic JSX runtime (pragma above) calls createElement
import { createElement } from 'preact';
import css from '../components/injected.css?inline';
import { addToFallback, type Fallback, PresetBar } from '../components/PresetBar';
import { addDays } from '../lib/calendar-date';
import { isApiTokensPage } from '../lib/page-urls';
import {
  checkApiTokenSelection,
  checkApp,
  findPreset,
  type Preset,
  presetsFor,
  type ScopeWarning,
} from '../lib/presets';
import { API_TOKENS_URL, clampExpiryDays, presetFromHash } from '../lib/token-links';
import { userToday } from '../platform/clock';
import { observeChanges, setChecked, setInputValue } from '../platform/dom';
import type { Feature } from '../platform/feature-manager';
import { FillMemory, openSoonUnlessOpen, typeDate } from '../platform/form-fill';
import { createInjectedUi } from '../platform/injected-ui';
import { loadPageContext } from '../platform/page-context';
import { apiTokenPage, logScopes, MatchLog, type ScopeBox, scopeCheckboxes } from '../platform/selectors';
import { consumePendingPreset } from '../platform/storage';
import { recordCreatedThroughPreset } from '../platform/tracking';

const AUTO_OPEN_AFTER_MS = 1500;

type Step = 'list' | 'details' | 'app' | 'scopes' | 'review' | 'created' | 'other';

function expiryFromUrl(url: URL): number | undefined {
  const raw = url.searchParams.get('expiryDays');
  if (raw === 'max') return 365;
  const days = raw ? Number(raw) : Number.NaN;
  return Number.isFinite(days) ? days : undefined;
}

const feature: Feature = {
  id: 'api-token-presets',
  include: [isApiTokensPage],
  async init({ url, signal }) {
    const page = await loadPageContext();
    const presets = presetsFor(page.presets, 'api-token');
    const log = new MatchLog();
    const ui = createInjectedUi('api-token-presets', css, signal);
    const requested = presetFromHash(url.hash);
    const pending = await consumePendingPreset(Date.now());
    let active = findPreset(presets, requested ?? pending?.preset)?.id;
    const expiryDays = clampExpiryDays(
      pending?.expiryDays ?? expiryFromUrl(url) ?? page.expiryDays,
      page.maxExpiryDays,
    );
    const memory = new FillMemory();
    let step: Step = 'list';
    let app: string | undefined;
    let status: string | undefined;
    let warnings: ScopeWarning[] = [];
    let fallback: Fallback | undefined;
    let searchCleared = false;
    let tokenName = '';
    const recorded = new WeakSet<Element>();

    const preset = (): Preset | undefined => findPreset(presets, active);
    const once = (dialog: Element, key: string) => memory.once(dialog, active, key);
    const addFallback = (reason: string, items: string[]) => {
      fallback = addToFallback(fallback, reason, items);
    };

    const fillDetails = (dialog: Element, chosen: Preset) => {
      const name = apiTokenPage.nameInput(dialog);
      log.record(
        'token name field (name=name or its label)',
        { evidence: 'facts §4: name + expiry step', seen: '2026-11-26' },
        name,
      );
      if (name && once(dialog, 'name') && (name.value === '' || name.value.startsWith(`${chosen.id}@`))) {
        setInputValue(name, page.label(chosen.id));
      }
      const expiry = apiTokenPage.expiry(dialog);
      log.record(
        'expiry date picker (label or id "expir")',
        { evidence: 'facts §4: expiry 1–365 days', seen: '2026-11-26' },
        expiry,
      );
      const target = addDays(userToday(), expiryDays);
      if (expiry && once(dialog, 'expiry')) {
        void typeDate(expiry, target).then((ok) => {
          if (ok || signal.aborted) return;
          addFallback('The expiry date could not be set.', [`Expires on ${target}`]);
          render();
        });
      }
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
        { evidence: 'facts §4: choose app Bitbucket', seen: '2026-11-26' },
        apiTokenPage.appRadio(dialog, 'bitbucket'),
      );
      if (!radio) {
        addFallback('The app choice was not recognised.', ['App: Bitbucket']);
        return;
      }
      if (once(dialog, 'app')) setChecked(radio, true);
      status = 'Bitbucket chosen as the app. Press Next.';
    };

    const applyScopes = (dialog: Element, boxes: ScopeBox[], chosen: Preset): boolean => {
      const target = new Set(chosen.apiToken);
      for (const box of boxes)
        if (box.id && !target.has(box.id) && box.input.checked) setChecked(box.input, false);
      for (const id of target) {
        const box = scopeCheckboxes(dialog).find((b) => b.id === id);
        if (box) setChecked(box.input, true);
      }
      const present = new Set(scopeCheckboxes(dialog).map((b) => b.id));
      const missing = [...target].filter((id) => !present.has(id));
      const search = apiTokenPage.searchBox(dialog);
      if (missing.length > 0 && search && search.value !== '' && !searchCleared) {
        // A search the user typed hides rows: clear it and try again when the list re-renders.
        searchCleared = true;
        setInputValue(search, '');
        return false;
      }
      if (missing.length > 0) addFallback("These scopes of the preset aren't on this page.", missing);
      status = `${chosen.name}: ${target.size - missing.length} of ${target.size} scopes selected. Review, then press Next.`;
      return true;
    };

    const update = () => {
      if (signal.aborted) return;
      const dialog = apiTokenPage.wizard(document, log);
      if (!dialog) {
        step = 'list';
        warnings = [];
        const anchor = apiTokenPage.listAnchor(document);
        if (anchor) ui.place(anchor, 'after');
        render();
        return;
      }
      ui.place(dialog, 'prepend');
      const boxes = logScopes(log, scopeCheckboxes(dialog));
      const radios = apiTokenPage.appStepShown(dialog);
      const review = boxes.length === 0 ? apiTokenPage.reviewScopes(dialog) : [];
      const previous = step;
      const nameInput = apiTokenPage.nameInput(dialog);
      step =
        boxes.length > 0
          ? 'scopes'
          : radios
            ? 'app'
            : review.length > 0
              ? 'review'
              : nameInput
                ? 'details'
                : // After "Create token" the token is shown once in a read-only field: we only
                  // note that the screen changed, and never read the field.
                  (previous === 'review' || previous === 'created') && apiTokenPage.tokenShownOnce(dialog)
                  ? 'created'
                  : 'other';
      if (nameInput) tokenName = nameInput.value;
      const chosen = preset();
      if (step === 'created' && chosen && tokenName && !recorded.has(dialog)) {
        recorded.add(dialog);
        void recordCreatedThroughPreset({
          kind: 'api-token',
          name: tokenName,
          where: API_TOKENS_URL,
          preset: chosen.id,
          expiryDays,
        });
        status = `${chosen.name}: token created. Bitbucket Auth Helper will remind you before it expires.`;
      }
      if (chosen) {
        if (step === 'details') fillDetails(dialog, chosen);
        if (step === 'app') chooseApp(dialog);
        if (
          step === 'scopes' &&
          !memory.has(dialog, active, 'scopes') &&
          applyScopes(dialog, boxes, chosen)
        ) {
          once(dialog, 'scopes');
        }
      }
      if (step === 'app') app = apiTokenPage.chosenApp(dialog) ?? app;
      const selected =
        step === 'scopes'
          ? scopeCheckboxes(dialog).flatMap((b) => (b.id && b.input.checked ? [b.id] : []))
          : step === 'review'
            ? review
            : undefined;
      const wrongApp = checkApp(app);
      warnings =
        selected !== undefined
          ? checkApiTokenSelection(selected, { ...(app ? { app } : {}), presets })
          : wrongApp
            ? [wrongApp]
            : [];
      render();
    };

    const pick = (id: string) => {
      active = id;
      memory.reset();
      fallback = undefined;
      searchCleared = false;
      if (!apiTokenPage.wizard(document, log)) openWizard();
      update();
    };

    const openWizard = () => {
      const button = apiTokenPage.createWithScopesButton(document, log);
      if (button) button.click();
      else
        addFallback('The "Create API token with scopes" button was not recognised.', [
          'Click "Create API token with scopes"',
        ]);
    };

    const render = () =>
      ui.render(
        <PresetBar
          presets={presets}
          surface="api-token"
          active={active}
          onPick={pick}
          status={step === 'list' && !active ? undefined : status}
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
    // Opened from the popup's link: continue without a click, even if the deep link didn't open the wizard.
    if (active) {
      const isOpen = () => apiTokenPage.wizard(document, log) !== undefined;
      openSoonUnlessOpen(
        isOpen,
        () => {
          openWizard();
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
// https://id.atlassian.com/manage-profile/security/api-tokens
// https://id.atlassian.com/manage-profile/security/api-tokens?autofillToken&appId=bitbucket&expiryDays=90#bbah-preset=git-push
