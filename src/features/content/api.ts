import type { ContentContract } from '@core/contracts/content';
import type { ActionName, InputOf, OutputOf } from '@core/contracts/define';
import { unwrapReply } from '@/lib/cloud/errors';
import { send } from '@/lib/cloud/transport';

type Action = ActionName<ContentContract>;

/**
 * Typed calls to the content function. Goes through the app's one transport (lib/cloud); the
 * shared Contracts map does not list content yet, so the typing is local to this domain.
 */
async function callContent<A extends Action>(
  action: A,
  input: InputOf<ContentContract, A>,
): Promise<OutputOf<ContentContract, A>> {
  return unwrapReply(await send('content', { ...(input as Record<string, unknown>), action }));
}

export type SavePostInput = InputOf<ContentContract, 'savePost'>;
export type PostDetail = OutputOf<ContentContract, 'getPost'>;
export type PostSummary = OutputOf<ContentContract, 'listPosts'>['posts'][number];
export type PostStatus = PostSummary['status'];
export type Preview = OutputOf<ContentContract, 'previewVariants'>;
export type PostStats = OutputOf<ContentContract, 'postStats'>;
export type FeedPost = OutputOf<ContentContract, 'feed'>['posts'][number];
export type MyVariant = OutputOf<ContentContract, 'myVariant'>;

export const savePost = (input: SavePostInput) => callContent('savePost', input);
export const publishPost = (id: string, publishAt?: number) =>
  callContent('publishPost', publishAt === undefined ? { id } : { id, publishAt });
export const archivePost = (id: string) => callContent('archivePost', { id });
export const fetchPostList = async (status?: PostStatus) =>
  (await callContent('listPosts', status ? { status } : {})).posts;
export const fetchPost = (id: string) => callContent('getPost', { id });
export const fetchPreview = (id: string, imageIndex = 0) => callContent('previewVariants', { id, imageIndex });
export const fetchPostStats = (id: string) => callContent('postStats', { id });
export const fetchFeed = async () => (await callContent('feed', {})).posts;
export const fetchMyVariant = (postId: string) => callContent('myVariant', { postId });
export const recordOutcome = (postId: string, outcome: 'copied' | 'saved') =>
  callContent('recordOutcome', { postId, outcome });
