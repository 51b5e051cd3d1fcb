/**
 * What the content domain stores, as zod schemas; documents are parsed when read so a malformed one
 * fails loudly (INTERNAL) instead of flowing on. Times are epoch milliseconds from ctx.now().
 */
import * as z from 'zod';
import { POST_STATUSES, SecurityVerdict, TEXT_SOURCES, TextChange, Variation } from '@core/contracts/content';

export const PostDoc = z.object({
  _id: z.string(),
  title: z.string(),
  body: z.string(),
  images: z.array(z.string()),
  protectTerms: z.array(z.string()),
  variation: Variation,
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
  security: SecurityVerdict.optional(),
});
export type PostDoc = z.infer<typeof PostDoc>;

export const VariantDoc = z.object({
  /** postId + ':' + guideOpenid: one variant per (post, guide), a duplicate insert fails. */
  _id: z.string(),
  postId: z.string(),
  guideOpenid: z.string(),
  storeId: z.string(),
  /** The post revision the variant was made from. */
  rev: z.number().int(),
  text: z.string(),
  textStrength: z.string(),
  changes: z.array(TextChange),
  /** What made the text; variants stored before the AI rewrite lack it and are 'local'. */
  textSource: z.enum(TEXT_SOURCES).optional(),
  images: z.array(z.string()),
  suggestedAt: z.number(),
  /** Generation time in ms, kept to watch the cost in production logs and stats. */
  ms: z.number(),
  createdAt: z.number(),
  copiedAt: z.number().optional(),
  savedAt: z.number().optional(),
});
export type VariantDoc = z.infer<typeof VariantDoc>;

export const variantId = (postId: string, guideOpenid: string) => `${postId}:${guideOpenid}`;

/** One judged AI rewrite per (post, guide, revision): the accepted text, or why it was refused. */
export const AiRewriteDoc = z.object({
  _id: z.string(),
  postId: z.string(),
  guideOpenid: z.string(),
  rev: z.number().int(),
  /** The accepted text; absent when the rewrite was refused (then the local generator's text is used). */
  text: z.string().optional(),
  refused: z.string().optional(),
  model: z.string(),
  ms: z.number(),
  createdAt: z.number(),
});
export type AiRewriteDoc = z.infer<typeof AiRewriteDoc>;

export const aiRewriteId = (postId: string, guideOpenid: string, rev: number) => `${postId}:${guideOpenid}:r${rev}`;
