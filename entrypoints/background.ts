// Thin shell: listeners are registered synchronously (an MV3 service worker woken by an event
// only delivers it to listeners added in its first turn) and delegate to platform/. They return
// their promise so tests can await them; the browser ignores it (onMessage: it is the answer).
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { openStartHere } from '../platform/background/first-run';
import { handleMessage } from '../platform/background/message-handler';
import {
  DAILY_ALARM,
  ensureDailyAlarm,
  openNotificationTarget,
  refreshBadge,
  runReminderTick,
} from '../platform/background/reminders';
import { watchReminderInputs } from '../platform/shared/storage';

export default defineBackground(() => {
  const startUp = () => ensureDailyAlarm().then(() => runReminderTick());
  browser.runtime.onInstalled.addListener((details) => Promise.all([startUp(), openStartHere(details)]));
  browser.runtime.onStartup.addListener(startUp);
  browser.alarms.onAlarm.addListener((alarm) => (alarm.name === DAILY_ALARM ? runReminderTick() : undefined));
  browser.notifications.onClicked.addListener((id) => openNotificationTarget(id));
  browser.runtime.onMessage.addListener((message: unknown, sender) => handleMessage(message, sender));
  // Not awaited: a storage write inside a tick triggers this, and the badge waits for the tick.
  watchReminderInputs(() => void refreshBadge());
});
