/**
 * What a member's deletion leaves behind, and the slices of other domains' documents it rewrites
 * (parsed with only the fields used here, so a change elsewhere that keeps them does not break it).
 */
import * as z from 'zod';
import { DeleteMyDataOutput } from '@core/contracts/account';

/** The random HMAC key tombstones and anonymous ids are made with (made once per environment). */
export const SaltDoc = z.object({ _id: z.literal('salt'), key: z.string().min(32), createdAt: z.number() });
export const SALT_ID = 'salt';

/**
 * `_id = era_<HMAC(openid)>`: that this openid deleted its member data, and how often. Holds no
 * personal data; only someone who already has the openid can find it.
 */
export const ErasureDoc = z
  .object({
    _id: z.string(),
    /** Deletions of this openid so far (a member may join again and delete again). */
    count: z.number().int().min(1),
    lastRequestId: z.string(),
    /** The anonymous node of the latest deletion. */
    anon: z.string(),
    deletedAt: z.number(),
    /** The rewrites outside the transaction (coupons, graph, visits, tags) have all run. */
    swept: z.boolean(),
  })
  // What the deletion answered, so a replay answers the same.
  .extend(DeleteMyDataOutput.pick({ forfeitedPoints: true, voidedCoupons: true, keptCoupons: true }).shape);
export type ErasureDoc = z.infer<typeof ErasureDoc>;

export const InterestSlice = z.object({
  _id: z.string(),
  openid: z.string(),
  tag: z.string(),
  seconds: z.number(),
  updatedAt: z.number(),
});
export type InterestSlice = z.infer<typeof InterestSlice>;

export const TransferSlice = z.object({ _id: z.string(), customers: z.array(z.string()) });

/** What guides and HQ see where a deleted member used to be. */
export const DELETED_NAME = '已注销用户';
