/**
 * A share's poster: the picture the reader will see (the credited guide's variant, else the post's
 * first image; an invitation or a post without pictures gets a plain card), the title, the
 * sharer's name and store, and a mini-program code whose scene carries the token. Names only:
 * nothing on a poster identifies anyone by id.
 */
import { sharePage, shareScene } from '@core/share-paths';
import { loadBrand } from '@server/data/brand';
import { loadStore } from '@server/data/stores';
import { loadUser } from '@server/data/users';
import { postIdOf, type ShareLinkDoc } from '@server/data/visits';
import type { ActionContext } from '@server/kit';
import { composePoster } from '@server/poster/compose';
import { downloadFile, uploadFile } from '@server/storage';
import { creditOf, loadReadablePost, sharedContent } from './shared-post';
import { miniProgramCode } from './wxacode';

type StoredPoster = NonNullable<ShareLinkDoc['poster']>;

export async function makePoster(ctx: ActionContext, link: ShareLinkDoc): Promise<StoredPoster> {
  const postId = postIdOf(link);
  const sharer = ctx.caller.user ?? (await loadUser(ctx.db, link.sharer));
  const credit = creditOf(sharer);
  const [store, post, code, brand] = await Promise.all([
    credit.storeId ? loadStore(ctx.db, credit.storeId) : Promise.resolve(null),
    postId !== undefined ? loadReadablePost(ctx.db, postId) : Promise.resolve(undefined),
    miniProgramCode(ctx.cloud, sharePage(postId !== undefined), shareScene(link._id)),
    loadBrand(ctx.db),
  ]);
  const content = post ? await sharedContent(ctx.db, post, credit.guideOpenid) : undefined;
  const first = content?.images[0];
  const image = first !== undefined ? await downloadFile(ctx.cloud, first) : undefined;
  const name = credit.sharerName ?? '';
  const composed = await composePoster({
    ...(image ? { image } : {}),
    cardLine: post ? post.title : (store?.name ?? brand?.name ?? '会员邀请'),
    // The invitation's caption names HQ's brand (brand settings), never one written in code.
    title: post ? post.title : `诚邀你成为${brand?.name ?? ''}会员`,
    byline: store ? `${name}｜${store.name}` : name,
    hint: post ? '长按识别小程序码，阅读全文' : '长按识别小程序码，加入会员',
    code,
  });
  const fileID = await uploadFile(ctx.cloud, `insight/posters/${link._id}.jpg`, composed.jpeg);
  const poster: StoredPoster = { fileID, width: composed.width, height: composed.height };
  await ctx.db.collection('share_links').doc(link._id).update({ data: { poster } });
  return poster;
}
