import type { ContentContract } from '@core/contracts/content';
import type { ActionHandler } from '@server/kit';
import { submitImages, toImageCheck } from '../media-checks';

/**
 * The editor calls it right after an upload, then polls it while an image is pending: images not
 * submitted yet (or left unchecked by an unreachable check) are submitted; the answer is each
 * image's check in the order given.
 */
export const checkImages: ActionHandler<ContentContract, 'checkImages'> = async (input, ctx) => {
  const checks = await submitImages(ctx, ctx.caller.openid, input.images);
  return { checks: input.images.flatMap((f) => toImageCheck(f, checks.get(f)) ?? []) };
};
