import type { TimerHandler } from '@server/kit';

/**
 * Hourly: marks unused coupons past their expiry as expired. Reads already treat them as expired
 * from the first second (views.ts couponStatus) and verification refuses them by its condition,
 * so this only keeps the stored status and HQ's filters tidy.
 */
export const expireCoupons: TimerHandler = async (ctx) => {
  const now = ctx.now();
  const { stats } = await ctx.db
    .collection('coupons')
    .where({ status: 'unused', expiresAt: ctx._.lte(now) })
    .update({ data: { status: 'expired', expiredAt: now } });
  ctx.log.info('expireCoupons', { expired: stats.updated });
  return { expired: stats.updated };
};
