import type { AccountContract } from '@core/contracts/account';
import { StoreDoc } from '@server/db/documents';
import { getAll } from '@server/db/read';
import type { ActionHandler } from '@server/kit';
import { countBy } from '../queries';

export const listStores: ActionHandler<AccountContract, 'listStores'> = async (_input, ctx) => {
  const [stores, guides, customers] = await Promise.all([
    getAll(ctx.db.collection('stores').orderBy('createdAt', 'asc'), StoreDoc, 'stores'),
    countBy(ctx.db, { role: 'guide', active: true }, 'storeId'),
    countBy(ctx.db, { role: 'customer' }, 'storeId'),
  ]);
  return {
    stores: stores.map((s) => ({
      id: s._id,
      name: s.name,
      ...(s.city ? { city: s.city } : {}),
      ...(s.address ? { address: s.address } : {}),
      guides: guides.get(s._id) ?? 0,
      customers: customers.get(s._id) ?? 0,
    })),
  };
};
