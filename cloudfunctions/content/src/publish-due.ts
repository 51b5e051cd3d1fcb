import { getAll } from '@server/db/read';
import type { TimerContext } from '@server/kit';
import { PostDoc } from '@server/data/posts';
import { AppError } from '@core/errors';
import { fanOut } from './fanout/runner';
import { gateImages } from './media-checks';
import { holdScheduled } from './withdraw';

/**
 * Timer trigger (config.json, every minute): publishes scheduled posts whose time has come. The
 * update is conditional on status and revision, so two overlapping runs, or an edit that took the
 * post back to draft meanwhile, never publish twice or publish the wrong text. A post whose images
 * are still being checked (media-checks.ts) stays scheduled; one with a refused image goes back to a
 * draft with a notice to HQ (withdraw.ts). Each post published
 * starts its variants' fan-out, as publishing by hand does.
 */
export async function publishDue(ctx: TimerContext): Promise<{ published: string[] }> {
  const now = firingTime(ctx);
  const _ = ctx._;
  const due = await getAll(
    ctx.db.collection('posts').where({ status: 'scheduled', publishAt: _.lte(now) }),
    PostDoc,
    'posts',
    { max: 1000 },
  );
  const published: string[] = [];
  for (const post of due) {
    try {
      await gateImages(ctx, post.createdBy, post);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      if (e.details?.reason === 'media_security') {
        // A refused image never clears: back to a draft, and HQ is told.
        await holdScheduled(ctx, post._id, post.rev, e.message);
      } else {
        // Pending, or the check unreachable: stays scheduled and goes out at a later firing.
        ctx.log.warn('publishDue: images hold the post back', { postId: post._id, reason: e.message });
      }
      continue;
    }
    const res = await ctx.db
      .collection('posts')
      .where({ _id: post._id, status: 'scheduled', rev: post.rev })
      .update({ data: { status: 'published', publishedAt: now, updatedAt: now } });
    if (res.stats.updated === 1) {
      published.push(post._id);
      await fanOut(ctx, { ...post, status: 'published', publishedAt: now });
    }
  }
  if (due.length) ctx.log.info('publishDue', { due: due.length, published: published.length });
  return { published };
}

/**
 * The time this firing stands for: the trigger's stated time, or the clock when that is later
 * (a late firing still publishes everything due by now). Going by the stated time lets the local
 * cloud fire a trigger "at" a chosen moment, which is how the tests move time forward.
 */
export function firingTime(ctx: TimerContext): number {
  const stated = ctx.trigger.time ? Date.parse(ctx.trigger.time) : Number.NaN;
  return Number.isFinite(stated) ? Math.max(stated, ctx.now()) : ctx.now();
}
