import type { ContentContract } from '@core/contracts/content';
import { VariantDoc, variantId } from '@server/data/variants';
import { getDoc } from '@server/db/read';
import type { ActionHandler } from '@server/kit';
import * as z from 'zod';
import { guidePost } from './my-variant';

const ProgressDoc = z.object({ done: z.number(), of: z.number() });

/**
 * How far the calling guide's own variant has got, for the wait screen while content.myVariant
 * makes it: ready once stored with its images; else the images done so far (0 before it starts).
 */
export const variantProgress: ActionHandler<ContentContract, 'variantProgress'> = async (input, ctx) => {
  const { post, guide } = await guidePost(ctx, input.postId);
  const id = variantId(post._id, guide.openid);
  const [variant, progress] = await Promise.all([
    getDoc(ctx.db.collection('post_variants').doc(id), VariantDoc, 'post_variants'),
    getDoc(ctx.db.collection('variant_progress').doc(id), ProgressDoc, 'variant_progress'),
  ]);
  const of = post.images.length;
  if (variant && (variant.releasedAt === undefined || of === 0)) return { ready: true, done: of, of };
  return { ready: false, done: Math.min(progress?.done ?? 0, of), of };
};
