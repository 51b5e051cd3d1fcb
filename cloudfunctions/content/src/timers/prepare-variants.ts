import { PostDoc } from '@server/data/posts';
import { VariantDoc } from '@server/data/variants';
import { getAll } from '@server/db/read';
import type { TimerContext } from '@server/kit';
import { createVariant } from '../actions/my-variant';
import { staggerOrder } from '../schedule';
import { activeGuides, type GuideRow } from '../stores';

/** Posts published this long ago or less still get their variants made ahead. */
export const PRERENDER_WINDOW_MS = 24 * 3600_000;
/**
 * Wall time one firing may spend making variants. The content function's timeout (config.json) must
 * leave room above it for the slowest single variant, which is started only while the budget holds.
 */
export const PRERENDER_BUDGET_MS = 9_000;

const StoredVariant = VariantDoc.pick({ guideOpenid: true });

export interface PrepareResult {
  /** Published posts in the window. */
  posts: number;
  made: number;
  failed: number;
  /** Variants still missing after this firing (the next firing goes on). */
  remaining: number;
}

/**
 * Timer trigger (config.json, every minute): makes the stored variants of recently published posts
 * for every active guide of their stores, so a guide's first opening is a read instead of ~1 s of
 * image work per guide (100 guides opening at once would otherwise queue behind each other). Made
 * with the same producer as content.myVariant; a guide who opens the post meanwhile simply makes
 * theirs first, and the variant's unique id lets only one of the two be stored. Stops starting new
 * variants when the budget would be exceeded; the next firing takes over where this one stopped.
 */
export async function prepareVariants(ctx: TimerContext, budgetMs = PRERENDER_BUDGET_MS): Promise<PrepareResult> {
  const started = Date.now();
  const _ = ctx._;
  const posts = await getAll(
    ctx.db
      .collection('posts')
      .where({ status: 'published', publishedAt: _.gte(ctx.now() - PRERENDER_WINDOW_MS) })
      .orderBy('publishedAt', 'desc'),
    PostDoc,
    'posts',
    { max: 1000 },
  );
  const result: PrepareResult = { posts: posts.length, made: 0, failed: 0, remaining: 0 };
  let slowest = 0;
  for (const post of posts) {
    const todo = await missingGuides(ctx, post);
    for (const guide of todo) {
      if (Date.now() - started + slowest > budgetMs) {
        result.remaining += 1;
        continue;
      }
      const t0 = Date.now();
      try {
        await createVariant(post, { openid: guide._id, storeId: guide.storeId }, ctx, post.createdBy);
        result.made += 1;
      } catch (err) {
        // One broken post (e.g. a deleted source image) must not starve the others; the guide's
        // own opening will report it.
        result.failed += 1;
        ctx.log.error('prepareVariants: variant failed', { postId: post._id, guide: guide._id, error: String(err) });
      }
      slowest = Math.max(slowest, Date.now() - t0);
    }
  }
  if (result.made || result.failed || result.remaining) ctx.log.info('prepareVariants', { ...result });
  return result;
}

/**
 * The post's audience without a stored variant, those suggested to post earliest first (each store's
 * stagger order, interleaved across stores), so the first to need it is the first to get it.
 */
async function missingGuides(ctx: TimerContext, post: PostDoc): Promise<GuideRow[]> {
  const audience = await activeGuides(ctx.db, post.allStores ? undefined : post.storeIds);
  const stored = await getAll(
    ctx.db.collection('post_variants').where({ postId: post._id }).field({ guideOpenid: true }),
    StoredVariant,
    'post_variants',
    { max: 20_000, pageSize: 1000 },
  );
  const done = new Set(stored.map((v) => v.guideOpenid));
  const byStore = new Map<string, GuideRow[]>();
  for (const g of audience) byStore.set(g.storeId, [...(byStore.get(g.storeId) ?? []), g]);
  const place = new Map<string, number>();
  for (const guides of byStore.values()) {
    staggerOrder(
      post._id,
      guides.map((g) => g._id),
    ).forEach((openid, i) => place.set(openid, i));
  }
  return audience
    .filter((g) => !done.has(g._id))
    .sort((a, b) => (place.get(a._id) ?? 0) - (place.get(b._id) ?? 0) || a._id.localeCompare(b._id));
}
