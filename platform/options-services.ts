import type { OptionsServices } from '../components/options/services';
import { loadSettings } from './settings-store';
import { saveSettings, settingsItem, trackedCredentialsItem, trackingNotesItem, watchItem } from './storage';
import { clearAllData, listTracked, removeTracked, snoozeTracked } from './tracking';

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
