import { AppError } from '@core/errors';
import type { ActionContext } from '@server/kit';

/** The calling guide's openid and store; the kit has already checked the role. */
export function callingGuide(ctx: ActionContext): { openid: string; storeId: string } {
  const user = ctx.caller.user;
  if (!user || user.role !== 'guide') throw new AppError('PERMISSION_DENIED', '仅门店导购可以查看素材');
  return { openid: ctx.caller.openid, storeId: user.storeId };
}
