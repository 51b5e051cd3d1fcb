import type { AwardRow, PointsContract } from '@core/contracts/points';
import { AwardDoc } from '@server/data/purchase-awards';
import { storeNames } from '@server/data/stores';
import { userNames } from '@server/data/users';
import { decodeCursor, pageOf } from '@server/db/cursor';
import { parseDoc } from '@server/db/read';
import type { Condition } from '@server/db/types';
import type { ActionHandler } from '@server/kit';

/** HQ's list of awards, newest first (one guide's or all), keyset-paged on (createdAt, _id). */
export const listAwards: ActionHandler<PointsContract, 'listAwards'> = async (input, ctx) => {
  const _ = ctx._;
  const filter: Condition = input.guideOpenid !== undefined ? { guideOpenid: input.guideOpenid } : {};
  let where: Condition = filter;
  if (input.cursor !== undefined) {
    const { at, id } = decodeCursor(input.cursor);
    const after = _.or({ createdAt: _.lt(new Date(at)) }, { createdAt: new Date(at), _id: _.lt(id) });
    where = (Object.keys(filter).length === 0 ? after : _.and(filter, after)) as Condition;
  }
  const { data } = await ctx.db
    .collection('purchase_awards')
    .where(where)
    .orderBy('createdAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(input.limit + 1)
    .get();
  const docs = data.map((raw) => parseDoc(AwardDoc, raw, 'purchase_awards'));
  const { page, hasMore, nextCursor } = pageOf(docs, input.limit, (d) => d.createdAt.getTime());
  const [people, stores] = await Promise.all([
    userNames(
      ctx.db,
      page.flatMap((d) => [d.memberOpenid, d.guideOpenid]),
    ),
    storeNames(
      ctx.db,
      page.map((d) => d.storeId),
    ),
  ]);
  const awards: AwardRow[] = page.map((d) => {
    const memberName = people.get(d.memberOpenid);
    const guideName = people.get(d.guideOpenid);
    const storeName = stores.get(d.storeId);
    return {
      id: d._id,
      memberOpenid: d.memberOpenid,
      ...(memberName !== undefined ? { memberName } : {}),
      guideOpenid: d.guideOpenid,
      ...(guideName !== undefined ? { guideName } : {}),
      ...(storeName !== undefined ? { storeName } : {}),
      amountFen: d.amountFen,
      points: d.points,
      createdAt: d.createdAt.getTime(),
      ...(d.reversedAt ? { reversedAt: d.reversedAt.getTime() } : {}),
    };
  });
  return { awards, hasMore, ...(nextCursor ? { nextCursor } : {}) };
};
