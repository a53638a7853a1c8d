// What the options page needs from the browser: the interface its components take (tests hand in their
// own) and the real implementation.
import type { CalendarDate } from '../../lib/calendar-date';
import type { Settings } from '../../lib/settings';
import type { TrackedCredential } from '../../lib/tracked-credentials';
import type { TrackingNote } from '../../lib/tracking-notes';
import type { LoadedSettings } from '../shared/effective-settings';
import { loadSettings } from '../shared/effective-settings';
import {
  saveSettings,
  settingsItem,
  trackedCredentialsItem,
  trackingNotesItem,
  watchItem,
} from '../shared/storage';
import { clearAllData, listTracked, removeTracked, snoozeTracked } from '../shared/tracked-requests';

export interface OptionsServices {
  loadSettings(): Promise<LoadedSettings>;
  /** Writes `changes` over the stored settings; keys in `locked` are never written. */
  saveSettings(changes: Partial<Settings>, locked: ReadonlySet<string>): Promise<void>;
  listTracked(): Promise<TrackedCredential[]>;
  /** Rows the lists showed that were left out or cut (lib/tracking-notes.ts). */
  listTrackingNotes(): Promise<TrackingNote[]>;
  snooze(id: string, until: CalendarDate | undefined): Promise<void>;
  remove(id: string): Promise<void>;
  clearAll(): Promise<void>;
  /** Offers `text` as a file download. */
  download(filename: string, mimeType: string, text: string): void;
  /** Calls `onChange` when settings, the tracked list or its notes change elsewhere; returns an unsubscribe. */
  watch(onChange: () => void): () => void;
  now(): number;
}

export function createOptionsServices(platform: string | undefined): OptionsServices {
  return {
    loadSettings: () => loadSettings(platform),
    saveSettings: (changes, locked) => saveSettings(changes, locked),
    listTracked: () => listTracked(),
    listTrackingNotes: () => trackingNotesItem.getValue(),
    snooze: (id, until) => snoozeTracked(id, until),
    remove: (id) => removeTracked(id),
    clearAll: () => clearAllData(),
    download(filename, mimeType, text) {
      const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      // The download has started from the click; the URL is not needed after this task.
      setTimeout(() => URL.revokeObjectURL(url), 0);
    },
    watch(onChange) {
      const stops = [
        watchItem(trackedCredentialsItem, onChange),
        watchItem(settingsItem, onChange),
        watchItem(trackingNotesItem, onChange),
      ];
      return () => {
        for (const stop of stops) stop();
      };
    },
    now: () => Date.now(),
  };
}
