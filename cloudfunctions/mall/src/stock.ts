/**
 * Sharded stock. Every redemption must write the stock it takes, inside its transaction; with one
 * counter per item, a popular item turns every simultaneous redemption into a write conflict on one
 * document and throughput collapses (bench/mall.bench.ts measured 0.4–2.7 redemptions/s with 50
 * members on one item). Splitting the stock into shards lets up to `shards` redemptions commit
 * side by side; the total is the sum, and no shard ever issues more than it holds.
 */
import { getAll } from '@server/db/read';
import type { Database } from '@server/db/types';
import { StockDoc } from './documents';

export const MAX_SHARDS = 32;
/** Units per shard before another shard is worth its read: small stocks stay in few documents. */
const UNITS_PER_SHARD = 2;

export function shardCount(stock: number): number {
  return Math.min(MAX_SHARDS, Math.max(1, Math.ceil(stock / UNITS_PER_SHARD)));
}

export const shardId = (itemId: string, k: number) => `${itemId}#${k}`;

/**
 * New per-shard stock for a new total: every shard keeps what it issued, and what is left is
 * spread as evenly as possible. Throws RangeError when the total is below what was issued.
 */
export function distribute(issued: readonly number[], total: number): number[] {
  const used = issued.reduce((s, n) => s + n, 0);
  if (total < used) throw new RangeError(`stock ${total} below issued ${used}`);
  const left = total - used;
  const base = Math.floor(left / issued.length);
  const extra = left % issued.length;
  return issued.map((n, k) => n + base + (k < extra ? 1 : 0));
}

export interface StockTotals {
  stock: number;
  issued: number;
  /** Shards with something left, for a redemption to pick from. */
  open: StockDoc[];
}

export function totalsOf(shards: readonly StockDoc[]): StockTotals {
  return {
    stock: shards.reduce((s, d) => s + d.stock, 0),
    issued: shards.reduce((s, d) => s + d.issued, 0),
    open: shards.filter((d) => d.issued < d.stock),
  };
}

/** itemId → its stock totals, for the given items (one query per 50 items). */
export async function loadStock(db: Database, itemIds: readonly string[]): Promise<Map<string, StockTotals>> {
  const byItem = new Map<string, StockDoc[]>(itemIds.map((id) => [id, []]));
  for (let i = 0; i < itemIds.length; i += 50) {
    const chunk = itemIds.slice(i, i + 50);
    const docs = await getAll(
      db.collection('mall_stock').where({ itemId: db.command.in(chunk) }),
      StockDoc,
      'mall_stock',
      {
        max: 50 * MAX_SHARDS * 4,
      },
    );
    for (const d of docs) byItem.get(d.itemId)?.push(d);
  }
  return new Map([...byItem].map(([id, shards]) => [id, totalsOf(shards)]));
}
