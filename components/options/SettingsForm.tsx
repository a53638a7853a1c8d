import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { FEATURES } from '../../lib/feature-ids';
import { HELPER_LABELS, HELPERS } from '../../lib/fix-plan';
import { LIMITS } from '../../lib/setting-checks';
import { type SettingKey, type Settings, USERNAME_MODES } from '../../lib/settings';
import { parseSettingsImport } from '../../lib/settings-transfer';
import { SHELL_LABELS, SHELLS } from '../../lib/shells';
import type { LoadedSettings } from '../../platform/shared/effective-settings';

const USERNAME_MODE_LABELS: Record<Settings['usernameMode'], string> = {
  username: 'My Bitbucket username',
  static: 'x-bitbucket-api-token-auth (the same for everyone)',
};

interface Draft {
  leadTimesDays: string;
  unusedDays: string;
  rotationDays: string;
  deviceName: string;
  labelPattern: string;
  defaultExpiryDays: string;
  usernameMode: Settings['usernameMode'];
  shell: Settings['shell'];
  helper: Settings['helper'];
  features: Record<string, boolean>;
}

function toDraft(settings: Settings): Draft {
  return {
    leadTimesDays: settings.leadTimesDays.join(', '),
    unusedDays: String(settings.unusedDays),
    rotationDays: String(settings.rotationDays),
    deviceName: settings.deviceName,
    labelPattern: settings.labelPattern,
    defaultExpiryDays: String(settings.defaultExpiryDays),
    usernameMode: settings.usernameMode,
    shell: settings.shell,
    helper: settings.helper,
    features: { ...settings.features },
  };
}

// Text fields become the JSON types the settings checks expect; a typo stays a string and is
// reported by the same checks an import goes through.
function toNumber(text: string): number | string {
  const trimmed = text.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function fromDraft(draft: Draft): Record<SettingKey, unknown> {
  return {
    leadTimesDays: draft.leadTimesDays
      .split(/[\s,;]+/)
      .filter((part) => part !== '')
      .map(toNumber),
    unusedDays: toNumber(draft.unusedDays),
    rotationDays: toNumber(draft.rotationDays),
    deviceName: draft.deviceName,
    labelPattern: draft.labelPattern,
    defaultExpiryDays: toNumber(draft.defaultExpiryDays),
    usernameMode: draft.usernameMode,
    shell: draft.shell,
    helper: draft.helper,
    features: draft.features,
  };
}

/** Checks the form like an import; on success, the settings that differ from what was loaded. */
export function validateDraft(
  draft: Draft,
  loaded: LoadedSettings,
): { ok: true; changes: Partial<Settings> } | { ok: false; errors: string[] } {
  const parsed = parseSettingsImport(JSON.stringify(fromDraft(draft)));
  if (!parsed.ok) return parsed;
  const errors: string[] = [];
  if (
    parsed.settings.defaultExpiryDays > loaded.maxExpiryDays &&
    !loaded.lockedKeys.has('defaultExpiryDays')
  ) {
    errors.push(`defaultExpiryDays: your organisation allows at most ${loaded.maxExpiryDays} days.`);
  }
  if (errors.length > 0) return { ok: false, errors };
  const changes: Partial<Settings> = {};
  for (const key of Object.keys(parsed.settings) as SettingKey[]) {
    if (loaded.lockedKeys.has(key)) continue;
    if (JSON.stringify(parsed.settings[key]) !== JSON.stringify(loaded.settings[key]))
      Object.assign(changes, { [key]: parsed.settings[key] });
  }
  return { ok: true, changes };
}

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  managed: boolean;
  children: ComponentChildren;
}

/** A labelled control; "Set by your organisation" is part of its accessible description. */
function Field({ id, label, hint, managed, children }: FieldProps) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {managed && <ManagedNote id={`${id}-managed`} />}
    </div>
  );
}

function ManagedNote({ id }: { id: string }) {
  return (
    <span class="managed" id={id} data-testid="managed-note">
      Set by your organisation
    </span>
  );
}

