import { GUIDE_REMINDERS, MEMBER_REMINDERS, REMINDER_KINDS, type ReminderKind } from '@core/contracts/insight-notify';
import type { InsightContract } from '@core/contracts/insight';
import { AppError } from '@core/errors';
import type { ActionHandler } from '@server/kit';
import { creditsOf, grantCredit, loadTemplates, REMINDER_SETTINGS_ID } from '@server/notify';

const OFFERED: Record<string, readonly ReminderKind[]> = { guide: GUIDE_REMINDERS, customer: MEMBER_REMINDERS };

/** The template ids HQ set and the caller's unspent credits (HQ holds none). */
export const reminderSettings: ActionHandler<InsightContract, 'reminderSettings'> = async (_input, ctx) => {
  const [templates, credits] = await Promise.all([loadTemplates(ctx.db), creditsOf(ctx.db, ctx.caller.openid)]);
  return { templates, credits };
};

/** HQ copies the template ids from the mini-program admin; an absent kind is switched off. */
export const setReminderTemplates: ActionHandler<InsightContract, 'setReminderTemplates'> = async (input, ctx) => {
  const templates: Record<string, string> = {};
  for (const k of REMINDER_KINDS) {
    const id = input.templates[k];
    if (id) templates[k] = id;
  }
  await ctx.db
    .collection('insight_settings')
    .doc(REMINDER_SETTINGS_ID)
    .set({ data: { templates, updatedAt: ctx.now(), updatedBy: ctx.caller.openid } });
  return { templates, credits: await creditsOf(ctx.db, ctx.caller.openid) };
};

/**
 * The kinds the user accepted in WeChat's subscribe dialog: one credit each (the platform's
 * one-time subscription allows one message per acceptance).
 */
export const subscribeReminders: ActionHandler<InsightContract, 'subscribeReminders'> = async (input, ctx) => {
  const offered = OFFERED[ctx.caller.role] ?? [];
  if (input.kinds.some((k) => !offered.includes(k)))
    throw new AppError('INVALID_ARGUMENT', '该提醒不适用于你的身份', { field: 'kinds' });
  const templates = await loadTemplates(ctx.db);
  if (input.kinds.some((k) => !templates[k])) throw new AppError('FAILED_PRECONDITION', '总部尚未开启该提醒');
  const now = ctx.now();
  for (const k of input.kinds) await grantCredit(ctx.db, ctx.caller.openid, k, now);
  return { credits: await creditsOf(ctx.db, ctx.caller.openid) };
};
