import type { AccountContract } from '@core/contracts/account';
import { AppError } from '@core/errors';
import { latLngOf, loadStore } from '@server/data/stores';
import { isDuplicateKeyError } from '@server/db/errors';
import type { ActionHandler } from '@server/kit';
import { checkNames } from '@server/security/text';

/**
 * HQ renames a store, corrects its city or address, or places it on the map. Every screen reads a store's name by id, so
 * a rename shows everywhere at once; the unique index on stores.name refuses a name another store
 * has, even when two operators rename at the same moment.
 */
export const updateStore: ActionHandler<AccountContract, 'updateStore'> = async (input, ctx) => {
  const store = await loadStore(ctx.db, input.storeId);
  if (!store) throw new AppError('NOT_FOUND', '门店不存在');
  if (input.name !== undefined) await checkNames(ctx, [{ field: 'name', what: '门店名称', value: input.name }]);
  const _ = ctx._;
  const set = (value: string | null | undefined) => (value === null ? _.remove() : value);
  const data = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.city !== undefined ? { city: set(input.city) } : {}),
    ...(input.address !== undefined ? { address: set(input.address) } : {}),
    ...(input.location !== undefined
      ? { location: input.location === null ? _.remove() : ctx.db.Geo.Point(input.location.lng, input.location.lat) }
      : {}),
    updatedAt: ctx.now(),
    updatedBy: ctx.caller.openid,
  };
  try {
    await ctx.db.collection('stores').doc(store._id).update({ data });
  } catch (e) {
    if (isDuplicateKeyError(e)) throw new AppError('ALREADY_EXISTS', `门店“${input.name ?? ''}”已存在`);
    throw e;
  }
  const city = input.city === undefined ? store.city : (input.city ?? undefined);
  const address = input.address === undefined ? store.address : (input.address ?? undefined);
  const location =
    input.location === undefined
      ? store.location
        ? latLngOf(store.location)
        : undefined
      : (input.location ?? undefined);
  return {
    storeId: store._id,
    name: input.name ?? store.name,
    ...(city !== undefined ? { city } : {}),
    ...(address !== undefined ? { address } : {}),
    ...(location !== undefined ? { location } : {}),
  };
};
