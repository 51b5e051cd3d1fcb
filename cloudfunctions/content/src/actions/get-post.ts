import type { contentContract } from '@core/contracts/content';
import type { OutputOf, ParsedInputOf } from '@core/contracts/define';
import type { ActionContext } from '@server/kit';
import { tempUrls } from '../platform';
import { loadPost, toSummary } from '../posts';

type Input = ParsedInputOf<typeof contentContract, 'getPost'>;
type Output = OutputOf<typeof contentContract, 'getPost'>;

export async function getPost(input: Input, ctx: ActionContext): Promise<Output> {
  const post = await loadPost(ctx.db, input.id);
  const urls = await tempUrls(ctx.cloud, post.images);
  return {
    ...toSummary(post),
    body: post.body,
    images: post.images.map((fileID) => ({ fileID, url: urls.get(fileID) ?? '' })),
    protectTerms: post.protectTerms,
    variation: post.variation,
    createdAt: post.createdAt,
    rev: post.rev,
    ...(post.security ? { security: post.security } : {}),
  };
}
