import type { MallContract } from '@core/contracts/mall';
import { getAll } from '@server/db/read';
import { CouponDoc } from '@server/data/coupons';
import { storeNames } from '@server/data/stores';
import type { ActionHandler } from '@server/kit';
import { toCouponView } from '../views';

export const myCoupons: ActionHandler<MallContract, 'myCoupons'> = async (input, ctx) => {
  const now = ctx.now();
  const docs = await getAll(
    ctx.db.collection('coupons').where({ owner: ctx.caller.openid }).orderBy('issuedAt', 'desc'),
    CouponDoc,
    'coupons',
    {
      max: 1000,
    },
  );
  const stores = await storeNames(
    ctx.db,
    docs.flatMap((c) => (c.storeId ? [c.storeId] : [])),
  );
  const coupons = docs
    .map((c) => toCouponView(c, now, c.storeId ? stores.get(c.storeId) : undefined))
    .filter((c) => input.status === undefined || c.status === input.status);
  return { coupons };
};
