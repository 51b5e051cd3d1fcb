import type { MallContract } from '@core/contracts/mall';
import { parseDoc } from '@server/db/read';
import { CouponDoc } from '@server/data/coupons';
import { userNames } from '@server/data/users';
import type { ActionHandler } from '@server/kit';
import { maskCode } from '../codes';

/** The guide's own latest verifications, newest first. */
export const recentVerifications: ActionHandler<MallContract, 'recentVerifications'> = async (input, ctx) => {
  const { data } = await ctx.db
    .collection('coupons')
    .where({ usedBy: ctx.caller.openid, status: 'used' })
    .orderBy('usedAt', 'desc')
    .limit(input.limit)
    .get();
  const docs = data.map((raw) => parseDoc(CouponDoc, raw, 'coupons'));
  const names = await userNames(
    ctx.db,
    docs.map((c) => c.owner),
  );
  return {
    verifications: docs.map((c) => {
      const ownerName = names.get(c.owner);
      return {
        couponId: c._id,
        code: maskCode(c.code),
        title: c.title,
        kind: c.kind,
        ...(c.amountFen !== undefined ? { amountFen: c.amountFen } : {}),
        ...(ownerName !== undefined ? { ownerName } : {}),
        usedAt: c.usedAt ?? 0,
      };
    }),
  };
};
