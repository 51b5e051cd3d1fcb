import type { ContentContract } from '@core/contracts/content';
import { AppError } from '@core/errors';
import type { ActionHandler } from '@server/kit';
import { loadPost } from '../posts';
import { removeRewrites } from '../rewrites';

/** Takes a post out of every feed (from any status), and drops its AI rewrites. Archiving twice answers the same. */
export const archivePost: ActionHandler<ContentContract, 'archivePost'> = async (input, ctx) => {
  const post = await loadPost(ctx.db, input.id);
  if (post.status === 'archived') {
    // Archiving again also retries the housekeeping a first archive may have left undone.
    await removeRewrites(ctx, post._id);
    return { id: post._id, status: 'archived' };
  }
  const now = ctx.now();
  const res = await ctx.db
    .collection('posts')
    .where({ _id: post._id, status: ctx._.neq('archived') })
    .update({ data: { status: 'archived', archivedAt: now, updatedAt: now } });
  if (res.stats.updated !== 1) {
    const again = await loadPost(ctx.db, input.id);
    if (again.status !== 'archived') throw new AppError('FAILED_PRECONDITION', '归档失败，请刷新后重试');
  }
  await removeRewrites(ctx, post._id);
  return { id: post._id, status: 'archived' };
};
