import type { AccountContract } from '@core/contracts/account';
import { AppError } from '@core/errors';
import type { StoreDoc } from '@server/data/stores';
import { isDuplicateKeyError } from '@server/db/errors';
import { newId } from '@server/ids';
import type { ActionHandler } from '@server/kit';
import { checkNames } from '@server/security/text';

/** Members pick stores by name (joining, nearest stores): the name passes the content check first. */
export const createStore: ActionHandler<AccountContract, 'createStore'> = async (input, ctx) => {
  await checkNames(ctx, [{ field: 'name', what: '门店名称', value: input.name }]);
  const store: StoreDoc = {
    _id: newId('sto'),
    name: input.name,
    ...(input.city ? { city: input.city } : {}),
    ...(input.address ? { address: input.address } : {}),
    createdAt: ctx.now(),
    createdBy: ctx.caller.openid,
  };
  try {
    // The unique index on stores.name (core/db/schema.ts) decides, so two HQ operators creating
    // the same store at once still end with one.
    const location = input.location ? { location: ctx.db.Geo.Point(input.location.lng, input.location.lat) } : {};
    await ctx.db.collection('stores').add({ data: { ...store, ...location } });
  } catch (e) {
    if (isDuplicateKeyError(e)) throw new AppError('ALREADY_EXISTS', `门店“${input.name}”已存在`);
    throw e;
  }
  return { storeId: store._id };
};
