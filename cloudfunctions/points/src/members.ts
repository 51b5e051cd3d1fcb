import { AppError } from '@core/errors';
import { loadUser, type UserDoc } from '@server/data/users';
import type { Database } from '@server/db/types';

/**
 * Points belong to members; HQ adjusting anyone else is a mistake worth stopping. The anonymous
 * node a deleted member leaves behind is nobody's account, so it earns nothing either.
 */
export async function requireMember(db: Database, openid: string): Promise<UserDoc> {
  const user = await loadUser(db, openid);
  if (!user || user.role !== 'customer' || user.deletedAt !== undefined) {
    throw new AppError('NOT_FOUND', '找不到这位会员');
  }
  return user;
}
