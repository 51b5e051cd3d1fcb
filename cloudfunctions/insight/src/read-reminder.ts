/** 顾客读完提醒: tells a guide when someone read a post they shared for READ_REMINDER_SECONDS. */
import { READ_REMINDER_SECONDS } from '@core/limits';
import { PostDoc } from '@server/data/posts';
import type { VisitDoc } from '@server/data/visits';
import { getDoc } from '@server/db/read';
import type { ActionContext } from '@server/kit';
import { queueIfSubscribed, thing } from '@server/notify';

/** Called once the visit's reading time moved from `before` to `after`; queues at the crossing only. */
export async function remindLongRead(
  ctx: ActionContext,
  visit: VisitDoc,
  before: number,
  after: number,
): Promise<void> {
  if (visit.sharerRole !== 'guide' || !visit.postId) return;
  if (before >= READ_REMINDER_SECONDS || after < READ_REMINDER_SECONDS) return;
  const now = ctx.now();
  try {
    const post = await getDoc(ctx.db.collection('posts').doc(visit.postId), PostDoc, 'posts');
    await queueIfSubscribed(
      ctx.db,
      {
        openid: visit.sharer,
        kind: 'read',
        key: visit._id,
        data: { thing1: thing(post?.title ?? '你分享的内容'), thing2: '一位顾客读了1分钟以上' },
        page: 'pages/customers/index',
        dueAt: now,
      },
      now,
    );
  } catch (e) {
    // The reading time is recorded; a reminder that could not be queued must not fail the report.
    ctx.log.warn('remindLongRead: reminder not queued', { error: (e as Error).message });
  }
}
