import { MAX_RANGE_DAYS } from '@core/contracts/common';
import type { GuideAwardsRow, PointsContract } from '@core/contracts/points';
import { OUTLIER_RULE_TEXT, isOutlier, median } from '@core/points/purchase';
import { storeNames } from '@server/data/stores';
import { findGuides, usersByIds } from '@server/data/users';
import { groupRows, num } from '@server/db/aggregate';
import type { ActionHandler } from '@server/kit';
import { parseDayRange } from '@server/ledger';

interface Sum {
  awards: number;
  points: number;
  amountFen: number;
}

/**
 * Purchase points per guide over whole Beijing days (reversed awards left out), every active
 * guide listed (those without awards at 0, since they count in their store's median), and each
 * guide compared with the median of their store (core/points/purchase.ts states the rule).
 */
export const awardsByGuide: ActionHandler<PointsContract, 'awardsByGuide'> = async (input, ctx) => {
  const range = parseDayRange(input.from, input.to, MAX_RANGE_DAYS);
  const _ = ctx._;
  const $ = _.aggregate;
  const rows = await groupRows(
    ctx.db
      .collection('purchase_awards')
      .aggregate()
      .match({
        createdAt: _.and(_.gte(new Date(range.start)), _.lt(new Date(range.end))),
        reversedAt: _.exists(false),
      })
      .group({ _id: '$guideOpenid', awards: $.sum(1), points: $.sum('$points'), amountFen: $.sum('$amountFen') }),
  );
  const sums = new Map<string, Sum>();
  for (const r of rows) {
    if (typeof r._id === 'string') {
      sums.set(r._id, { awards: num(r.awards), points: num(r.points), amountFen: num(r.amountFen) });
    }
  }
  const active = await findGuides(ctx.db, { active: true });
  const known = new Set(active.map((g) => g._id));
  // A guide who left after awarding in the range is still listed, with what they awarded.
  const departed = await usersByIds(
    ctx.db,
    [...sums.keys()].filter((id) => !known.has(id)),
  );
  const guides = [...active, ...[...departed.values()].flatMap((u) => (u.role === 'guide' ? [u] : []))];
  const byStore = new Map<string, number[]>();
  for (const g of guides) {
    const list = byStore.get(g.storeId) ?? [];
    list.push(sums.get(g._id)?.points ?? 0);
    byStore.set(g.storeId, list);
  }
  const names = await storeNames(ctx.db, byStore.keys());
  const out: GuideAwardsRow[] = guides.map((g) => {
    const sum = sums.get(g._id) ?? { awards: 0, points: 0, amountFen: 0 };
    const peers = byStore.get(g.storeId) ?? [];
    const storeMedian = median(peers);
    const storeName = names.get(g.storeId);
    return {
      guideOpenid: g._id,
      name: g.name,
      storeId: g.storeId,
      ...(storeName !== undefined ? { storeName } : {}),
      ...sum,
      storeMedian,
      outlier: isOutlier(sum.points, storeMedian, peers.length),
    };
  });
  out.sort((a, b) => a.storeId.localeCompare(b.storeId) || b.points - a.points);
  return { guides: out, rule: OUTLIER_RULE_TEXT };
};
