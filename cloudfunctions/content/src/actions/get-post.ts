import type { ContentContract } from '@core/contracts/content';
import { readPostTags } from '@server/data/posts';
import type { ActionHandler } from '@server/kit';
import { tempUrls } from '@server/storage';
import { loadPost, toSummary } from '../posts';

export const getPost: ActionHandler<ContentContract, 'getPost'> = async (input, ctx) => {
  const post = await loadPost(ctx.db, input.id);
  const [urls, tags] = await Promise.all([tempUrls(ctx.cloud, post.images), readPostTags(ctx.db, post._id)]);
  return {
    ...toSummary(post),
    body: post.body,
    images: post.images.map((fileID) => ({ fileID, url: urls.get(fileID) ?? '' })),
    protectTerms: post.protectTerms,
    variation: post.variation,
    createdAt: post.createdAt,
    rev: post.rev,
    tags,
    ...(post.security ? { security: post.security } : {}),
  };
};
