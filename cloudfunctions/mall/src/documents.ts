/** What the mall stores, parsed on every read. Times are epoch ms from ctx.now(). */
import * as z from 'zod';
import { COUPON_STATUSES, ITEM_KINDS } from '@core/contracts/mall';

export const ItemDoc = z.object({
  _id: z.string(),
  title: z.string(),
  description: z.string().optional(),
  kind: z.enum(ITEM_KINDS),
  pointsPrice: z.number().int().min(0),
  /** Total stock HQ set. What is left lives in the item's stock shards (stock.ts). */
  stock: z.number().int().min(0),
  /** Number of stock shards: `itemId#0` … `itemId#(shards-1)` in mall_stock. */
  shards: z.number().int().min(1).max(64),
  perUserLimit: z.number().int().min(1),
  validDays: z.number().int().min(1),
  amountFen: z.number().int().optional(),
  thresholdFen: z.number().int().optional(),
  startsAt: z.number().nullable(),
  endsAt: z.number().nullable(),
  active: z.boolean(),
  /** Newest first in the mall. */
  sort: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
  updatedBy: z.string(),
});
export type ItemDoc = z.infer<typeof ItemDoc>;

/** `_id = itemId:openid`: the per-user count a redemption reads and writes by id. */
export const ClaimDoc = z.object({
  _id: z.string(),
  itemId: z.string(),
  openid: z.string(),
  count: z.number().int().min(0),
  updatedAt: z.number(),
});
export type ClaimDoc = z.infer<typeof ClaimDoc>;

export const CouponDoc = z.object({
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
  requestId: z.string(),
  issuedAt: z.number(),
  expiresAt: z.number(),
  usedAt: z.number().optional(),
  /** The guide who verified it, and their store. */
  usedBy: z.string().optional(),
  storeId: z.string().optional(),
  expiredAt: z.number().optional(),
});
export type CouponDoc = z.infer<typeof CouponDoc>;

export const claimId = (itemId: string, openid: string) => `${itemId}:${openid}`;

/**
 * `_id = itemId#k`: one slice of an item's stock. Redemptions of one item pick different shards,
 * so they write different documents instead of all colliding on one counter.
 */
export const StockDoc = z.object({
  _id: z.string(),
  itemId: z.string(),
  shard: z.number().int().min(0),
  stock: z.number().int().min(0),
  issued: z.number().int().min(0),
});
export type StockDoc = z.infer<typeof StockDoc>;
