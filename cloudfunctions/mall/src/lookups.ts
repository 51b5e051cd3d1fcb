import { StoreDoc, UserDoc } from '@server/db/documents';
import { getAll } from '@server/db/read';
import type { Database } from '@server/db/types';

/** Splits ids into `in` queries of 100, the platform's default page. */
async function inChunks<T>(ids: Iterable<string>, read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(ids)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += 100) out.push(...(await read(unique.slice(i, i + 100))));
  return out;
}

/** openid → name. */
export async function userNames(db: Database, ids: Iterable<string>): Promise<Map<string, string>> {
  const users = await inChunks(ids, (chunk) =>
    getAll(db.collection('users').where({ _id: db.command.in(chunk) }), UserDoc, 'users'),
  );
  return new Map(users.map((u) => [u._id, u.name]));
}

/** storeId → name. */
export async function storeNames(db: Database, ids: Iterable<string>): Promise<Map<string, string>> {
  const stores = await inChunks(ids, (chunk) =>
    getAll(db.collection('stores').where({ _id: db.command.in(chunk) }), StoreDoc, 'stores'),
  );
  return new Map(stores.map((s) => [s._id, s.name]));
}
