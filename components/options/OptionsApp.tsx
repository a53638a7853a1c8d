import { useCallback, useEffect, useState } from 'preact/hooks';
import { todayInTimeZone } from '../../lib/calendar-date';
import { buildCalendar, buildExpiryEvents, DEFAULT_PROD_ID } from '../../lib/ics';
import { effectivePresets } from '../../lib/policy';
import type { Settings } from '../../lib/settings';
import type { TrackedCredential } from '../../lib/tracked-credentials';
import type { TrackingNote } from '../../lib/tracking-notes';
import type { OptionsServices } from '../../platform/pages/options-services';
import { type LoadedSettings, reminderSettingsOf } from '../../platform/shared/effective-settings';
import { DataTools } from './DataTools';
import { PolicyNotice } from './PolicyNotice';
import { SettingsForm } from './SettingsForm';
import { StartHere } from './StartHere';
import { TrackedList } from './TrackedList';
import { TrackingNotes } from './TrackingNotes';

export const CALENDAR_FILE_NAME = 'bitbucket-credential-expiry.ics';

interface State {
  loaded: LoadedSettings;
  tracked: TrackedCredential[];
  notes: TrackingNote[];
  /** Bumped on every reload, so the form starts again from what is stored. */
  version: number;
}

/** docs/privacy.md, shipped in the package (wxt.config.ts) so it opens offline. */
export const PRIVACY_PAGE = '/privacy.txt';

export function OptionsApp({
  services,
  timeZone,
  startHere = false,
}: {
  services: OptionsServices;
  timeZone: string;
  /** Opened at #start (the first run): "Start here" shows even once something is tracked. */
  startHere?: boolean;
}) {
  const [state, setState] = useState<State>();
  const [failure, setFailure] = useState<string>();
  const [settingsStatus, setSettingsStatus] = useState('');

  const reload = useCallback(async () => {
    try {
      const [loaded, tracked, notes] = await Promise.all([
        services.loadSettings(),
        services.listTracked(),
        services.listTrackingNotes(),
      ]);
      setState((previous) => ({ loaded, tracked, notes, version: (previous?.version ?? 0) + 1 }));
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    }
  }, [services]);

  useEffect(() => {
    void reload();
    return services.watch(() => void reload());
  }, [services, reload]);

  if (failure) return <p role="alert">The settings could not be read: {failure}</p>;
  if (!state) return <p role="status">Loading…</p>;

  const { loaded, tracked } = state;
  const today = todayInTimeZone(services.now(), timeZone);
  const settings = reminderSettingsOf(loaded);
  const presets = effectivePresets(loaded.policy);
  const save = async (changes: Partial<Settings>) => {
    await services.saveSettings(changes, loaded.lockedKeys);
    await reload();
  };
  const downloadCalendar = () => {
    const events = buildExpiryEvents(tracked, settings);
    const text = buildCalendar(events, {
      prodId: DEFAULT_PROD_ID,
      now: services.now(),
      name: 'Bitbucket credential expiry',
    });
    services.download(CALENDAR_FILE_NAME, 'text/calendar', text);
  };
  const expiring = buildExpiryEvents(tracked, settings).length;

  return (
    <main class="options">
      <h1>
        <img src="/icons/32.png" alt="" width={32} height={32} class="logo" />
        Auth Helper for Bitbucket
      </h1>
      <p class="hint">
        Not affiliated with Atlassian.{' '}
        <a href={PRIVACY_PAGE}>Privacy: what is stored, what is read, nothing collected</a>
      </p>
      {(startHere || tracked.length === 0) && <StartHere />}
      <PolicyNotice loaded={loaded} />
      <SettingsForm
        key={state.version}
        loaded={loaded}
        onSave={save}
        status={settingsStatus}
        setStatus={setSettingsStatus}
      />

      <section aria-labelledby="tracked-heading" id="tracked">
        <h2 id="tracked-heading">Tracked credentials</h2>
        <p class="hint">
          Recorded when you open a credential list, or create a token through a preset. Reminders come{' '}
          {settings.leadTimesDays.length > 0
            ? `${[...settings.leadTimesDays].sort((a, b) => b - a).join(', ')} days before expiry (0 = on the day)`
            : 'never (no lead times set)'}
          .
        </p>
        <p class="actions">
          <button type="button" onClick={downloadCalendar} disabled={expiring === 0}>
            Download calendar (.ics)
          </button>{' '}
          <span class="hint">
            {expiring === 0
              ? 'No tracked credential has an expiry date yet.'
              : `One all-day event per expiry (${expiring}), with alarms at your lead times.`}
          </span>
        </p>
        <TrackingNotes notes={state.notes} />
        <TrackedList
          credentials={tracked}
          settings={settings}
          today={today}
          onSnooze={(id, until) => void services.snooze(id, until).then(reload)}
          onRemove={(id) => void services.remove(id).then(reload)}
        />
      </section>

      <section aria-labelledby="presets-heading">
        <h2 id="presets-heading">Token presets</h2>
        <ul class="presets">
          {presets.map((preset) => (
            <li key={preset.id}>
              <strong>{preset.name}</strong>
              {preset.source === 'organisation' && <span class="managed"> from your organisation</span>}:{' '}
              <code>{preset.apiToken.join(', ')}</code>
              <br />
              <span class="hint">{preset.rationale}</span>
            </li>
          ))}
        </ul>
      </section>

      <DataTools
        loaded={loaded}
        download={services.download}
        onImport={(settings) => save(settings)}
        onClearAll={async () => {
          await services.clearAll();
          await reload();
        }}
      />
    </main>
  );
}
