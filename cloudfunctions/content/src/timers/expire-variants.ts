/**
 * The retention of guides' variant images (SIYU_VARIANT_RETENTION_DAYS): images made longer ago are
 * deleted from storage (the variant keeps its text, place and outcomes; its `images` empty,
 * `releasedAt` set), and made again, byte for byte, when the guide opens the post
 * (variant-maker.ts). The fan-out's finished batches are removed after the same time.
 */
import { PostDoc } from '@server/data/posts';
import { VariantDoc } from '@server/data/variants';
import { getAll, parseDoc } from '@server/db/read';
import type { Condition } from '@server/db/types';
import type { TimerContext } from '@server/kit';
import { errorText } from '@server/kit/log';
import { releaseVariants } from '../release';

const DAY_MS = 24 * 3600_000;
/** Variants whose images are deleted per round trip (as archiving does). */
const PAGE = 100;

export interface ExpireResult {
  /** Variants whose images were deleted. */
  variants: number;
  /** Finished batches removed. */
  jobs: number;
}

export async function expireVariants(ctx: TimerContext, firedAt: number, deadline: number): Promise<ExpireResult> {
  const _ = ctx._;
  const cutoff = firedAt - ctx.env().variantRetentionDays * DAY_MS;
  const result: ExpireResult = { variants: 0, jobs: 0 };
  // Images made before the cutoff, still in storage, that this product made (an original handed out
  // when image variation is off takes no storage of a variant's own). Read through the imagesAt
  // index, which every variant made with images carries: the collection grows with guides × posts.
  const old: Condition = { imagesAt: _.lt(cutoff), releasedAt: _.exists(false), bytes: _.neq(0) };
  while (Date.now() < deadline) {
    const { data } = await ctx.db.collection('post_variants').where(old).limit(PAGE).get();
    if (data.length === 0) break;
    const variants = data.map((raw) => parseDoc(VariantDoc, raw, 'post_variants'));
    const ids = [...new Set(variants.map((v) => v.postId))];
    const posts = await getAll(ctx.db.collection('posts').where({ _id: _.in(ids) }), PostDoc, 'posts', { max: PAGE });
    let released = 0;
    for (const post of posts) {
      const mine = variants.filter((v) => v.postId === post._id);
      try {
        await releaseVariants(ctx, post, mine);
        released += mine.length;
      } catch (e) {
        ctx.log.error('releaseStorage: variant images not deleted', { postId: post._id, error: errorText(e) });
      }
    }
    result.variants += released;
    // Nothing could be deleted this round: stop rather than read the same page again.
    if (released === 0) break;
  }
  const gone = await ctx.db
    .collection('variant_jobs')
    .where({ status: _.in(['done', 'failed']), updatedAt: _.lt(cutoff) })
    .remove();
  result.jobs = gone.stats.removed;
  return result;
}
