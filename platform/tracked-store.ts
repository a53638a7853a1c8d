// The background's writer of the tracked store: one queue applies list observations, preset
// creations, snoozes, removals and the daily tick in order, so two tabs and the tick never
// overwrite each other's changes. Other contexts reach it through messages (platform/tracking.ts).
import type { CalendarDate } from '../lib/calendar-date';
import {
  mergeListObservation,
  recordCreatedThroughPreset,
  remove,
  snooze,
  TRACKED_STORE_VERSION,
  type TrackedStore,
} from '../lib/tracked-credentials';
import { userToday } from './clock';
import type { Message, ResponseTo } from './messages';
import { clearAllStorage } from './storage';
import { readTrackedStore, writeTrackedStore } from './tracked-storage';

export type TrackingMessage = Exclude<Message, { type: 'open-extension-page' } | { type: 'get-settings' }>;

let queue: Promise<unknown> = Promise.resolve();

/** Runs `task` after every task queued before it; a failure doesn't block the next. */
export function exclusive<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Applies one change, in queue order. A store written by a newer version of the extension is
 * left alone: writing it back would drop the fields this version does not know.
 */
export function applyTrackingChange<M extends TrackingMessage>(
  message: M,
  now: number = Date.now(),
): Promise<ResponseTo<M>> {
  return exclusive(async () => {
    if (message.type === 'clear-all-data') {
      await clearAllStorage();
      return { ok: true } as ResponseTo<M>;
    }
    const today = userToday(now);
    const { store, sourceVersion } = await readTrackedStore(today);
    const { next, response } = change(store, message, today);
    const newer = sourceVersion !== undefined && sourceVersion > TRACKED_STORE_VERSION;
    if (next !== store && !newer) await writeTrackedStore(next);
    return response as ResponseTo<M>;
  });
}

function change(
  store: TrackedStore,
  message: Exclude<TrackingMessage, { type: 'clear-all-data' }>,
  today: CalendarDate,
): { next: TrackedStore; response: ResponseTo<TrackingMessage> } {
  switch (message.type) {
    case 'record-list-observation': {
      const { store: next, rowIds } = mergeListObservation(store, { ...message.observation, seenAt: today });
      const byId = new Map(next.credentials.map((entry) => [entry.id, entry]));
      return { next, response: { rowIds, tracked: rowIds.map((id) => byId.get(id) ?? null) } };
    }
    case 'record-created-through-preset': {
      const { store: next, id } = recordCreatedThroughPreset(store, {
        ...message.creation,
        createdOn: today,
      });
      return { next, response: { id } };
    }
    case 'snooze-tracked':
      return { next: snooze(store, message.id, message.until ?? undefined), response: { ok: true } };
    case 'remove-tracked':
      return { next: remove(store, message.id), response: { ok: true } };
  }
}
