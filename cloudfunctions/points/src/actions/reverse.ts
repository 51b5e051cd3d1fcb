import type { PointsContract } from '@core/contracts/points';
import type { ActionHandler } from '@server/kit';
import { runLedger } from '@server/ledger';

/** Corrects a mistaken entry with a reversing one; the original stays as it was written. */
export const reverse: ActionHandler<PointsContract, 'reverse'> = async (input, ctx) =>
  runLedger(ctx.db, ctx.now(), async (ledger) => {
    const entry = await ledger.reverse(input.entryId, { reason: input.reason, by: ctx.caller.openid });
    return { balance: entry.balanceAfter, entryId: entry._id };
  });
