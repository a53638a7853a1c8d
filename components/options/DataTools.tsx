import { useState } from 'preact/hooks';
import type { Settings } from '../../lib/settings';
import { exportSettings, parseSettingsImport } from '../../lib/settings-transfer';
import type { LoadedSettings } from '../../platform/shared/effective-settings';

interface Props {
  loaded: LoadedSettings;
  download(filename: string, mimeType: string, text: string): void;
  onImport(settings: Settings): Promise<void>;
  onClearAll(): Promise<void>;
}

export const SETTINGS_FILE_NAME = 'bitbucket-auth-helper-settings.json';

/** Settings export and import as JSON, and "Clear all data" behind a second confirmation. */
export function DataTools({ loaded, download, onImport, onClearAll }: Props) {
  const [errors, setErrors] = useState<string[]>([]);
  const [status, setStatus] = useState('');
  const [confirming, setConfirming] = useState(false);

  const importFile = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const result = parseSettingsImport(await file.text());
    if (!result.ok) {
      setErrors(result.errors);
      setStatus('');
      return;
    }
    setErrors([]);
    await onImport(result.settings);
    const kept = loaded.lockedKeys.size;
    setStatus(
      `Imported ${file.name}.${kept > 0 ? ` ${kept} setting${kept === 1 ? '' : 's'} set by your organisation ${kept === 1 ? 'was' : 'were'} kept.` : ''}`,
    );
  };

  const clearAll = async () => {
    setConfirming(false);
    await onClearAll();
    setStatus('All data of this extension on this computer was deleted.');
  };

  return (
    <section aria-labelledby="data-heading" class="data">
      <h2 id="data-heading">Your data</h2>
      <p class="hint">
        Everything is stored on this computer only (never synced): settings, the tracked list (names, kinds,
        lists and dates; never a secret) and remembered choices.
      </p>
      <p class="actions">
        <button
          type="button"
          onClick={() => download(SETTINGS_FILE_NAME, 'application/json', exportSettings(loaded.settings))}
        >
          Export settings
        </button>{' '}
        <label class="file">
          Import settings{' '}
          <input
            type="file"
            accept="application/json,.json"
            onChange={importFile}
            data-testid="import-settings"
          />
        </label>
      </p>
      {errors.length > 0 && (
        <>
          <p role="alert">The file was not imported; nothing changed:</p>
          <ul class="errors" data-testid="import-errors">
            {errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </>
      )}
      {confirming ? (
        <fieldset class="confirm">
          <legend>Delete all data?</legend>
          <p>
            Delete the tracked list, your settings and remembered choices? Your organisation’s settings stay.
          </p>
          <button type="button" class="danger" onClick={clearAll}>
            Delete everything
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </fieldset>
      ) : (
        <p>
          <button type="button" class="danger" onClick={() => setConfirming(true)}>
            Clear all data…
          </button>
        </p>
      )}
      <p role="status" data-testid="data-status">
        {status}
      </p>
    </section>
  );
}
