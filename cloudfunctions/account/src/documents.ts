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

/**
 * `_id = era_<keyed hash of the openid>` (server/privacy): that this openid deleted its member data,
 * how often, and how far the sweep of what else named it has come. Holds no personal data once
 * swept; while sweeping, the openid is kept sealed (only the functions, holding SIYU_ID_SECRET, can
 * read it) so a timer can resume the job without the person.
 */
export const ErasureDoc = z
  .object({
    _id: z.string(),
    /** Deletions of this openid so far (a member may join again and delete again). */
    count: z.number().int().min(1),
    /** The anonymous node of the latest deletion. */
    anon: z.string(),
    deletedAt: z.number(),
    /** Every step of the sweep has run (erasure/sweep.ts); `subject` is gone. */
    swept: z.boolean(),
    /** The sweep's recorded progress: the step it is at and how many batches have run. */
    step: z.number().int().min(0).default(0),
    batches: z.number().int().min(0).default(0),
    /** The openid, sealed, while the sweep is unfinished. */
    subject: z.string().optional(),
    sweptAt: z.number().optional(),
    /** Written by deletions before they were keyed by person. */
    lastRequestId: z.string().optional(),
  })
  // What the deletion answered, so a repeated request answers the same.
  .extend(DeleteMyDataOutput.pick({ forfeitedPoints: true, voidedCoupons: true, keptCoupons: true }).shape);
export type ErasureDoc = z.infer<typeof ErasureDoc>;

/** The `erasures` document older deletions kept their HMAC key in; the key now lives in settings. */
export const LEGACY_SALT_ID = 'salt';

/** What guides and HQ see where a deleted member used to be. */
export const DELETED_NAME = '已注销用户';
