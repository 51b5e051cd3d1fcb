import type { DashboardDay, Figures, InsightContract } from '@core/contracts/insight';
import { allStores, type StoreDoc } from '@server/data/stores';
import { findGuides, type GuideDoc } from '@server/data/users';
import type { ActionHandler } from '@server/kit';
import { dayKey, daysOf, lastDays, parseRange } from '../days';
import { distinct, figuresByGuide, inRange, score, sumsByDay, type GuideFigures } from '../queries';

const ZERO: Figures = { copies: 0, visits: 0, newMembers: 0, redemptions: 0, score: 0 };
const DEFAULT_RANGE_DAYS = 7;
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

function compare(a: Figures & { name: string }, b: Figures & { name: string }): number {
  return b.score - a.score || b.newMembers - a.newMembers || b.visits - a.visits || a.name.localeCompare(b.name, 'zh');
}

/** Competition ranking (1, 2, 2, 4): equal scores share a place. */
function ranked<T extends Figures & { name: string }>(rows: T[]): (T & { rank: number })[] {
  rows.sort(compare);
  let rank = 0;
  return rows.map((r, i) => {
    if (i === 0 || rows[i - 1]!.score !== r.score) rank = i + 1;
    return { ...r, rank };
  });
}

function guideRows(guides: GuideDoc[], figures: GuideFigures, stores: Map<string, StoreDoc>) {
  return guides
    .filter((g) => g.active || figures.has(g._id))
    .map((g) => {
      const f = figures.get(g._id);
      const storeName = stores.get(g.storeId)?.name;
      return {
        id: g._id,
        name: g.name,
        ...(storeName ? { storeName } : {}),
        copies: f?.copies ?? 0,
        visits: f?.visits ?? 0,
        newMembers: f?.newMembers ?? 0,
        redemptions: f?.redemptions ?? 0,
        score: f?.score ?? 0,
      };
    });
}

/** Guides (or stores, summing their guides) ranked by score over a range. */
export const leaderboard: ActionHandler<InsightContract, 'leaderboard'> = async (input, ctx) => {
  const range = parseRange(input.from, input.to);
  const [figures, guides, storeList] = await Promise.all([
    figuresByGuide(ctx.db, range),
    findGuides(ctx.db),
    allStores(ctx.db),
  ]);
  const stores = new Map(storeList.map((s) => [s._id, s]));
  const perGuide = guideRows(guides, figures, stores);
  if (input.by === 'guide') return { rows: ranked(perGuide).slice(0, input.limit) };

  const byStore = new Map<string, Figures & { id: string; name: string }>();
  for (const s of storeList) byStore.set(s._id, { id: s._id, name: s.name, ...ZERO });
  const storeOf = new Map(guides.map((g) => [g._id, g.storeId]));
  for (const row of perGuide) {
    const target = byStore.get(storeOf.get(row.id) ?? '');
    if (!target) continue;
    target.copies += row.copies;
    target.visits += row.visits;
    target.newMembers += row.newMembers;
    target.redemptions += row.redemptions;
  }
  const rows = [...byStore.values()].map((r) => ({ ...r, score: score(r) }));
  return { rows: ranked(rows).slice(0, input.limit) };
};

/** The calling guide's figures and place among the active guides (default: the last 7 days). */
export const myFigures: ActionHandler<InsightContract, 'myFigures'> = async (input, ctx) => {
  const range =
    input.from !== undefined && input.to !== undefined
      ? parseRange(input.from, input.to)
      : lastDays(ctx.now(), DEFAULT_RANGE_DAYS);
  const [figures, guides] = await Promise.all([figuresByGuide(ctx.db, range), findGuides(ctx.db)]);
  const rows = ranked(
    guideRows(
      guides.filter((g) => g.active),
      figures,
      new Map(),
    ),
  );
  const mine = rows.find((r) => r.id === ctx.caller.openid);
  const f = figures.get(ctx.caller.openid);
  return {
    from: range.from,
    to: range.to,
    figures: {
      copies: f?.copies ?? 0,
      visits: f?.visits ?? 0,
      newMembers: f?.newMembers ?? 0,
      redemptions: f?.redemptions ?? 0,
      score: f?.score ?? 0,
    },
    readSeconds: f?.readSeconds ?? 0,
    rank: mine?.rank ?? rows.length,
    of: rows.length,
  };
};

/**
 * HQ's dashboard for a range: totals and one row per Beijing day. Eight aggregate or count
 * round trips whatever the volume: each groups inside the database and returns ≤ 1 row per day.
 */
export const dashboard: ActionHandler<InsightContract, 'dashboard'> = async (input, ctx) => {
  const range = parseRange(input.from, input.to);
  const _ = ctx._;
  const when = inRange(_, range);
  // Each per-day sum is named after the DashboardDay field it fills.
  const [posts, copies, visits, members, coupons, points, sharers, copiers] = await Promise.all([
    sumsByDay(ctx.db, 'posts', { publishedAt: when }, 'publishedAt', { postsPublished: 1 }),
    sumsByDay(ctx.db, 'post_variants', { copiedAt: when }, 'copiedAt', { copies: 1 }),
    // Counted opens: once per signed-in viewer, share and day; anonymous ones within their bound.
    sumsByDay(ctx.db, 'visits', { openedAt: when }, 'openedAt', {
      visits: { $cond: ['$counted', 1, 0] },
      anonymous: { $cond: [{ $and: ['$counted', '$anonymous'] }, 1, 0] },
      readSeconds: '$seconds',
    }),
    sumsByDay(ctx.db, 'users', { role: 'customer', createdAt: when }, 'createdAt', { newMembers: 1 }),
    sumsByDay(ctx.db, 'coupons', { issuedAt: when }, 'issuedAt', { redemptions: 1 }),
    sumsByDay(ctx.db, 'points_entries', { createdAt: when }, 'createdAt', {
      // Reversals move points back; only fresh credits count as issued and only redemptions as spent.
      pointsIssued: { $cond: [{ $and: [{ $gt: ['$amount', 0] }, { $ne: ['$kind', 'reverse'] }] }, '$amount', 0] },
      pointsSpent: { $cond: [{ $eq: ['$kind', 'redeem'] }, { $subtract: [0, '$amount'] }, 0] },
    }),
    distinct(ctx.db, 'visits', { openedAt: when, sharerRole: 'guide' }, 'sharer'),
    distinct(ctx.db, 'post_variants', { copiedAt: when }, 'guideOpenid'),
  ]);
  const byDay = new Map<string, DashboardDay>(daysOf(range).map((day) => [day, { day, ...ZERO_DAY }]));
  for (const series of [posts, copies, visits, members, coupons, points]) {
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
