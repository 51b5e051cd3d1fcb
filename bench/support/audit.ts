/**
 * The invariants a load or soak run must leave intact, read from the database file once the cloud
 * has stopped (so it works the same for a cloud that ran in a child process):
 * - the points journal: every balance equals the sum of its entries and lots, seq without gaps
 *   (the integration tests' own ledger audit, test/support/ledger-audit.ts);
 * - stock: per item, units issued by the stock shards = coupons issued, and no shard above its stock;
 * - coupons: codes distinct; every coupon's owner was debited exactly once for it.
 */
import path from 'node:path';
import { COLLECTIONS } from '@core/db/schema';
import { DEFAULTS } from '../../host/config';
import { DatabaseEngine } from '../../host/db/engine';
import { journalProblems } from '../../test/support/ledger-audit';

export interface AuditResult {
  problems: string[];
  accounts: number;
  entries: number;
  coupons: number;
  items: number;
  /** Documents per collection, for the report. */
  counts: Record<string, number>;
}

export function auditDataDir(dataDir: string): AuditResult {
  const engine = new DatabaseEngine({ file: path.join(dataDir, DEFAULTS.databaseFile), collections: COLLECTIONS });
  try {
    const problems = journalProblems(engine);
    const coupons = engine.findDocs('coupons');
    const codes = new Set(coupons.map((c) => String(c.code)));
    if (codes.size !== coupons.length) problems.push(`${coupons.length - codes.size} duplicate coupon codes`);

    const couponsByItem = new Map<string, number>();
    for (const c of coupons) couponsByItem.set(String(c.itemId), (couponsByItem.get(String(c.itemId)) ?? 0) + 1);
    const issuedByItem = new Map<string, number>();
    for (const shard of engine.findDocs('mall_stock')) {
      const item = String(shard.itemId);
      issuedByItem.set(item, (issuedByItem.get(item) ?? 0) + Number(shard.issued));
      if (Number(shard.issued) > Number(shard.stock))
        problems.push(`shard ${String(shard._id)}: issued ${String(shard.issued)} > stock ${String(shard.stock)}`);
    }
    const items = engine.findDocs('mall_items');
    for (const item of items) {
      const id = String(item._id);
      const issued = issuedByItem.get(id) ?? 0;
      const made = couponsByItem.get(id) ?? 0;
      if (issued !== made) problems.push(`item ${id}: stock shards issued ${issued}, coupons ${made}`);
    }

    // One redeem entry per paid coupon, for its owner and price.
    const redeems = new Map(
      engine
        .findDocs('points_entries', { kind: 'redeem' })
        .map((e) => [String(e.ref), { openid: String(e.openid), amount: Number(e.amount) }]),
    );
    for (const c of coupons) {
      if (Number(c.pointsPrice) === 0) continue;
      const debit = redeems.get(String(c._id));
      if (!debit) problems.push(`coupon ${String(c._id)}: no redeem entry`);
      else if (debit.openid !== c.owner || debit.amount !== -Number(c.pointsPrice))
        problems.push(`coupon ${String(c._id)}: redeem entry ${debit.openid} ${debit.amount}`);
    }

    const counts: Record<string, number> = {};
    for (const name of engine.collectionNames()) counts[name] = engine.findDocs(name).length;
    return {
      problems,
      accounts: counts.points_accounts ?? 0,
      entries: counts.points_entries ?? 0,
      coupons: coupons.length,
      items: items.length,
      counts,
    };
  } finally {
    engine.close();
  }
}
