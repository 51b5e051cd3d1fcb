import type { contentContract } from '@core/contracts/content';
import type { ParsedInputOf } from '@core/contracts/define';
import { AppError } from '@core/errors';
import { newId } from '@server/ids';
import type { ActionContext } from '@server/kit';
import { loadPost } from '../posts';
import { removeRewrites } from '../rewrites';
import { checkStores } from '../stores';

type Input = ParsedInputOf<typeof contentContract, 'savePost'>;

/**
 * Creates a draft or edits a draft/scheduled post. Editing a scheduled post takes it back to draft:
 * what was checked and scheduled is no longer what would go out, so it must be published again.
 * Published and archived posts are frozen, because guides may already hold variants of them.
 */
export async function savePost(input: Input, ctx: ActionContext): Promise<{ id: string; rev: number }> {
  const now = ctx.now();
  const protectTerms = [...new Set(input.protectTerms)];
  const storeIds = [...new Set(input.storeIds)];
  await checkStores(ctx.db, storeIds);
  const fields = {
    title: input.title,
    body: input.body,
    images: input.images,
    protectTerms,
    variation: input.variation,
    storeIds,
    allStores: storeIds.length === 0,
    updatedAt: now,
  };

  if (!input.id) {
    const id = newId('pst');
    await ctx.db.collection('posts').add({
      data: { _id: id, ...fields, status: 'draft', rev: 1, createdAt: now, createdBy: ctx.caller.openid },
    });
    return { id, rev: 1 };
  }

  const post = await loadPost(ctx.db, input.id);
  if (post.status === 'published' || post.status === 'archived') {
    throw new AppError('FAILED_PRECONDITION', '已发布或已归档的素材不能修改，请新建一条');
  }
  const rev = post.rev + 1;
  // Conditional on the revision read: two operators saving at once cannot silently overwrite each other.
  const res = await ctx.db
    .collection('posts')
    .where({ _id: post._id, rev: post.rev, status: ctx._.in(['draft', 'scheduled']) })
    .update({ data: { ...fields, rev, status: 'draft', publishAt: ctx._.remove(), security: ctx._.remove() } });
  if (res.stats.updated !== 1) throw new AppError('FAILED_PRECONDITION', '素材已被其他人修改或发布，请刷新后重试');
  await removeRewrites(ctx, post._id, rev);
  return { id: post._id, rev };
}
