/**
 * Splitting a published post's audience into batches. Planning is repeatable: guides with a variant
 * or already in a batch of the post are left out, so the publish, the scheduled publish and the
 * timer (which catches guides who joined since) can all plan the same post. Two planners at once
 * number their batches alike, and a batch id that exists already is kept as it is.
 */
import type { PostDoc } from '@server/data/posts';
import { VariantDoc } from '@server/data/variants';
import { isDuplicateKeyError } from '@server/db/errors';
import { getAll } from '@server/db/read';
import { makingOrder, type Audience } from '../audience';
import type { Ctx } from '../guide-text';
import { mapPool } from '../pool';
import { JobDoc, VARIANT_BATCH, jobId, type JobGuide } from './jobs';

/** Batches written at once. */
const WRITE_POOL = 8;
/** Audiences above this are read in pages; a chain of 20,000 guides is the largest the model covers. */
const MAX_AUDIENCE = 20_000;

const Planned = JobDoc.pick({ batch: true, guides: true });
const Made = VariantDoc.pick({ guideOpenid: true });

export interface Plan {
  /** Batches added by this call. */
  jobs: number;
  /** Guides in them. */
  guides: number;
}

export async function planJobs(ctx: Ctx, post: PostDoc, audience: Audience): Promise<Plan> {
  const [planned, made] = await Promise.all([
    getAll(
      ctx.db.collection('variant_jobs').where({ postId: post._id, rev: post.rev }).field({ batch: true, guides: true }),
      Planned,
      'variant_jobs',
      { pageSize: 1000, max: MAX_AUDIENCE },
    ),
    getAll(
      ctx.db.collection('post_variants').where({ postId: post._id }).field({ guideOpenid: true }),
      Made,
      'post_variants',
      { pageSize: 1000, max: MAX_AUDIENCE },
    ),
  ]);
  const covered = new Set([
    ...made.map((v) => v.guideOpenid),
    ...planned.flatMap((j) => j.guides.map((g) => g.openid)),
  ]);
  const todo: JobGuide[] = makingOrder(post, audience)
    .filter((g) => !covered.has(g._id))
    .map((g) => ({ openid: g._id, storeId: g.storeId }));
  const first = planned.reduce((n, j) => Math.max(n, j.batch + 1), 0);
  const batches: JobGuide[][] = [];
  for (let i = 0; i < todo.length; i += VARIANT_BATCH) batches.push(todo.slice(i, i + VARIANT_BATCH));
  const now = ctx.now();
  const added = await mapPool(batches, WRITE_POOL, async (guides, i) => {
    const batch = first + i;
    const doc: JobDoc = {
      _id: jobId(post._id, post.rev, batch),
      postId: post._id,
      rev: post.rev,
      batch,
      guides,
      size: guides.length,
      status: 'queued',
      priority: 0,
      attempts: 0,
      leaseUntil: 0,
      made: 0,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await ctx.db.collection('variant_jobs').add({ data: doc });
      return guides.length;
    } catch (e) {
      // Another planner got there first with the same numbering; its batch stands.
      if (isDuplicateKeyError(e)) return 0;
      throw e;
    }
  });
  const guides = added.reduce((n, g) => n + g, 0);
  return { jobs: added.filter((g) => g > 0).length, guides };
}
