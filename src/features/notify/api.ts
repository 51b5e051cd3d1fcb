import type { ReminderKind } from '@core/limits';
import { callFunction, type CallOutput } from '@/lib/cloud';

export type ReminderSettings = CallOutput<'insight', 'reminderSettings'>;

export const fetchReminderSettings = () => callFunction('insight', 'reminderSettings', {});
export const subscribeReminders = (kinds: ReminderKind[]) => callFunction('insight', 'subscribeReminders', { kinds });
export const setReminderTemplates = (templates: ReminderSettings['templates']) =>
  callFunction('insight', 'setReminderTemplates', { templates });

/** What each reminder is called in WeChat's dialog and on the buttons. */
export const REMINDER_NAMES: Record<ReminderKind, string> = {
  post: '发圈提醒',
  member: '新会员提醒',
  read: '顾客读完提醒',
  points: '积分到期提醒',
  coupon: '券到期提醒',
};

export const REMINDER_HINTS: Record<ReminderKind, string> = {
  post: '到你的发圈时间时提醒一次',
  member: '有新会员加入时提醒一次',
  read: '顾客读你分享的内容超过 1 分钟时提醒一次',
  points: '积分 3 天内到期时提醒一次',
  coupon: '券 3 天内到期时提醒一次',
};
