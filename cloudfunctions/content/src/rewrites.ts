import { errorText } from '@server/kit/log';
import type { Ctx } from './guide-text';

/**
 * Removes a post's stored AI rewrites: those of revisions before `beforeRev` (an edit made them
 * stale), or all of them (the post was archived). They are only ever read for the current revision,
 * so this is housekeeping: a failure is logged and left for the next edit or archive, never failing
 * the operator's action, whose own change is already made.
 */
export async function removeRewrites(ctx: Ctx, postId: string, beforeRev?: number): Promise<void> {
  const where = beforeRev === undefined ? { postId } : { postId, rev: ctx._.lt(beforeRev) };
  try {
    const res = await ctx.db.collection('ai_rewrites').where(where).remove();
    if (res.stats.removed) ctx.log.info('ai rewrites removed', { postId, removed: res.stats.removed });
  } catch (e) {
    ctx.log.warn('ai rewrites not removed', { postId, error: errorText(e) });
  }
}
