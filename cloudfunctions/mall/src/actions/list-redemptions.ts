import type { MallContract, RedemptionView } from '@core/contracts/mall';
import { afterCursor, pageOf } from '@server/db/cursor';
import { parseDoc } from '@server/db/read';
import type { Condition } from '@server/db/types';
import { CouponDoc } from '@server/data/coupons';
import { storeNames } from '@server/data/stores';
import { userNames } from '@server/data/users';
import type { ActionHandler } from '@server/kit';
import { maskCode } from '../codes';
import { toCouponView } from '../views';

/**
 * HQ's list of issued coupons (redemptions) and their verifications, newest first. "Unused" and
 * "expired" follow the expiry time, not only the stored status, so the list agrees with what the
 * member's own page shows before the expiry timer has run.
 */
export const listRedemptions: ActionHandler<MallContract, 'listRedemptions'> = async (input, ctx) => {
  const now = ctx.now();
  const _ = ctx._;
  const base: Condition = {};
  if (input.itemId !== undefined) base.itemId = input.itemId;
  const where: Condition = { ...base };
  if (input.status === 'used') where.status = 'used';
  if (input.status === 'unused') Object.assign(where, { status: 'unused', expiresAt: _.gt(now) });
  const filter =
    input.status === 'expired'
      ? (_.and(where, _.or({ status: 'expired' }, { status: 'unused', expiresAt: _.lte(now) })) as Condition)
      : where;
  const { data } = await ctx.db
    .collection('coupons')
    .where(afterCursor(_, filter, 'issuedAt', input.cursor))
    .orderBy('issuedAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(input.limit + 1)
    .get();
  const docs = data.map((raw) => parseDoc(CouponDoc, raw, 'coupons'));
  const { page, hasMore, nextCursor } = pageOf(docs, input.limit, (c) => c.issuedAt);

  const names = await userNames(
    ctx.db,
    page.flatMap((c) => [c.owner, ...(c.usedBy ? [c.usedBy] : [])]),
  );
  const stores = await storeNames(
    ctx.db,
    page.flatMap((c) => (c.storeId ? [c.storeId] : [])),
  );
  const redemptions: RedemptionView[] = page.map((c) => {
    const ownerName = names.get(c.owner);
    const usedByName = c.usedBy ? names.get(c.usedBy) : undefined;
    return {
      ...toCouponView(c, now, c.storeId ? stores.get(c.storeId) : undefined),
      code: maskCode(c.code),
      owner: c.owner,
      ...(ownerName !== undefined ? { ownerName } : {}),
      ...(c.usedBy !== undefined ? { usedBy: c.usedBy } : {}),
      ...(usedByName !== undefined ? { usedByName } : {}),
    };
  });
  const [issued, used] = await Promise.all([
    ctx.db.collection('coupons').where(base).count(),
    ctx.db
      .collection('coupons')
      .where({ ...base, status: 'used' })
      .count(),
  ]);
  return {
    redemptions,
    hasMore,
    ...(nextCursor ? { nextCursor } : {}),
    totals: { issued: issued.total, used: used.total },
  };
};
