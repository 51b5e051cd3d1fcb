/**
 * `member_tiers`: HQ's tier definitions, one document `_id = 'current'`. Points writes them and
 * computes members' tiers; mall reads them for tier-only items.
 */
import * as z from 'zod';
import { TIER_BASES, type TierConfig, type TierDef } from '@core/points/tiers';
import { getDoc } from '../db/read';
import type { DocumentRef } from '../db/types';

export const TIERS_DOC_ID = 'current';

export const TierConfigDoc = z.object({
  _id: z.string(),
  basis: z.enum(TIER_BASES),
  tiers: z.array(z.object({ id: z.string(), name: z.string(), min: z.number().int() })),
  version: z.number().int(),
  updatedAt: z.number().optional(),
  updatedBy: z.string().optional(),
});
export type TierConfigDoc = z.infer<typeof TierConfigDoc>;

export interface StoredTiers extends Omit<TierConfig, 'tiers'> {
  tiers: TierDef[];
  version: number;
  updatedAt?: number;
}

/** No tiers until HQ defines them: every member is in the base tier. */
export const NO_TIERS: StoredTiers = { basis: 'points', tiers: [], version: 0 };

export async function readTiers(ref: DocumentRef): Promise<StoredTiers> {
  const doc = await getDoc(ref, TierConfigDoc, 'member_tiers');
  if (!doc) return NO_TIERS;
  return {
    basis: doc.basis,
    tiers: doc.tiers,
    version: doc.version,
    ...(doc.updatedAt !== undefined ? { updatedAt: doc.updatedAt } : {}),
  };
}
