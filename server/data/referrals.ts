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
  /** The member referrer's reward is still to be paid (account's rules/referral-reward.ts). */
  rewardPending: z.boolean().optional(),
  createdAt: z.number(),
});
export type ReferralDoc = z.infer<typeof ReferralDoc>;
