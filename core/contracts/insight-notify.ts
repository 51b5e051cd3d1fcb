/**
 * Reminders by subscribe messages. WeChat's one-time subscription gives one message per acceptance
 * of a template, so every acceptance the app reports becomes one send credit for (user, kind), and
 * nothing is ever sent past the credits.
 */
import * as z from 'zod';
import { GUIDE_REMINDERS, MEMBER_REMINDERS, REMINDER_KINDS, type ReminderKind } from '../limits';

export { GUIDE_REMINDERS, MEMBER_REMINDERS, REMINDER_KINDS, type ReminderKind };

export const reminderKind = z.enum(REMINDER_KINDS);

/** A template id as the mini-program admin shows it (letters, digits, `-` and `_`). */
export const templateId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: '模板 ID 只能包含字母、数字、- 和 _' });

export const ReminderTemplates = z.strictObject({
  post: templateId.optional(),
  member: templateId.optional(),
  read: templateId.optional(),
  points: templateId.optional(),
  coupon: templateId.optional(),
});
export type ReminderTemplates = z.infer<typeof ReminderTemplates>;

const Credits = z.object({
  post: z.number().int(),
  member: z.number().int(),
  read: z.number().int(),
  points: z.number().int(),
  coupon: z.number().int(),
});

export const ReminderSettingsOutput = z.object({
  /** Template id per kind HQ has set; a kind without one is not offered. */
  templates: z.object({
    post: z.string().optional(),
    member: z.string().optional(),
    read: z.string().optional(),
    points: z.string().optional(),
    coupon: z.string().optional(),
  }),
  /** The caller's unspent credits per kind. */
  credits: Credits,
});
export type ReminderSettingsOutput = z.infer<typeof ReminderSettingsOutput>;

export const SetReminderTemplatesInput = z.strictObject({ templates: ReminderTemplates });

/** The kinds the user accepted in WeChat's subscribe dialog (rejected ones are not sent). */
export const SubscribeRemindersInput = z
  .strictObject({ kinds: z.array(reminderKind).min(1).max(REMINDER_KINDS.length) })
  .refine((v) => new Set(v.kinds).size === v.kinds.length, { message: '提醒类型不能重复', path: ['kinds'] });
export const SubscribeRemindersOutput = z.object({ credits: Credits });
