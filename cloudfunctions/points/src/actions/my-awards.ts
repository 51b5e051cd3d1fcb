import type { AwardView, PointsContract } from '@core/contracts/points';
import { AwardDoc } from '@server/data/purchase-awards';
import { userNames } from '@server/data/users';
import { getAll } from '@server/db/read';
import type { ActionHandler } from '@server/kit';
import { dayKey, endOfDay } from '@server/ledger';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A till gives far fewer awards a day; the bound keeps one read. */
const MAX_AWARDS_PER_DAY = 1000;

/** The calling guide's awards of today (Beijing), newest first, with totals over those not reversed. */
export const myAwards: ActionHandler<PointsContract, 'myAwards'> = async (_input, ctx) => {
  const now = ctx.now();
  const start = new Date(endOfDay(now) - DAY_MS);
  const docs = await getAll(
    ctx.db
      .collection('purchase_awards')
      .where({ guideOpenid: ctx.caller.openid, createdAt: ctx._.gte(start) })
      .orderBy('createdAt', 'desc'),
    AwardDoc,
    'purchase_awards',
    { pageSize: 1000, max: MAX_AWARDS_PER_DAY },
  );
  const names = await userNames(
    ctx.db,
    docs.map((d) => d.memberOpenid),
  );
  const awards: AwardView[] = docs.map((d) => {
    const memberName = names.get(d.memberOpenid);
    return {
      id: d._id,
      ...(memberName !== undefined ? { memberName } : {}),
      amountFen: d.amountFen,
      points: d.points,
      createdAt: d.createdAt.getTime(),
      reversed: d.reversedAt !== undefined,
    };
  });
  const counted = awards.filter((a) => !a.reversed);
  return {
    day: dayKey(now),
    awards,
    totals: {
      count: counted.length,
      points: counted.reduce((s, a) => s + a.points, 0),
      amountFen: counted.reduce((s, a) => s + a.amountFen, 0),
    },
  };
};
