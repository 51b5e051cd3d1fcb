/**
 * Reading the referral forest through indexes only: a tree is fetched one level at a time by
 * `referrals.from` (the `from` index), from the roots a view starts at, never by reading the whole
 * collection. Coupon counts for the nodes reached use `coupons.owner` (the `owner_issued` index).
 */
import { AppError } from '@core/errors';
import { ReferralDoc } from '@server/data/referrals';
import { findGuides } from '@server/data/users';
import { countBy } from '@server/db/aggregate';
import { chunks, getAll } from '@server/db/read';
import type { Database } from '@server/db/types';
import type { Edge } from './graph';

/** What the graph reads of an edge. */
const EdgeFields = ReferralDoc.pick({ from: true, to: true });
const Id = ReferralDoc.pick({ _id: true });

/** More edges than this in one answer means the caller should look from a narrower root. */
const MAX_EDGES = 200_000;

/** The edges below `roots`, every hop, fetched one level at a time. */
export async function edgesBelow(db: Database, roots: readonly string[]): Promise<Edge[]> {
  const _ = db.command;
  const out: Edge[] = [];
  const seen = new Set(roots);
  let frontier = [...seen];
  while (frontier.length > 0) {
    const level = await Promise.all(
      chunks(frontier).map((part) =>
        getAll(
          db
            .collection('referrals')
            .where({ from: _.in(part) })
            .field({ from: true, to: true }),
          EdgeFields,
          'referrals',
          { pageSize: 1000, max: MAX_EDGES },
        ),
      ),
    );
    frontier = [];
    for (const e of level.flat()) {
      if (seen.has(e.to)) continue;
      seen.add(e.to);
      out.push(e);
      frontier.push(e.to);
    }
    if (out.length > MAX_EDGES) throw new AppError('RESOURCE_EXHAUSTED', '关系网过大，请从更下层的会员查看');
  }
  return out;
}

/**
 * Where every tree of the forest starts: the guides, and the members nobody referred (they joined
 * without a share, or their referrer deleted their data). Every member with a referrer hangs below
 * one of them.
 */
export async function forestRoots(
  db: Database,
): Promise<{ guides: Awaited<ReturnType<typeof findGuides>>; roots: string[] }> {
  const [guides, unreferred] = await Promise.all([
    findGuides(db),
    getAll(
      db
        .collection('users')
        .where({ role: 'customer', referrer: db.command.exists(false) })
        .field({ _id: true }),
      Id,
      'users',
      { pageSize: 1000, max: MAX_EDGES },
    ),
  ]);
  return { guides, roots: [...guides.map((g) => g._id), ...unreferred.map((u) => u._id)] };
}

/** Coupons issued to each of `owners` (absent: none). */
export async function couponsByOwner(db: Database, owners: readonly string[]): Promise<Map<string, number>> {
  const parts = await Promise.all(
    chunks([...new Set(owners)]).map((part) => countBy(db, 'coupons', { owner: db.command.in(part) }, 'owner')),
  );
  return new Map(parts.flatMap((m) => [...m]));
}
