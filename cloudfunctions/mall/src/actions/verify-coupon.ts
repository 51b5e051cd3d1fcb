import type { MallContract } from '@core/contracts/mall';
import { AppError } from '@core/errors';
import { parseDoc } from '@server/db/read';
import { CouponDoc } from '@server/data/coupons';
import { userNames } from '@server/data/users';
import type { ActionContext, ActionHandler } from '@server/kit';
import { beijingTime, couponStatus, faceValue } from '../views';

async function findByCode(ctx: ActionContext, code: string): Promise<CouponDoc | null> {
  const { data } = await ctx.db.collection('coupons').where({ code }).limit(1).get();
  const [raw] = data;
  return raw === undefined ? null : parseDoc(CouponDoc, raw, 'coupons');
}

/**
 * Marks a coupon used with ONE conditional update (status unused and not yet expired → used), so
 * of any number of simultaneous verifications of one code exactly one changes the document; the
 * rest are told who used it and when.
 */
export const verifyCoupon: ActionHandler<MallContract, 'verifyCoupon'> = async (input, ctx) => {
  const guide = ctx.caller.user;
  if (guide?.role !== 'guide') throw new AppError('PERMISSION_DENIED', '只有导购可以核销');
  const now = ctx.now();
  const _ = ctx._;
  const { stats } = await ctx.db
    .collection('coupons')
    .where({ code: input.code, status: 'unused', expiresAt: _.gt(now) })
    .update({ data: { status: 'used', usedAt: now, usedBy: guide._id, storeId: guide.storeId } });

  const coupon = await findByCode(ctx, input.code);
  if (!coupon) throw new AppError('NOT_FOUND', '券码不存在，请核对后重试');
  if (stats.updated !== 1) {
    const status = couponStatus(coupon, now);
    if (status === 'used') {
      throw new AppError('FAILED_PRECONDITION', `该券已于 ${beijingTime(coupon.usedAt ?? now)} 核销，不能重复使用`, {
        reason: 'used',
      });
    }
    if (coupon.voided !== undefined) {
      throw new AppError('FAILED_PRECONDITION', '该券已作废（会员已注销），不能使用', { reason: 'voided' });
    }
    if (status === 'expired')
      throw new AppError('FAILED_PRECONDITION', `该券已于 ${beijingTime(coupon.expiresAt)} 过期`, {
        reason: 'expired',
      });
    throw new AppError('INTERNAL');
  }
  const owner = (await userNames(ctx.db, [coupon.owner])).get(coupon.owner);
  return {
    couponId: coupon._id,
    status: 'used' as const,
    ...faceValue(coupon),
    ...(owner !== undefined ? { ownerName: owner } : {}),
    usedAt: now,
  };
};
