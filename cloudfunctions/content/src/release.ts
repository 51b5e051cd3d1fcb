/**
 * What content deletes from storage, and when. A live post keeps its originals, one preview and its
 * guides' variants. A preview is deleted by the next preview of the post, by archiving it, or by
 * the releaseStorage timer once it is a day old; a guide's variant images by archiving the post (or
 * by the timer, for what archiving left: too many to delete in one call, or a variant made while
 * the post was being archived). Originals are never deleted here: shares of an archived post still
 * show them, and with image variation off they are the variants' images too.
 */
import type { PostDoc } from '@server/data/posts';
import { VariantDoc } from '@server/data/variants';
import { getDoc, parseDoc } from '@server/db/read';
import { runTransaction } from '@server/db/transaction';
import type { Database, DocumentRef, Transaction } from '@server/db/types';
import { errorText } from '@server/kit/log';
import { deleteFiles } from '@server/storage';
import { PreviewDoc } from './documents';
import type { Ctx } from './guide-text';

/** Variants whose images are deleted per round trip (9 images each at most: 20 deleteFile calls). */
const VARIANT_PAGE = 100;

const previewRef = (t: Database | Transaction, postId: string): DocumentRef =>
  t.collection('post_previews').doc(postId);

/** The files of `made` that this post made, i.e. not its originals (image variation off hands those out). */
export function madeFiles(post: PostDoc, made: readonly string[]): string[] {
  const originals = new Set(post.images);
  return made.filter((f) => !originals.has(f));
}

/** Deletes preview files of a post and takes them off its record (the record goes when empty). */
async function dropPreviewFiles(ctx: Ctx, postId: string, files: readonly string[]): Promise<void> {
  if (files.length === 0) return;
  await deleteFiles(ctx.cloud, files);
  const gone = new Set(files);
  await runTransaction(ctx.db, async (t) => {
    const doc = await getDoc(previewRef(t, postId), PreviewDoc, 'post_previews');
    if (!doc) return;
    const left = doc.files.filter((f) => !gone.has(f));
    if (left.length > 0) await previewRef(t, postId).set({ data: { files: left, updatedAt: doc.updatedAt } });
    else await previewRef(t, postId).remove();
  });
}

/**
 * Records the images a preview just made, then deletes the post's earlier previews. Recorded first,
 * in a transaction with the read of what was there, so every file is on the record until deleted
 * and two previews at once each delete only what the other did not record after them.
 */
export async function keepPreview(ctx: Ctx, post: PostDoc, made: readonly string[]): Promise<void> {
  const files = madeFiles(post, made);
  const earlier = await runTransaction(ctx.db, async (t) => {
    const doc = await getDoc(previewRef(t, post._id), PreviewDoc, 'post_previews');
    const kept = doc?.files ?? [];
    if (files.length > 0 || doc) {
      await previewRef(t, post._id).set({ data: { files: [...kept, ...files], updatedAt: ctx.now() } });
    }
    return kept;
  });
  try {
    await dropPreviewFiles(ctx, post._id, earlier);
  } catch (e) {
    // Still on the record: the next preview, archiving or the timer deletes them.
    ctx.log.warn('earlier preview not deleted', { postId: post._id, error: errorText(e) });
  }
}

/** Deletes every preview file of the post. */
export async function releasePreviews(ctx: Ctx, postId: string): Promise<void> {
  const doc = await getDoc(previewRef(ctx.db, postId), PreviewDoc, 'post_previews');
  if (doc) await dropPreviewFiles(ctx, postId, doc.files);
}

/** Deletes the images of these variants of `post` and marks them released (their `images` emptied). */
export async function releaseVariants(ctx: Ctx, post: PostDoc, variants: readonly VariantDoc[]): Promise<void> {
  if (variants.length === 0) return;
  await deleteFiles(
    ctx.cloud,
    madeFiles(
      post,
      variants.flatMap((v) => v.images),
    ),
  );
  await ctx.db
    .collection('post_variants')
    .where({ _id: ctx._.in(variants.map((v) => v._id)) })
    .update({ data: { images: [], releasedAt: ctx.now() } });
}

/**
 * Deletes what an archived post made (previews, variant images) until `deadline` (epoch ms of the
 * wall clock), and marks the post released once nothing is left. Answers whether it got there.
 */
export async function releasePost(ctx: Ctx, post: PostDoc, deadline: number): Promise<boolean> {
  await releasePreviews(ctx, post._id);
  const held = ctx.db
    .collection('post_variants')
    .where({ postId: post._id, releasedAt: ctx._.exists(false) })
    .limit(VARIANT_PAGE);
  for (;;) {
    const { data } = await held.get();
    if (data.length === 0) break;
    await releaseVariants(
      ctx,
      post,
      data.map((raw) => parseDoc(VariantDoc, raw, 'post_variants')),
    );
    if (Date.now() > deadline) return false;
  }
  await ctx.db
    .collection('posts')
    .where({ _id: post._id, status: 'archived' })
    .update({ data: { releasedAt: ctx.now() } });
  return true;
}
