import * as z from 'zod';
import type { ContentContract } from '@core/contracts/content';
import { getDoc } from '@server/db/read';
import type { Database } from '@server/db/types';
import type { ActionHandler } from '@server/kit';
import { tempUrls } from '../platform';
import { loadPost, toSummary } from '../posts';

const PostTags = z.object({ tags: z.array(z.string()) });

/** The post's interest tags (kept in post_tags, which insight reads when the post is opened). */
async function postTags(db: Database, postId: string): Promise<string[]> {
  return (await getDoc(db.collection('post_tags').doc(postId), PostTags, 'post_tags'))?.tags ?? [];
}

export const getPost: ActionHandler<ContentContract, 'getPost'> = async (input, ctx) => {
  const post = await loadPost(ctx.db, input.id);
  const [urls, tags] = await Promise.all([tempUrls(ctx.cloud, post.images), postTags(ctx.db, post._id)]);
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
