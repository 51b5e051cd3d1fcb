/** What the points domain stores, parsed on every read (server/db/read.ts). */
import * as z from 'zod';
import { ENTRY_KINDS, PointsRules } from '@core/contracts/points';
import { EarnedCounters } from './caps';
import { Lot } from './lots';

export const RULES_DOC_ID = 'current';

export const RulesDoc = PointsRules.extend({ _id: z.string(), updatedBy: z.string().optional() });
export type RulesDoc = z.infer<typeof RulesDoc>;

export const AccountDoc = z.object({
  _id: z.string(),
  balance: z.number().int().min(0),
  /** Number of entries posted to this account; the next entry's seq is seq + 1. */
  seq: z.number().int().min(0),
  lots: z.array(Lot),
  nextExpiry: z.number().nullable(),
  earned: EarnedCounters.optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type AccountDoc = z.infer<typeof AccountDoc>;

export const EntryDoc = z.object({
  _id: z.string(),
  openid: z.string(),
  kind: z.enum(ENTRY_KINDS),
  amount: z.number().int(),
  seq: z.number().int().min(1),
  balanceAfter: z.number().int().min(0),
  createdAt: z.number(),
  /** The lot a credit went into (a reversal drains it first). */
  lotKey: z.string().optional(),
  capped: z.boolean().optional(),
  /** Shown to the member: friend's name, item title. */
  note: z.string().optional(),
  /** HQ's reason for an adjustment or reversal. */
  reason: z.string().optional(),
  /** HQ operator behind an adjustment or reversal. */
  by: z.string().optional(),
  /** Related id: the friend's keyed hash (server/privacy; older entries: their openid), the coupon id. */
  ref: z.string().optional(),
  reverses: z.string().optional(),
});
export type EntryDoc = z.infer<typeof EntryDoc>;
