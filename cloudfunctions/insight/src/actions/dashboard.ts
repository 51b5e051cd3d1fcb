import type { DashboardDay, InsightContract } from '@core/contracts/insight';
import type { CollectionName } from '@core/db/schema';
import { chunks } from '@server/db/read';
import type { Condition, Database } from '@server/db/types';
import type { ActionHandler } from '@server/kit';
import { dayKey, daysOf, parseRange } from '../days';
import { distinct, inRange, sumsByDay } from '../queries';
import { storeScope } from '../scope';

const ZERO_DAY: Omit<DashboardDay, 'day'> = {
  postsPublished: 0,
  copies: 0,
  visits: 0,
  readSeconds: 0,
  newMembers: 0,
  redemptions: 0,
  pointsIssued: 0,
  pointsSpent: 0,
};
const DAY_FIELDS = Object.keys(ZERO_DAY) as (keyof typeof ZERO_DAY)[];
type Series = Map<number, Record<string, number>>;

const POINT_SUMS = {
  // Reversals move points back; only fresh credits count as issued and only redemptions as spent.
  pointsIssued: { $cond: [{ $and: [{ $gt: ['$amount', 0] }, { $ne: ['$kind', 'reverse'] }] }, '$amount', 0] },
  pointsSpent: { $cond: [{ $eq: ['$kind', 'redeem'] }, { $subtract: [0, '$amount'] }, 0] },
};

/** Adds `b`'s sums into `a`, day by day. */
function merge(a: Series, b: Series): Series {
  for (const [day, sums] of b) {
    const into = a.get(day) ?? {};
    for (const [k, v] of Object.entries(sums)) into[k] = (into[k] ?? 0) + v;
    a.set(day, into);
  }
  return a;
}

/**
 * Per-day sums over the documents of `members` (`field` names the member), in chunks of `$in` on the
 * indexed member field: coupons and journal entries carry no store, their member does.
 */
async function sumsOfMembers(
  db: Database,
  collection: CollectionName,
  members: string[],
  field: string,
  match: Condition,
  timeField: string,
  sums: Record<string, unknown>,
): Promise<Series> {
  const parts = await Promise.all(
    chunks(members).map((ids) => sumsByDay(db, collection, { [field]: db.command.in(ids), ...match }, timeField, sums)),
  );
  return parts.reduce(merge, new Map());
}

/**
 * HQ's dashboard for a range, the brand's or one store's: totals and one row per Beijing day. Each
 * figure is grouped by day inside the database and returns ≤ 1 row per day. For a store: posts
 * whose audience includes it, its guides' copies, opens of shares credited to it, members who
 * joined it, and coupons and points of its members (members of the store now).
 */
export const dashboard: ActionHandler<InsightContract, 'dashboard'> = async (input, ctx) => {
  const range = parseRange(input.from, input.to);
  const storeId = await storeScope(ctx, input.storeId);
  const _ = ctx._;
  const when = inRange(_, range);
  const store = storeId ? { storeId } : {};
  const members = storeId ? [...(await distinct(ctx.db, 'users', { role: 'customer', storeId }, '_id'))] : [];
  const memberSums = (collection: CollectionName, field: string, timeField: string, sums: Record<string, unknown>) =>
    storeId
      ? sumsOfMembers(ctx.db, collection, members, field, { [timeField]: when }, timeField, sums)
      : sumsByDay(ctx.db, collection, { [timeField]: when }, timeField, sums);
  // Each per-day sum is named after the DashboardDay field it fills.
  const [posts, copies, visits, newMembers, coupons, points, sharers, copiers] = await Promise.all([
    sumsByDay(
      ctx.db,
      'posts',
      storeId
        ? (_.and({ publishedAt: when }, _.or({ allStores: true }, { storeIds: storeId })) as Condition)
        : { publishedAt: when },
      'publishedAt',
      { postsPublished: 1 },
    ),
    sumsByDay(ctx.db, 'post_variants', { copiedAt: when, ...store }, 'copiedAt', { copies: 1 }),
    // Counted opens: once per signed-in viewer, share and day; anonymous ones within their bound.
    sumsByDay(ctx.db, 'visits', { openedAt: when, ...store }, 'openedAt', {
      visits: { $cond: ['$counted', 1, 0] },
      anonymous: { $cond: [{ $and: ['$counted', '$anonymous'] }, 1, 0] },
      readSeconds: '$seconds',
    }),
    sumsByDay(ctx.db, 'users', { role: 'customer', createdAt: when, ...store }, 'createdAt', { newMembers: 1 }),
    memberSums('coupons', 'owner', 'issuedAt', { redemptions: 1 }),
    memberSums('points_entries', 'openid', 'createdAt', POINT_SUMS),
    distinct(ctx.db, 'visits', { openedAt: when, sharerRole: 'guide', ...store }, 'sharer'),
    distinct(ctx.db, 'post_variants', { copiedAt: when, ...store }, 'guideOpenid'),
  ]);
  const byDay = new Map<string, DashboardDay>(daysOf(range).map((day) => [day, { day, ...ZERO_DAY }]));
  for (const series of [posts, copies, visits, newMembers, coupons, points]) {
    for (const [start, sums] of series) {
      const d = byDay.get(dayKey(start));
      if (!d) continue;
      for (const field of DAY_FIELDS) if (sums[field] !== undefined) d[field] = sums[field];
    }
  }
  let anonymousVisits = 0;
  for (const sums of visits.values()) anonymousVisits += sums.anonymous ?? 0;
  const days = [...byDay.values()];
  const sum = (k: (typeof DAY_FIELDS)[number]) => days.reduce((n, d) => n + d[k], 0);
  return {
    from: range.from,
    to: range.to,
    totals: {
      postsPublished: sum('postsPublished'),
      activeGuides: new Set([...sharers, ...copiers]).size,
      copies: sum('copies'),
      visits: sum('visits'),
      anonymousVisits,
      readSeconds: sum('readSeconds'),
      newMembers: sum('newMembers'),
      redemptions: sum('redemptions'),
      pointsIssued: sum('pointsIssued'),
      pointsSpent: sum('pointsSpent'),
    },
    days,
  };
};
