import type { InsightContract } from '@core/contracts/insight';
import { AppError } from '@core/errors';
import type { ActionContext, ActionHandler } from '@server/kit';
import { tempUrls, uploadFile } from '@server/storage';
import { miniProgramCode } from '../wxacode';
import { ensureShareLink, READ_PAGE, sceneOf, sharePath } from '../share';

async function checkPost(ctx: ActionContext, postId: string | undefined): Promise<void> {
  if (postId === undefined) return;
  const { data } = await ctx.db.collection('posts').doc(postId).get();
  const status = (data as { status?: unknown } | null)?.status;
  if (status !== 'published') throw new AppError('NOT_FOUND', '这篇内容不存在或未发布');
}

/** The caller's share path for a post (or the mini-program), with its short id and wxacode scene. */
export const shareLink: ActionHandler<InsightContract, 'shareLink'> = async (input, ctx) => {
  await checkPost(ctx, input.postId);
  const link = await ensureShareLink(ctx.db, ctx.caller.openid, input.postId, ctx.now());
  return { s: link._id, path: sharePath(link._id), scene: sceneOf(link._id) };
};

/**
 * A personal poster's mini-program code: made once per (sharer, post) through
 * wxacode.getUnlimited, kept in storage, and handed back with a fresh URL.
 */
export const sharePoster: ActionHandler<InsightContract, 'sharePoster'> = async (input, ctx) => {
  await checkPost(ctx, input.postId);
  const link = await ensureShareLink(ctx.db, ctx.caller.openid, input.postId, ctx.now());
  let fileID = link.posterFileID;
  if (fileID === undefined) {
    const png = await miniProgramCode(ctx.cloud, READ_PAGE, sceneOf(link._id));
    fileID = await uploadFile(ctx.cloud, `insight/posters/${link._id}.png`, png);
    await ctx.db
      .collection('share_links')
      .doc(link._id)
      .update({ data: { posterFileID: fileID } });
  }
  const url = (await tempUrls(ctx.cloud, [fileID])).get(fileID) ?? '';
  // Only guides and customers share; the kit hands their users document along.
  const sharerName = ctx.caller.user?.name ?? '';
  return { s: link._id, path: sharePath(link._id), scene: sceneOf(link._id), fileID, url, sharerName };
};
