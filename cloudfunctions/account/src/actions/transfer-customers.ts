import { MAX_MOVES, TRANSFER_WINDOW_DAYS } from '@core/contracts/account-transfer';
import type { AccountContract } from '@core/contracts/account';
import { AppError } from '@core/errors';
import { CustomerDoc, loadUser } from '@server/data/users';
import { chunks, getAll } from '@server/db/read';
import type { Database } from '@server/db/types';
import { newId } from '@server/ids';
import type { ActionHandler } from '@server/kit';
import { TransferCustomers, type TransferDoc } from '../documents';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How often each customer was moved since `since` (from the transfer history). */
async function recentMoves(db: Database, ids: readonly string[], since: number): Promise<Map<string, number>> {
  const _ = db.command;
  const wanted = new Set(ids);
  // One batch can list customers of two chunks and come back for both: count each batch once.
  const batches = new Map<string, string[]>();
  for (const part of chunks(ids)) {
    const found = await getAll(
      db
        .collection('customer_transfers')
        .where({ customers: _.in(part), at: _.gte(since) })
        .field({ customers: true }),
      TransferCustomers,
      'customer_transfers',
    );
    for (const b of found) batches.set(b._id, b.customers);
  }
  const moves = new Map<string, number>();
  for (const list of batches.values()) for (const c of list) if (wanted.has(c)) moves.set(c, (moves.get(c) ?? 0) + 1);
  return moves;
}

/**
 * A guide leaves: HQ moves their customers to another active guide of the same store. The old
 * guide is deactivated first (the kit refuses them from their next call on); history (visits,
 * referrals, redemptions) and points stay as they are, only the customer's guide changes. A customer
 * moves at most MAX_MOVES times in TRANSFER_WINDOW_DAYS unless HQ overrides; those are reported.
 */
export const transferCustomers: ActionHandler<AccountContract, 'transferCustomers'> = async (input, ctx) => {
  if (input.fromGuide === input.toGuide)
    throw new AppError('INVALID_ARGUMENT', '不能转给同一位导购', { field: 'toGuide' });
  const users = ctx.db.collection('users');
  const [from, to] = await Promise.all([loadUser(ctx.db, input.fromGuide), loadUser(ctx.db, input.toGuide)]);
  if (from?.role !== 'guide') throw new AppError('NOT_FOUND', '原导购不存在');
  if (to?.role !== 'guide') throw new AppError('NOT_FOUND', '接收导购不存在');
  if (!to.active) throw new AppError('FAILED_PRECONDITION', '接收导购已停用');
  if (to.storeId !== from.storeId) throw new AppError('FAILED_PRECONDITION', '只能转给同一门店的导购');

  const now = ctx.now();
  let deactivated = false;
  if (from.active) {
    const res = await users.where({ _id: from._id, active: true }).update({ data: { active: false } });
    deactivated = res.stats.updated === 1;
  }

  const customers = await getAll(users.where({ role: 'customer', guideOpenid: from._id }), CustomerDoc, 'users', {
    pageSize: 1000,
    max: 100_000,
  });
  const moves = await recentMoves(
    ctx.db,
    customers.map((c) => c._id),
    now - TRANSFER_WINDOW_DAYS * DAY_MS,
  );
  const skipped = input.override
    ? []
    : customers
        .filter((c) => (moves.get(c._id) ?? 0) >= MAX_MOVES)
        .map((c) => ({ openid: c._id, name: c.name, moves: moves.get(c._id) ?? 0 }));
  const skip = new Set(skipped.map((s) => s.openid));
  const moving = customers.filter((c) => !skip.has(c._id)).map((c) => c._id);

  let moved = 0;
  if (moving.length > 0) {
    // The history is written before the move: if the move then fails half-way, the rule errs on
    // the side of counting a move that did not happen, never of allowing a third.
    const transfer: TransferDoc = {
      _id: newId('trf'),
      from: from._id,
      to: to._id,
      customers: moving,
      override: input.override,
      at: now,
      by: ctx.caller.openid,
    };
    await ctx.db.collection('customer_transfers').add({ data: transfer });
    const _ = ctx._;
    for (const part of chunks(moving)) {
      // Conditional on the old guide: a customer moved meanwhile by someone else stays where they are.
      const res = await users
        .where({ _id: _.in(part), role: 'customer', guideOpenid: from._id })
        .update({ data: { guideOpenid: to._id } });
      moved += res.stats.updated;
    }
  }
  return { moved, skipped, deactivated };
};
