// The legacy App passwords form, where it still exists: the same presets in classic scopes and
// the label. Creation was disabled on 2025-09-09, so the form is usually gone (banner: see
// app-password-banner.tsx).
import css from '../components/injected.css?inline';
import { addToFallback, type Fallback, PresetBar } from '../components/PresetBar';
import { isAppPasswordNewPage } from '../lib/page-urls';
import { checkClassicSelection, findPreset, presetsFor, type ScopeWarning, scopesFor } from '../lib/presets';
import { classicScopeTitle } from '../lib/scope-recognition';
import { observeChanges, setInputValue } from '../platform/content/dom';
import type { Feature } from '../platform/content/feature-manager';
import { checkedScopes, ScopeFill } from '../platform/content/form-fill';
import { createInjectedUi } from '../platform/content/injected-ui';
import { loadPageContext } from '../platform/content/page-context';
import { appPasswordPage, MatchLog, scopeBoxes } from '../platform/content/selectors';

const feature: Feature = {
  id: 'app-password-presets',
  include: [isAppPasswordNewPage],
  async init({ url, signal }) {
    const log = new MatchLog();
    const form = appPasswordPage.form(document, log);
    if (!form) return true; // No form since 2025-09-09: the banner feature says what to do instead.
    const page = await loadPageContext();
    const presets = presetsFor(page.presets, 'app-password');
    const ui = createInjectedUi('app-password-presets', css, signal);
    let active: string | undefined;
    let warnings: ScopeWarning[] = [];
    let fallback: Fallback | undefined;
    let status: string | undefined;

    const pick = (id: string) => {
      const chosen = findPreset(presets, id);
      const scopes = chosen && scopesFor(chosen, 'app-password');
      if (!chosen || !scopes) return;
      active = id;
      fallback = undefined;
      const label = appPasswordPage.labelInput(form);
      if (label) setInputValue(label, page.label(id));
      else
        fallback = addToFallback(fallback, 'The label field was not recognised.', [
          `Label: ${page.label(id)}`,
        ]);
      // The old form is server-rendered: every box is there at once, one pass does it.
      const progress = new ScopeFill(scopes, 'classic').step(form, () => scopeBoxes(form, 'classic'));
      if (progress.state === 'done' && progress.byHand.length > 0) {
        fallback = addToFallback(
          fallback,
          "These permissions of the preset aren't on this form.",
          progress.byHand.map(classicScopeTitle),
        );
      }
      status = `${chosen.name}: label and permissions filled in. App passwords no longer work for git: prefer an API token.`;
      update();
    };

    const update = () => {
      if (signal.aborted) return;
      const boxes = scopeBoxes(form, 'classic');
      log.signal('inline-form', ...boxes.flatMap((b) => b.signals));
      warnings = checkClassicSelection('app-password', checkedScopes(boxes), { presets });
      ui.place(form, 'before');
      ui.mark(fallback ? 'fallback' : 'recognised', log.signals);
      ui.render(
        <PresetBar
          presets={presets}
          surface="app-password"
          active={active}
          onPick={pick}
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
