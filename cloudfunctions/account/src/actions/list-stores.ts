import type { AccountContract } from '@core/contracts/account';
import { allStores, latLngOf } from '@server/data/stores';
import { countBy } from '@server/db/aggregate';
import type { ActionHandler } from '@server/kit';

export const listStores: ActionHandler<AccountContract, 'listStores'> = async (_input, ctx) => {
  const [stores, guides, customers] = await Promise.all([
    allStores(ctx.db),
    countBy(ctx.db, 'users', { role: 'guide', active: true }, 'storeId'),
    countBy(ctx.db, 'users', { role: 'customer' }, 'storeId'),
  ]);
  return {
    stores: stores.map((s) => ({
      id: s._id,
      name: s.name,
      ...(s.city ? { city: s.city } : {}),
      ...(s.address ? { address: s.address } : {}),
      ...(s.location ? { location: latLngOf(s.location) } : {}),
      guides: guides.get(s._id) ?? 0,
      customers: customers.get(s._id) ?? 0,
    })),
  };
};
