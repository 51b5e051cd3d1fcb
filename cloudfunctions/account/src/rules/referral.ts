/**
 * Who referred a new member, decided by the server from the share token alone: the token's sharer,
 * and only when the new member opened that share signed in within REFERRAL_VISIT_DAYS (an
 * anonymous Moments view proves nothing). An unknown or forged token, one never opened, one opened
 * too long ago, the member's own share, or a sharer who is no longer a guide or member credits
 * nobody: the visitor still joins.
 */
import { REFERRAL_VISIT_DAYS } from '@core/contracts/account';
import { loadUser, type UserDoc } from '@server/data/users';
import { hasVisited, loadShareLink, postIdOf } from '@server/data/visits';
import type { Database } from '@server/db/types';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Referral {
  referrer: UserDoc;
  token: string;
  postId?: string;
}

export async function referralOf(
  db: Database,
  member: string,
  token: string | undefined,
  now: number,
): Promise<Referral | null> {
  if (token === undefined) return null;
  const link = await loadShareLink(db, token);
  if (!link || link.sharer === member) return null;
  if (!(await hasVisited(db, member, token, now - REFERRAL_VISIT_DAYS * DAY_MS))) return null;
  const referrer = await loadUser(db, link.sharer);
  // A deleted member's anonymous node refers nobody.
  if (!referrer || (referrer.role === 'customer' && referrer.deletedAt !== undefined)) return null;
  const postId = postIdOf(link);
  return { referrer, token, ...(postId !== undefined ? { postId } : {}) };
}
