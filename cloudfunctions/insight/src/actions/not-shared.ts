import type { InsightContract, NotSharedRow } from '@core/contracts/insight';
import { allStores } from '@server/data/stores';
import { findGuides } from '@server/data/users';
import { groupRows } from '@server/db/aggregate';
import type { Condition, Database } from '@server/db/types';
import type { ActionContext, ActionHandler } from '@server/kit';
import * as z from 'zod';
import { dayKey, parseRange } from '../days';
import { rowKeys, storeScope } from '../scope';

const TodayPost = z.object({
  _id: z.string(),
  title: z.string(),
  allStores: z.boolean(),
  storeIds: z.array(z.string()),
});
type TodayPost = z.infer<typeof TodayPost>;

/** Posts published today (the Beijing day of `now`). */
async function todaysPosts(ctx: ActionContext): Promise<{ day: string; posts: TodayPost[] }> {
  const day = dayKey(ctx.now());
  const { start, end } = parseRange(day, day);
  const _ = ctx._;
  const { data } = await ctx.db
    .collection('posts')
    .where({ status: 'published', publishedAt: _.and(_.gte(start), _.lt(end)) })
    .orderBy('publishedAt', 'asc')
    .limit(100)
    .get();
  return { day, posts: data.map((d) => TodayPost.parse(d)) };
}

/**
 * `post:guide` pairs where the guide shared the post: copied its text, saved its images (their
 * variant) or made a share link of it.
 */
async function sharedPairs(db: Database, ids: string[]): Promise<Set<string>> {
  const _ = db.command;
  const $ = _.aggregate;
  const [variants, links] = await Promise.all([
    groupRows(
      db
        .collection('post_variants')
        .aggregate()
        .match(
          _.and({ postId: _.in(ids) }, _.or({ copiedAt: _.exists(true) }, { savedAt: _.exists(true) })) as Condition,
        )
        .group({ _id: '$postId', guides: $.addToSet('$guideOpenid') }),
    ),
    groupRows(
      db
        .collection('share_links')
        .aggregate()
        .match({ postKey: _.in(ids), sharerRole: 'guide' })
        .group({ _id: '$postKey', guides: $.addToSet('$sharer') }),
    ),
  ]);
  const out = new Set<string>();
  for (const r of [...variants, ...links]) {
    for (const g of Array.isArray(r.guides) ? r.guides : []) out.add(`${String(r._id)}:${String(g)}`);
  }
  return out;
}

/**
 * 导购今日未转发: active guides with at least one of today's posts for their store not yet copied,
 * saved or shared. HQ: every store or one; a guide: their own store.
 */
export const notSharedToday: ActionHandler<InsightContract, 'notSharedToday'> = async (input, ctx) => {
  const storeId = await storeScope(ctx, input.storeId);
  const [{ day, posts }, guides, stores] = await Promise.all([
    todaysPosts(ctx),
    findGuides(ctx.db, storeId ? { storeId, active: true } : { active: true }),
    allStores(ctx.db),
  ]);
  const shared =
    posts.length > 0
      ? await sharedPairs(
          ctx.db,
          posts.map((p) => p._id),
        )
      : new Set<string>();
  const names = new Map(stores.map((s) => [s._id, s.name]));
  const rows: NotSharedRow[] = [];
  const perStore = new Map<string, { guides: number; notShared: number }>();
  for (const g of guides) {
    const due = posts.filter((p) => p.allStores || p.storeIds.includes(g.storeId));
    const missing = due.filter((p) => !shared.has(`${p._id}:${g._id}`)).length;
    const s = perStore.get(g.storeId) ?? { guides: 0, notShared: 0 };
    s.guides += 1;
    if (missing > 0) {
      s.notShared += 1;
      rows.push({
        id: g._id,
        name: g.name,
        storeId: g.storeId,
        storeName: names.get(g.storeId) ?? '',
        of: due.length,
        missing,
      });
    }
    perStore.set(g.storeId, s);
  }
  rows.sort(
    (a, b) =>
      b.missing - a.missing || a.storeName.localeCompare(b.storeName, 'zh') || a.name.localeCompare(b.name, 'zh'),
  );
  return {
    day,
    posts: posts.map((p) => ({ id: p._id, title: p.title })),
    stores: stores
      .filter((s) => !storeId || s._id === storeId)
      .map((s) => ({ storeId: s._id, name: s.name, ...(perStore.get(s._id) ?? { guides: 0, notShared: 0 }) })),
    rows: rowKeys(ctx, rows),
  };
};
