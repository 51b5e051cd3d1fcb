import type { MallContract } from '@core/contracts/mall';
import { TIERS_DOC_ID, readTiers } from '@server/data/tiers';
import { getAll } from '@server/db/read';
import type { ActionHandler } from '@server/kit';
import { ItemDoc } from '../documents';
import { loadStock } from '../stock';
import { toItemView } from '../views';

/** The mall shelf: active items, newest first; ended ones drop off, sold-out and upcoming stay marked. */
export const listItems: ActionHandler<MallContract, 'listItems'> = async (_input, ctx) => {
  const now = ctx.now();
  const items = await getAll(
    ctx.db.collection('mall_items').where({ active: true }).orderBy('sort', 'desc'),
    ItemDoc,
    'mall_items',
    {
      max: 1000,
    },
  );
  const stock = await loadStock(
    ctx.db,
    items.map((i) => i._id),
  );
  const { tiers } = await readTiers(ctx.db.collection('member_tiers').doc(TIERS_DOC_ID));
  return {
    items: items.map((i) => toItemView(i, stock.get(i._id), now, tiers)).filter((v) => v.state !== 'ended'),
  };
};

/** HQ's catalog: every item, taken-down ones included. */
export const catalog: ActionHandler<MallContract, 'catalog'> = async (_input, ctx) => {
  const now = ctx.now();
  const items = await getAll(ctx.db.collection('mall_items').orderBy('sort', 'desc'), ItemDoc, 'mall_items', {
    max: 1000,
  });
  const stock = await loadStock(
    ctx.db,
    items.map((i) => i._id),
  );
  const { tiers } = await readTiers(ctx.db.collection('member_tiers').doc(TIERS_DOC_ID));
  return { items: items.map((i) => toItemView(i, stock.get(i._id), now, tiers)) };
};
