import type { AccountContract } from '@core/contracts/account';
import type { ActionHandler } from '@server/kit';
import { loadStore } from '@server/data/stores';
import { loadUser } from '@server/data/users';

export const whoami: ActionHandler<AccountContract, 'whoami'> = async (_input, ctx) => {
  const { openid, role, user } = ctx.caller;
  if (!user) return { openid, role };
  const guideOpenid = user.role === 'customer' ? user.guideOpenid : undefined;
  const [store, guide] = await Promise.all([
    user.storeId ? loadStore(ctx.db, user.storeId) : null,
    guideOpenid ? loadUser(ctx.db, guideOpenid) : null,
  ]);
  return {
    openid,
    role,
    name: user.name,
    ...(user.storeId ? { storeId: user.storeId } : {}),
    ...(store ? { storeName: store.name } : {}),
    ...(guideOpenid ? { guideOpenid } : {}),
    ...(guide ? { guideName: guide.name } : {}),
  };
};
