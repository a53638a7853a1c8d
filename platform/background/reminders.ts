// The background's reminder work: the daily tick (notifications once per lead time, pruning,
// badge), the badge alone when the inputs change, and what a notification click opens.
// Everything runs through the tracking queue, so a tick never interleaves with a list write.
import { browser } from 'wxt/browser';
import type { CalendarDate } from '../../lib/calendar-date';
import { computeDue, type DueNotification, markNotified, targetUrlFor } from '../../lib/reminder-schedule';
import { pruneRevoked, TRACKED_STORE_VERSION } from '../../lib/tracked-credentials';
import { userToday } from '../shared/clock';
import { loadSettings, reminderSettingsOf } from '../shared/effective-settings';
import { rememberPendingPresetFor } from '../shared/storage';
import { readTrackedStore, writeTrackedStore } from '../shared/tracked-reader';
import { exclusive } from './tracked-writer';

export const DAILY_ALARM = 'bbah-reminders-daily';
/** Local hour of the daily run: reminders arrive during the working day, not at midnight. */
const DAILY_HOUR = 9;
const DAY_MINUTES = 24 * 60;
/** More than this many at once become one summary, so a first run never floods the screen. */
const MAX_SEPARATE_NOTIFICATIONS = 3;
export const SUMMARY_NOTIFICATION_ID = 'bbah-reminders-summary';
const NOTIFICATION_PREFIX = 'bbah-reminder:';
const BADGE_COLOR = '#C9372C';
export const TRACKED_LIST_PATH = '/options.html#tracked';

/** Chrome requires an icon for basic notifications; the largest one reads best on every screen. */
const NOTIFICATION_ICON = '/icons/128.png';

export interface TickResult {
  today: CalendarDate;
  notified: number;
  badgeText: string;
}

/** The next DAILY_HOUR:00 local time after `now`. */
function nextDailyRun(now: number): number {
  const next = new Date(now);
  next.setHours(DAILY_HOUR, 0, 0, 0);
  if (next.getTime() <= now) next.setDate(next.getDate() + 1);
  return next.getTime();
}

/** Creates the daily alarm unless it exists (browsers may drop alarms on restart). */
export async function ensureDailyAlarm(now: number = Date.now()): Promise<void> {
  try {
    if (await browser.alarms.get(DAILY_ALARM)) return;
    await browser.alarms.create(DAILY_ALARM, { when: nextDailyRun(now), periodInMinutes: DAY_MINUTES });
  } catch (error) {
    console.warn('[bbah:reminders] could not create the daily alarm', error);
  }
}

/**
 * One run: reminders due today (each lead time once per credential), revoked entries past
 * their retention pruned, the badge set. Never rejects: a failure is logged and the next alarm
 * tries again.
 */
export function runReminderTick(now: number = Date.now()): Promise<TickResult | undefined> {
  return exclusive(async () => {
    const start = performance.now();
    try {
      const today = userToday(now);
      // Settings first: the policy read (storage.managed) can take seconds while Chrome starts.
      const settings = reminderSettingsOf(await loadSettings(navigator.platform));
      const { store, sourceVersion, warnings } = await readTrackedStore(today);
      for (const warning of warnings) console.info('[bbah:reminders]', warning);
      // Data from a newer version is read, never written: reminders it could not record as shown
      // would repeat every day, so they wait until that version is back.
      const readOnly = sourceVersion !== undefined && sourceVersion > TRACKED_STORE_VERSION;
      const pruned = pruneRevoked(store, today);
      const report = computeDue(pruned, settings, today);
      const shown = readOnly ? [] : await showNotifications(report.notifications);
      const stale = pruned !== store || sourceVersion !== TRACKED_STORE_VERSION || warnings.length > 0;
      if (!readOnly && (shown.length > 0 || stale)) {
        // Applied to the store as it is now: every writer of ours waits for this queue, but a
        // write from outside it (a test, a future version) during the notifications is kept.
        const current = await readTrackedStore(today);
        if ((current.sourceVersion ?? 0) <= TRACKED_STORE_VERSION)
          await writeTrackedStore(markNotified(pruneRevoked(current.store, today), shown, today));
      }
      await setBadge(report.badgeText);
      // Read by the e2e test and the benchmark: one whole run, storage and notifications included.
      performance.measure('bbah:reminder-tick', { start, detail: { tracked: store.credentials.length } });
      return { today, notified: shown.length, badgeText: report.badgeText };
    } catch (error) {
      console.warn('[bbah:reminders] tick failed', error);
      return undefined;
    }
  });
}

