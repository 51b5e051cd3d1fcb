/**
 * The weekly report, made by a timer on Monday 09:00 Beijing time for the Monday-to-Sunday week
 * before: stores and guides ranked with HQ's weights, the week's most opened posts, and who is
 * behind their monthly targets as of the week's end. One document per week (`wkr_<Monday>`): a
 * second firing for the same week, or two firings at once, leave the first report as it is.
 */
import type { WeeklyReport } from '@core/contracts/insight';
import { PostDoc } from '@server/data/posts';
import { isDuplicateKeyError } from '@server/db/errors';
import { parseDoc } from '@server/db/read';
import type { Database } from '@server/db/types';
import type { TimerContext } from '@server/kit';
import { DAY_MS, dayKey, parseRange, type Range } from '../days';
import { postFiguresFor } from '../post-figures';
import { boards, leaderRow } from '../rankings';
import { loadWeights } from '../weights';
import { targetRows } from '../actions/targets';
import { firingTime } from './reminders';

const TOP_POSTS = 5;
const PostHead = PostDoc.pick({ _id: true, title: true, publishedAt: true });
/** Posts published in the four weeks up to the week's end compete for its top posts. */
const POST_LOOKBACK_DAYS = 28;

/** The Beijing Monday-to-Sunday week before the week `at` falls in. */
export function previousWeek(at: number): Range {
  const today = dayKey(at);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  const monday = Date.UTC(y, m - 1, d) - ((weekday + 6) % 7) * DAY_MS;
  const from = new Date(monday - 7 * DAY_MS).toISOString().slice(0, 10);
  const to = new Date(monday - DAY_MS).toISOString().slice(0, 10);
  return parseRange(from, to);
}

export const weeklyIdOf = (week: Range): string => `wkr_${week.from.replace(/-/g, '')}`;

async function topPosts(db: Database, week: Range) {
  const _ = db.command;
  const { data } = await db
    .collection('posts')
    .where({ status: 'published', publishedAt: _.and(_.gte(week.end - POST_LOOKBACK_DAYS * DAY_MS), _.lt(week.end)) })
    .orderBy('publishedAt', 'desc')
    .limit(100)
    .get();
  const refs = data.map((raw) => {
    const p = parseDoc(PostHead, raw, 'posts');
    return { id: p._id, title: p.title, ...(p.publishedAt !== undefined ? { publishedAt: p.publishedAt } : {}) };
  });
  const figures = await postFiguresFor(db, refs);
  return figures.sort((a, b) => b.opens - a.opens || b.readers - a.readers).slice(0, TOP_POSTS);
}

export async function buildWeeklyReport(db: Database, week: Range, now: number): Promise<WeeklyReport> {
  const weights = await loadWeights(db);
  const lastInstant = week.end - 1;
  const month = dayKey(lastInstant).slice(0, 7);
  const [board, posts, targets] = await Promise.all([
    boards(db, week, weights),
    topPosts(db, week),
    targetRows(db, month, week.end),
  ]);
  return {
    id: weeklyIdOf(week),
    from: week.from,
    to: week.to,
    createdAt: now,
    stores: board.stores,
    guides: board.guides.map(leaderRow),
    topPosts: posts,
    behind: targets.rows
      .filter((r) => r.behind)
      .map((r) => ({ scope: r.scope, id: r.id, name: r.name, month, ...r.deviation })),
  };
}

export async function makeWeeklyReport(ctx: TimerContext): Promise<{ id: string; made: boolean }> {
  const week = previousWeek(firingTime(ctx));
  const id = weeklyIdOf(week);
  const ref = ctx.db.collection('weekly_reports').doc(id);
  if ((await ref.get()).data) return { id, made: false };
  const { id: _id, ...report } = await buildWeeklyReport(ctx.db, week, ctx.now());
  try {
    await ctx.db.collection('weekly_reports').add({ data: { _id: id, ...report } });
  } catch (e) {
    if (isDuplicateKeyError(e)) return { id, made: false };
    throw e;
  }
  ctx.log.info('weekly report made', { id });
  return { id, made: true };
}
