import type { JournalEntryView, PointsContract } from '@core/contracts/points';
import { userNames } from '@server/data/users';
import { parseDoc } from '@server/db/read';
import type { Condition } from '@server/db/types';
import type { ActionHandler } from '@server/kit';
import { EntryDoc } from '@server/ledger';
import { currentAccount } from '../accounts';
import { requireMember } from '../members';
import { toEntryView } from '../views';

/** HQ's view of the journal: everything, one member, or one kind (e.g. every adjustment). */
export const journal: ActionHandler<PointsContract, 'journal'> = async (input, ctx) => {
  const where: Condition = {};
  if (input.openid !== undefined) where.openid = input.openid;
  if (input.kind !== undefined) where.kind = input.kind;
  if (input.before !== undefined) where.createdAt = ctx._.lt(input.before);
  const member = input.openid !== undefined ? await requireMember(ctx.db, input.openid) : undefined;
  const account = input.openid !== undefined ? await currentAccount(ctx.db, input.openid, ctx.now()) : undefined;
  const { data } = await ctx.db
    .collection('points_entries')
    .where(where)
    .orderBy('createdAt', 'desc')
    .orderBy('seq', 'desc')
    .limit(input.limit + 1)
    .get();
  const docs = data.map((raw) => parseDoc(EntryDoc, raw, 'points_entries')).slice(0, input.limit + 1);
  const page = docs.slice(0, input.limit);
  const names = await userNames(
    ctx.db,
    page.map((e) => e.openid),
  );
  const entries: JournalEntryView[] = page.map((e) => {
    const name = names.get(e.openid);
    return {
      ...toEntryView(e),
      openid: e.openid,
      ...(name !== undefined ? { name } : {}),
      ...(e.by !== undefined ? { by: e.by } : {}),
      ...(e.reason !== undefined ? { reason: e.reason } : {}),
    };
  });
  return {
    entries,
    hasMore: docs.length > input.limit,
    ...(member ? { account: { openid: member._id, name: member.name, balance: account?.balance ?? 0 } } : {}),
  };
};
