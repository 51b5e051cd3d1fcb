/** `stores`: `_id` = sto_*; written by account, named in content's stats, mall's coupons and insight's boards. */
import * as z from 'zod';
import { chunks, getAll, getDoc } from '../db/read';
import type { Database } from '../db/types';

/**
 * A stored GeoJSON Point: get() rebuilds it into the SDK's Geo.Point ({ longitude, latitude }),
 * aggregate() gives the GeoJSON object; both are accepted.
 */
const StoredPoint = z.union([
  z.object({ longitude: z.number(), latitude: z.number() }),
  z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
]);
export type StoredPoint = z.infer<typeof StoredPoint>;

/** Latitude and longitude of a stored point. */
export function latLngOf(point: StoredPoint): { lat: number; lng: number } {
  return 'coordinates' in point
    ? { lng: point.coordinates[0], lat: point.coordinates[1] }
    : { lng: point.longitude, lat: point.latitude };
}

export const StoreDoc = z.object({
  _id: z.string(),
  name: z.string(),
  city: z.string().optional(),
  address: z.string().optional(),
  /** Written as db.Geo.Point(lng, lat); 2dsphere-indexed for account.nearestStores. */
  location: StoredPoint.optional(),
  createdAt: z.number(),
  createdBy: z.string(),
  updatedAt: z.number().optional(),
  updatedBy: z.string().optional(),
});
export type StoreDoc = z.infer<typeof StoreDoc>;

const StoreName = StoreDoc.pick({ _id: true, name: true });

export function loadStore(db: Database, storeId: string): Promise<StoreDoc | null> {
  return getDoc(db.collection('stores').doc(storeId), StoreDoc, 'stores');
}

/** storeId → name: of the given stores, or of every store when `ids` is undefined. */
export async function storeNames(db: Database, ids?: Iterable<string>): Promise<Map<string, string>> {
  const read = (where: Record<string, unknown>) =>
    getAll(db.collection('stores').where(where).field({ _id: true, name: true }), StoreName, 'stores', {
      pageSize: 1000,
      max: 20_000,
    });
  const parts =
    ids === undefined
      ? [await read({})]
      : await Promise.all(chunks([...new Set(ids)]).map((part) => read({ _id: db.command.in(part) })));
  return new Map(parts.flat().map((s) => [s._id, s.name]));
}

export function allStores(db: Database): Promise<StoreDoc[]> {
  return getAll(db.collection('stores').orderBy('createdAt', 'asc'), StoreDoc, 'stores', {
    pageSize: 1000,
    max: 20_000,
  });
}
