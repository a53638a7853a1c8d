import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground(() => {
  // Reminders (alarms, notifications, badge) register their listeners here.
});
