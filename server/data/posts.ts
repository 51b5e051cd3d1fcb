/**
 * `posts` and `post_tags`: HQ's posts, written by content and read by insight (a shared post, a
 * customer's timeline, the dashboard). A function that reads some fields parses with a `.pick()` of
 * PostDoc, so there is one description of a post.
 */
import * as z from 'zod';
import { POST_STATUSES, SecurityVerdict, Variation } from '@core/contracts/content-post';
import { getDoc } from '../db/read';
import type { Database } from '../db/types';

export const PostDoc = z.object({
  _id: z.string(),
  title: z.string(),
  body: z.string(),
  images: z.array(z.string()),
  protectTerms: z.array(z.string()),
  variation: Variation,
  /**
   * The image engine's version the post's variants are made with (server/variation/types.ts), set
   * when it is saved; absent on posts saved before versions were recorded, which are made with 1.
   */
  imageEngine: z.number().int().positive().optional(),
  storeIds: z.array(z.string()),
  /** true when storeIds is empty: lets the feed query "every store" without an array-size operator. */
  allStores: z.boolean(),
  status: z.enum(POST_STATUSES),
  rev: z.number().int(),
  createdAt: z.number(),
  createdBy: z.string(),
  updatedAt: z.number(),
  publishAt: z.number().optional(),
  publishedAt: z.number().optional(),
  archivedAt: z.number().optional(),
  /** When every file an archived post's variants and previews held had been deleted from storage. */
  releasedAt: z.number().optional(),
  security: SecurityVerdict.optional(),
  /** A published post one of whose images was refused by the image check afterwards: no more variants. */
  mediaBlockedAt: z.number().optional(),
  /** When a re-check refused a post published unchecked, and the check's reason (status `withdrawn`). */
  withdrawnAt: z.number().optional(),
  withdrawnReason: z.string().optional(),
});
export type PostDoc = z.infer<typeof PostDoc>;

/** `_id` = the post's id: the interest tags HQ gave it (insight adds reading time to them). */
export const PostTagsDoc = z.object({ _id: z.string(), tags: z.array(z.string()), updatedAt: z.number() });
export type PostTagsDoc = z.infer<typeof PostTagsDoc>;

/** The post's interest tags, none when it has no post_tags document. */
export async function readPostTags(db: Database, postId: string): Promise<string[]> {
  return (await getDoc(db.collection('post_tags').doc(postId), PostTagsDoc, 'post_tags'))?.tags ?? [];
}
