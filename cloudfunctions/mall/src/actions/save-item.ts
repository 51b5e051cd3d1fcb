import type { MallContract } from '../../../../core/contracts/mall';
import { AppError } from '../../../../core/errors';
import { getDoc } from '../../../../server/db/read';
import { runTransaction } from '../../../../server/db/transaction';
import { newId } from '../../../../server/ids';
import type { ActionHandler } from '../../../../server/kit';
import { ItemDoc } from '../documents';

/**
 * Creates or replaces a catalog item. Editing runs in a transaction with the redemptions that
 * raise `issued`, so stock can never be set below what has already been given out, and `issued`
 * itself is never written here.
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
    updatedAt: now,
    updatedBy: ctx.caller.openid,
  };

  if (input.id === undefined) {
    const id = newId('itm');
    const doc: ItemDoc = { _id: id, ...fields, issued: 0, sort: now, createdAt: now };
    await ctx.db.collection('mall_items').add({ data: doc });
    return { id };
  }

  const id = input.id;
  await runTransaction(ctx.db, async (t) => {
    const ref = t.collection('mall_items').doc(id);
    const current = await getDoc(ref, ItemDoc, 'mall_items');
    if (!current) throw new AppError('NOT_FOUND', '商品不存在');
    if (input.stock < current.issued) {
      throw new AppError('FAILED_PRECONDITION', `库存不能少于已兑出的数量（已兑出 ${current.issued}）`, {
        field: 'stock',
      });
    }
    if (current.issued > 0 && input.kind !== current.kind) {
      throw new AppError('FAILED_PRECONDITION', '已有兑换记录的商品不能更改类型', { field: 'kind' });
    }
    const next: Omit<ItemDoc, '_id'> = {
      ...fields,
      issued: current.issued,
      sort: current.sort,
      createdAt: current.createdAt,
    };
    await ref.set({ data: next });
  });
  return { id };
};
