import type { InsightContract } from '@core/contracts/insight';
import { AppError } from '@core/errors';
import { sharePath, shareScene } from '@core/share-paths';
import { hasVisited, loadShareLink, postIdOf, type ShareLinkDoc } from '@server/data/visits';
import type { ActionContext, ActionHandler } from '@server/kit';
import { tempUrls } from '@server/storage';
import { makePoster } from '../poster';
import { ensureShareLink, GONE } from '../share';

async function checkPost(ctx: ActionContext, postId: string | undefined): Promise<void> {
  if (postId === undefined) return;
  const { data } = await ctx.db.collection('posts').doc(postId).get();
  const status = (data as { status?: unknown } | null)?.status;
  if (status !== 'published') throw new AppError('NOT_FOUND', '这篇内容不存在或未发布');
}

/**
 * The caller's token for (post, parent). A reshare passes on a share the caller opened signed in:
 * a token they never opened cannot be made the parent of theirs, so nobody grafts their shares
 * onto someone else's tree. Passing on one's own share is that share.
 */
async function linkFor(
  ctx: ActionContext,
  input: { postId?: string | undefined; parent?: string | undefined },
): Promise<ShareLinkDoc> {
  await checkPost(ctx, input.postId);
  const { openid, role } = ctx.caller;
  // The kit lets only guides and customers call these actions.
  const sharerRole = role === 'guide' ? 'guide' : 'customer';
  const post = input.postId !== undefined ? { postId: input.postId } : {};
  if (input.parent === undefined) return ensureShareLink(ctx.db, { sharer: openid, sharerRole, ...post }, ctx.now());
  const parent = await loadShareLink(ctx.db, input.parent);
  if (!parent) throw new AppError('NOT_FOUND', GONE);
  if (postIdOf(parent) !== input.postId) {
    throw new AppError('INVALID_ARGUMENT', '转发的内容与原分享不一致', { field: 'parent' });
  }
  if (parent.sharer === openid) return parent;
  if (!(await hasVisited(ctx.db, openid, parent._id))) {
    throw new AppError('FAILED_PRECONDITION', '请先打开这条分享，再转发给朋友', { field: 'parent' });
  }
  return ensureShareLink(ctx.db, { sharer: openid, sharerRole, ...post, parent }, ctx.now());
}

function linkOutput(link: ShareLinkDoc) {
  const hasPost = postIdOf(link) !== undefined;
  return { shareToken: link._id, path: sharePath(link._id, hasPost), scene: shareScene(link._id) };
}

/** The caller's share of a post (or an invitation), as a token, its page path and its wxacode scene. */
export const shareLink: ActionHandler<InsightContract, 'shareLink'> = async (input, ctx) =>
  linkOutput(await linkFor(ctx, input));

/**
 * The caller's poster for the share: composed once per token (src/poster.ts), kept in storage with
 * its file id on the token, and handed back with a fresh URL; a second call only reads.
 */
export const sharePoster: ActionHandler<InsightContract, 'sharePoster'> = async (input, ctx) => {
  const link = await linkFor(ctx, input);
  const poster = link.poster ?? (await makePoster(ctx, link));
  const url = (await tempUrls(ctx.cloud, [poster.fileID])).get(poster.fileID) ?? '';
  return { ...linkOutput(link), ...poster, url };
};
