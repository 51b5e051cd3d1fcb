import { AppError } from '@core/errors';
import { UserDoc } from '@server/db/documents';
import { getAll, getDoc } from '@server/db/read';
import type { Database } from '@server/db/types';

/**
 * Points belong to members; HQ adjusting anyone else is a mistake worth stopping. The anonymous
 * node a deleted member leaves behind is nobody's account, so it earns nothing either.
 */
export async function requireMember(db: Database, openid: string): Promise<UserDoc> {
  const user = await getDoc(db.collection('users').doc(openid), UserDoc, 'users');
  if (!user || user.role !== 'customer' || user.deletedAt !== undefined) {
    throw new AppError('NOT_FOUND', '找不到这位会员');
  }
  return user;
}

/** openid → name for the given users (one query per 100). */
export async function namesOf(db: Database, openids: Iterable<string>): Promise<Map<string, string>> {
  const ids = [...new Set(openids)];
  const names = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    const users = await getAll(db.collection('users').where({ _id: db.command.in(chunk) }), UserDoc, 'users');
    for (const u of users) names.set(u._id, u.name);
  }
  return names;
}
