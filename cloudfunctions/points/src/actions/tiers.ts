import type { PointsContract } from '@core/contracts/points';
import { AppError } from '@core/errors';
import { nextTier, tierRank } from '@core/points/tiers';
import { TIERS_DOC_ID, readTiers } from '@server/data/tiers';
import { runTransaction } from '@server/db/transaction';
import type { ActionHandler } from '@server/kit';
import { basisValues } from '../tiers/basis';

/** The tiers as HQ defined them: the member's page, the mall and the rules page show them. */
export const tiers: ActionHandler<PointsContract, 'tiers'> = (_input, ctx) =>
  readTiers(ctx.db.collection('member_tiers').doc(TIERS_DOC_ID));

/** Replaces the tier list; members move at the next hourly computation. */
export const setTiers: ActionHandler<PointsContract, 'setTiers'> = async (input, ctx) => {
  const now = ctx.now();
  return runTransaction(ctx.db, async (t) => {
    const ref = t.collection('member_tiers').doc(TIERS_DOC_ID);
    const current = await readTiers(ref);
    const next = { basis: input.basis, tiers: input.tiers, version: current.version + 1, updatedAt: now };
    await ref.set({ data: { ...next, updatedBy: ctx.caller.openid } });
    return next;
  });
};

/** The member's tier (as last computed), their figure now, and what the next tier above needs. */
export const myTier: ActionHandler<PointsContract, 'myTier'> = async (_input, ctx) => {
  const user = ctx.caller.user;
  if (user?.role !== 'customer') throw new AppError('PERMISSION_DENIED', '只有会员有会员等级');
  const config = await readTiers(ctx.db.collection('member_tiers').doc(TIERS_DOC_ID));
  const value = (await basisValues(ctx.db, config.basis, ctx.now(), user._id)).get(user._id) ?? 0;
  const stored = user.tier && tierRank(user.tier.id, config.tiers) > 0 ? user.tier : undefined;
  const floor = stored ? (config.tiers.find((t) => t.id === stored.id)?.min ?? 0) : 0;
  // The tier above the one shown; when the figure already reaches it, `needed` is 0 until the next computation.
  const next = nextTier(floor, config.tiers);
  return {
    tier: stored ? { id: stored.id, name: stored.name, since: stored.since.getTime() } : null,
    basis: config.basis,
    value,
    next: next ? { id: next.id, name: next.name, min: next.min, needed: Math.max(0, next.min - value) } : null,
  };
};
