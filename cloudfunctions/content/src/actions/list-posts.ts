import type { ContentContract } from '@core/contracts/content';
import { PostDoc } from '@server/data/posts';
import { parseDoc } from '@server/db/read';
import type { ActionHandler } from '@server/kit';
import { progressOf } from '../fanout/progress';
import { toSummary } from '../posts';

/** The console's post list, newest edit first, optionally one status; published posts with their variants' progress. */
export const listPosts: ActionHandler<ContentContract, 'listPosts'> = async (input, ctx) => {
  const base = ctx.db.collection('posts');
  const query = input.status ? base.where({ status: input.status }) : base;
  const { data } = await query.orderBy('updatedAt', 'desc').limit(input.limit).get();
  const posts = data.map((raw) => parseDoc(PostDoc, raw, 'posts'));
  const progress = await progressOf(
    ctx,
    posts.filter((p) => p.status === 'published'),
  );
  return {
    posts: posts.map((p) => {
      const variants = progress.get(p._id);
      return { ...toSummary(p), ...(variants ? { variants } : {}) };
    }),
  };
};
