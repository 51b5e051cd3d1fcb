import type { PointsContract, PointsRules } from '@core/contracts/points';
import { runTransaction } from '@server/db/transaction';
import type { ActionHandler } from '@server/kit';
import { RULES_DOC_ID, readRules } from '@server/ledger';

/**
 * Changes only the fields given; the version increases on every save so the rules page can say
 * which version a member read. Rewards already posted are never recomputed: rules apply from now.
 */
export const setRules: ActionHandler<PointsContract, 'setRules'> = async (input, ctx) => {
  const now = ctx.now();
  return runTransaction(ctx.db, async (t) => {
    const ref = t.collection('points_rules').doc(RULES_DOC_ID);
    const current = await readRules(ref);
    const next: PointsRules = { ...current, ...input, version: current.version + 1, updatedAt: now };
    await ref.set({ data: { ...next, updatedBy: ctx.caller.openid } });
    return next;
  });
};
