import type { ContentContract } from '@core/contracts/content';
import { AppError } from '@core/errors';
import { PostDoc } from '@server/data/posts';
import { getDoc } from '@server/db/read';
import { runTransaction } from '@server/db/transaction';
import { CURRENT_IMAGE_ENGINE } from '@server/variation/types';
import { newId } from '@server/ids';
import type { ActionHandler } from '@server/kit';
import { imageUrls, submitImages } from '../media-checks';
import { loadPost } from '../posts';
import { removeRewrites } from '../rewrites';
import { checkStores } from '../stores';

/**
 * Creates a draft or edits a draft/scheduled post, with its interest tags when given, in one
 * transaction: the editor's one form is one write. Images not checked yet are then submitted to
 * WeChat's image check (media-checks.ts). Editing a scheduled post takes it back to draft:
 * what was checked and scheduled is no longer what would go out, so it must be published again.
 * Published and archived posts are frozen, because guides may already hold variants of them.
 */
export const savePost: ActionHandler<ContentContract, 'savePost'> = async (input, ctx) => {
  const now = ctx.now();
  const protectTerms = [...new Set(input.protectTerms)];
  const storeIds = [...new Set(input.storeIds)];
  const tags = input.tags ? [...new Set(input.tags)] : undefined;
  await checkStores(ctx.db, storeIds);
  // Every image must exist before anything is written: it goes to the image check below.
  await imageUrls(ctx, input.images);
  const fields = {
    title: input.title,
    body: input.body,
    images: input.images,
    protectTerms,
    variation: input.variation,
    // Variants of this post are made, and made again after the retention, by the engine of today.
    imageEngine: CURRENT_IMAGE_ENGINE,
    storeIds,
    allStores: storeIds.length === 0,
    updatedAt: now,
  };

  // The revision this save edits, read once: a concurrent save or publish that moves the post on
  // makes this one fail instead of silently overwriting it (a retried transaction re-reads and sees it).
  const base = input.id ? await loadPost(ctx.db, input.id) : null;
  if (base && base.status !== 'draft' && base.status !== 'scheduled') {
    throw new AppError('FAILED_PRECONDITION', '已发布或已归档的素材不能修改，请新建一条');
  }
  const saved = await runTransaction(ctx.db, async (t) => {
    const posts = t.collection('posts');
    if (!base) {
      const id = newId('pst');
      await posts.add({
        data: { _id: id, ...fields, status: 'draft', rev: 1, createdAt: now, createdBy: ctx.caller.openid },
      });
      if (tags)
        await t
          .collection('post_tags')
          .doc(id)
          .set({ data: { tags, updatedAt: now } });
      return { id, rev: 1 };
    }
    const current = await getDoc(posts.doc(base._id), PostDoc, 'posts');
    if (!current || current.rev !== base.rev || (current.status !== 'draft' && current.status !== 'scheduled')) {
      throw new AppError('FAILED_PRECONDITION', '素材已被其他人修改或发布，请刷新后重试');
    }
    const rev = base.rev + 1;
    await posts
      .doc(base._id)
      .update({ data: { ...fields, rev, status: 'draft', publishAt: ctx._.remove(), security: ctx._.remove() } });
    if (tags)
      await t
        .collection('post_tags')
        .doc(base._id)
        .set({ data: { tags, updatedAt: now } });
    return { id: base._id, rev };
  });
  if (saved.rev > 1) await removeRewrites(ctx, saved.id, saved.rev);
  // New images go to the image check now, so their verdicts are in by the time HQ publishes.
  await submitImages(ctx, ctx.caller.openid, input.images, saved.id);
  return saved;
};
