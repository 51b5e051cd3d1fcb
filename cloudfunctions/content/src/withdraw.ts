/**
 * Withdrawal of a published post that a re-check refused (timers/recheck-posts.ts): the post leaves
 * every feed and the reader page (status `withdrawn`) and HQ gets one notice saying why. Both are
 * written in one transaction conditional on the post still being published, so two overlapping
 * timers withdraw once and a notice never exists without its withdrawal (or the reverse).
 *
 * A scheduled post whose image was refused before its time is held the same way: taken back to a
 * draft (publishDue would otherwise try it every minute for ever, and HQ believe it went out) with
 * a notice `held:<postId>`, so HQ learns it did not go out and why.
 */
import * as z from 'zod';
import { HQ_NOTICE_KINDS } from '@core/contracts/content';
import { PostDoc } from '@server/data/posts';
import { getDoc } from '@server/db/read';
import { runTransaction } from '@server/db/transaction';
import type { TimerContext } from '@server/kit';
import { QUARANTINED, readChecks } from './media-checks';

/** `_id` = `<kind>:<postId>`: one notice per withdrawal or hold, whichever firing wrote it. */
export const NoticeDoc = z.object({
  _id: z.string(),
  kind: z.enum(HQ_NOTICE_KINDS),
  postId: z.string(),
  title: z.string(),
  /** The check's Chinese reason, as HQ sees it when publishing is refused. */
  reason: z.string(),
  createdAt: z.number(),
  /** When HQ opened the notice list after it was written; absent while unread. */
  readAt: z.number().optional(),
});
export type NoticeDoc = z.infer<typeof NoticeDoc>;

export const noticeIdOf = (postId: string, kind: NoticeDoc['kind'] = 'withdrawn') => `${kind}:${postId}`;

const PostFields = PostDoc.pick({ _id: true, title: true, status: true, rev: true });

/** `also`: further fields of the post to write with it (the refusing verdict). Answers whether this call withdrew the post (false: it was no longer published). */
export async function withdrawPost(
  ctx: Pick<TimerContext, 'db' | 'now' | 'log'>,
  postId: string,
  reason: string,
  also: Record<string, unknown> = {},
): Promise<boolean> {
  const now = ctx.now();
  const done = await runTransaction(ctx.db, async (t) => {
    const ref = t.collection('posts').doc(postId);
    const post = await getDoc(ref, PostFields, 'posts');
    if (post?.status !== 'published') return false;
    await ref.update({
      data: { ...also, status: 'withdrawn', withdrawnAt: now, withdrawnReason: reason, updatedAt: now },
    });
    const notice: Omit<NoticeDoc, '_id'> = { kind: 'withdrawn', postId, title: post.title, reason, createdAt: now };
    await t.collection('hq_notices').doc(noticeIdOf(postId)).set({ data: notice });
    return true;
  });
  if (done) ctx.log.warn('post withdrawn after a re-check', { postId, reason });
  return done;
}

/**
 * Takes a scheduled post whose image was refused back to a draft, with HQ's notice; conditional on
 * it being still scheduled at the revision publishDue read (an edit meanwhile wins). A later
 * schedule held again writes the notice afresh (unread).
 */
export async function holdScheduled(
  ctx: Pick<TimerContext, 'db' | '_' | 'now' | 'log'>,
  postId: string,
  rev: number,
  reason: string,
): Promise<boolean> {
  const now = ctx.now();
  const done = await runTransaction(ctx.db, async (t) => {
    const ref = t.collection('posts').doc(postId);
    const post = await getDoc(ref, PostFields, 'posts');
    if (post?.status !== 'scheduled' || post.rev !== rev) return false;
    await ref.update({ data: { status: 'draft', publishAt: ctx._.remove(), updatedAt: now } });
    const notice: Omit<NoticeDoc, '_id'> = { kind: 'held', postId, title: post.title, reason, createdAt: now };
    await t.collection('hq_notices').doc(noticeIdOf(postId, 'held')).set({ data: notice });
    return true;
  });
  if (done) ctx.log.warn('scheduled post held back: an image was refused', { postId, reason });
  return done;
}

/**
 * Withdraws a published post one of whose images was refused after it went out (published
 * unchecked in lenient mode, or re-submitted by the re-check): called by the verdict's push as soon
 * as the image is quarantined, and by the recheckPosts timer for a post the push marked
 * `mediaBlockedAt` but could not withdraw (its invocation died in between). The reason names the
 * image as publishing would.
 */
export async function withdrawForRefusedImage(
  ctx: Pick<TimerContext, 'db' | '_' | 'cloud' | 'now' | 'env' | 'log'>,
  post: { _id: string; images: readonly string[] },
): Promise<boolean> {
  const checks = await readChecks(ctx, post.images);
  const place = post.images.findIndex((f) => QUARANTINED.includes(checks.get(f)?.status ?? 'pass'));
  if (place < 0) return false;
  const reason = checks.get(post.images[place]!)?.reason ?? '疑似违规内容';
  return withdrawPost(ctx, post._id, `第 ${place + 1} 张图片未通过内容安全检测：${reason}`);
}
