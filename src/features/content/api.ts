import { callFunction, type CallInput, type CallOutput } from '@/lib/cloud';

export type SavePostInput = CallInput<'content', 'savePost'>;
export type PostDetail = CallOutput<'content', 'getPost'>;
export type PostSummary = CallOutput<'content', 'listPosts'>['posts'][number];
export type PostStatus = PostSummary['status'];
export type Preview = CallOutput<'content', 'previewVariants'>;
export type PostStats = CallOutput<'content', 'postStats'>;
export type FeedPost = CallOutput<'content', 'feed'>['posts'][number];
export type MyVariant = CallOutput<'content', 'myVariant'>;
export type ImageCheck = CallOutput<'content', 'checkImages'>['checks'][number];

/** Saves the post and its interest tags together (one transaction on the server). */
export const savePost = (input: SavePostInput) => callFunction('content', 'savePost', input);
export const publishPost = (id: string, publishAt?: number) =>
  callFunction('content', 'publishPost', publishAt === undefined ? { id } : { id, publishAt });
export const archivePost = (id: string) => callFunction('content', 'archivePost', { id });
export const fetchPostList = async (status?: PostStatus) =>
  (await callFunction('content', 'listPosts', status ? { status } : {})).posts;
export const fetchPost = (id: string) => callFunction('content', 'getPost', { id });
/** Submits images not yet checked and answers each one's check (polled while one is pending). */
export const checkImages = async (images: string[]) =>
  (await callFunction('content', 'checkImages', { images })).checks;
export const fetchPreview = (id: string, imageIndex = 0) =>
  callFunction('content', 'previewVariants', { id, imageIndex });
export const fetchPostStats = (id: string) => callFunction('content', 'postStats', { id });
export const fetchFeed = async () => (await callFunction('content', 'feed', {})).posts;
export const fetchMyVariant = (postId: string) => callFunction('content', 'myVariant', { postId });
export const recordOutcome = (postId: string, outcome: 'copied' | 'saved') =>
  callFunction('content', 'recordOutcome', { postId, outcome });
export type HqNotice = CallOutput<'content', 'notices'>['notices'][number];
export const fetchNotices = () => callFunction('content', 'notices', {});
export const readNotices = (ids: string[]) => callFunction('content', 'readNotices', { ids });
