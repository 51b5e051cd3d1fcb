import type { DashboardDay, Figures, InsightContract } from '@core/contracts/insight';
import { allStores, type StoreDoc } from '@server/data/stores';
import { findGuides, type GuideDoc } from '@server/data/users';
import type { ActionHandler } from '@server/kit';
import { dayKey, daysOf, lastDays, parseRange } from '../days';
import { distinct, figuresByGuide, inRange, score, sumsByDay, type GuideFigures } from '../queries';

const ZERO: Figures = { copies: 0, visits: 0, newMembers: 0, redemptions: 0, score: 0 };
const DEFAULT_RANGE_DAYS = 7;

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
  const [posts, copies, visits, members, coupons, points, sharers, copiers] = await Promise.all([
    sumsByDay(ctx.db, 'posts', { publishedAt: when }, 'publishedAt', { posts: 1 }),
    sumsByDay(ctx.db, 'post_variants', { copiedAt: when }, 'copiedAt', { copies: 1 }),
    sumsByDay(ctx.db, 'visits', { openedAt: when, self: false }, 'openedAt', {
      visits: 1,
      anonymous: { $cond: ['$anonymous', 1, 0] },
      seconds: '$seconds',
    }),
    sumsByDay(ctx.db, 'users', { role: 'customer', createdAt: when }, 'createdAt', { members: 1 }),
    sumsByDay(ctx.db, 'coupons', { issuedAt: when }, 'issuedAt', { redemptions: 1 }),
    sumsByDay(ctx.db, 'points_entries', { createdAt: when }, 'createdAt', {
      // Reversals move points back; only fresh credits count as issued and only redemptions as spent.
      issued: { $cond: [{ $and: [{ $gt: ['$amount', 0] }, { $ne: ['$kind', 'reverse'] }] }, '$amount', 0] },
      spent: { $cond: [{ $eq: ['$kind', 'redeem'] }, { $subtract: [0, '$amount'] }, 0] },
    }),
    distinct(ctx.db, 'visits', { openedAt: when, sharerRole: 'guide' }, 'sharer'),
    distinct(ctx.db, 'post_variants', { copiedAt: when }, 'guideOpenid'),
  ]);
  const byDay = new Map<string, DashboardDay>();
  for (const d of daysOf(range)) {
    byDay.set(d, {
      day: d,
      postsPublished: 0,
      copies: 0,
      visits: 0,
      readSeconds: 0,
      newMembers: 0,
      redemptions: 0,
      pointsIssued: 0,
      pointsSpent: 0,
    });
  }
  const at = (start: number) => byDay.get(dayKey(start));
  let anonymousVisits = 0;
  for (const [t, v] of posts) {
    const d = at(t);
    if (d) d.postsPublished = v.posts ?? 0;
  }
  for (const [t, v] of copies) {
    const d = at(t);
    if (d) d.copies = v.copies ?? 0;
  }
  for (const [t, v] of visits) {
    const d = at(t);
    anonymousVisits += v.anonymous ?? 0;
    if (d) {
      d.visits = v.visits ?? 0;
      d.readSeconds = v.seconds ?? 0;
    }
  }
  for (const [t, v] of members) {
    const d = at(t);
    if (d) d.newMembers = v.members ?? 0;
  }
  for (const [t, v] of coupons) {
    const d = at(t);
    if (d) d.redemptions = v.redemptions ?? 0;
  }
  for (const [t, v] of points) {
    const d = at(t);
    if (d) {
      d.pointsIssued = v.issued ?? 0;
      d.pointsSpent = v.spent ?? 0;
    }
  }
  const days = [...byDay.values()];
  const sum = (k: keyof Omit<DashboardDay, 'day'>) => days.reduce((n, d) => n + d[k], 0);
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
