import type { PostSummary } from '@core/contracts/content';
import { AppError } from '@core/errors';
import { getDoc } from '@server/db/read';
import type { Database } from '@server/db/types';
import { PostDoc } from '@server/data/posts';

export async function findPost(db: Database, id: string): Promise<PostDoc | null> {
  return getDoc(db.collection('posts').doc(id), PostDoc, 'posts');
}

export async function loadPost(db: Database, id: string): Promise<PostDoc> {
  const post = await findPost(db, id);
  if (!post) throw new AppError('NOT_FOUND', '素材不存在或已被删除');
  return post;
}

export function toSummary(post: PostDoc): PostSummary {
  return {
    id: post._id,
    title: post.title,
    status: post.status,
    imageCount: post.images.length,
    storeIds: post.storeIds,
    updatedAt: post.updatedAt,
    ...(post.publishAt !== undefined ? { publishAt: post.publishAt } : {}),
    ...(post.publishedAt !== undefined ? { publishedAt: post.publishedAt } : {}),
  };
}

/** Whether a guide of `storeId` is in the post's audience. */
export function targetsStore(post: PostDoc, storeId: string): boolean {
  return post.allStores || post.storeIds.includes(storeId);
}

export const STATUS_NAMES: Record<PostDoc['status'], string> = {
  draft: '草稿',
  scheduled: '待发布',
  published: '已发布',
  archived: '已归档',
  withdrawn: '已撤回',
};
