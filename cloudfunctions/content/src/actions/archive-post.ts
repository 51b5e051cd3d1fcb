import type { ContentContract } from '@core/contracts/content';
import { AppError } from '@core/errors';
import type { PostDoc } from '@server/data/posts';
import type { ActionContext, ActionHandler } from '@server/kit';
import { errorText } from '@server/kit/log';
import { loadPost } from '../posts';
import { releasePost } from '../release';
import { removeRewrites } from '../rewrites';

/**
 * Wall time archiving spends deleting what the post made (~50 files per storage call); what is
 * left then is deleted by the releaseStorage timer, so a post with thousands of guides still
 * archives well inside the function's timeout.
 */
export const ARCHIVE_RELEASE_MS = 5_000;

/**
 * What archiving leaves undone after the status change: the AI rewrites, the previews and the
 * variants' images. Housekeeping: a failure is logged and left for the next archive or the
 * timer, never failing the operator's action, whose own change is already made.
 */
async function clearUp(ctx: ActionContext, post: PostDoc): Promise<void> {
  await removeRewrites(ctx, post._id);
  if (post.releasedAt !== undefined) return;
  try {
    await releasePost(ctx, post, Date.now() + ARCHIVE_RELEASE_MS);
  } catch (e) {
    ctx.log.warn('archived post not released', { postId: post._id, error: errorText(e) });
  }
}

/** Takes a post out of every feed (from any status) and deletes what it made. Archiving twice answers the same. */
export const archivePost: ActionHandler<ContentContract, 'archivePost'> = async (input, ctx) => {
  const post = await loadPost(ctx.db, input.id);
  if (post.status === 'archived') {
    // Archiving again also retries the housekeeping a first archive may have left undone.
    await clearUp(ctx, post);
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
  await clearUp(ctx, post);
  return { id: post._id, status: 'archived' };
};
