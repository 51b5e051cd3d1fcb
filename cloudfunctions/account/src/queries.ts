/** Reads several account actions share. */
import { GuideDoc, StoreDoc, UserDoc } from '@server/db/documents';
import { getAll, getDoc } from '@server/db/read';
import type { Condition, Database } from '@server/db/types';

export function loadStore(db: Database, storeId: string): Promise<StoreDoc | null> {
  return getDoc(db.collection('stores').doc(storeId), StoreDoc, 'stores');
}

export function loadUser(db: Database, openid: string): Promise<UserDoc | null> {
  return getDoc(db.collection('users').doc(openid), UserDoc, 'users');
}

/** The store that was opened first; members without a guide's share are served there. */
export async function firstStore(db: Database): Promise<StoreDoc | null> {
  const { data } = await db.collection('stores').orderBy('createdAt', 'asc').limit(1).get();
  const [raw] = data;
  return raw === undefined ? null : StoreDoc.parse(raw);
}

export function listGuideDocs(db: Database, where: Condition): Promise<GuideDoc[]> {
  return getAll(
    db
      .collection('users')
      .where({ ...where, role: 'guide' })
      .orderBy('createdAt', 'asc'),
    GuideDoc,
    'users',
  );
}

/**
 * Counts users matching `match`, grouped by `field` (e.g. customers per guide). Counted when asked
 * rather than kept as counters on the guide document: a counter would make every registration
 * through a popular guide contend on one document.
 */
export async function countBy(
  db: Database,
  match: Condition,
  field: 'guideOpenid' | 'storeId',
): Promise<Map<string, number>> {
  const $ = db.command.aggregate;
  // CloudBase returns 20 groups unless told otherwise; one group per guide or store fits well below this.
  const { list } = await db
    .collection('users')
    .aggregate()
    .match(match)
    .group({ _id: `$${field}`, n: $.sum(1) })
    .limit(1000)
    .end();
  const counts = new Map<string, number>();
  for (const row of list) {
    const { _id, n } = row as { _id?: unknown; n?: unknown };
    if (typeof _id === 'string' && typeof n === 'number') counts.set(_id, n);
  }
  return counts;
}
