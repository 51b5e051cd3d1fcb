/** `referrals`: the referral graph, written by account's registration and deletion, walked by insight. */
import * as z from 'zod';

/** One edge: `from` shared, `to` became a member. `_id` = `to` (one referrer each: the first wins). */
export const ReferralDoc = z.object({
  _id: z.string(),
  from: z.string(),
  to: z.string(),
  createdAt: z.number(),
});
export type ReferralDoc = z.infer<typeof ReferralDoc>;
