import type { AccountContract } from '../../../../core/contracts/account';
import type { ActionHandler } from '../../../../server/kit';
import { loadStore } from '../queries';

export const whoami: ActionHandler<AccountContract, 'whoami'> = async (_input, ctx) => {
  const { openid, role, user } = ctx.caller;
  if (!user) return { openid, role };
  const store = user.storeId ? await loadStore(ctx.db, user.storeId) : null;
  return {
    openid,
    role,
    name: user.name,
    ...(user.storeId ? { storeId: user.storeId } : {}),
    ...(store ? { storeName: store.name } : {}),
    ...(user.role === 'customer' && user.guideOpenid ? { guideOpenid: user.guideOpenid } : {}),
  };
};
