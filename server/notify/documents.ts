/** The documents reminders keep: send credits and queued messages. */
import * as z from 'zod';
import { REMINDER_KINDS } from '@core/limits';

export const CreditDoc = z.object({
  /** creditId(openid, kind): one counter per (user, kind). */
  _id: z.string(),
  openid: z.string(),
  kind: z.enum(REMINDER_KINDS),
  credits: z.number().int(),
  updatedAt: z.number(),
});
export type CreditDoc = z.infer<typeof CreditDoc>;

export const creditId = (openid: string, kind: string) => `${openid}:${kind}`;

export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'dropped', 'failed'] as const;

export const NotificationDoc = z.object({
  /** `<kind>:<what it is about>`: the same event queued twice is one message. */
  _id: z.string(),
  openid: z.string(),
  kind: z.enum(REMINDER_KINDS),
  /** Template keyword values, e.g. { thing1: '春日焕新', time2: '2026-03-01 12:00' }. */
  data: z.record(z.string(), z.string()),
  /** The mini-program page the message opens (no leading slash). */
  page: z.string(),
  status: z.enum(NOTIFICATION_STATUSES),
  /** Not sent before this time (epoch ms). */
  dueAt: z.number(),
  createdAt: z.number(),
  sentAt: z.number().optional(),
  /** Why it was not sent: no credit left, no template set, or WeChat's error. */
  reason: z.string().optional(),
});
export type NotificationDoc = z.infer<typeof NotificationDoc>;

export const REMINDER_SETTINGS_ID = 'reminders';
export const ReminderSettingsDoc = z.object({
  _id: z.literal(REMINDER_SETTINGS_ID),
  templates: z.record(z.string(), z.string()),
  updatedAt: z.number(),
  updatedBy: z.string(),
});