function describedBy(id: string, hint: boolean, managed: boolean): string | undefined {
  const ids = [hint ? `${id}-hint` : '', managed ? `${id}-managed` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

interface Props {
  loaded: LoadedSettings;
  onSave(changes: Partial<Settings>): Promise<void>;
  /** Kept by the page: the form starts again from storage after every save. */
  status: string;
  setStatus(status: string): void;
}

export function SettingsForm({ loaded, onSave, status, setStatus }: Props) {
  const [draft, setDraft] = useState(() => toDraft(loaded.settings));
  const [errors, setErrors] = useState<string[]>([]);
  const locked = (key: SettingKey) => loaded.lockedKeys.has(key);
  const managed = (key: SettingKey) => loaded.managedKeys.has(key);
  const set = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setStatus('');
  };
  const input = (key: Exclude<keyof Draft, 'features' | 'usernameMode' | 'shell' | 'helper'>) => ({
    id: key,
    name: key,
    value: draft[key],
    disabled: locked(key),
    'aria-describedby': describedBy(key, true, managed(key)),
    onInput: (event: Event) => set({ [key]: (event.currentTarget as HTMLInputElement).value }),
  });

  const submit = async (event: Event) => {
    event.preventDefault();
    const result = validateDraft(draft, loaded);
    if (!result.ok) {
      setErrors(result.errors);
      setStatus('');
      return;
    }
    setErrors([]);
    const count = Object.keys(result.changes).length;
    if (count === 0) {
      setStatus('Nothing changed.');
      return;
    }
    await onSave(result.changes);
    setStatus(`Saved ${count} setting${count === 1 ? '' : 's'}.`);
  };

  return (
    <form class="settings" onSubmit={submit} aria-labelledby="settings-heading" noValidate>
      <h2 id="settings-heading">Settings</h2>
      <fieldset>
        <legend>Reminders</legend>
        <Field
          id="leadTimesDays"
          label="Remind me this many days before expiry"
          hint="Comma-separated, 0 is the day itself; the longest also marks rows as expiring. Empty: no reminders."
          managed={managed('leadTimesDays')}
        >
          <input type="text" inputMode="numeric" autoComplete="off" {...input('leadTimesDays')} />
        </Field>
        <Field
          id="unusedDays"
          label="Unused after (days)"
          hint={`A credential not used for longer is marked unused (1–${LIMITS.ageMaxDays}).`}
          managed={managed('unusedDays')}
        >
          <input type="number" min={1} max={LIMITS.ageMaxDays} {...input('unusedDays')} />
        </Field>
        <Field
          id="rotationDays"
          label="Rotate after (days)"
          hint={`A credential created longer ago is marked old (1–${LIMITS.ageMaxDays}).`}
          managed={managed('rotationDays')}
        >
          <input type="number" min={1} max={LIMITS.ageMaxDays} {...input('rotationDays')} />
        </Field>
      </fieldset>

      <fieldset>
        <legend>New tokens</legend>
        <Field
          id="deviceName"
          label="Device name for labels"
          hint="Fills {device} in the label pattern, so a reminder says which machine to update."
          managed={managed('deviceName')}
        >
          <input
            type="text"
            autoComplete="off"
            maxLength={LIMITS.deviceNameMaxLength}
            {...input('deviceName')}
          />
        </Field>
        <Field
          id="labelPattern"
          label="Label pattern"
          hint="Placeholders: {preset} {device} {repo} {workspace} {yyyy-mm} {yyyy-mm-dd}."
          managed={managed('labelPattern')}
        >
          <input
            type="text"
            autoComplete="off"
            maxLength={LIMITS.labelPatternMaxLength}
            {...input('labelPattern')}
          />
        </Field>
        <Field
          id="defaultExpiryDays"
          label="Expiry of new API tokens (days)"
          hint={`1–${loaded.maxExpiryDays}${loaded.maxExpiryDays < LIMITS.expiryMaxDays ? ' (your organisation’s maximum)' : ''}.`}
          managed={managed('defaultExpiryDays')}
        >
          <input type="number" min={1} max={loaded.maxExpiryDays} {...input('defaultExpiryDays')} />
        </Field>
        <fieldset
          class="choices"
          disabled={locked('usernameMode')}
          aria-describedby={managed('usernameMode') ? 'usernameMode-managed' : undefined}
        >
          <legend>Git username for API tokens</legend>
          {USERNAME_MODES.map((mode) => (
            <label key={mode} class="check">
              <input
                type="radio"
                name="usernameMode"
                value={mode}
                checked={draft.usernameMode === mode}
                onChange={() => set({ usernameMode: mode })}
              />{' '}
              {USERNAME_MODE_LABELS[mode]}
            </label>
          ))}
          {managed('usernameMode') && <ManagedNote id="usernameMode-managed" />}
        </fieldset>
      </fieldset>

      <fieldset>
        <legend>Popup commands</legend>
        <Field id="shell" label="Shell" managed={managed('shell')}>
          <select
            id="shell"
            name="shell"
            value={draft.shell}
            disabled={locked('shell')}
            aria-describedby={describedBy('shell', false, managed('shell'))}
            onChange={(event) => set({ shell: event.currentTarget.value as Settings['shell'] })}
          >
            {SHELLS.map((shell) => (
              <option key={shell} value={shell}>
                {SHELL_LABELS[shell]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="helper" label="Credential helper" managed={managed('helper')}>
          <select
            id="helper"
            name="helper"
            value={draft.helper}
            disabled={locked('helper')}
            aria-describedby={describedBy('helper', false, managed('helper'))}
            onChange={(event) => set({ helper: event.currentTarget.value as Settings['helper'] })}
          >
            {HELPERS.map((helper) => (
              <option key={helper} value={helper}>
                {HELPER_LABELS[helper]}
              </option>
            ))}
          </select>
        </Field>
      </fieldset>

      <fieldset
        class="choices"
        disabled={locked('features')}
        aria-describedby={managed('features') ? 'features-managed' : undefined}
      >
        <legend>Page features</legend>
        {FEATURES.map((feature) => (
          <label key={feature.id} class="check">
            <input
              type="checkbox"
              name={`feature-${feature.id}`}
              checked={draft.features[feature.id] !== false}
              onChange={(event) =>
                set({ features: { ...draft.features, [feature.id]: event.currentTarget.checked } })
              }
            />{' '}
            <span>
              {feature.title} <span class="hint">— {feature.description}</span>
            </span>
          </label>
        ))}
        {managed('features') && <ManagedNote id="features-managed" />}
      </fieldset>

      {errors.length > 0 && (
        <ul class="errors" role="alert" data-testid="settings-errors">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      )}
      <p class="actions">
        <button type="submit" class="primary">
          Save settings
        </button>{' '}
        <span role="status" data-testid="settings-status">
          {status}
        </span>
      </p>
    </form>
  );
}
