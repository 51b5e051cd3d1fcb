/**
 * Making and storing one guide's variant of a published post (text in post_variants, images in
 * storage), for the guide's own opening (content.myVariant) and for the batches of the fan-out.
 * Images whose retention passed are made again from the same seed and place: the same bytes.
 */
import { AppError } from '@core/errors';
import type { PostDoc } from '@server/data/posts';
import { VariantDoc, variantId } from '@server/data/variants';
import { isDuplicateKeyError } from '@server/db/errors';
import { getDoc } from '@server/db/read';
import { loadAudience, type Audience } from './audience';
import { makeGuideText, type Ctx } from './guide-text';
import { mapPool } from './pool';
import { findPost } from './posts';
import { releaseVariants } from './release';
import { suggestPostingTime } from './schedule';
import { makeImageVariant, variantCloudPath, type MadeImage } from './variants';

/**
 * Images made at once. Measured in bench/content.bench.ts on 2 cores: 3 keeps both cores busy while
 * one image waits on storage, and holds at most 3 decoded 1080² images (~3.5 MB each) at a time.
 */
export const IMAGE_POOL = 3;

export interface MakeOptions {
  /**
   * The openid an AI text's msgSecCheck is asked for (v2 wants someone who used the app in the last
   * two hours): the guide when they open it (the default), the post's author for a batch.
   */
  checkAs?: string;
  /** The post's audience when the caller has it (a batch makes many variants of one post). */
  audience?: Audience;
  /** Record images done in variant_progress, for the guide's wait screen. */
  progress?: boolean;
  /** Made by the guide's own opening: recorded as opened. */
  opened?: boolean;
  /** A runner's time: no image is started after its deadline (see ImageBudget). */
  budget?: ImageBudget;
  /** Images an earlier runner finished before its deadline (by index; null: not made yet). */
  done?: readonly (MadeImage | null)[];
}

/**
 * The time a runner has to start images. The first image of an invocation always starts, so every
 * runner moves the work on even when one image takes longer than its whole budget (a new instance
 * decodes the originals on first use).
 */
export interface ImageBudget {
  /** Epoch ms after which no new image is started. */
  deadline: number;
  /** Images this invocation has started. */
  started: number;
}

/**
 * The deadline came in the middle of a variant: what was finished (uploaded to its fixed path, the
 * same bytes any maker would upload there) is handed on so nobody makes it again.
 */
export class VariantStopped extends Error {
  override name = 'VariantStopped';
  constructor(readonly images: (MadeImage | null)[]) {
    super('the runner reached its deadline');
  }
}

/** Where the wait screen reads how far a guide's own variant has got. */
const progressRef = (ctx: Ctx, id: string) => ctx.db.collection('variant_progress').doc(id);

/**
 * The variant's images, made with the guide's seed and place, uploaded to their fixed paths. With a
 * budget, images not started by its deadline are left out and VariantStopped carries the rest.
 */
async function makeImages(
  ctx: Ctx,
  post: PostDoc,
  guideOpenid: string,
  place: number | undefined,
  rev: number,
  opts: MakeOptions,
): Promise<MadeImage[]> {
  // An image refused by the image check after publishing (lenient mode) is never varied or handed out.
  if (post.mediaBlockedAt !== undefined) {
    throw new AppError('FAILED_PRECONDITION', '这条素材的图片未通过内容安全检测，已停止分发', {
      reason: 'media_security',
    });
  }
  const id = variantId(post._id, guideOpenid);
  const { progress, budget, done } = opts;
  if (progress) {
    await progressRef(ctx, id).set({ data: { done: 0, of: post.images.length, updatedAt: ctx.now() } });
  }
  const images = await mapPool(post.images, IMAGE_POOL, async (_, i): Promise<MadeImage | null> => {
    const before = done?.[i];
    if (before) return before;
    if (budget) {
      if (budget.started > 0 && Date.now() >= budget.deadline) return null;
      budget.started += 1;
    }
    const made = await makeImageVariant(ctx.cloud, post, {
      guideOpenid,
      index: i,
      guideIndex: place,
      cloudPath: variantCloudPath({ ...post, rev }, guideOpenid, i),
    });
    if (progress) await progressRef(ctx, id).update({ data: { done: ctx._.inc(1), updatedAt: ctx.now() } });
    return made;
  });
  const complete = images.filter((m): m is MadeImage => m !== null);
  if (complete.length < images.length) throw new VariantStopped(images);
  return complete;
}

