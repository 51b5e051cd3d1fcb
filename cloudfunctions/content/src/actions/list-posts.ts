import type { contentContract } from '@core/contracts/content';
import type { OutputOf, ParsedInputOf } from '@core/contracts/define';
import { parseDoc } from '@server/db/read';
import type { ActionContext } from '@server/kit';
import { PostDoc } from '../docs';
import { toSummary } from '../posts';

type Input = ParsedInputOf<typeof contentContract, 'listPosts'>;
type Output = OutputOf<typeof contentContract, 'listPosts'>;

/** The console's post list, newest edit first, optionally one status. */
export async function listPosts(input: Input, ctx: ActionContext): Promise<Output> {
  const base = ctx.db.collection('posts');
  const query = input.status ? base.where({ status: input.status }) : base;
  const { data } = await query.orderBy('updatedAt', 'desc').limit(input.limit).get();
  return { posts: data.map((raw) => toSummary(parseDoc(PostDoc, raw, 'posts'))) };
}
