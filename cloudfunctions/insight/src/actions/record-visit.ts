import type * as z from 'zod';
import { SCENE_MOMENTS_SINGLE_PAGE, type InsightContract, type SharedPost } from '@core/contracts/insight';
import { AppError } from '@core/errors';
import { PostDoc, readPostTags } from '@server/data/posts';
import { loadUser } from '@server/data/users';
import { VariantDoc, variantId } from '@server/data/variants';
import { VisitDoc } from '@server/data/visits';
import { getDoc, parseDoc } from '@server/db/read';
import type { Database } from '@server/db/types';
import { newId } from '@server/ids';
import type { ActionContext, ActionHandler } from '@server/kit';
import type { Cloud } from '@server/kit/types';
import { tempUrls } from '@server/storage';
import { resolveShortId } from '../share';

/** Re-opening the same share within this window is the same visit (a reload, a back-and-forth). */
export const REOPEN_WINDOW_MS = 30 * 60 * 1000;
/** Posts a customer may read through a share: published ones, and archived ones already shared. */
const READABLE = new Set<PostDoc['status']>(['published', 'archived']);

/** What a shared page shows of a post, and of the sharing guide's variant of it. */
const SharedFields = PostDoc.pick({
  _id: true,
  title: true,
  body: true,
  images: true,
  status: true,
  publishedAt: true,
});
type SharedFields = z.infer<typeof SharedFields>;
const VariantFields = VariantDoc.pick({ text: true, images: true });

interface Credit {
  sharerRole: VisitDoc['sharerRole'];
  sharerName?: string;
  guideOpenid?: string;
  storeId?: string;
}

async function creditOf(ctx: ActionContext, sharer: string): Promise<Credit> {
  if (ctx.caller.openid === sharer && ctx.caller.role === 'hq') return { sharerRole: 'hq' };
  const user = await loadUser(ctx.db, sharer);
  // Somebody not (yet) registered may forward a page; the open counts, nobody is credited.
  if (!user) return { sharerRole: 'visitor' };
  if (user.role === 'guide')
    return { sharerRole: 'guide', sharerName: user.name, guideOpenid: user._id, storeId: user.storeId };
  return {
    sharerRole: 'customer',
    sharerName: user.name,
    ...(user.guideOpenid ? { guideOpenid: user.guideOpenid } : {}),
    ...(user.storeId ? { storeId: user.storeId } : {}),
  };
}

async function loadReadablePost(db: Database, postId: string): Promise<SharedFields> {
  const post = await getDoc(db.collection('posts').doc(postId), SharedFields, 'posts');
  if (!post || !READABLE.has(post.status)) throw new AppError('NOT_FOUND', '这篇内容不存在或已下线');
  return post;
}

/** What the viewer reads: the credited guide's own variant when they made one, else HQ's original. */
async function sharedPost(
  db: Database,
  cloud: Cloud,
  post: SharedFields,
  guideOpenid: string | undefined,
): Promise<SharedPost> {
  let text = post.body;
  let images = post.images;
  if (guideOpenid) {
    const ref = db.collection('post_variants').doc(variantId(post._id, guideOpenid));
    const variant = await getDoc(ref, VariantFields, 'post_variants');
    if (variant) {
      text = variant.text;
      // A variant of an archived post has had its images deleted (none left): the originals show.
      if (variant.images.length === images.length) images = variant.images;
    }
  }
  const urls = images.length > 0 ? await tempUrls(cloud, images) : new Map<string, string>();
  return {
    id: post._id,
    title: post.title,
    text,
    images: images.map((fileID) => ({ fileID, url: urls.get(fileID) ?? '' })),
    ...(post.publishedAt !== undefined ? { publishedAt: post.publishedAt } : {}),
  };
}

async function recentVisit(
  ctx: ActionContext,
  viewer: string,
  sharer: string,
  postId: string | undefined,
): Promise<VisitDoc | null> {
  const _ = ctx._;
  const { data } = await ctx.db
    .collection('visits')
    .where({ viewer, sharer, postId: postId ?? _.exists(false), openedAt: _.gte(ctx.now() - REOPEN_WINDOW_MS) })
    .orderBy('openedAt', 'desc')
    .limit(1)
    .get();
  const [raw] = data;
  return raw === undefined ? null : parseDoc(VisitDoc, raw, 'visits');
}

/**
 * Records that someone opened a shared page: who shared it, which post, the launch scene. Opening
 * earns nobody anything; the visit only feeds figures, the guide's customer list and interest tags.
 * A viewer from Moments' single-page mode is kept without identity, whatever the platform sends.
 */
export const recordVisit: ActionHandler<InsightContract, 'recordVisit'> = async (input, ctx) => {
  const link = input.s !== undefined ? await resolveShortId(ctx.db, input.s) : undefined;
  const sharer = link?.sharer ?? input.sharer;
  if (sharer === undefined) throw new AppError('INVALID_ARGUMENT', '缺少分享人', { field: 'sharer' });
  const postId = link ? link.postId : input.postId;

  const [credit, post, tags] = await Promise.all([
    creditOf(ctx, sharer),
    postId !== undefined ? loadReadablePost(ctx.db, postId) : Promise.resolve(undefined),
    postId !== undefined ? readPostTags(ctx.db, postId) : Promise.resolve([]),
  ]);
  const anonymous = input.scene === SCENE_MOMENTS_SINGLE_PAGE || ctx.caller.openid === '';
  const viewer = anonymous ? undefined : ctx.caller.openid;

  const reused = viewer !== undefined ? await recentVisit(ctx, viewer, sharer, postId) : null;
  const now = ctx.now();
  let visitId: string;
  if (reused) {
    visitId = reused._id;
  } else {
    const visit: VisitDoc = {
      _id: newId('vst'),
      ...(viewer !== undefined ? { viewer } : {}),
      sharer,
      sharerRole: credit.sharerRole,
      ...(credit.guideOpenid ? { guideOpenid: credit.guideOpenid } : {}),
      ...(credit.storeId ? { storeId: credit.storeId } : {}),
      ...(postId !== undefined ? { postId } : {}),
      tags,
      ...(input.scene !== undefined ? { scene: input.scene } : {}),
      anonymous,
      self: viewer === sharer,
      openedAt: now,
      seconds: 0,
      updatedAt: now,
    };
    await ctx.db.collection('visits').add({ data: visit });
    visitId = visit._id;
  }
  return {
    visitId,
    sharer,
    ...(credit.sharerName ? { sharerName: credit.sharerName } : {}),
    ...(postId !== undefined ? { postId } : {}),
    ...(post ? { post: await sharedPost(ctx.db, ctx.cloud, post, credit.guideOpenid) } : {}),
  };
};
