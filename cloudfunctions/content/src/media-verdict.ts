/**
 * The pushed verdict of an image check (message push `Event: 'wxa_media_check'`, configured to
 * this function). The kit lets only the platform deliver it; it names the submission's trace id,
 * never the image, so an unknown trace id (a re-submission replaced it, or it is not ours) is
 * ignored. Recording is idempotent: a replayed push changes nothing, but finishes a quarantine a
 * dead invocation left half done.
 *
 * A refused (`risky`) or held (`review`) image is quarantined: its file is MOVED to
 * `quarantine/<check id>` and the original deleted, rather than access-restricted. Every URL already
 * handed out for the original (temporary URLs in the editor, a reader's page) stops working at
 * once, and nothing keyed by the original fileID — variants, previews, posters, the reader page —
 * can fetch it again; CloudBase's storage rules work per path prefix, so the copy sits under one
 * prefix no client rule opens, kept for an operator's appeal. A published post (lenient mode) with
 * such an image is marked `mediaBlockedAt` (no variant is made of it any more) and withdrawn, with a
 * notice to HQ (withdraw.ts); if this invocation dies in between, the recheckPosts timer withdraws it.
 */
import { downloadFile, deleteFiles, uploadFile } from '@server/storage';
import type { TimerContext } from '@server/kit';
import { mediaReason, readMediaVerdict } from '@server/security/media';
import { getAll } from '@server/db/read';
import { PostDoc } from '@server/data/posts';
import { MediaCheckDoc, QUARANTINED } from './media-checks';
import { withdrawForRefusedImage } from './withdraw';

export const QUARANTINE_PREFIX = 'quarantine/';

export async function recordMediaVerdict(
  event: Readonly<Record<string, unknown>>,
  ctx: TimerContext,
): Promise<{ recorded: boolean }> {
  const verdict = readMediaVerdict(event);
  if (!verdict) {
    ctx.log.warn('wxa_media_check push without a verdict', { trace: String(event.trace_id).slice(0, 80) });
    return { recorded: false };
  }
  const col = ctx.db.collection('media_checks');
  const [doc] = await getAll(col.where({ traceId: verdict.traceId }), MediaCheckDoc, 'media_checks', { max: 1 });
  if (!doc) {
    ctx.log.info('wxa_media_check for an unknown trace id ignored', { trace: verdict.traceId });
    return { recorded: false };
  }
  let recorded = false;
  let current = doc;
  if (doc.status === 'pending') {
    const data = {
      status: verdict.suggest,
      label: verdict.label,
      checkedAt: ctx.now(),
      ...(verdict.suggest === 'pass' ? {} : { reason: mediaReason(verdict) }),
    };
    const res = await col.where({ _id: doc._id, traceId: verdict.traceId, status: 'pending' }).update({ data });
    recorded = res.stats.updated === 1;
    if (recorded) current = { ...doc, ...data };
  }
  if (QUARANTINED.includes(current.status) && current.quarantinedAt === undefined) await quarantine(ctx, current);
  return { recorded };
}

/** Moves a refused image out of reach (see above). Safe to run again: a file already moved is not there to move. */
async function quarantine(ctx: TimerContext, doc: MediaCheckDoc): Promise<void> {
  let movedTo = doc.quarantinedAs;
  let bytes: Buffer | null = null;
  try {
    bytes = await downloadFile(ctx.cloud, doc.fileId);
  } catch {
    // Already moved by an earlier delivery that died before recording it.
  }
  if (bytes) {
    const ext = /\.[a-z0-9]{1,5}$/i.exec(doc.fileId)?.[0] ?? '';
    movedTo = await uploadFile(ctx.cloud, `${QUARANTINE_PREFIX}${doc._id}${ext}`, bytes);
    await deleteFiles(ctx.cloud, [doc.fileId]);
  }
  const now = ctx.now();
  if (doc.postId) {
    const posts = ctx.db.collection('posts');
    const res = await posts.where({ _id: doc.postId, status: 'published' }).update({ data: { mediaBlockedAt: now } });
    if (res.stats.updated === 1) {
      const [post] = await getAll(posts.where({ _id: doc.postId }), PostDoc, 'posts', { max: 1 });
      if (post) await withdrawForRefusedImage(ctx, post);
    }
  }
  // Recorded last: a delivery that dies before this is replayed and finishes the steps above.
  await ctx.db
    .collection('media_checks')
    .doc(doc._id)
    .update({ data: { quarantinedAt: now, ...(movedTo ? { quarantinedAs: movedTo } : {}) } });
  ctx.log.warn('image quarantined', { postId: doc.postId, check: doc._id });
}
