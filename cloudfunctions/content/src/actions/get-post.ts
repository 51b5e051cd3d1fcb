import type { ContentContract } from '@core/contracts/content';
import { readPostTags } from '@server/data/posts';
import type { ActionHandler } from '@server/kit';
import { tempUrls } from '@server/storage';
import { readChecks, toImageCheck } from '../media-checks';
import { loadPost, toSummary } from '../posts';

export const getPost: ActionHandler<ContentContract, 'getPost'> = async (input, ctx) => {
  const post = await loadPost(ctx.db, input.id);
  const [urls, tags, checks] = await Promise.all([
    tempUrls(ctx.cloud, post.images),
    readPostTags(ctx.db, post._id),
    readChecks(ctx, post.images),
  ]);
  return {
    ...toSummary(post),
    body: post.body,
    images: post.images.map((fileID) => ({ fileID, url: urls.get(fileID) ?? '' })),
    protectTerms: post.protectTerms,
    variation: post.variation,
    createdAt: post.createdAt,
    rev: post.rev,
    tags,
    imageChecks: post.images.flatMap((f) => toImageCheck(f, checks.get(f)) ?? []),
    ...(post.security ? { security: post.security } : {}),
  };
};
