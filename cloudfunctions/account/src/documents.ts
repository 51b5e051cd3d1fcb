/**
 * What only the account function stores: invites, HQ's transfer history and the tombstones of
 * deleted members. Documents several functions read (users, stores, referrals) are in server/data/.
 */
import * as z from 'zod';
import { DeleteMyDataOutput } from '@core/contracts/account';

/** `_id` = the invite code. */
export const InviteDoc = z.object({
  _id: z.string(),
  storeId: z.string(),
  role: z.literal('guide'),
  expiresAt: z.number(),
  createdAt: z.number(),
  createdBy: z.string(),
  usedBy: z.string().optional(),
  usedAt: z.number().optional(),
});
export type InviteDoc = z.infer<typeof InviteDoc>;

/** `_id` = trf_*: HQ moved `customers` from one guide to another; kept as history. */
export const TransferDoc = z.object({
  _id: z.string(),
  from: z.string(),
  to: z.string(),
  customers: z.array(z.string()),
  override: z.boolean(),
  at: z.number(),
  by: z.string(),
});
export type TransferDoc = z.infer<typeof TransferDoc>;
/** What the transfer rules and the data deletion read of a transfer. */
export const TransferCustomers = TransferDoc.pick({ _id: true, customers: true });

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

/** What guides and HQ see where a deleted member used to be. */
export const DELETED_NAME = '已注销用户';
