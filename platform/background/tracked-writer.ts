// The background's writer of the tracked store: one queue applies list observations, preset
// creations, snoozes, removals and the daily tick in order, so two tabs and the tick never
// overwrite each other's changes. Other contexts reach it through messages (platform/shared/tracked-requests.ts).
import type { CalendarDate } from '../../lib/calendar-date';
import {
  mergeListObservation,
  newObservationCarry,
  normalizeListUrl,
  type ObservationCarry,
  recordCreatedThroughPreset,
  remove,
  snooze,
  TRACKED_STORE_VERSION,
  type TrackedStore,
} from '../../lib/tracked-credentials';
import { nothingLeftOut, type RowsLeftOut, withTrackingNote } from '../../lib/tracking-notes';
import { userToday } from '../shared/clock';
import type { ListObservationInput, Message, ResponseTo } from '../shared/messages';
import { clearAllStorage, trackingNotesItem } from '../shared/storage';
import { readTrackedStore, writeTrackedStore } from '../shared/tracked-reader';

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
    const placed = message.type === 'record-list-observation' ? place(message.observation) : undefined;
    const { next, response } = change(store, message, today, placed);
    const newer = sourceVersion !== undefined && sourceVersion > TRACKED_STORE_VERSION;
    if (next !== store && !newer) await writeTrackedStore(next);
    if (message.type === 'record-list-observation' && placed?.leftOut)
      await noteLeftOut(message.observation, placed.leftOut, placed.complete, today);
    return response as ResponseTo<M>;
  });
}

interface PartsSoFar {
  kind: string;
  where: string;
  next: number;
  carry: ObservationCarry;
  leftOut: RowsLeftOut;
}
// The parts of long lists being received, by the id their sender gave them. Lost when the
// background stops between two parts: the last part then revokes nothing (the safe side).
const inParts = new Map<string, PartsSoFar>();

interface Placed {
  /** What the earlier parts hand over (none for a whole list, or a part out of order). */
  carry?: ObservationCarry;
  /** Whether missing entries may be marked revoked: the whole list was shown, all parts in order. */
  complete: boolean;
  /** Rows left out, to note now: the whole list's, or, on the last part, all the parts'. */
  leftOut?: RowsLeftOut;
}

function place(observation: ListObservationInput): Placed {
  const { part, kind, where } = observation;
  const leftOut = observation.leftOut ?? nothingLeftOut();
  if (!part) return { complete: observation.complete, leftOut };
  if (part.index === 0) {
    if (inParts.size >= 20) inParts.delete(inParts.keys().next().value ?? '');
    inParts.set(part.id, { kind, where, next: 0, carry: newObservationCarry(), leftOut: nothingLeftOut() });
  }
  const sofar = inParts.get(part.id);
  const last = part.index === part.count - 1;
  if (last) inParts.delete(part.id);
  if (!sofar || sofar.next !== part.index || sofar.kind !== kind || sofar.where !== where)
    return { complete: false, leftOut };
  sofar.next++;
  for (const key of ['tokenNames', 'unreadable', 'shortened'] as const) sofar.leftOut[key] += leftOut[key];
  return {
    carry: sofar.carry,
    complete: last && observation.complete,
    ...(last ? { leftOut: sofar.leftOut } : {}),
  };
}

/**
 * What the list showed but was not tracked, for the options page; a whole list shown clean clears
 * its note. `complete` is the whole list's, as its parts were put together: a last part that came
 * out of order says its list was complete, but the list as received was not.
 */
async function noteLeftOut(
  observation: ListObservationInput,
  leftOut: RowsLeftOut,
  complete: boolean,
  today: CalendarDate,
) {
  const total = leftOut.tokenNames + leftOut.unreadable + leftOut.shortened;
  if (total === 0 && !complete) return;
  const notes = await trackingNotesItem.getValue();
  const next = withTrackingNote(notes, {
    kind: observation.kind,
    where: normalizeListUrl(observation.where),
    day: today,
    ...leftOut,
  });
  if (JSON.stringify(next) !== JSON.stringify(notes)) await trackingNotesItem.setValue(next);
}

function change(
  store: TrackedStore,
  message: Exclude<TrackingMessage, { type: 'clear-all-data' }>,
  today: CalendarDate,
  placed: Placed | undefined,
): { next: TrackedStore; response: ResponseTo<TrackingMessage> } {
  switch (message.type) {
    case 'record-list-observation': {
      const { part: _part, leftOut: _leftOut, ...observation } = message.observation;
      const { store: next, rowIds } = mergeListObservation(
        store,
        { ...observation, complete: placed?.complete ?? observation.complete, seenAt: today },
        placed?.carry,
      );
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
