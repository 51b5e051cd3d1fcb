import type { InsightContract } from '@core/contracts/insight';
import type { WorklistItem } from '@core/contracts/insight-worklist';
import { AppError } from '@core/errors';
import { closedReasonKey, WorklistItemDoc, worklistRunKey, type WorklistItemDoc as Item } from '@server/data/worklist';
import { getDoc } from '@server/db/read';
import type { ActionContext, ActionHandler } from '@server/kit';
import { dayKey } from '@server/ledger/calendar';
import { dayItems, makeWorklist } from '../worklist/make';

function guideOf(ctx: ActionContext) {
  const user = ctx.caller.user;
  if (user?.role !== 'guide') throw new AppError('PERMISSION_DENIED', '仅导购可以查看');
  return { openid: user._id, name: user.name, storeId: user.storeId };
}

const row = (i: Item): WorklistItem => ({
  id: i._id,
  openid: i.customer,
  name: i.name,
  reason: i.reason,
  reasonKind: i.kind,
  ...(i.tag ? { tag: i.tag } : {}),
  goal: i.goal,
  script: i.script,
  expiresAt: i.expiresAt,
});

/**
 * Today's customers to contact, most valuable first. A read of what the timers made: one query for
 * the day's items (a second, for whether the list was made, only when there are none). Only a guide
 * whose list the morning timer has not reached yet waits for it to be made now.
 */
export const worklist: ActionHandler<InsightContract, 'worklist'> = async (_input, ctx) => {
  const guide = guideOf(ctx);
  const now = ctx.now();
  const day = dayKey(now);
  // Items exist only once the list was made; an empty day asks whether it was made at all.
  const items = await dayItems(ctx.db, guide.openid, day);
  const made =
    items.length > 0 || (await ctx.db.collection('worklist_runs').doc(worklistRunKey(guide.openid, day)).get()).data;
  const all = made ? items : await makeWorklist(ctx.db, guide, now);
  const open = all
    .filter((i) => i.outcome === undefined && i.expiresAt > now)
    .sort((a, b) => b.value - a.value || a.customer.localeCompare(b.customer));
  return { items: open.map(row), day, done: all.filter((i) => i.outcome !== undefined).length };
};

/**
 * What came of an item: contacted (已联系), later (稍后: off today's list) or unfit (不合适). Contacted
 * and unfit close the reason for the customer for good. Recording the same outcome again answers
 * the same; a decided item (contacted or unfit) cannot be changed.
 */
export const worklistOutcome: ActionHandler<InsightContract, 'worklistOutcome'> = async (input, ctx) => {
  const guide = guideOf(ctx);
  const now = ctx.now();
  const _ = ctx._;
  const item = await getDoc(ctx.db.collection('worklist_items').doc(input.id), WorklistItemDoc, 'worklist_items');
  // Another guide's item is answered like a missing one.
  if (!item || item.guideOpenid !== guide.openid) throw new AppError('NOT_FOUND', '该条建议不存在');
  const decided = item.outcome === 'contacted' || item.outcome === 'unfit';
  if (decided && item.outcome !== input.outcome) throw new AppError('FAILED_PRECONDITION', '这条建议已经处理过了');
  if (!decided) {
    if (item.expiresAt <= now) throw new AppError('FAILED_PRECONDITION', '这条建议已过期');
    const res = await ctx.db
      .collection('worklist_items')
      .where({ _id: item._id, outcome: item.outcome === undefined ? _.exists(false) : 'later' })
      .update({ data: { outcome: input.outcome, outcomeAt: now } });
    if (res.stats.updated !== 1) throw new AppError('FAILED_PRECONDITION', '这条建议已经处理过了');
  }
  if (input.outcome !== 'later') {
    // Set, not add: a retried call (or one after a lost reply) writes the same document again.
    await ctx.db
      .collection('worklist_closed')
      .doc(closedReasonKey(item.customer, item.key))
      .set({
        data: { customer: item.customer, key: item.key, guideOpenid: guide.openid, outcome: input.outcome, at: now },
      });
  }
  return { id: item._id, outcome: input.outcome };
};
