import type { ContentContract } from '@core/contracts/content';
import { AppError } from '@core/errors';
import { VariantDoc, variantId } from '@server/data/variants';
import { getDoc } from '@server/db/read';
import type { ActionHandler } from '@server/kit';
import { callingGuide } from '../guide';

const FIELD = { copied: 'copiedAt', saved: 'savedAt' } as const;

/**
 * Records that the guide copied the text or saved the images of their variant. The first time
 * counts; repeats answer `first: false` and change nothing (a conditional update, so two taps at
 * once still count once).
 */
export const recordOutcome: ActionHandler<ContentContract, 'recordOutcome'> = async (input, ctx) => {
  const guide = callingGuide(ctx);
  const id = variantId(input.postId, guide.openid);
  const variants = ctx.db.collection('post_variants');
  const doc = await getDoc(variants.doc(id), VariantDoc, 'post_variants');
  // Made ahead by the fan-out is not opened: the guide has not seen it yet.
  if (!doc || doc.openedAt === undefined) throw new AppError('FAILED_PRECONDITION', '请先打开这条素材');
  const field = FIELD[input.outcome];
  const res = await variants.where({ _id: id, [field]: ctx._.exists(false) }).update({ data: { [field]: ctx.now() } });
  return { postId: input.postId, outcome: input.outcome, first: res.stats.updated === 1 };
};
