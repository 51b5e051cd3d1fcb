/**
 * Timer trigger (config.json, every 10 minutes): posts published unchecked while WeChat's content
 * security was unreachable (SIYU_CONTENT_SECURITY=lenient) are checked again. The text goes through
 * msgSecCheck as publishing does: a pass is stored as the post's verdict, a refusal withdraws the
 * post (withdraw.ts), an unreachable check leaves everything for the next firing. Unchecked images
 * are submitted again; their verdicts arrive as pushes (media-verdict.ts), which withdraw a published
 * post with a refused image at once; a post the push only marked `mediaBlockedAt` (it died before
 * withdrawing) is withdrawn by the next firing. Each step
 * reads a bounded batch through an index (core/db/schema.ts) and is safe to repeat.
 */
import type { SecurityVerdict } from '@core/contracts/content';
import { AppError } from '@core/errors';
import { PostDoc } from '@server/data/posts';
import { getAll } from '@server/db/read';
import type { TimerContext } from '@server/kit';
import { MediaCheckDoc, submitImages } from '../media-checks';
import { checkContent, SecurityUnavailableError } from '../security';
import { withdrawForRefusedImage, withdrawPost } from '../withdraw';

/** Posts, and images, looked at per step per firing; the next firing goes on. */
export const RECHECK_BATCH = 50;

export interface RecheckResult {
  /** Posts whose text passed now. */
  passed: string[];
  /** Posts withdrawn by this firing. */
  withdrawn: string[];
  /** Images submitted again. */
  resubmitted: number;
  /** Whether the text check was still unreachable (what was left is tried next time). */
  unreachable: boolean;
}

const TEXT_REFUSED = '未通过内容安全检测';

export async function recheckPosts(ctx: TimerContext): Promise<RecheckResult> {
  const result: RecheckResult = { passed: [], withdrawn: [], resubmitted: 0, unreachable: false };
  await recheckTexts(ctx, result);
  await resubmitImages(ctx, result);
  await withdrawBlocked(ctx, result);
  const { passed, withdrawn, resubmitted, unreachable } = result;
  if (passed.length + withdrawn.length + resubmitted > 0 || unreachable) {
    ctx.log.info('recheckPosts', { passed: passed.length, withdrawn: withdrawn.length, resubmitted, unreachable });
  }
  return result;
}

/**
 * The new verdict as field paths, dropping `unchecked`: an update given a nested object merges it
 * into the old verdict in the cloud database, so the old `unchecked: true` would stay.
 */
function verdictFields(verdict: SecurityVerdict, _: TimerContext['_']): Record<string, unknown> {
  return {
    'security.suggest': verdict.suggest,
    'security.label': verdict.label,
    'security.checkedAt': verdict.checkedAt,
    'security.reason': verdict.reason ?? _.remove(),
    'security.unchecked': _.remove(),
  };
}

async function recheckTexts(ctx: TimerContext, result: RecheckResult): Promise<void> {
  const _ = ctx._;
  const posts = ctx.db.collection('posts');
  const unchecked = { 'security.unchecked': true, status: 'published' };
  const due = await getAll(posts.where(unchecked).limit(RECHECK_BATCH), PostDoc, 'posts', { max: RECHECK_BATCH });
  for (const post of due) {
    let verdict: SecurityVerdict;
    try {
      // As the operator who published it, like publishing (the check wants a user's openid).
      verdict = await checkContent(ctx.cloud, post.createdBy, `${post.title}\n${post.body}`, ctx.now());
    } catch (e) {
      if (!(e instanceof SecurityUnavailableError)) throw e;
      // Still down: the rest would only wait for the same answer.
      result.unreachable = true;
      return;
    }
    if (verdict.suggest === 'pass') {
      const res = await posts.where({ _id: post._id, ...unchecked }).update({ data: verdictFields(verdict, _) });
      if (res.stats.updated === 1) result.passed.push(post._id);
      continue;
    }
    if (await withdrawPost(ctx, post._id, verdict.reason ?? TEXT_REFUSED, verdictFields(verdict, _))) {
      result.withdrawn.push(post._id);
    }
  }
}

async function resubmitImages(ctx: TimerContext, result: RecheckResult): Promise<void> {
  const _ = ctx._;
  const left = await getAll(
    ctx.db
      .collection('media_checks')
      .where({ status: 'unchecked', postId: _.exists(true) })
      .limit(RECHECK_BATCH),
    MediaCheckDoc,
    'media_checks',
    { max: RECHECK_BATCH },
  );
  const byPost = new Map<string, string[]>();
  for (const c of left) if (c.postId) byPost.set(c.postId, [...(byPost.get(c.postId) ?? []), c.fileId]);
  if (byPost.size === 0) return;
  const posts = await getAll(
    ctx.db.collection('posts').where({ _id: _.in([...byPost.keys()]), status: 'published' }),
    PostDoc,
    'posts',
    { max: RECHECK_BATCH },
  );
  for (const post of posts) {
    const files = byPost.get(post._id) ?? [];
    try {
      const checks = await submitImages(ctx, post.createdBy, files, post._id);
      result.resubmitted += files.filter((f) => checks.get(f)?.status !== 'unchecked').length;
    } catch (e) {
      // A file gone from storage: nothing to check, and the post's other images go on.
      if (!(e instanceof AppError)) throw e;
      ctx.log.warn('recheckPosts: image not submitted again', { postId: post._id, reason: e.message });
    }
  }
}

async function withdrawBlocked(ctx: TimerContext, result: RecheckResult): Promise<void> {
  const blocked = await getAll(
    ctx.db
      .collection('posts')
      .where({ mediaBlockedAt: ctx._.exists(true), status: 'published' })
      .limit(RECHECK_BATCH),
    PostDoc,
    'posts',
    { max: RECHECK_BATCH },
  );
  for (const post of blocked) {
    if (await withdrawForRefusedImage(ctx, post)) result.withdrawn.push(post._id);
  }
}
