/**
 * Idempotency keys of journal entries. Each key is the entry's `_id`, so the database refuses a
 * second entry for the same event: one welcome per member, one referral reward per friend (the
 * first referrer wins), one debit per coupon, one expiry per lot, one reversal per entry.
 */
export const entryKeys = {
  welcome: (member: string) => `welcome:${member}`,
  referralJoined: (friend: string) => `ref-join:${friend}`,
  referralFirstRedeem: (friend: string) => `ref-redeem:${friend}`,
  redeem: (couponId: string) => `redeem:${couponId}`,
  adjust: (operator: string, requestId: string) => `adjust:${operator}:${requestId}`,
  expire: (openid: string, lotKey: string) => `expire:${openid}:${lotKey}`,
  reverse: (entryId: string) => `reverse:${entryId}`,
  /** Points for one purchase in store, by its award id. */
  purchase: (awardId: string) => `purchase:${awardId}`,
  referralFirstPurchase: (friend: string) => `ref-purchase:${friend}`,
  /** The n-th deletion of this openid's member data (a member may join again and delete again). */
  forfeit: (openid: string, n: number) => `forfeit:${openid}:${n}`,
};
