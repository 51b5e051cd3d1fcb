/**
 * Idempotency keys of journal entries. Each key is the entry's `_id`, so the database refuses a
 * second entry for the same event: one welcome per member, one referral reward per friend (the
 * first referrer wins), one debit per coupon, one expiry per lot, one reversal per entry.
 *
 * A person appears in a key only as their keyed hash (server/privacy): a referrer's journal names
 * the friend by `ref-join:<hash>`, a member's adjustment names the operator by hash, and nothing a
 * deleted member leaves behind spells their openid.
 */
import { personKey } from '../privacy/keys';

export const entryKeys = {
  welcome: (member: string) => `welcome:${personKey(member)}`,
  referralJoined: (friend: string) => `ref-join:${personKey(friend)}`,
  referralFirstRedeem: (friend: string) => `ref-redeem:${personKey(friend)}`,
  redeem: (couponId: string) => `redeem:${couponId}`,
  adjust: (operator: string, requestId: string) => `adjust:${personKey(operator)}:${requestId}`,
  /**
   * One expiry per lot of one account. The account's creation time is part of it: a member who
   * deleted their data and joined again has a new account whose lots may end on the same days.
   */
  expire: (openid: string, accountCreatedAt: number, lotKey: string) =>
    `expire:${personKey(openid)}:${accountCreatedAt.toString(36)}:${lotKey}`,
  reverse: (entryId: string) => `reverse:${entryId}`,
  /** Points for one purchase in store, by its award id. */
  purchase: (awardId: string) => `purchase:${awardId}`,
  referralFirstPurchase: (friend: string) => `ref-purchase:${personKey(friend)}`,
  /** The n-th deletion of this openid's member data (a member may join again and delete again). */
  forfeit: (openid: string, n: number) => `forfeit:${personKey(openid)}:${n}`,
};

/**
 * Keys written before people were hashed in ids, still looked up so an event recorded then does
 * not pay a second time.
 */
export const legacyEntryKeys = {
  referralFirstRedeem: (friend: string) => `ref-redeem:${friend}`,
  referralFirstPurchase: (friend: string) => `ref-purchase:${friend}`,
};
