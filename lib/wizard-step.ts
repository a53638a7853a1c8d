// Which step of "Create API token with scopes" a dialog shows, from what is in it rather than
// from its wording: the steps are documented (name and expiry → app → scopes → review → the
// token shown once, docs/evidence/pages.md#api-token-wizard) but their markup and texts are not.

export type WizardStep = 'details' | 'app' | 'scopes' | 'review' | 'created' | 'other';

/** What a wizard dialog holds, counted by platform/content/selectors.ts. */
export interface WizardView {
  /** Checkboxes with at least one scope clue (identified or not). */
  scopeBoxes: number;
  /** Every checkbox in the dialog. */
  checkboxes: number;
  /** Radio buttons (the app step is the wizard's only step with them). */
  radios: number;
  /** Scope ids written out as text (the review step lists them). */
  listedScopes: number;
  /** An editable name field. */
  nameField: boolean;
  /** An expiry date field. */
  expiryField: boolean;
  /** A read-only text field and nothing editable: the token, shown once. */
  secretShown: boolean;
  /** A spinner or busy region: the step is still loading. */
  busy: boolean;
  /** Filter-like controls (a search box, toggles, tabs, radios, a select); read only when no radios show. */
  filters: boolean;
}

/**
 * @example detectWizardStep({ scopeBoxes: 4, checkboxes: 4, …}) → 'scopes'
 * `previous` keeps "the token shown once" from being read into any dialog with a read-only
 * field: it follows the review step (or itself) only.
 */
export function detectWizardStep(view: WizardView, previous: WizardStep | undefined): WizardStep {
  if (view.secretShown && view.checkboxes === 0 && view.radios === 0 && !view.nameField) {
    return previous === 'review' || previous === 'created' ? 'created' : 'other';
  }
  if (view.scopeBoxes > 0 || (view.checkboxes > 2 && !view.nameField)) return 'scopes';
  if (view.radios > 0 && !view.nameField) return 'app';
  if (view.listedScopes > 0 && view.checkboxes === 0) return 'review';
  if (view.nameField || view.expiryField) return 'details';
  // The scope picker with a filter that hides every row (a scope type with none of the app's).
  if (view.filters && view.checkboxes === 0 && view.radios === 0) return 'scopes';
  // A scope step still loading its rows (nothing else on screen yet).
  if (view.busy && previous === 'app') return 'scopes';
  return 'other';
}
