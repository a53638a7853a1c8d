// What the options page needs from the browser, as an interface: the real one lives in
// platform/options-services.ts, tests may hand in their own.
import type { CalendarDate } from '../../lib/calendar-date';
import type { Settings } from '../../lib/settings';
import type { TrackedCredential } from '../../lib/tracked-credentials';
import type { TrackingNote } from '../../lib/tracking-notes';
import type { LoadedSettings } from '../../platform/settings-store';

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
  /** Calls `onChange` when settings, policy, the tracked list or its notes change elsewhere; returns an unsubscribe. */
  watch(onChange: () => void): () => void;
  now(): number;
}
