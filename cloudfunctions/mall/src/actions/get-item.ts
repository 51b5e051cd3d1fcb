import type { MallContract } from '@core/contracts/mall';
import { AppError } from '@core/errors';
import { tierRank } from '@core/points/tiers';
import { TIERS_DOC_ID, readTiers } from '@server/data/tiers';
import { getDoc } from '@server/db/read';
import type { ActionHandler } from '@server/kit';
import { ClaimDoc, ItemDoc, claimId } from '../documents';
import { loadStock } from '../stock';
import { toItemView } from '../views';

export const getItem: ActionHandler<MallContract, 'getItem'> = async (input, ctx) => {
  const item = await getDoc(ctx.db.collection('mall_items').doc(input.id), ItemDoc, 'mall_items');
  // A taken-down item is HQ's business only.
  if (!item || (!item.active && ctx.caller.role !== 'hq')) throw new AppError('NOT_FOUND', '商品不存在或已下架');
  let claimed = 0;
  if (ctx.caller.role === 'customer') {
    const claim = await getDoc(
      ctx.db.collection('mall_claims').doc(claimId(item._id, ctx.caller.openid)),
      ClaimDoc,
      'mall_claims',
    );
    claimed = claim?.count ?? 0;
  }
  const stock = await loadStock(ctx.db, [item._id]);
  const { tiers } = await readTiers(ctx.db.collection('member_tiers').doc(TIERS_DOC_ID));
  const view = toItemView(item, stock.get(item._id), ctx.now(), tiers);
  const user = ctx.caller.user;
  const tierMet =
    view.minTier && user?.role === 'customer'
      ? tierRank(user.tier?.id, tiers) >= tierRank(view.minTier.id, tiers)
      : undefined;
  return { item: view, claimed, ...(tierMet !== undefined ? { tierMet } : {}) };
};
