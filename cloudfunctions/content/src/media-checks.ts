/**
 * Post images through WeChat's image check (security.mediaCheckAsync). An image is submitted once,
 * keyed by its fileID (`media_checks`); the verdict arrives later as a message push
 * (media-verdict.ts). A post goes out only when every image passed — or, with
 * SIYU_CONTENT_SECURITY=lenient, when the check could not be reached (the image stays `unchecked`).
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { MEDIA_CHECK_STATUSES, type ImageCheck } from '@core/contracts/content';
import { AppError } from '@core/errors';
import { chunks, getAll } from '@server/db/read';
import type { ActionContext } from '@server/kit';
import { mediaCheckAsync } from '@server/security/media';
import { SecurityUnavailableError } from '@server/security/text';
import { tempUrls } from '@server/storage';

export const MediaCheckDoc = z.object({
  _id: z.string(),
  fileId: z.string(),
  /** The post that submitted it (an image checked straight after upload gets it when the post is saved). */
  postId: z.string().optional(),
  status: z.enum(MEDIA_CHECK_STATUSES),
  /** The submission's trace id: the pushed verdict names only this. Absent while `unchecked`. */
  traceId: z.string().optional(),
  label: z.number().optional(),
  reason: z.string().optional(),
  submittedAt: z.number(),
  checkedAt: z.number().optional(),
  /** A refused image's file, moved out of the post's path (media-verdict.ts says why). */
  quarantinedAs: z.string().optional(),
  quarantinedAt: z.number().optional(),
});
export type MediaCheckDoc = z.infer<typeof MediaCheckDoc>;

/** What checking images needs of an action's or a timer's context. */
export type CheckContext = Pick<ActionContext, 'db' | '_' | 'cloud' | 'now' | 'env' | 'log'>;

export const checkIdOf = (fileId: string) => `mck_${createHash('sha256').update(fileId).digest('hex').slice(0, 40)}`;

/** The scene of a post's images: 4, a social log (the closest to a Moments post), as for its text. */
const SCENE = 4;

export const QUARANTINED: readonly MediaCheckDoc['status'][] = ['risky', 'review'];

export async function readChecks(ctx: CheckContext, fileIds: readonly string[]): Promise<Map<string, MediaCheckDoc>> {
  const out = new Map<string, MediaCheckDoc>();
  for (const ids of chunks([...new Set(fileIds)].map(checkIdOf))) {
    const docs = await getAll(
      ctx.db.collection('media_checks').where({ _id: ctx._.in(ids) }),
      MediaCheckDoc,
      'media_checks',
    );
    for (const d of docs) out.set(d.fileId, d);
  }
  return out;
}

export function toImageCheck(fileID: string, doc: MediaCheckDoc | undefined): ImageCheck | null {
  if (!doc) return null;
  return {
    fileID,
    status: doc.status,
    ...(doc.reason ? { reason: doc.reason } : {}),
    ...(doc.checkedAt !== undefined ? { checkedAt: doc.checkedAt } : {}),
  };
}

/** Download URLs of the images, refused as INVALID_ARGUMENT when one names no file. */
export async function imageUrls(ctx: CheckContext, fileIds: readonly string[]): Promise<Map<string, string>> {
  const urls = fileIds.length ? await tempUrls(ctx.cloud, fileIds) : new Map<string, string>();
  fileIds.forEach((f, i) => {
    if (!urls.get(f))
      throw new AppError('INVALID_ARGUMENT', `第 ${i + 1} 张图片不存在，请重新上传`, { field: 'images' });
  });
  return urls;
}

/**
 * Submits every image not yet submitted (or left `unchecked` by an unreachable check) and links the
 * images to `postId`; answers each image's check. An image already pending or judged is not sent
 * again. When the check cannot be reached the image is recorded `unchecked`, to be tried again.
 */
export async function submitImages(
  ctx: CheckContext,
  openid: string,
  fileIds: readonly string[],
  postId?: string,
): Promise<Map<string, MediaCheckDoc>> {
  const checks = await readChecks(ctx, fileIds);
  const todo = [...new Set(fileIds)].filter((f) => {
    const c = checks.get(f);
    return !c || c.status === 'unchecked';
  });
  const col = ctx.db.collection('media_checks');
  if (postId) {
    for (const c of checks.values()) if (c.postId !== postId) await col.doc(c._id).update({ data: { postId } });
  }
  if (todo.length === 0) return checks;
  const urls = await imageUrls(ctx, todo);
  let reachable = true;
  for (const fileId of todo) {
    const now = ctx.now();
    // A re-submission keeps the post the image belongs to, whoever sends it again.
    const linked = postId ?? checks.get(fileId)?.postId;
    const base = { fileId, submittedAt: now, ...(linked ? { postId: linked } : {}) };
    let doc: MediaCheckDoc;
    try {
      // One unreachable answer is enough for this round: the rest would only wait for the same.
      if (!reachable) throw new SecurityUnavailableError('mediaCheckAsync unreachable earlier in this call');
      const traceId = await mediaCheckAsync(ctx.cloud, openid, SCENE, urls.get(fileId) ?? '');
      doc = { _id: checkIdOf(fileId), ...base, status: 'pending', traceId };
    } catch (e) {
      if (!(e instanceof SecurityUnavailableError)) throw e;
      if (reachable) ctx.log.warn('mediaCheckAsync unavailable', { error: e.message });
      reachable = false;
      // Still unreachable for an image already unchecked: nothing new to record.
      const known = checks.get(fileId);
      if (known && (!postId || known.postId === postId)) continue;
      doc = { _id: checkIdOf(fileId), ...base, status: 'unchecked' };
    }
    const { _id, ...data } = doc;
    await col.doc(_id).set({ data });
    checks.set(fileId, doc);
  }
  return checks;
}

/** Said when an image's verdict has not arrived yet. */
export const MEDIA_PENDING = '图片安全检测中，请稍候再发布';

/**
 * The images' part of publishing: refused when one was refused or held for review (named by its
 * place), when one is still being checked, or — unless lenient — when the check is unreachable.
 * Refusals write nothing but the submissions of images never submitted before.
 */
export async function gateImages(ctx: CheckContext, openid: string, post: { _id: string; images: string[] }) {
  if (post.images.length === 0) return;
  const refuse = (checks: Map<string, MediaCheckDoc>) =>
    post.images.forEach((f, i) => {
      const c = checks.get(f);
      if (c && QUARANTINED.includes(c.status)) {
        throw new AppError(
          'FAILED_PRECONDITION',
          `第 ${i + 1} 张图片未通过内容安全检测：${c.reason ?? '疑似违规内容'}`,
          {
            reason: 'media_security',
            image: i,
          },
        );
      }
    });
  refuse(await readChecks(ctx, post.images));
  const checks = await submitImages(ctx, openid, post.images, post._id);
  refuse(checks);
  const states = post.images.map((f) => checks.get(f)?.status);
  if (states.includes('pending')) {
    throw new AppError('FAILED_PRECONDITION', MEDIA_PENDING, { reason: 'media_pending' });
  }
  if (states.includes('unchecked')) {
    if (ctx.env().contentSecurity !== 'lenient') {
      throw new AppError('FAILED_PRECONDITION', '图片安全检测暂时不可用，请稍后再发布', {
        reason: 'security_unavailable',
      });
    }
    // Logged at error level so function-error monitoring sees every image that went out unchecked.
    ctx.log.error('mediaCheckAsync unavailable; publishing images unchecked (SIYU_CONTENT_SECURITY=lenient)', {
      postId: post._id,
    });
  }
}
