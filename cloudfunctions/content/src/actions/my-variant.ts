import type { ContentContract } from '@core/contracts/content';
import { AppError } from '@core/errors';
import type { PostDoc } from '@server/data/posts';
import { VariantDoc, variantId } from '@server/data/variants';
import { isDuplicateKeyError } from '@server/db/errors';
import { getDoc } from '@server/db/read';
import type { ActionContext, ActionHandler } from '@server/kit';
import { tempUrls } from '@server/storage';
import { callingGuide } from '../guide';
import { makeGuideText } from '../guide-text';
import { mapPool } from '../pool';
import { findPost, targetsStore } from '../posts';
import { releaseVariants } from '../release';
import { staggerOrder, suggestPostingTime } from '../schedule';
import { activeGuides } from '../stores';
import { audienceIndex, makeImageVariant, variantCloudPath } from '../variants';

/**
 * Images made at once. Measured in bench/content.bench.ts on 2 cores: 3 keeps both cores busy while
 * one image waits on storage, and holds at most 3 decoded 1080² images (~3.5 MB each) at a time.
 */
export const IMAGE_POOL = 3;

/**
 * The calling guide's own variant of a published post. Made once and stored (text in
 * post_variants, images in storage), so opening it again is a read and gives the same copy.
 */
export const myVariant: ActionHandler<ContentContract, 'myVariant'> = async (input, ctx) => {
  const guide = callingGuide(ctx);
  const post = await findPost(ctx.db, input.postId);
  if (!post || post.status !== 'published' || !targetsStore(post, guide.storeId)) {
    throw new AppError('NOT_FOUND', '素材不存在或已下架');
  }
  const ref = ctx.db.collection('post_variants').doc(variantId(post._id, guide.openid));
  const doc = (await getDoc(ref, VariantDoc, 'post_variants')) ?? (await createVariant(post, guide, ctx));
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

/**
 * Makes and stores one guide's variant; also the content.prepareVariants timer's producer (which
 * has no caller, hence the context without one). `checkAs` is the openid an AI text's msgSecCheck
 * is asked for (v2 wants someone who used the app in the last two hours): the guide when they open
 * it, the post's author when the timer renders ahead.
 */
export async function createVariant(
  post: PostDoc,
  guide: { openid: string; storeId: string },
  ctx: Omit<ActionContext, 'caller'>,
  checkAs: string = guide.openid,
): Promise<VariantDoc> {
  const started = Date.now();
  // The audience gives the guide a place (distinct text, and a codeword in the image engine) and a
  // place among the store's guides (stagger).
  const audience = await activeGuides(ctx.db, post.allStores ? undefined : post.storeIds);
  const guideIndex = audienceIndex(audience, guide.openid);
  // The text (an AI call when switched on) runs while the images are made.
  const textMade = makeGuideText(post, guide.openid, ctx, checkAs, guideIndex);
  textMade.catch(() => undefined);
  const images = await mapPool(post.images, IMAGE_POOL, (_, i) =>
    makeImageVariant(ctx.cloud, post, {
      guideOpenid: guide.openid,
      index: i,
      guideIndex,
      cloudPath: variantCloudPath(post, guide.openid, i),
    }),
  );
  const order = staggerOrder(
    post._id,
    audience.filter((g) => g.storeId === guide.storeId).map((g) => g._id),
  );
  const position = order.indexOf(guide.openid);
  const text = await textMade;
  const now = ctx.now();
  const doc: VariantDoc = {
    _id: variantId(post._id, guide.openid),
    postId: post._id,
    guideOpenid: guide.openid,
    storeId: guide.storeId,
    rev: post.rev,
    text: text.text,
    textStrength: text.strength,
    changes: text.changes,
    textSource: text.source,
    images,
    suggestedAt: suggestPostingTime(post.publishedAt ?? now, position < 0 ? order.length : position),
    ms: Date.now() - started,
    createdAt: now,
  };
  try {
    await ctx.db.collection('post_variants').add({ data: doc });
  } catch (e) {
    // The same guide opened the post twice at once: both made the same variant (it is seeded);
    // the first insert wins and both answer what is stored.
    if (!isDuplicateKeyError(e)) throw e;
    const stored = await getDoc(ctx.db.collection('post_variants').doc(doc._id), VariantDoc, 'post_variants');
    if (stored) return stored;
    throw e;
  }
  // Archived while it was being made, maybe after archiving deleted the other variants' images.
  if ((await findPost(ctx.db, post._id))?.status === 'archived') {
    await releaseVariants(ctx, post, [doc]);
    throw new AppError('NOT_FOUND', '素材不存在或已下架');
  }
  ctx.log.info('variant made', { postId: post._id, images: images.length, ms: doc.ms });
  return doc;
}
