/**
 * A runner: one invocation of the content function that claims batches of variants and makes them
 * until its time is used up or the queue is empty, then hands the chain on to a successor when
 * batches are left, so as many runners keep working as were started.
 */
import type { ContentContract } from '@core/contracts/content';
import type { PostDoc } from '@server/data/posts';
import { VariantDoc, variantId } from '@server/data/variants';
import { getAll } from '@server/db/read';
import type { ActionHandler } from '@server/kit';
import { errorText } from '@server/kit/log';
import { AppError } from '@core/errors';
import { loadAudience, type Audience } from '../audience';
import type { Ctx } from '../guide-text';
import { findPost } from '../posts';
import { VariantStopped, createVariant, type ImageBudget } from '../variant-maker';
import { planJobs } from './plan';
import { claimJob, claimable, finishJob, type JobOutcome } from './claim';
import { startRunners } from './dispatch';
import { VARIANT_BATCH, type JobDoc } from './jobs';

const Made = VariantDoc.pick({ guideOpenid: true });

interface Clock extends ImageBudget {
  /** The slowest variant so far: a new one starts only while it would still fit. */
  slowest: number;
  /** Variants made and their total time, for the estimate of the next batch. */
  count: number;
  spent: number;
}

/** Makes the missing variants of one claimed batch, until the deadline. */
async function runJob(ctx: Ctx, job: JobDoc, clock: Clock, audiences: Map<string, Audience>): Promise<JobOutcome> {
  const post = await findPost(ctx.db, job.postId);
  if (!post || post.status !== 'published' || post.rev !== job.rev)
    return { made: 0, failed: 0, yielded: false, cancelled: true };
  let audience = audiences.get(post._id);
  if (!audience) audiences.set(post._id, (audience = await loadAudience(ctx.db, post)));
  const stored = await getAll(
    ctx.db
      .collection('post_variants')
      .where({ _id: ctx._.in(job.guides.map((g) => variantId(post._id, g.openid))) })
      .field({ guideOpenid: true }),
    Made,
    'post_variants',
    { max: job.guides.length },
  );
  const have = new Set(stored.map((v) => v.guideOpenid));
  const outcome: JobOutcome = { made: have.size, failed: 0, yielded: false, cancelled: false };
  for (const guide of job.guides) {
    if (have.has(guide.openid)) continue;
    if (clock.started > 0 && Date.now() + clock.slowest > clock.deadline) {
      outcome.yielded = true;
      break;
    }
    const t0 = Date.now();
    const done = job.partial?.openid === guide.openid ? job.partial.images : undefined;
    try {
      await createVariant(post, guide, ctx, { checkAs: post.createdBy, audience, budget: clock, done });
      outcome.made += 1;
    } catch (e) {
      if (e instanceof VariantStopped) {
        outcome.yielded = true;
        outcome.partial = { openid: guide.openid, images: e.images };
        break;
      }
      if (e instanceof AppError && e.code === 'NOT_FOUND') return { ...outcome, cancelled: true };
      // One broken variant (e.g. a deleted original) must not stop the others; the batch is retried.
      outcome.failed += 1;
      outcome.error = errorText(e);
      ctx.log.error('variant failed', { postId: post._id, guide: guide.openid, error: outcome.error });
    }
    const ms = Date.now() - t0;
    clock.slowest = Math.max(clock.slowest, ms);
    clock.count += 1;
    clock.spent += ms;
  }
  return outcome;
}

/**
 * Claims and makes batches (of one post, or any) until the budget is used up; answers what it did.
 * `afterFirstClaim` runs once this runner holds its first batch (the timer starts runners for the
 * rest only then, so they cannot take the one batch it came for).
 */
export async function runBatches(
  ctx: Ctx,
  owner: string,
  budgetMs: number,
  postId?: string,
  afterFirstClaim?: () => Promise<unknown>,
): Promise<{ jobs: number; made: number; failed: number; yielded: boolean; outOfTime: boolean }> {
  const clock: Clock = { deadline: Date.now() + budgetMs, started: 0, slowest: 0, count: 0, spent: 0 };
  const audiences = new Map<string, Audience>();
  const totals = { jobs: 0, made: 0, failed: 0, yielded: false, outOfTime: false };
  for (;;) {
    // Another batch only when it is likely to fit (the average so far times a batch).
    const estimate = clock.count ? (clock.spent / clock.count) * VARIANT_BATCH : 0;
    if (Date.now() + estimate > clock.deadline) {
      totals.outOfTime = true;
      break;
    }
    const job = await claimJob(ctx, owner, postId);
    if (!job) break;
    if (totals.jobs === 0 && !totals.yielded) await afterFirstClaim?.();
    const outcome = await runJob(ctx, job, clock, audiences);
    await finishJob(ctx, job, outcome);
    totals.made += outcome.made;
    totals.failed += outcome.failed;
    if (outcome.yielded) {
      totals.yielded = true;
      totals.outOfTime = true;
      break;
    }
    totals.jobs += 1;
  }
  return totals;
}

/** Whether a batch (of the post, or any) is waiting to be claimed. */
export async function hasClaimable(ctx: Ctx, postId?: string): Promise<boolean> {
  for (const where of claimable(ctx, postId)) {
    const { total } = await ctx.db.collection('variant_jobs').where(where).count();
    if (total > 0) return true;
  }
  return false;
}

/**
 * content.runVariantJobs (internal: only another invocation of this function calls it). When its
 * time ran out with batches left, it starts one successor before it returns.
 */
export const runVariantJobs: ActionHandler<ContentContract, 'runVariantJobs'> = async (input, ctx) => {
  const done = await runBatches(ctx, ctx.requestId, ctx.env().variantRunnerBudgetMs, input.postId);
  if (done.outOfTime && (await hasClaimable(ctx, input.postId))) await startRunners(ctx, 1, input.postId);
  ctx.log.info('variant batches', { postId: input.postId, ...done });
  return { jobs: done.jobs, made: done.made, failed: done.failed, yielded: done.yielded };
};

/**
 * Plans a freshly published post's batches and starts runners for them (SIYU_VARIANT_RUNNERS at
 * most). Never throws: the post is published either way, and the timer plans and starts again.
 */
export async function fanOut(ctx: Ctx, post: PostDoc): Promise<void> {
  try {
    const audience = await loadAudience(ctx.db, post);
    const { jobs } = await planJobs(ctx, post, audience);
    await startRunners(ctx, Math.min(ctx.env().variantRunners, jobs), post._id);
  } catch (e) {
    ctx.log.error('fan-out not started; the prepareVariants timer will', { postId: post._id, error: errorText(e) });
  }
}
