/** What a shared page shows: the post, in the credited guide's own variant when they made one. */
import type * as z from 'zod';
import type { SharedPost } from '@core/contracts/insight';
import { AppError } from '@core/errors';
import { PostDoc } from '@server/data/posts';
import type { UserDoc } from '@server/data/users';
import { VariantDoc, variantId } from '@server/data/variants';
import { getDoc } from '@server/db/read';
import type { Database } from '@server/db/types';
import type { Cloud } from '@server/kit/types';
import { tempUrls } from '@server/storage';

/** Posts a customer may read through a share: published ones, and archived ones already shared. */
const READABLE = new Set<PostDoc['status']>(['published', 'archived']);

const SharedFields = PostDoc.pick({
  _id: true,
  title: true,
  body: true,
  images: true,
  status: true,
  publishedAt: true,
});
export type SharedFields = z.infer<typeof SharedFields>;
const VariantFields = VariantDoc.pick({ text: true, images: true });

export interface Credit {
  sharerName?: string;
  /** The guide credited with an open: the sharer, or the sharing customer's guide. */
  guideOpenid?: string;
  storeId?: string;
}

/** Who an open through `sharer`'s share credits. A sharer no longer found credits nobody. */
export function creditOf(sharer: UserDoc | null): Credit {
  if (!sharer) return {};
  if (sharer.role === 'guide') return { sharerName: sharer.name, guideOpenid: sharer._id, storeId: sharer.storeId };
  return {
    sharerName: sharer.name,
    ...(sharer.guideOpenid ? { guideOpenid: sharer.guideOpenid } : {}),
    ...(sharer.storeId ? { storeId: sharer.storeId } : {}),
  };
}

export async function loadReadablePost(db: Database, postId: string): Promise<SharedFields> {
  const post = await getDoc(db.collection('posts').doc(postId), SharedFields, 'posts');
  if (!post || !READABLE.has(post.status)) throw new AppError('NOT_FOUND', '这篇内容不存在或已下线');
  return post;
}

/** The text and image fileIDs a reader of `guideOpenid`'s share sees. */
export async function sharedContent(
  db: Database,
  post: SharedFields,
  guideOpenid: string | undefined,
): Promise<{ text: string; images: string[] }> {
  if (guideOpenid) {
    const ref = db.collection('post_variants').doc(variantId(post._id, guideOpenid));
    const variant = await getDoc(ref, VariantFields, 'post_variants');
    // A variant of an archived post has had its images deleted (none left): the originals show.
    if (variant)
      return {
        text: variant.text,
        images: variant.images.length === post.images.length ? variant.images : post.images,
      };
  }
  return { text: post.body, images: post.images };
}

export async function sharedPost(
  db: Database,
  cloud: Cloud,
  post: SharedFields,
  guideOpenid: string | undefined,
): Promise<SharedPost> {
  const { text, images } = await sharedContent(db, post, guideOpenid);
  const urls = images.length > 0 ? await tempUrls(cloud, images) : new Map<string, string>();
  return {
    id: post._id,
    title: post.title,
    text,
    images: images.map((fileID) => ({ fileID, url: urls.get(fileID) ?? '' })),
    ...(post.publishedAt !== undefined ? { publishedAt: post.publishedAt } : {}),
  };
}
