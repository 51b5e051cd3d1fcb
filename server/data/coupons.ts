/** `coupons`: issued by mall's redemptions, voided by account's deletion, listed in insight's timelines. */
import * as z from 'zod';
import { COUPON_STATUSES, ITEM_KINDS } from '@core/contracts/mall-kinds';

export const CouponDoc = z.object({
  /** cpn_*, a keyed hash of owner + requestId (a retried redemption finds its coupon). */
  _id: z.string(),
  code: z.string(),
  owner: z.string(),
  itemId: z.string(),
  kind: z.enum(ITEM_KINDS),
  title: z.string(),
  amountFen: z.number().int().optional(),
  thresholdFen: z.number().int().optional(),
  pointsPrice: z.number().int(),
  status: z.enum(COUPON_STATUSES),
  /** Set when the coupon was voided rather than left to expire (a member deleted their data). */
  voided: z.string().optional(),
  /** The redemption's requestId, removed when the owner deletes their data. */
  requestId: z.string().optional(),
  issuedAt: z.number(),
  expiresAt: z.number(),
  usedAt: z.number().optional(),
  /** The guide who verified it, and their store. */
  usedBy: z.string().optional(),
  storeId: z.string().optional(),
  expiredAt: z.number().optional(),
});
export type CouponDoc = z.infer<typeof CouponDoc>;
