import { SCENE_MOMENTS_SINGLE_PAGE, type InsightContract, type SharedPost } from '@core/contracts/insight';
import { AppError } from '@core/errors';
import { UserDoc } from '@server/db/documents';
import { getDoc, parseDoc } from '@server/db/read';
import type { Database } from '@server/db/types';
import { newId } from '@server/ids';
import type { ActionContext, ActionHandler } from '@server/kit';
import type { Cloud } from '@server/kit/types';
import { PostSlice, PostTagsDoc, VariantSlice, VisitDoc } from '../docs';
import { tempUrls } from '../platform';
import { resolveShortId } from '../share';

/** Re-opening the same share within this window is the same visit (a reload, a back-and-forth). */
export const REOPEN_WINDOW_MS = 30 * 60 * 1000;
/** Posts a customer may read through a share: published ones, and archived ones already shared. */
const READABLE = new Set(['published', 'archived']);

interface Credit {
  sharerRole: VisitDoc['sharerRole'];
  sharerName?: string;
  guideOpenid?: string;
  storeId?: string;
}

async function creditOf(ctx: ActionContext, sharer: string): Promise<Credit> {
  if (ctx.caller.openid === sharer && ctx.caller.role === 'hq') return { sharerRole: 'hq' };
  const user = await getDoc(ctx.db.collection('users').doc(sharer), UserDoc, 'users');
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

async function loadReadablePost(db: Database, postId: string): Promise<PostSlice> {
  const { data } = await db.collection('posts').doc(postId).get();
  const post = data === null || data === undefined ? null : parseDoc(PostSlice, data, 'posts');
  if (!post || !READABLE.has(post.status)) throw new AppError('NOT_FOUND', '这篇内容不存在或已下线');
  return post;
}

/** What the viewer reads: the credited guide's own variant when they made one, else HQ's original. */
async function sharedPost(
  db: Database,
  cloud: Cloud,
  post: PostSlice,
  guideOpenid: string | undefined,
): Promise<SharedPost> {
  let text = post.body;
  let images = post.images;
  if (guideOpenid) {
    const { data } = await db.collection('post_variants').doc(`${post._id}:${guideOpenid}`).get();
    if (data !== null && data !== undefined) {
      const variant = parseDoc(VariantSlice, data, 'post_variants');
      text = variant.text;
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

async function postTags(db: Database, postId: string): Promise<string[]> {
  const { data } = await db.collection('post_tags').doc(postId).get();
  return data === null || data === undefined ? [] : PostTagsDoc.parse(data).tags;
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
    postId !== undefined ? postTags(ctx.db, postId) : Promise.resolve([]),
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
