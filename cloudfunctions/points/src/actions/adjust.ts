import type { PointsContract } from '@core/contracts/points';
import { AppError } from '@core/errors';
import type { ActionHandler } from '@server/kit';
import { entryKeys, runLedger } from '@server/ledger';
import { requireMember } from '../members';

/**
 * HQ's manual adjustment: a journal entry carrying the operator and the reason, which is the audit
 * record. Retrying with the same requestId returns the first result instead of adjusting twice.
 */
export const adjust: ActionHandler<PointsContract, 'adjust'> = async (input, ctx) => {
  await requireMember(ctx.db, input.openid);
  const by = ctx.caller.openid;
  const key = entryKeys.adjust(by, input.requestId ?? ctx.requestId);
  return runLedger(ctx.db, ctx.now(), async (ledger) => {
    const earlier = await ledger.entry(key);
    if (earlier) {
      if (earlier.openid !== input.openid || earlier.amount !== input.delta) {
        throw new AppError('ALREADY_EXISTS', '这个请求编号已用于另一次调整');
      }
      return { balance: await ledger.balance(input.openid), entryId: key };
    }
    const posting = { key, kind: 'adjust' as const, amount: Math.abs(input.delta), reason: input.reason, by };
    const entry =
      input.delta > 0 ? await ledger.credit(input.openid, posting) : await ledger.debit(input.openid, posting);
    return { balance: entry.balanceAfter, entryId: entry._id };
  });
};
