// The tracked-credentials API for page features and the options page. Changes go to the
// background as messages (platform/background/tracked-writer.ts applies them in order); reads come from
// storage directly.
import type { CalendarDate } from '../../lib/calendar-date';
import type { TrackedCredential } from '../../lib/tracked-credentials';
import { userToday } from './clock';
import {
  type ListObservationInput,
  MAX_OBSERVATION_ROWS,
  type PresetCreationInput,
  type ResponseTo,
  sendMessage,
} from './messages';
import { readTrackedStore } from './tracked-reader';

export type { ListObservationInput, PresetCreationInput };

type ObservationAnswer = ResponseTo<{ type: 'record-list-observation'; observation: ListObservationInput }>;

/**
 * Records what a credential list showed. Resolves with each row's tracked id and stored entry
 * (row order; '' and null for a row the background left out), or undefined when it could not be
 * stored; never rejects, so a page feature can fire and forget. A long list goes in parts.
 */
export async function recordListObservation(
  observation: ListObservationInput,
): Promise<ObservationAnswer | undefined> {
  const { rows } = observation;
  try {
    if (rows.length <= MAX_OBSERVATION_ROWS)
      return await sendMessage({ type: 'record-list-observation', observation });
    const count = Math.ceil(rows.length / MAX_OBSERVATION_ROWS);
    const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    const answer: ObservationAnswer = { rowIds: [], tracked: [] };
    // One after another: the background merges the parts as one list, in order.
    for (let index = 0; index < count; index++) {
      const part = await sendMessage({
        type: 'record-list-observation',
        observation: {
          ...observation,
          rows: rows.slice(index * MAX_OBSERVATION_ROWS, (index + 1) * MAX_OBSERVATION_ROWS),
          part: { id, index, count },
        },
      });
      answer.rowIds.push(...part.rowIds);
      answer.tracked.push(...part.tracked);
    }
    return answer;
  } catch (error) {
    console.warn('[bbah:tracking] could not record the list', error);
    return undefined;
  }
}

/**
 * Records a token created through one of our presets, when the wizard shows it once, so its
 * reminders know the preset, label pattern and lifetime. Resolves with its tracked id, or
 * undefined when it could not be stored; never rejects.
 * @example recordCreatedThroughPreset({ kind: 'api-token', name: 'git-push@laptop 2026-11',
 *   where: API_TOKENS_URL, preset: 'git-push', expiryDays: 90, labelPattern: '{preset}@{device} {yyyy-mm}' })
 */
export async function recordCreatedThroughPreset(creation: PresetCreationInput): Promise<string | undefined> {
  try {
    return (await sendMessage({ type: 'record-created-through-preset', creation })).id;
  } catch (error) {
    console.warn('[bbah:tracking] could not record the new token', error);
    return undefined;
  }
}

/** Every tracked credential, revoked ones included (they carry `revokedAt`). */
export async function listTracked(now: number = Date.now()): Promise<TrackedCredential[]> {
  return (await readTrackedStore(userToday(now))).store.credentials;
}

/** No reminders for `id` before `until` (they resume on that day); undefined resumes them now. */
export async function snoozeTracked(id: string, until: CalendarDate | undefined): Promise<void> {
  await sendMessage({ type: 'snooze-tracked', id, until: until ?? null });
}

export async function removeTracked(id: string): Promise<void> {
  await sendMessage({ type: 'remove-tracked', id });
}

/** Deletes every local value of the extension: tracked list, settings, remembered choices. */
export async function clearAllData(): Promise<void> {
  await sendMessage({ type: 'clear-all-data' });
}
