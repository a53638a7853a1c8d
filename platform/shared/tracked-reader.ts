// Reading and writing the tracked credentials (background and options page only): every read is
// migrated and repaired by lib/tracked-migration.ts.
import type { CalendarDate } from '../../lib/calendar-date';
import type { TrackedStore } from '../../lib/tracked-credentials';
import { type MigrationResult, migrateTrackedStore } from '../../lib/tracked-migration';
import { trackedCredentialsItem } from './storage';

// Checking 1,000 entries field by field takes ~10 ms; comparing the stored JSON with what was
// last checked (or written) here takes ~1 ms. The background reads the store on every tick,
// message and badge update, and almost always finds what it wrote itself. A store written here
// is valid on any day; one read back was completed with `today`'s date.
let checked: { json: string; today?: CalendarDate; result: MigrationResult } | undefined;

/** The tracked store, migrated and repaired; `sourceVersion` above the current one means read-only. */
export async function readTrackedStore(today: CalendarDate): Promise<MigrationResult> {
  const raw = await trackedCredentialsItem.getValue();
  const json = JSON.stringify(raw) ?? '';
  if (checked?.json === json && (checked.today === undefined || checked.today === today))
    return checked.result;
  const result = migrateTrackedStore(raw, today);
  checked = { json, today, result };
  return result;
}

export async function writeTrackedStore(store: TrackedStore): Promise<void> {
  // Chrome hands objects back with their keys sorted: written sorted, the next read's JSON is
  // the same in every browser, and the check above finds it.
  const sorted = sortKeys(store);
  await trackedCredentialsItem.setValue(sorted);
  checked = {
    json: JSON.stringify(sorted),
    result: { store: sorted, warnings: [], sourceVersion: store.version },
  };
}

function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (typeof value !== 'object' || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted as T;
}
