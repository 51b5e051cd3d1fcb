import type { JournalEntryView, PointsContract } from '@core/contracts/points';
import { userNames } from '@server/data/users';
import { afterCursor, pageOf } from '@server/db/cursor';
import { parseDoc } from '@server/db/read';
import type { Condition } from '@server/db/types';
import type { ActionHandler } from '@server/kit';
import { EntryDoc } from '@server/ledger';
import { currentAccount } from '../accounts';
import { requireMember } from '../members';
import { toEntryView } from '../views';

/** HQ's view of the journal: everything, one member, or one kind (e.g. every adjustment). */
export const journal: ActionHandler<PointsContract, 'journal'> = async (input, ctx) => {
  const filter: Condition = {};
  if (input.openid !== undefined) filter.openid = input.openid;
  if (input.kind !== undefined) filter.kind = input.kind;
  const member = input.openid !== undefined ? await requireMember(ctx.db, input.openid) : undefined;
  const account = input.openid !== undefined ? await currentAccount(ctx.db, input.openid, ctx.now()) : undefined;
  const { data } = await ctx.db
    .collection('points_entries')
    .where(afterCursor(ctx._, filter, 'createdAt', input.cursor))
    .orderBy('createdAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(input.limit + 1)
    .get();
  const docs = data.map((raw) => parseDoc(EntryDoc, raw, 'points_entries'));
  const { page, hasMore, nextCursor } = pageOf(docs, input.limit, (e) => e.createdAt);
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
    hasMore,
    ...(nextCursor ? { nextCursor } : {}),
    ...(member ? { account: { openid: member._id, name: member.name, balance: account?.balance ?? 0 } } : {}),
  };
};
