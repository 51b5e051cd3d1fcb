import { PostDoc } from '@server/data/posts';
import { getAll } from '@server/db/read';
import type { TimerContext } from '@server/kit';
import { errorText } from '@server/kit/log';
import { loadAudience } from '../audience';
import { claimable } from '../fanout/claim';
import { startRunners } from '../fanout/dispatch';
import { planJobs } from '../fanout/plan';
import { progressOf } from '../fanout/progress';
import { runBatches } from '../fanout/runner';
import { firingTime } from '../publish-due';

/** Posts published this long ago or less still get their variants made ahead. */
export const PRERENDER_WINDOW_MS = 24 * 3600_000;

export interface PrepareResult {
  /** Published posts in the window. */
  posts: number;
  /** Variants of the batches this firing finished (made now, or found made). */
  made: number;
  failed: number;
  /** Guides of the posts' batches still waiting or being made after this firing. */
  remaining: number;
}

/**
 * Timer trigger (config.json, every minute): the fan-out's safety net. Plans the batches of
 * recently published posts that lack them (a publish whose fan-out did not start, guides who joined
 * since), takes a batch itself, then starts runners for whatever else waits (queued batches, and
 * batches whose runner died: their lease expired), up to SIYU_VARIANT_RUNNERS, and makes batches
 * until its budget is used. With SIYU_VARIANT_RUNNERS=0 it is the only maker besides the guides'
 * own openings. The variant's unique id lets only one of two makers store a variant.
 */
export async function prepareVariants(fired: TimerContext): Promise<PrepareResult> {
  const started = Date.now();
  const budgetMs = fired.env().variantRunnerBudgetMs;
  // The firing's own clock (its stated time, see firingTime): leases expire by it, so a firing
  // "at" a later moment finds the batches a dead runner left.
  const skew = firingTime(fired) - fired.now();
  const ctx: TimerContext = { ...fired, now: () => fired.now() + skew };
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
  for (const post of posts) {
    try {
      await planJobs(ctx, post, await loadAudience(ctx.db, post));
    } catch (e) {
      ctx.log.error('prepareVariants: batches not planned', { postId: post._id, error: errorText(e) });
    }
  }
  const startOthers = async () => {
    let waiting = 0;
    for (const where of claimable(ctx)) waiting += (await ctx.db.collection('variant_jobs').where(where).count()).total;
    const running = (
      await ctx.db
        .collection('variant_jobs')
        .where({ status: 'running', leaseUntil: _.gte(ctx.now()) })
        .count()
    ).total;
    // This firing holds one of the running batches; the others are already someone's.
    await startRunners(ctx, Math.min(waiting, Math.max(0, ctx.env().variantRunners - (running - 1))));
  };
  const done = await runBatches(ctx, ctx.requestId, budgetMs - (Date.now() - started), undefined, startOthers);
  const progress = await progressOf(ctx, posts);
  let remaining = 0;
  for (const p of progress.values()) remaining += p.total - p.made - p.failed;
  const result: PrepareResult = { posts: posts.length, made: done.made, failed: done.failed, remaining };
  if (result.made || result.failed || result.remaining) ctx.log.info('prepareVariants', { ...result });
  return result;
}
