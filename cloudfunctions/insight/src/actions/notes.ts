import type { InsightContract } from '@core/contracts/insight';
import { MAX_NOTES_SHOWN } from '@core/contracts/insight';
import { AppError } from '@core/errors';
import { CustomerTagsDoc, MANUAL_TAGS_ID, ManualTagListDoc, NoteDoc } from '@server/data/notes';
import { loadUser } from '@server/data/users';
import { getAll, getDoc } from '@server/db/read';
import type { Database } from '@server/db/types';
import type { ActionContext, ActionHandler } from '@server/kit';
import { newId } from '@server/ids';

/** The customer, when the caller may see them: their own guide, or HQ. Anyone else: not found. */
async function reachableCustomer(ctx: ActionContext, openid: string) {
  const user = await loadUser(ctx.db, openid);
  if (user?.role !== 'customer' || (ctx.caller.role === 'guide' && user.guideOpenid !== ctx.caller.openid)) {
    throw new AppError('NOT_FOUND', '会员不存在');
  }
  return user;
}

async function tagList(db: Database): Promise<string[]> {
  const doc = await getDoc(db.collection('insight_settings').doc(MANUAL_TAGS_ID), ManualTagListDoc, 'insight_settings');
  return doc?.tags ?? [];
}

/** The customer's notes (newest first) and manual tags, and HQ's list to pick tags from. */
export const customerNotes: ActionHandler<InsightContract, 'customerNotes'> = async (input, ctx) => {
  const user = await reachableCustomer(ctx, input.openid);
  const [notes, tags, suggested] = await Promise.all([
    getAll(
      ctx.db.collection('customer_notes').where({ customer: user._id }).orderBy('at', 'desc').limit(MAX_NOTES_SHOWN),
      NoteDoc,
      'customer_notes',
      { max: MAX_NOTES_SHOWN },
    ),
    getDoc(ctx.db.collection('customer_tags').doc(user._id), CustomerTagsDoc, 'customer_tags'),
    tagList(ctx.db),
  ]);
  return {
    notes: notes
      .slice(0, MAX_NOTES_SHOWN)
      .map((n) => ({ id: n._id, text: n.text, at: n.at, by: n.by === ctx.caller.openid ? '我' : '导购' })),
    tags: tags?.tags ?? [],
    suggested,
  };
};

export const addNote: ActionHandler<InsightContract, 'addNote'> = async (input, ctx) => {
  const user = await reachableCustomer(ctx, input.openid);
  const at = ctx.now();
  const id = newId('not');
  await ctx.db
    .collection('customer_notes')
    .add({ data: { _id: id, customer: user._id, by: ctx.caller.openid, text: input.text, at } });
  return { id, at };
};

/** Replaces the customer's manual tags (HQ's list or the guide's own words). */
export const setCustomerTags: ActionHandler<InsightContract, 'setCustomerTags'> = async (input, ctx) => {
  const user = await reachableCustomer(ctx, input.openid);
  await ctx.db
    .collection('customer_tags')
    .doc(user._id)
    .set({ data: { tags: input.tags, updatedAt: ctx.now(), updatedBy: ctx.caller.openid } });
  return { tags: input.tags };
};

export const manualTagList: ActionHandler<InsightContract, 'manualTagList'> = async (_input, ctx) => ({
  tags: await tagList(ctx.db),
});

export const setManualTagList: ActionHandler<InsightContract, 'setManualTagList'> = async (input, ctx) => {
  await ctx.db
    .collection('insight_settings')
    .doc(MANUAL_TAGS_ID)
    .set({ data: { tags: input.tags, updatedAt: ctx.now(), updatedBy: ctx.caller.openid } });
  return { tags: input.tags };
};
