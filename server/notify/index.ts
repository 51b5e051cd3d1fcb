export { creditsOf, grantCredit, holdersOf, spendCredit, type Credits } from './credits';
export { CreditDoc, NotificationDoc, REMINDER_SETTINGS_ID, ReminderSettingsDoc, creditId } from './documents';
export {
  beijingDate,
  beijingTime,
  notificationId,
  queueIfSubscribed,
  queueReminder,
  thing,
  type Reminder,
} from './queue';
export { isQuiet, quietEnds } from './quiet';
export { loadTemplates, sendDue, type SendReport } from './send';
