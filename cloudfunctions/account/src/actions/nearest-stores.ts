import type { AccountContract } from '@core/contracts/account';
import { NEAREST_STORES } from '@core/brand';
import type { ActionHandler } from '@server/kit';
import * as z from 'zod';
import { parseDoc } from '@server/db/read';

const Row = z.object({ _id: z.string(), name: z.string(), city: z.string().optional(), distanceM: z.number() });

/**
 * The stores nearest a point, nearest first, with their great-circle distance in metres: one
 * geoNear stage on the 2dsphere index of stores.location (stores without a location are not in
 * the index, so they are never offered).
 */
export const nearestStores: ActionHandler<AccountContract, 'nearestStores'> = async (input, ctx) => {
  const { list } = await ctx.db
    .collection('stores')
    .aggregate()
    .geoNear({ near: ctx.db.Geo.Point(input.lng, input.lat), distanceField: 'distanceM', spherical: true })
    .limit(NEAREST_STORES)
    .project({ _id: 1, name: 1, city: 1, distanceM: 1 })
    .end();
  return {
    stores: list.map((raw) => {
      const s = parseDoc(Row, raw, 'stores');
      return { storeId: s._id, name: s.name, ...(s.city ? { city: s.city } : {}), distanceM: Math.round(s.distanceM) };
    }),
  };
};
