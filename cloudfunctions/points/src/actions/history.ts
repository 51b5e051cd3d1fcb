import type { PointsContract } from '@core/contracts/points';
import type { ActionHandler } from '@server/kit';
import { EntryDoc } from '@server/ledger';
import { parseDoc } from '@server/db/read';
import { currentAccount } from '../accounts';
import { toMemberEntryView } from '../views';

/** The member's own journal, newest first, paged by seq (a total order per account). */
export const history: ActionHandler<PointsContract, 'history'> = async (input, ctx) => {
  const openid = ctx.caller.openid;
  // Settles expiry first, so the history shows the expiry entries the balance already reflects.
  await currentAccount(ctx.db, openid, ctx.now());
  const where = input.beforeSeq === undefined ? { openid } : { openid, seq: ctx._.lt(input.beforeSeq) };
  const { data } = await ctx.db
    .collection('points_entries')
    .where(where)
    .orderBy('seq', 'desc')
    .limit(input.limit + 1)
    .get();
  const entries = data.map((raw) => parseDoc(EntryDoc, raw, 'points_entries'));
  return { entries: entries.slice(0, input.limit).map(toMemberEntryView), hasMore: entries.length > input.limit };
};
