/**
 * `users`: guides and customers, `_id` = openid (HQ operators are configured, not stored). Every
 * function reads them: the kit for the caller, account for registration, the others for names.
 * Documents are parsed when read, so one that no longer fits fails loudly (INTERNAL) instead of
 * flowing on half-valid. Times are epoch milliseconds from ctx.now().
 */
import * as z from 'zod';
import { IN_CHUNK, chunks, getAll, getDoc } from '../db/read';
import type { Condition, Database } from '../db/types';

export const GuideDoc = z.object({
  _id: z.string(),
  role: z.literal('guide'),
  name: z.string(),
  storeId: z.string(),
  /** false once the guide has left; the kit then refuses them. */
  active: z.boolean(),
  /** The invite code redeemed. */
  invite: z.string().optional(),
  createdAt: z.number(),
});
export type GuideDoc = z.infer<typeof GuideDoc>;

export const CustomerDoc = z.object({
  _id: z.string(),
  role: z.literal('customer'),
  name: z.string(),
  /** The guide who serves this member; absent when no guide could be found at registration. */
  guideOpenid: z.string().optional(),
  storeId: z.string().optional(),
  /** Who shared the page the member arrived through (the referral graph also has the edge). */
  referrer: z.string().optional(),
  /** The member terms + privacy notice version agreed to on joining, and when (docs/privacy.md). */
  consent: z.object({ version: z.string(), at: z.number() }).optional(),
  /**
   * Set only on the anonymous node a deleted member leaves behind (`_id` anon_*, name 已注销用户):
   * it keeps the guide's counts and the referral graph whole, and is nobody's account.
   */
  deletedAt: z.number().optional(),
  /** Written by every redemption, so a data deletion racing one conflicts with it (mall redeem). */
  lastRedeemAt: z.number().optional(),
  /** The member's tier as the tier timer last computed it (points); absent = the base tier. */
  tier: z.object({ id: z.string(), name: z.string(), since: z.date() }).optional(),
  /** The first purchase points were awarded (the referrer's first-purchase reward is paid once). */
  firstPurchaseAt: z.number().optional(),
  createdAt: z.number(),
});
export type CustomerDoc = z.infer<typeof CustomerDoc>;

export const UserDoc = z.discriminatedUnion('role', [GuideDoc, CustomerDoc]);
export type UserDoc = z.infer<typeof UserDoc>;

/** What a name lookup reads of any user. */
const UserName = GuideDoc.pick({ _id: true, name: true });

/** Users by openid (any role); ids go to the database in chunks. */
export async function usersByIds(db: Database, ids: Iterable<string>): Promise<Map<string, UserDoc>> {
  const parts = await Promise.all(
    chunks([...new Set(ids)]).map((part) =>
      getAll(db.collection('users').where({ _id: db.command.in(part) }), UserDoc, 'users', {
        pageSize: 1000,
        max: IN_CHUNK,
      }),
    ),
  );
  return new Map(parts.flat().map((u) => [u._id, u]));
}

/** openid → name for the given users. */
export async function userNames(db: Database, ids: Iterable<string>): Promise<Map<string, string>> {
  const parts = await Promise.all(
    chunks([...new Set(ids)]).map((part) =>
      getAll(
        db
          .collection('users')
          .where({ _id: db.command.in(part) })
          .field({ _id: true, name: true }),
        UserName,
        'users',
        { pageSize: 1000, max: IN_CHUNK },
      ),
    ),
  );
  return new Map(parts.flat().map((u) => [u._id, u.name]));
}

/** Guides matching `where` (any store, active or not, unless it says), oldest first. */
export function findGuides(db: Database, where: Condition = {}): Promise<GuideDoc[]> {
  return getAll(
    db
      .collection('users')
      .where({ ...where, role: 'guide' })
      .orderBy('createdAt', 'asc'),
    GuideDoc,
    'users',
    { pageSize: 1000, max: 20_000 },
  );
}

export function loadUser(db: Database, openid: string): Promise<UserDoc | null> {
  return getDoc(db.collection('users').doc(openid), UserDoc, 'users');
}
