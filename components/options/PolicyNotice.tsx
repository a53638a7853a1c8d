import { SETTING_KEYS } from '../../lib/settings';
import type { LoadedSettings } from '../../platform/shared/effective-settings';

const SETTING_NAMES: Record<(typeof SETTING_KEYS)[number], string> = {
  leadTimesDays: 'reminder lead times',
  unusedDays: 'unused age',
  rotationDays: 'rotation age',
  deviceName: 'device name',
  labelPattern: 'label pattern',
  usernameMode: 'git username',
  shell: 'shell',
  helper: 'credential helper',
  features: 'page features',
  defaultExpiryDays: 'token expiry',
};

/** What the organisation policy (storage.managed) decides here, its help page, and its problems. */
export function PolicyNotice({ loaded }: { loaded: LoadedSettings }) {
  const managed = SETTING_KEYS.filter((key) => loaded.managedKeys.has(key));
  const presets = loaded.policy.presets?.length ?? 0;
  const policyProblems = loaded.problems.filter((problem) => /polic/i.test(problem));
  const settingProblems = loaded.problems.filter((problem) => !policyProblems.includes(problem));
  if (managed.length === 0 && presets === 0 && !loaded.helpUrl && loaded.problems.length === 0) return null;
  return (
    <section class="policy" aria-labelledby="policy-heading" data-testid="policy-notice">
      <h2 id="policy-heading">Your organisation</h2>
      {managed.length > 0 && (
        <p>
          Set by your organisation: {managed.map((key) => SETTING_NAMES[key]).join(', ')}. Those controls are
          locked below.
        </p>
      )}
      {presets > 0 && (
        <p>
          Your organisation {loaded.policy.replacePresets ? 'replaced the built-in presets with' : 'added'}{' '}
          {presets} token preset{presets === 1 ? '' : 's'}.
        </p>
      )}
      {loaded.helpUrl && (
        <p>
          <a href={loaded.helpUrl} target="_blank" rel="noopener noreferrer" data-testid="policy-help-link">
            Your organisation’s help page
          </a>
        </p>
      )}
      {policyProblems.length > 0 && (
        <>
          <p>Parts of the policy were ignored (tell your administrator):</p>
          <ul class="problems" data-testid="policy-problems">
            {policyProblems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </>
      )}
      {settingProblems.length > 0 && (
        <>
          <p>Some stored settings were unreadable and use their defaults:</p>
          <ul class="problems">
            {settingProblems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
