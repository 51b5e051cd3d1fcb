import { PostDoc } from '@server/data/posts';
import { parseDoc } from '@server/db/read';
import type { TimerContext } from '@server/kit';
import { errorText } from '@server/kit/log';
import { PreviewDoc } from '../documents';
import { firingTime } from '../publish-due';
import { releasePost, releasePreviews } from '../release';
import { expireVariants } from './expire-variants';

/** A preview serves while HQ edits the post; a day later it is of no more use. */
export const PREVIEW_TTL_MS = 24 * 3600_000;
/** Wall time one firing may spend deleting; the content function's timeout (config.json) is above it. */
export const RELEASE_BUDGET_MS = 10_000;
/** Previews and posts looked at per firing; the next firing goes on. */
const BATCH = 50;

export interface ReleaseResult {
  /** Previews a day old whose files were deleted. */
  previews: number;
  /** Archived posts still holding files, looked at. */
  posts: number;
  /** Of those, the posts left with nothing. */
  released: number;
  /** Variants whose images passed the retention and were deleted (made again when opened). */
  expired: number;
  /** Finished fan-out batches removed after the retention. */
  jobs: number;
}

/**
 * Timer trigger (config.json, hourly): deletes previews a day old, what archived posts still hold
 * (release.ts says what and why), and variant images past the retention (expire-variants.ts). Each step is safe to repeat, so an overlapping or failed
 * firing is made good by the next.
 */
export async function releaseStorage(ctx: TimerContext): Promise<ReleaseResult> {
  const deadline = Date.now() + RELEASE_BUDGET_MS;
  const _ = ctx._;
  const result: ReleaseResult = { previews: 0, posts: 0, released: 0, expired: 0, jobs: 0 };
  const stale = await ctx.db
    .collection('post_previews')
    .where({ updatedAt: _.lt(firingTime(ctx) - PREVIEW_TTL_MS) })
    .limit(BATCH)
    .get();
  for (const raw of stale.data) {
    if (Date.now() > deadline) break;
    const preview = parseDoc(PreviewDoc, raw, 'post_previews');
    try {
      await releasePreviews(ctx, preview._id);
      result.previews += 1;
    } catch (e) {
      ctx.log.error('releaseStorage: preview not deleted', { postId: preview._id, error: errorText(e) });
    }
  }
  const archived = await ctx.db
    .collection('posts')
    .where({ status: 'archived', releasedAt: _.exists(false) })
    .limit(BATCH)
    .get();
  for (const raw of archived.data) {
    if (Date.now() > deadline) break;
    const post = parseDoc(PostDoc, raw, 'posts');
    result.posts += 1;
    try {
      if (await releasePost(ctx, post, deadline)) result.released += 1;
    } catch (e) {
      ctx.log.error('releaseStorage: archived post not released', { postId: post._id, error: errorText(e) });
    }
  }
  const expired = await expireVariants(ctx, firingTime(ctx), deadline);
  result.expired = expired.variants;
  result.jobs = expired.jobs;
  if (result.previews || result.posts || result.expired || result.jobs) ctx.log.info('releaseStorage', { ...result });
  return result;
}
