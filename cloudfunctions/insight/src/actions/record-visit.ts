import { SCENE_MOMENTS_SINGLE_PAGE, type InsightContract } from '@core/contracts/insight';
import { readPostTags } from '@server/data/posts';
import { loadUser } from '@server/data/users';
import { mayRecordReader, postIdOf } from '@server/data/visits';
import type { ActionHandler } from '@server/kit';
import { resolveToken } from '../share';
import { creditOf, loadReadablePost, sharedPost } from '../shared-post';
import { limitPerMinute, openAnonymous, openLimit, openSignedIn, type NewVisit } from '../visits';

/**
 * Records that someone opened a share, decided by the token alone: who shared it, which post. The
 * reply names the sharer, never their openid. Opening earns nobody anything; the visit feeds figures,
 * the guide's customer list, interest tags and the post's spread (src/visits.ts says what counts).
 * A viewer from Moments' single-page mode is kept without identity, whatever the platform sends.
 * A visitor who has not agreed to be recorded is counted without their openid (no interests, no
 * per-person visits), and the reply asks the page to offer the agreement.
 * Everything that can refuse the call (an unknown token, an unreadable post, a full counter) does
 * so before the visit is written.
 */
export const recordVisit: ActionHandler<InsightContract, 'recordVisit'> = async (input, ctx) => {
  const link = await resolveToken(ctx.db, input.shareToken);
  const postId = postIdOf(link);
  const [sharer, post, tags, recorded] = await Promise.all([
    loadUser(ctx.db, link.sharer),
    postId !== undefined ? loadReadablePost(ctx.db, postId) : Promise.resolve(undefined),
    postId !== undefined ? readPostTags(ctx.db, postId) : Promise.resolve([]),
    mayRecordReader(ctx.db, ctx.caller),
  ]);
  const credit = creditOf(sharer);
  const openid = ctx.caller.openid;
  const anonymous = input.scene === SCENE_MOMENTS_SINGLE_PAGE || openid === '';
  const own = openid !== '' && openid === link.sharer;
  const limit = openLimit(openid, link._id, anonymous);
  const now = ctx.now();
  await limitPerMinute(ctx.db, limit.id, limit.limit, now);

  let visitId: string | undefined;
  if (!own) {
    const visit: NewVisit = {
      token: link._id,
      sharer: link.sharer,
      sharerRole: link.sharerRole,
      ...(credit.guideOpenid ? { guideOpenid: credit.guideOpenid } : {}),
      ...(credit.storeId ? { storeId: credit.storeId } : {}),
      ...(postId !== undefined ? { postId } : {}),
      tags,
      ...(input.scene !== undefined ? { scene: input.scene } : {}),
      openedAt: now,
      seconds: 0,
      updatedAt: now,
    };
    visitId = anonymous ? await openAnonymous(ctx.db, visit) : await openSignedIn(ctx.db, visit, { openid, recorded });
  }
  return {
    ...(!anonymous && !recorded ? { askConsent: true } : {}),
    ...(visitId !== undefined ? { visitId } : {}),
    ...(credit.sharerName ? { sharerName: credit.sharerName } : {}),
    ...(postId !== undefined ? { postId } : {}),
    ...(post ? { post: await sharedPost(ctx.db, ctx.cloud, post, credit.guideOpenid) } : {}),
  };
};
