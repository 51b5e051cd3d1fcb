import type { ContentContract } from '@core/contracts/content';
import { PostDoc } from '@server/data/posts';
import { VariantDoc, variantId } from '@server/data/variants';
import { getAll, parseDoc } from '@server/db/read';
import type { Condition } from '@server/db/types';
import type { ActionHandler } from '@server/kit';
import { tempUrls } from '@server/storage';
import { callingGuide } from '../guide';
import { sameChinaDay } from '../schedule';

/** How far back the feed reaches, and how many posts it shows at most. */
const FEED_DAYS = 30;
const FEED_MAX = 50;
const EXCERPT_CHARS = 60;

/** Published posts for the guide's store, newest first (today's on top), with what the guide did. */
export const feed: ActionHandler<ContentContract, 'feed'> = async (_input, ctx) => {
  const guide = callingGuide(ctx);
  const now = ctx.now();
  const _ = ctx._;
  const condition = _.and(
    { status: 'published', publishedAt: _.gte(now - FEED_DAYS * 24 * 3600_000) },
    _.or({ allStores: true }, { storeIds: guide.storeId }),
  ) as Condition;
  const { data } = await ctx.db
    .collection('posts')
    .where(condition)
    .orderBy('publishedAt', 'desc')
    .limit(FEED_MAX)
    .get();
  const posts = data.map((raw) => parseDoc(PostDoc, raw, 'posts'));
  if (posts.length === 0) return { posts: [] };

  const ids = posts.map((p) => variantId(p._id, guide.openid));
  const [variants, urls] = await Promise.all([
    getAll(ctx.db.collection('post_variants').where({ _id: _.in(ids) }), VariantDoc, 'post_variants', {
      max: FEED_MAX,
    }),
    tempUrls(
      ctx.cloud,
      posts.flatMap((p) => (p.images[0] ? [p.images[0]] : [])),
    ),
  ]);
  const byPost = new Map(variants.map((v) => [v.postId, v]));
  return {
    posts: posts.map((p) => {
      const v = byPost.get(p._id);
      const publishedAt = p.publishedAt ?? p.updatedAt;
      const cover = p.images[0] ? urls.get(p.images[0]) : undefined;
      const excerpt = [...p.body.replace(/\s+/g, ' ')];
      return {
        id: p._id,
        title: p.title,
        excerpt: excerpt.length > EXCERPT_CHARS ? `${excerpt.slice(0, EXCERPT_CHARS).join('')}…` : excerpt.join(''),
        imageCount: p.images.length,
        ...(cover ? { cover } : {}),
        publishedAt,
        today: sameChinaDay(publishedAt, now),
        opened: v?.openedAt !== undefined,
        copied: v?.copiedAt !== undefined,
        saved: v?.savedAt !== undefined,
      };
    }),
  };
};
