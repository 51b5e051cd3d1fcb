import type { ContentContract, SecurityVerdict } from '@core/contracts/content';
import { AppError } from '@core/errors';
import type { ActionHandler } from '@server/kit';
import { checkContent, SecurityUnavailableError } from '../security';
import { fanOut } from '../fanout/runner';
import { gateImages } from '../media-checks';
import { loadPost } from '../posts';

/** How far ahead a post may be scheduled. */
const MAX_SCHEDULE_MS = 60 * 24 * 3600_000;
/** A time closer than this is "now" in the operator's mind, and the timer might miss it by a minute anyway. */
const MIN_SCHEDULE_LEAD_MS = 60_000;

/**
 * Publishes a draft now, or schedules it (the publishDue timer then publishes it). Either way the
 * images (media-checks.ts) and the title and body pass WeChat's content security first; once published, the guides' variants are
 * planned in batches and made by parallel invocations (fanout/); a refusal is stored on the post and its
 * reason shown to the operator. Re-scheduling a scheduled post moves its time.
 */
export const publishPost: ActionHandler<ContentContract, 'publishPost'> = async (input, ctx) => {
  const now = ctx.now();
  if (input.publishAt !== undefined) {
    if (input.publishAt < now + MIN_SCHEDULE_LEAD_MS) {
      throw new AppError('INVALID_ARGUMENT', '定时发布时间需晚于当前时间至少 1 分钟', { field: 'publishAt' });
    }
    if (input.publishAt > now + MAX_SCHEDULE_MS) {
      throw new AppError('INVALID_ARGUMENT', '定时发布时间不能超过 60 天', { field: 'publishAt' });
    }
  }
  const post = await loadPost(ctx.db, input.id);
  if (post.status === 'published') throw new AppError('FAILED_PRECONDITION', '素材已发布');
  if (post.status === 'archived') throw new AppError('FAILED_PRECONDITION', '素材已归档，不能发布');
  if (post.status === 'withdrawn') throw new AppError('FAILED_PRECONDITION', '素材已被撤回，不能再发布');

  // The images first: a refused or unchecked image stops the post before its text is checked.
  await gateImages(ctx, ctx.caller.openid, post);
  let verdict: SecurityVerdict;
  try {
    verdict = await checkContent(ctx.cloud, ctx.caller.openid, `${post.title}\n${post.body}`, now);
  } catch (e) {
    if (!(e instanceof SecurityUnavailableError)) throw e;
    if (ctx.env().contentSecurity !== 'lenient') {
      ctx.log.warn('msgSecCheck unavailable', { error: e.message });
      throw new AppError('FAILED_PRECONDITION', '内容安全检测暂时不可用，请稍后再发布');
    }
    // Logged at error level so function-error monitoring sees every post that went out unchecked.
    ctx.log.error('msgSecCheck unavailable; publishing unchecked (SIYU_CONTENT_SECURITY=lenient)', {
      error: e.message,
      postId: post._id,
    });
    verdict = { suggest: 'pass', label: 0, checkedAt: now, unchecked: true };
  }
  const posts = ctx.db.collection('posts');
  // Every write is conditional on the revision checked, so an edit racing the check is not published.
  const same = { _id: post._id, rev: post.rev, status: ctx._.in(['draft', 'scheduled']) };
  if (verdict.suggest !== 'pass') {
    await posts.where(same).update({ data: { security: verdict } });
    throw new AppError('FAILED_PRECONDITION', verdict.reason ?? '未通过内容安全检测，请修改后再发布', {
      reason: 'content_security',
      label: verdict.label,
    });
  }
  const data =
    input.publishAt === undefined
      ? { status: 'published', publishedAt: now, publishAt: ctx._.remove(), security: verdict, updatedAt: now }
      : { status: 'scheduled', publishAt: input.publishAt, security: verdict, updatedAt: now };
  const res = await posts.where(same).update({ data });
  if (res.stats.updated !== 1) throw new AppError('FAILED_PRECONDITION', '素材已被其他人修改或发布，请刷新后重试');
  // Published now: every guide's variant gets made at once, in parallel batches.
  if (input.publishAt === undefined) await fanOut(ctx, { ...post, status: 'published', publishedAt: now });
  return input.publishAt === undefined
    ? { id: post._id, status: 'published' }
    : { id: post._id, status: 'scheduled', publishAt: input.publishAt };
};
