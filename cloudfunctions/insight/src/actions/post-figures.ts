import type { InsightContract } from '@core/contracts/insight';
import { AppError } from '@core/errors';
import { PostDoc } from '@server/data/posts';
import { getDoc, parseDoc } from '@server/db/read';
import type { Condition } from '@server/db/types';
import type { ActionContext, ActionHandler } from '@server/kit';
import { postFiguresFor, type PostRef } from '../post-figures';
import { storeScope } from '../scope';

const PostHead = PostDoc.pick({ _id: true, title: true, publishedAt: true, status: true });

const refOf = (p: { _id: string; title: string; publishedAt?: number | undefined }): PostRef => ({
  id: p._id,
  title: p.title,
  ...(p.publishedAt !== undefined ? { publishedAt: p.publishedAt } : {}),
});

export const postFigures: ActionHandler<InsightContract, 'postFigures'> = async (input, ctx) => {
  const storeId = await storeScope(ctx, input.storeId);
  const post = await getDoc(ctx.db.collection('posts').doc(input.postId), PostHead, 'posts');
  if (!post) throw new AppError('NOT_FOUND', '素材不存在');
  const [figures] = await postFiguresFor(ctx.db, [refOf(post)], storeId);
  if (!figures) throw new AppError('NOT_FOUND', '素材不存在');
  return figures;
};

/** The most recently published posts (for a store: those whose audience includes it). */
export async function recentPostRefs(ctx: Pick<ActionContext, 'db' | '_'>, limit: number, storeId?: string) {
  const _ = ctx._;
  const where = storeId
    ? (_.and({ status: 'published' }, _.or({ allStores: true }, { storeIds: storeId })) as Condition)
    : { status: 'published' };
  const { data } = await ctx.db.collection('posts').where(where).orderBy('publishedAt', 'desc').limit(limit).get();
  return data.map((raw) => refOf(parseDoc(PostHead, raw, 'posts')));
}

export const recentPosts: ActionHandler<InsightContract, 'recentPosts'> = async (input, ctx) => {
  const storeId = await storeScope(ctx, input.storeId);
  return { rows: await postFiguresFor(ctx.db, await recentPostRefs(ctx, input.limit, storeId), storeId) };
};
