import type * as z from 'zod';
import { AppError } from '@core/errors';
import { storeNames } from '@server/data/stores';
import { GuideDoc } from '@server/data/users';
import { getAll } from '@server/db/read';
import type { Database } from '@server/db/types';

/** Every target store must exist: a typo would silently reach nobody. */
export async function checkStores(db: Database, storeIds: readonly string[]): Promise<void> {
  if (storeIds.length === 0) return;
  const found = await storeNames(db, storeIds);
  const missing = storeIds.filter((id) => !found.has(id));
  if (missing.length)
    throw new AppError('INVALID_ARGUMENT', `门店不存在：${missing.slice(0, 3).join('、')}`, { field: 'storeIds' });
}

/** What the audience of a post needs to know of a guide. */
const GuideRow = GuideDoc.pick({ _id: true, name: true, storeId: true });
export type GuideRow = z.infer<typeof GuideRow>;

/** Active guides of the given stores (all stores when undefined). */
export async function activeGuides(db: Database, storeIds?: readonly string[]): Promise<GuideRow[]> {
  const _ = db.command;
  const where: Record<string, unknown> = { role: 'guide', active: true };
  if (storeIds) where.storeId = storeIds.length === 1 ? storeIds[0] : _.in([...storeIds]);
  return getAll(
    db.collection('users').where(where).field({ _id: true, name: true, storeId: true }),
    GuideRow,
    'users',
    { max: 20_000, pageSize: 1000 },
  );
}
