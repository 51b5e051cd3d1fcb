import type { PointsContract } from '@core/contracts/points';
import type { ActionHandler } from '@server/kit';
import { currentAccount } from '../accounts';

export const balance: ActionHandler<PointsContract, 'balance'> = async (_input, ctx) => {
  const account = await currentAccount(ctx.db, ctx.caller.openid, ctx.now());
  if (!account) return { balance: 0, expiring: null };
  const next = account.lots.find((l) => l.expiresAt !== null);
  return {
    balance: account.balance,
    expiring: next && next.expiresAt !== null ? { amount: next.amount, expiresAt: next.expiresAt } : null,
  };
};
