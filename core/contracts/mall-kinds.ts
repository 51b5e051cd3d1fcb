/**
 * The kinds of catalog item and the states of an issued coupon, shared by the mall contract and the
 * stored coupon (server/data/coupons.ts), in a module of their own so a function that reads coupons
 * does not bundle the mall contract.
 */
export const ITEM_KINDS = ['coupon', 'gift'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const COUPON_STATUSES = ['unused', 'used', 'expired'] as const;
export type CouponStatus = (typeof COUPON_STATUSES)[number];
