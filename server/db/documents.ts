/**
 * What the account domain stores, as zod schemas. Documents are parsed when read, so a document
 * written by an older version (or by hand) that no longer fits fails loudly as INTERNAL instead of
 * flowing on half-valid. Times are epoch milliseconds from ctx.now().
 */
import * as z from 'zod';

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
  createdAt: z.number(),
});
export type CustomerDoc = z.infer<typeof CustomerDoc>;

export const UserDoc = z.discriminatedUnion('role', [GuideDoc, CustomerDoc]);
export type UserDoc = z.infer<typeof UserDoc>;

export const StoreDoc = z.object({
  _id: z.string(),
  name: z.string(),
  city: z.string().optional(),
  address: z.string().optional(),
  createdAt: z.number(),
  createdBy: z.string(),
});
export type StoreDoc = z.infer<typeof StoreDoc>;

export const InviteDoc = z.object({
  _id: z.string(),
  storeId: z.string(),
  role: z.literal('guide'),
  expiresAt: z.number(),
  createdAt: z.number(),
  createdBy: z.string(),
  usedBy: z.string().optional(),
  usedAt: z.number().optional(),
});
export type InviteDoc = z.infer<typeof InviteDoc>;

/** One edge of the referral graph: `from` shared, `to` became a member. */
export const ReferralDoc = z.object({
  _id: z.string(),
  from: z.string(),
  to: z.string(),
  createdAt: z.number(),
});
export type ReferralDoc = z.infer<typeof ReferralDoc>;
