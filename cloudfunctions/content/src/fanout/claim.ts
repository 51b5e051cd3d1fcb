/**
 * Claiming and finishing batches. Every transition is one conditional update on the fields the
 * claimer read (status, lease, attempts; owner for a finish), so two runners never hold one batch,
 * a runner that lost its lease (it outlived it) finishes nothing, and a batch's count is written by
 * the one finish that wins.
 */
import { createHash } from 'node:crypto';
import type { PostDoc } from '@server/data/posts';
import { parseDoc } from '@server/db/read';
import type { Condition } from '@server/db/types';
import { errorText } from '@server/kit/log';
import type { Ctx } from '../guide-text';
import { JobDoc, LEASE_MS, MAX_ATTEMPTS, RETRY_DELAY_MS } from './jobs';

/** Candidates read per claim; runners start at different ones so they rarely race for the same. */
const CLAIM_WINDOW = 20;

const jobs = (ctx: Ctx) => ctx.db.collection('variant_jobs');

/** Batches that may be claimed now: queued and due, or running with an expired lease. */
export function claimable(ctx: Ctx, postId?: string): Condition[] {
  const now = ctx.now();
  const post = postId ? { postId } : {};
  return [
    { ...post, status: 'queued', leaseUntil: ctx._.lte(now) },
    { ...post, status: 'running', leaseUntil: ctx._.lt(now) },
  ];
}

/** The first batch this runner wins, or null when none is left to claim. */
export async function claimJob(ctx: Ctx, owner: string, postId?: string): Promise<JobDoc | null> {
  for (const where of claimable(ctx, postId)) {
    const found = await jobs(ctx)
      .where(where)
      .orderBy('priority', 'desc')
      .orderBy('batch', 'asc')
      .limit(CLAIM_WINDOW)
      .get();
    const list = found.data.map((raw) => parseDoc(JobDoc, raw, 'variant_jobs'));
    if (list.length === 0) continue;
    // The most urgent first; among equals each runner starts at its own offset.
    const top = list.filter((j) => j.priority === list[0]?.priority);
    const start = createHash('sha256').update(owner).digest().readUInt32BE(0) % top.length;
    const order = [...top.slice(start), ...top.slice(0, start), ...list.slice(top.length)];
    for (const job of order) {
      const now = ctx.now();
      const same = { _id: job._id, status: job.status, leaseUntil: job.leaseUntil, attempts: job.attempts };
      if (job.attempts >= MAX_ATTEMPTS) {
        // Its last attempt died without finishing (a crash or a kill each time): give it up.
        await jobs(ctx)
          .where(same)
          .update({ data: { status: 'failed', owner: ctx._.remove(), updatedAt: now, doneAt: now } });
        continue;
      }
      const lease = {
        status: 'running',
        owner,
        leaseUntil: now + LEASE_MS,
        attempts: job.attempts + 1,
        updatedAt: now,
      };
      const res = await jobs(ctx).where(same).update({ data: lease });
      if (res.stats.updated === 1) return { ...job, ...lease, status: 'running' };
    }
  }
  return null;
}

export interface JobOutcome {
  /** Guides of the batch with a variant now. */
  made: number;
  /** Guides whose variant could not be made. */
  failed: number;
  /** The time ran out before every guide was looked at. */
  yielded: boolean;
  /** The post is no longer published (archived) or was replaced: nothing more to make. */
  cancelled: boolean;
  error?: string;
  /** The variant the deadline stopped half way (handed back with the batch). */
  partial?: JobDoc['partial'];
}

/** Writes a claimed batch's outcome, if this runner still holds it. Answers whether it did. */
export async function finishJob(ctx: Ctx, job: JobDoc, outcome: JobOutcome): Promise<boolean> {
  const now = ctx.now();
  const mine = { _id: job._id, status: 'running', owner: job.owner };
  let data: Record<string, unknown>;
  if (outcome.cancelled || (!outcome.yielded && outcome.failed === 0)) {
    data = {
      status: 'done',
      made: outcome.made,
      owner: ctx._.remove(),
      partial: ctx._.remove(),
      leaseUntil: 0,
      updatedAt: now,
      doneAt: now,
    };
  } else if (outcome.failed === 0) {
    // Handed back at the deadline: not a failed attempt; the half-made variant's images are kept.
    data = {
      status: 'queued',
      made: outcome.made,
      owner: ctx._.remove(),
      partial: outcome.partial ?? ctx._.remove(),
      leaseUntil: 0,
      attempts: job.attempts - 1,
      updatedAt: now,
    };
  } else if (job.attempts >= MAX_ATTEMPTS) {
    data = {
      status: 'failed',
      made: outcome.made,
      error: outcome.error ?? '',
      owner: ctx._.remove(),
      updatedAt: now,
      doneAt: now,
    };
  } else {
    data = {
      status: 'queued',
      made: outcome.made,
      error: outcome.error ?? '',
      owner: ctx._.remove(),
      leaseUntil: now + RETRY_DELAY_MS,
      updatedAt: now,
    };
  }
  const res = await jobs(ctx).where(mine).update({ data });
  return res.stats.updated === 1;
}

/**
 * A guide opened the post before their batch was made: the batch goes to the front, so the store's
 * other guides (who likely open soon too) get theirs next. The guide's own variant is made at once
 * by their opening.
 */
export async function promoteGuide(ctx: Ctx, post: PostDoc, openid: string): Promise<void> {
  try {
    await jobs(ctx)
      .where({ postId: post._id, rev: post.rev, status: 'queued', 'guides.openid': openid, priority: 0 })
      .update({ data: { priority: 1, updatedAt: ctx.now() } });
  } catch (e) {
    ctx.log.warn('batch not moved to the front', { postId: post._id, error: errorText(e) });
  }
}
