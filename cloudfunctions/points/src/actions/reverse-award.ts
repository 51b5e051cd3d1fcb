import type { PointsContract } from '@core/contracts/points';
import { AppError } from '@core/errors';
import { AwardDoc } from '@server/data/purchase-awards';
import { getDoc } from '@server/db/read';
import type { ActionHandler } from '@server/kit';
import { dayKey, entryKeys, runLedger } from '@server/ledger';
import { releaseDailyCaps } from '../purchase/caps';

/**
 * HQ takes an award's points back out: a reversing journal entry (refused when the member has
 * already spent them), the award marked reversed, and the day's counters given back, in one
 * transaction. A second call finds the award reversed and answers the first reversal.
 */
export const reverseAward: ActionHandler<PointsContract, 'reverseAward'> = async (input, ctx) =>
  runLedger(ctx.db, ctx.now(), async (ledger, t) => {
    const ref = t.collection('purchase_awards').doc(input.awardId);
    const award = await getDoc(ref, AwardDoc, 'purchase_awards');
    if (!award) throw new AppError('NOT_FOUND', '找不到这笔消费积分');
    if (award.reversedAt) {
      return {
        awardId: award._id,
        balance: await ledger.balance(award.memberOpenid),
        reversedAt: award.reversedAt.getTime(),
      };
    }
    const entry = await ledger.reverse(entryKeys.purchase(award._id), { reason: input.reason, by: ctx.caller.openid }, [
      'purchase',
    ]);
    await ref.update({ data: { reversedAt: new Date(ledger.now), reversedBy: ctx.caller.openid } });
    await releaseDailyCaps(t, {
      member: award.memberOpenid,
      guide: award.guideOpenid,
      day: dayKey(award.createdAt.getTime()),
      points: award.points,
    });
    return { awardId: award._id, balance: entry.balanceAfter, reversedAt: ledger.now };
  });