async function dropProgress(ctx: Ctx, id: string): Promise<void> {
  // Only the wait screen reads it, and a missing one reads as "not started": losing it is harmless.
  await progressRef(ctx, id)
    .remove()
    .catch(() => undefined);
}

/**
 * Makes and stores one guide's variant. Two makers of the same variant at once (the guide opening
 * it while a batch makes it) both make the same bytes (it is seeded); the first insert wins and both
 * answer what is stored.
 */
export async function createVariant(
  post: PostDoc,
  guide: { openid: string; storeId: string },
  ctx: Ctx,
  opts: MakeOptions = {},
): Promise<VariantDoc> {
  const started = Date.now();
  const audience = opts.audience ?? (await loadAudience(ctx.db, post));
  const place = audience.placeOf(guide.openid);
  // The text (an AI call when switched on) runs while the images are made.
  const textMade = makeGuideText(post, guide.openid, ctx, opts.checkAs ?? guide.openid, place);
  textMade.catch(() => undefined);
  const images = await makeImages(ctx, post, guide.openid, place, post.rev, opts);
  const { position, of } = audience.positionOf(guide.openid, guide.storeId);
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
    images: images.map((m) => m.fileID),
    ...(place !== undefined ? { place } : {}),
    bytes: images.reduce((n, m) => n + m.bytes, 0),
    imagesAt: now,
    suggestedAt: suggestPostingTime(post.publishedAt ?? now, position < 0 ? of : position),
    ms: Date.now() - started,
    createdAt: now,
    ...(opts.opened ? { openedAt: now } : {}),
  };
  try {
    await ctx.db.collection('post_variants').add({ data: doc });
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e;
    const stored = await getDoc(ctx.db.collection('post_variants').doc(doc._id), VariantDoc, 'post_variants');
    if (stored) return stored;
    throw e;
  } finally {
    if (opts.progress) await dropProgress(ctx, doc._id);
  }
  await releaseIfArchived(ctx, post, doc);
  ctx.log.info('variant made', { postId: post._id, images: images.length, ms: doc.ms });
  return doc;
}

/** Archived while it was being made, maybe after archiving deleted the other variants' images. */
async function releaseIfArchived(ctx: Ctx, post: PostDoc, doc: VariantDoc): Promise<void> {
  if ((await findPost(ctx.db, post._id))?.status !== 'archived') return;
  await releaseVariants(ctx, post, [doc]);
  throw new AppError('NOT_FOUND', '素材不存在或已下架');
}

/**
 * A stored variant whose images were deleted after the retention gets them again: same seed, same
 * place, same paths, so the same bytes and fileIDs. The text was kept. Conditional on the images
 * still being released, so two openings at once store them once.
 */
export async function remakeImages(
  post: PostDoc,
  doc: VariantDoc,
  ctx: Ctx,
  opts: MakeOptions = {},
): Promise<VariantDoc> {
  const place = doc.place ?? (opts.audience ?? (await loadAudience(ctx.db, post))).placeOf(doc.guideOpenid);
  let images: MadeImage[];
  try {
    images = await makeImages(ctx, post, doc.guideOpenid, place, doc.rev, { progress: opts.progress === true });
  } finally {
    if (opts.progress) await dropProgress(ctx, doc._id);
  }
  const now = ctx.now();
  const data = {
    images: images.map((m) => m.fileID),
    bytes: images.reduce((n, m) => n + m.bytes, 0),
    imagesAt: now,
    releasedAt: ctx._.remove(),
  };
  await ctx.db
    .collection('post_variants')
    .where({ _id: doc._id, releasedAt: ctx._.exists(true) })
    .update({ data });
  const stored = await getDoc(ctx.db.collection('post_variants').doc(doc._id), VariantDoc, 'post_variants');
  if (!stored) throw new Error(`variant ${doc._id} vanished while its images were made again`);
  await releaseIfArchived(ctx, post, stored);
  return stored;
}
