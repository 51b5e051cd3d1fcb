import type { ContentContract } from '@core/contracts/content';
import { AppError } from '@core/errors';
import { userNames } from '@server/data/users';
import { BASE62, randomString } from '@server/ids';
import type { ActionHandler } from '@server/kit';
import { tempUrls } from '@server/storage';
import { mapPool } from '../pool';
import { QUARANTINED, readChecks } from '../media-checks';
import { loadPost } from '../posts';
import { makeGuideText } from '../guide-text';
import { keepPreview } from '../release';
import { loadAudience } from '../audience';
import { makeImageVariant, previewCloudPath } from '../variants';

const PREVIEW_GUIDES = 3;

/**
 * What different guides would get, side by side, before (or after) publishing. Preview variants
 * are the real ones (same seed), but only one image per guide is made, to stay inside the time
 * budget; nothing is stored in post_variants (an AI rewrite, when switched on, is kept in ai_rewrites
 * so the guide later gets the text shown here). With fewer real guides than needed, stand-ins fill in.
 * The images are kept until the next preview of the post (release.ts).
 */
export const previewVariants: ActionHandler<ContentContract, 'previewVariants'> = async (input, ctx) => {
  const post = await loadPost(ctx.db, input.id);
  const audience = await loadAudience(ctx.db, post);
  let guides: { openid: string; name: string }[];
  if (input.guides) {
    const ids = [...new Set(input.guides)];
    const names = await userNames(ctx.db, ids);
    guides = ids.map((openid, i) => ({ openid, name: names.get(openid) ?? `导购 ${i + 1}` }));
  } else {
    const real = audience.guides.slice(0, PREVIEW_GUIDES);
    guides = real.map((g) => ({ openid: g._id, name: g.name }));
    for (let i = guides.length; i < PREVIEW_GUIDES; i++)
      guides.push({ openid: `preview-guide-${i + 1}`, name: `示例导购 ${i + 1}` });
  }
  const index = input.imageIndex;
  const source = post.images[index];
  if (post.images.length > 0 && source === undefined) {
    throw new AppError('INVALID_ARGUMENT', `这条素材只有 ${post.images.length} 张图片`, { field: 'imageIndex' });
  }
  // A quarantined image is never varied: its file is gone from the post's path anyway.
  const check = source ? (await readChecks(ctx, [source])).get(source) : undefined;
  if (check && QUARANTINED.includes(check.status)) {
    throw new AppError('FAILED_PRECONDITION', `第 ${index + 1} 张图片未通过内容安全检测，不能预览`, {
      reason: 'media_security',
      field: 'imageIndex',
    });
  }
  // Texts (AI calls when switched on) run while the images are made; msgSecCheck is asked as the HQ operator.
  // Stand-ins take places after the real audience, so they never share a real guide's text or codeword.
  const placeOf = (openid: string, i: number): number => audience.placeOf(openid) ?? audience.guides.length + i;
  const texts = Promise.all(
    guides.map((g, i) => makeGuideText(post, g.openid, ctx, ctx.caller.openid, placeOf(g.openid, i))),
  );
  texts.catch(() => undefined);
  const batch = randomString(BASE62, 10);
  const images = source
    ? await mapPool(
        guides,
        PREVIEW_GUIDES,
        async (g, i) =>
          (
            await makeImageVariant(ctx.cloud, post, {
              guideOpenid: g.openid,
              index,
              guideIndex: placeOf(g.openid, i),
              cloudPath: previewCloudPath(post._id, batch, i),
            })
          ).fileID,
      )
    : [];
  await keepPreview(ctx, post, images);
  const urls = await tempUrls(ctx.cloud, source ? [source, ...images] : []);
  const made = await texts;
  const image = (fileID: string | undefined) => (fileID ? { image: { fileID, url: urls.get(fileID) ?? '' } } : {});
  return {
    original: post.body,
    ...(source ? { originalImage: { fileID: source, url: urls.get(source) ?? '' } } : {}),
    variants: guides.map((g, i) => {
      const text = made[i]!;
      return {
        guideOpenid: g.openid,
        guideName: g.name,
        text: text.text,
        changes: text.changes,
        strength: text.strength,
        source: text.source,
        ...image(images[i]),
      };
    }),
  };
};
