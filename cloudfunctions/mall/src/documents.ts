/**
 * What only the mall stores, parsed on every read: items, stock shards and per-member claims.
 * Coupons, which account and insight read too, are in server/data/. Times are epoch ms from ctx.now().
 */
import * as z from 'zod';
import { ITEM_KINDS } from '@core/contracts/mall';

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
  /** Lowest member tier that may redeem (a tier id from points' member_tiers); absent = everyone. */
  minTier: z.string().optional(),
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
