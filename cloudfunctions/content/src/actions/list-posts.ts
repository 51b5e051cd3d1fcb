import type { ContentContract } from '@core/contracts/content';
import { PostDoc } from '@server/data/posts';
import { parseDoc } from '@server/db/read';
import type { ActionHandler } from '@server/kit';
import { toSummary } from '../posts';

/** The console's post list, newest edit first, optionally one status. */
export const listPosts: ActionHandler<ContentContract, 'listPosts'> = async (input, ctx) => {
  const base = ctx.db.collection('posts');
  const query = input.status ? base.where({ status: input.status }) : base;
  const { data } = await query.orderBy('updatedAt', 'desc').limit(input.limit).get();
  return { posts: data.map((raw) => toSummary(parseDoc(PostDoc, raw, 'posts'))) };
};
