/**
 * The leaderboard's weights: HQ's choice in insight_settings, or the product's defaults
 * (SCORE_WEIGHTS) until HQ sets them. Every ranking, the guide's own figures and the weekly
 * report score with the same weights, read once per call.
 */
import type { ScoreWeights } from '@core/contracts/insight';
import { SCORE_WEIGHTS } from '@core/limits';
import { getDoc } from '@server/db/read';
import type { Database } from '@server/db/types';
import * as z from 'zod';

export const WEIGHTS_ID = 'score_weights';

const WeightsDoc = z.object({
  _id: z.literal(WEIGHTS_ID),
  copies: z.number(),
  visits: z.number(),
  newMembers: z.number(),
  redemptions: z.number(),
});

export async function loadWeights(db: Database): Promise<ScoreWeights> {
  const doc = await getDoc(db.collection('insight_settings').doc(WEIGHTS_ID), WeightsDoc, 'insight_settings');
  if (!doc) return { ...SCORE_WEIGHTS };
  return { copies: doc.copies, visits: doc.visits, newMembers: doc.newMembers, redemptions: doc.redemptions };
}

export function scoreWith(w: ScoreWeights, f: ScoreWeights): number {
  return f.copies * w.copies + f.visits * w.visits + f.newMembers * w.newMembers + f.redemptions * w.redemptions;
}
