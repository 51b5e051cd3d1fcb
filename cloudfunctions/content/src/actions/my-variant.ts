import type { ContentContract } from '@core/contracts/content';
import { AppError } from '@core/errors';
import type { PostDoc } from '@server/data/posts';
import { VariantDoc, variantId } from '@server/data/variants';
import { getDoc } from '@server/db/read';
import type { ActionContext, ActionHandler } from '@server/kit';
import { tempUrls } from '@server/storage';
import { promoteGuide } from '../fanout/claim';
import { callingGuide } from '../guide';
import { findPost, targetsStore } from '../posts';
import { createVariant, remakeImages } from '../variant-maker';

/** The published post a guide may open, or NOT_FOUND. */
export async function guidePost(
  ctx: ActionContext,
  postId: string,
): Promise<{ post: PostDoc; guide: { openid: string; storeId: string } }> {
  const guide = callingGuide(ctx);
  const post = await findPost(ctx.db, postId);
  if (!post || post.status !== 'published' || !targetsStore(post, guide.storeId)) {
    throw new AppError('NOT_FOUND', '素材不存在或已下架');
  }
  return { post, guide };
}

/**
 * The calling guide's own variant of a published post. Made once and stored (text in
 * post_variants, images in storage), so opening it again is a read and gives the same copy. A guide
 * never waits behind the fan-out's queue: a variant not made yet is made here and now (the wait
 * screen follows it through content.variantProgress), and the guide's batch moves to the front for
 * the store's other guides; images deleted after the retention are made again, the same bytes. The
 * first opening is recorded (openedAt): a variant made ahead has not been seen.
 */
export const myVariant: ActionHandler<ContentContract, 'myVariant'> = async (input, ctx) => {
  const { post, guide } = await guidePost(ctx, input.postId);
  const ref = ctx.db.collection('post_variants').doc(variantId(post._id, guide.openid));
  let doc = await getDoc(ref, VariantDoc, 'post_variants');
  if (!doc) {
    await promoteGuide(ctx, post, guide.openid);
    doc = await createVariant(post, guide, ctx, { progress: true, opened: true });
  } else if (doc.releasedAt !== undefined && doc.images.length === 0 && post.images.length > 0) {
    doc = await remakeImages(post, doc, ctx, { progress: true });
  }
  if (doc.openedAt === undefined) {
    // Made ahead by the fan-out: this is the guide's first opening.
    await ref.update({ data: { openedAt: ctx.now() } });
  }
  const urls = await tempUrls(ctx.cloud, doc.images);
  return {
    postId: post._id,
    title: post.title,
    text: doc.text,
    images: doc.images.map((fileID) => ({ fileID, url: urls.get(fileID) ?? '' })),
    suggestedAt: doc.suggestedAt,
    copied: doc.copiedAt !== undefined,
    saved: doc.savedAt !== undefined,
    source: doc.textSource ?? 'local',
  };
};