/** The badge alone, after the tracked list, the settings or the policy changed. */
export function refreshBadge(now: number = Date.now()): Promise<void> {
  return exclusive(async () => {
    try {
      const today = userToday(now);
      const [{ store }, loaded] = await Promise.all([
        readTrackedStore(today),
        loadSettings(navigator.platform),
      ]);
      await setBadge(computeDue(store, reminderSettingsOf(loaded), today).badgeText);
    } catch (error) {
      console.warn('[bbah:reminders] badge update failed', error);
    }
  });
}

export function notificationIdFor(notification: Pick<DueNotification, 'credentialId' | 'leadDays'>): string {
  return `${NOTIFICATION_PREFIX}${notification.leadDays}:${notification.credentialId}`;
}

function credentialIdOf(notificationId: string): string | undefined {
  if (!notificationId.startsWith(NOTIFICATION_PREFIX)) return undefined;
  const rest = notificationId.slice(NOTIFICATION_PREFIX.length);
  const colon = rest.indexOf(':');
  return colon < 0 ? undefined : rest.slice(colon + 1);
}

/**
 * A click on one of our notifications: a credential's reminder opens its list or the
 * "recreate" page (with the preset also left as a pending record, in case sign-in drops the
 * fragment); the summary opens the tracked list. The URL is worked out again from storage, so
 * it is right even after the service worker restarted.
 */
export async function openNotificationTarget(
  notificationId: string,
  now: number = Date.now(),
): Promise<void> {
  const credentialId = credentialIdOf(notificationId);
  if (credentialId === undefined && notificationId !== SUMMARY_NOTIFICATION_ID) return;
  try {
    let url = browser.runtime.getURL(TRACKED_LIST_PATH);
    if (credentialId !== undefined) {
      const [{ store }, loaded] = await Promise.all([
        readTrackedStore(userToday(now)),
        loadSettings(navigator.platform),
      ]);
      const credential = store.credentials.find((entry) => entry.id === credentialId);
      if (credential) url = targetUrlFor(credential, reminderSettingsOf(loaded));
      await rememberPendingPresetFor(url, now);
    }
    await browser.tabs.create({ url });
  } catch (error) {
    console.warn('[bbah:reminders] could not open the reminder', error);
  } finally {
    await browser.notifications.clear(notificationId).catch(() => false);
  }
}

/** Shows the due reminders; resolves with those actually shown (a failed one is retried next run). */
async function showNotifications(due: readonly DueNotification[]): Promise<DueNotification[]> {
  const shown: DueNotification[] = [];
  const separate =
    due.length > MAX_SEPARATE_NOTIFICATIONS ? due.slice(0, MAX_SEPARATE_NOTIFICATIONS - 1) : due;
  const iconUrl = browser.runtime.getURL(NOTIFICATION_ICON);
  for (const notification of separate) {
    if (await notify(notificationIdFor(notification), notification.title, notification.message, iconUrl))
      shown.push(notification);
  }
  const rest = due.slice(separate.length);
  if (rest.length > 0) {
    const names = rest.slice(0, 3).map((entry) => entry.title.replace(/^Bitbucket /, ''));
    const more = rest.length > 3 ? `, and ${rest.length - 3} more` : '';
    const message = `${names.join('; ')}${more}. Click to see the tracked credentials.`;
    if (
      await notify(
        SUMMARY_NOTIFICATION_ID,
        `${rest.length} more Bitbucket credentials need attention`,
        message,
        iconUrl,
      )
    )
      shown.push(...rest);
  }
  return shown;
}

async function notify(id: string, title: string, message: string, iconUrl: string): Promise<boolean> {
  try {
    await browser.notifications.create(id, { type: 'basic', iconUrl, title, message });
    return true;
  } catch (error) {
    console.warn('[bbah:reminders] notification failed', error);
    return false;
  }
}

async function setBadge(text: string): Promise<void> {
  // Firefox MV2 has browserAction; Chrome MV3 and Firefox MV3 have action.
  const action = browser.action ?? browser.browserAction;
  if (!action) return;
  await action.setBadgeText({ text });
  if (text) await action.setBadgeBackgroundColor({ color: BADGE_COLOR }).catch(() => undefined);
}
