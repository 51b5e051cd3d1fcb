/** `referrals`: the referral graph, written by account's registration and deletion, walked by insight. */
import * as z from 'zod';

/**
 * One edge: `from` shared, `to` became a member. `_id` = `to` (one referrer each: the first wins).
 * `token` is the share that brought them (joins per share, in a post's spread), with its post.
 */
export const ReferralDoc = z.object({
  _id: z.string(),
  from: z.string(),
  to: z.string(),
  token: z.string().optional(),
  postId: z.string().optional(),
  createdAt: z.number(),
});
export type ReferralDoc = z.infer<typeof ReferralDoc>;
