import type { MallContract } from '@core/contracts/mall';
import { AppError } from '@core/errors';
import { TIERS_DOC_ID, readTiers } from '@server/data/tiers';
import { getDoc } from '@server/db/read';
import { runTransaction } from '@server/db/transaction';
import { newId } from '@server/ids';
import type { ActionHandler } from '@server/kit';
import { ItemDoc, StockDoc } from '../documents';
import { distribute, shardCount, shardId } from '../stock';

/**
 * Creates or replaces a catalog item and spreads its stock over the stock shards, in one
 * transaction with the redemptions that write those shards: stock can never be set below what has
 * already been given out, and what each shard issued is never rewritten here.
 */
export const saveItem: ActionHandler<MallContract, 'saveItem'> = async (input, ctx) => {
  const now = ctx.now();
  const fields = {
    title: input.title,
    ...(input.description !== undefined ? { description: input.description } : {}),
    kind: input.kind,
    pointsPrice: input.pointsPrice,
    stock: input.stock,
    perUserLimit: input.perUserLimit,
    validDays: input.validDays,
    ...(input.kind === 'coupon' && input.amountFen !== undefined
      ? { amountFen: input.amountFen, thresholdFen: input.thresholdFen ?? 0 }
      : {}),
    startsAt: input.startsAt ?? null,
    endsAt: input.endsAt ?? null,
    active: input.active,
    ...(input.minTier ? { minTier: input.minTier } : {}),
    updatedAt: now,
    updatedBy: ctx.caller.openid,
  };
  const id = input.id ?? newId('itm');
  if (input.minTier) {
    const { tiers } = await readTiers(ctx.db.collection('member_tiers').doc(TIERS_DOC_ID));
    if (!tiers.some((t) => t.id === input.minTier)) {
      throw new AppError('FAILED_PRECONDITION', '没有这个会员等级，请先在会员等级中设置', { field: 'minTier' });
    }
  }

  await runTransaction(ctx.db, async (t) => {
    const itemRef = t.collection('mall_items').doc(id);
    const current = input.id === undefined ? null : await getDoc(itemRef, ItemDoc, 'mall_items');
    if (input.id !== undefined && !current) throw new AppError('NOT_FOUND', '商品不存在');

    // Shards only grow in number (a shard may hold issued coupons), up to what the new stock merits.
    const shards = Math.max(current?.shards ?? 1, shardCount(input.stock));
    const existing: (StockDoc | null)[] = [];
    for (let k = 0; k < shards; k++) {
      existing.push(
        current && k < current.shards
          ? await getDoc(t.collection('mall_stock').doc(shardId(id, k)), StockDoc, 'mall_stock')
          : null,
      );
    }
    const issued = existing.map((d) => d?.issued ?? 0);
    const total = issued.reduce((s, n) => s + n, 0);
    if (input.stock < total) {
      throw new AppError('FAILED_PRECONDITION', `库存不能少于已兑出的数量（已兑出 ${total}）`, { field: 'stock' });
    }
    if (current && total > 0 && input.kind !== current.kind) {
      throw new AppError('FAILED_PRECONDITION', '已有兑换记录的商品不能更改类型', { field: 'kind' });
    }

    const item: Omit<ItemDoc, '_id'> = {
      ...fields,
      shards,
      sort: current?.sort ?? now,
      createdAt: current?.createdAt ?? now,
    };
    await itemRef.set({ data: item });
    const stocks = distribute(issued, input.stock);
    for (let k = 0; k < shards; k++) {
      const before = existing[k];
      const stock = stocks[k] ?? 0;
      if (before && before.stock === stock) continue;
      const shard: Omit<StockDoc, '_id'> = { itemId: id, shard: k, stock, issued: before?.issued ?? 0 };
      await t.collection('mall_stock').doc(shardId(id, k)).set({ data: shard });
    }
  });
  return { id };
};
