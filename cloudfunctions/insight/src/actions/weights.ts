import type { InsightContract } from '@core/contracts/insight';
import type { ActionHandler } from '@server/kit';
import { loadWeights, WEIGHTS_ID } from '../weights';

export const scoreWeights: ActionHandler<InsightContract, 'scoreWeights'> = (_input, ctx) => loadWeights(ctx.db);

export const setScoreWeights: ActionHandler<InsightContract, 'setScoreWeights'> = async (input, ctx) => {
  const weights = {
    copies: input.copies,
    visits: input.visits,
    newMembers: input.newMembers,
    redemptions: input.redemptions,
  };
  await ctx.db
    .collection('insight_settings')
    .doc(WEIGHTS_ID)
    .set({ data: { ...weights, updatedAt: ctx.now(), updatedBy: ctx.caller.openid } });
  return weights;
};
