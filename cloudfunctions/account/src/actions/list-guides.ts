import type { AccountContract } from '@core/contracts/account';
import { AppError } from '@core/errors';
import type { ActionHandler } from '@server/kit';
import { loadStore } from '@server/data/stores';
import { findGuides } from '@server/data/users';
import { countBy } from '@server/db/aggregate';

export const listGuides: ActionHandler<AccountContract, 'listGuides'> = async (input, ctx) => {
  if (input.storeId !== undefined && !(await loadStore(ctx.db, input.storeId)))
    throw new AppError('NOT_FOUND', '门店不存在');
  const where = input.storeId !== undefined ? { storeId: input.storeId } : {};
  const [guides, customers] = await Promise.all([
    findGuides(ctx.db, where),
    countBy(ctx.db, 'users', { role: 'customer', ...where }, 'guideOpenid'),
  ]);
  return {
    guides: guides.map((g) => ({
      openid: g._id,
      name: g.name,
      storeId: g.storeId,
      active: g.active,
      customers: customers.get(g._id) ?? 0,
    })),
  };
};
