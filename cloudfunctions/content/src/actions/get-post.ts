import * as z from 'zod';
import type { contentContract } from '@core/contracts/content';
import type { OutputOf, ParsedInputOf } from '@core/contracts/define';
import { getDoc } from '@server/db/read';
import type { Database } from '@server/db/types';
import type { ActionContext } from '@server/kit';
import { tempUrls } from '../platform';
import { loadPost, toSummary } from '../posts';

const PostTags = z.object({ tags: z.array(z.string()) });

/** The post's interest tags (kept in post_tags, which insight reads when the post is opened). */
async function postTags(db: Database, postId: string): Promise<string[]> {
  return (await getDoc(db.collection('post_tags').doc(postId), PostTags, 'post_tags'))?.tags ?? [];
}

type Input = ParsedInputOf<typeof contentContract, 'getPost'>;
type Output = OutputOf<typeof contentContract, 'getPost'>;

export async function getPost(input: Input, ctx: ActionContext): Promise<Output> {
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
}
