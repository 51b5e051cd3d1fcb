import type { AccountContract } from '@core/contracts/account';
import { AppError } from '@core/errors';
import { loadUser } from '@server/data/users';
import type { ActionHandler } from '@server/kit';

/**
 * Deactivates (or reactivates) a guide. The kit refuses an inactive guide on their next call, and
 * new members are no longer assigned to them; their customers move with account.transferCustomers.
 */
export const setGuideActive: ActionHandler<AccountContract, 'setGuideActive'> = async (input, ctx) => {
  const ref = ctx.db.collection('users').doc(input.openid);
  const user = await loadUser(ctx.db, input.openid);
  if (user?.role !== 'guide') throw new AppError('NOT_FOUND', '导购不存在');
  if (user.active !== input.active) await ref.update({ data: { active: input.active } });
  return { openid: input.openid, active: input.active };
};
