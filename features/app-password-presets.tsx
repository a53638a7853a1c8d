// The legacy App passwords creation form, wherever it still shows (a page of its own or a dialog
// over the list): the same presets in classic scopes, and the label. Creation was disabled on
// 2025-09-09 and app passwords stopped working on 2026-07-28 (docs/evidence/bitbucket-auth.md#timeline),
// so the status says to prefer an API token; the banner (app-password-banner.tsx) opens one.
import css from '../components/injected.css?inline';
import { addToFallback, type Fallback, PresetBar } from '../components/PresetBar';
import { isAppPasswordsPage } from '../lib/page-urls';
import { checkClassicSelection, findPreset, presetsFor, type ScopeWarning, scopesFor } from '../lib/presets';
import { classicScopeTitle } from '../lib/scope-recognition';
import { lookAgainLater, observeChanges, setInputValue } from '../platform/content/dom';
import type { Feature } from '../platform/content/feature-manager';
import { checkedScopes, FillMemory, ScopeFill } from '../platform/content/form-fill';
import { createInjectedUi } from '../platform/content/injected-ui';
import { loadPageContext } from '../platform/content/page-context';
import { creationForm, MatchLog, nameField, placementIn, scopeBoxes } from '../platform/content/selectors';

const SWEEP_STEP_MS = 60;
const LABEL_EVIDENCE = { evidence: 'docs/evidence/pages.md#app-password-form', seen: '2026-12-07' };

const feature: Feature = {
  id: 'app-password-presets',
  include: [isAppPasswordsPage],
  async init({ url, signal }) {
    const page = await loadPageContext();
    const presets = presetsFor(page.presets, 'app-password');
    const log = new MatchLog();
    const ui = createInjectedUi('app-password-presets', css, signal);
    const memory = new FillMemory();
    let fills = new WeakMap<Element, ScopeFill>();
    let active: string | undefined;
    let status: string | undefined;

    const lookAgain = lookAgainLater(() => update(), SWEEP_STEP_MS);
    const update = () => {
      if (signal.aborted) return;
      // No form: the App passwords list, where the banner says what to do instead.
      const form = creationForm(document, log, 'classic');
      if (!form) {
        ui.detach();
        return;
      }
      const { anchor, position } = placementIn(form.root);
      ui.place(anchor, position);
      log.signal(form.inDialog ? 'dialog' : 'inline-form');
      const boxes = scopeBoxes(form.root, 'classic');
      log.signal(...boxes.flatMap((b) => b.signals));
      let fallback: Fallback | undefined;
      const chosen = findPreset(presets, active);
      const scopes = chosen && scopesFor(chosen, 'app-password');
      if (chosen && scopes) {
        const label = log.record(
          'label field (#id_name, name=name or its label)',
          LABEL_EVIDENCE,
          nameField(form.root),
        );
        if (label && memory.once(form.root, active, 'label')) setInputValue(label, page.label(chosen.id));
        if (!label)
          fallback = addToFallback(fallback, 'The label field was not recognised.', [
            `Label: ${page.label(chosen.id)}`,
          ]);
        let fill = fills.get(form.root);
        if (!fill) {
          fill = new ScopeFill(scopes, 'classic');
          fills.set(form.root, fill);
        }
        const progress = fill.step(form.root, () => scopeBoxes(form.root, 'classic'));
        if (progress.state === 'working') lookAgain();
        else {
          if (progress.byHand.length > 0) {
            fallback = addToFallback(
              fallback,
              "These permissions of the preset aren't on this form.",
              progress.byHand.map(classicScopeTitle),
            );
          }
          if (progress.unknownTicked) {
            fallback = addToFallback(
              fallback,
              'Some ticked boxes could not be identified: untick any permission not in this list.',
              scopes.map(classicScopeTitle),
            );
          }
        }
        status = `${chosen.name}: label and permissions filled in. App passwords no longer work for git: prefer an API token.`;
      }
      const warnings: ScopeWarning[] = checkClassicSelection('app-password', checkedScopes(boxes), {
        presets,
      });
      ui.mark(fallback ? 'fallback' : 'recognised', log.signals, fills.get(form.root)?.isDone === false);
      ui.render(
        <PresetBar
          presets={presets}
          surface="app-password"
          active={active}
          onPick={(id) => {
            active = id;
            memory.reset();
            fills = new WeakMap();
            update();
          }}
          status={status}
          warnings={warnings}
          fallback={fallback}
          report={() => log.report(feature.id, url, [`preset: ${active ?? 'none'}`])}
        />,
      );
    };
    observeChanges(update, signal);
    update();
    return true;
  },
};

export default feature;

// Test URLs:
// https://bitbucket.org/account/settings/app-passwords/new
// https://bitbucket.org/account/settings/app-passwords/
