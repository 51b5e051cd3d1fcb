/**
 * `post_variants`: one guide's stored variant of a post, made by content and shown by insight to
 * whoever opens the guide's share.
 */
import * as z from 'zod';
import { TEXT_SOURCES, TextChange } from '@core/contracts/content-post';

export const VariantDoc = z.object({
  /** variantId(postId, guideOpenid): one variant per (post, guide), a duplicate insert fails. */
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
  /**
   * The guide's place in the audience when the variant was made: the images' codewords come from it,
   * so images deleted after the retention are made again from it, byte for byte (absent on older
   * variants).
   */
  place: z.number().int().optional(),
  /** Bytes of the images this variant made (not the originals it may hand out); absent on older variants. */
  bytes: z.number().optional(),
  /** When its current images were made (the retention counts from here); absent on older variants. */
  imagesAt: z.number().optional(),
  suggestedAt: z.number(),
  /** Generation time in ms, kept to watch the cost in production logs and stats. */
  ms: z.number(),
  createdAt: z.number(),
  /**
   * When the guide first opened it (variants are made ahead for the whole audience, so being stored
   * says nothing about being seen); absent on variants stored before openings were recorded.
   */
  openedAt: z.number().optional(),
  copiedAt: z.number().optional(),
  savedAt: z.number().optional(),
  /**
   * Its images were deleted from storage (the post was archived, or they passed the retention);
   * `images` is then empty.
   */
  releasedAt: z.number().optional(),
});
export type VariantDoc = z.infer<typeof VariantDoc>;

/** The id of a guide's variant of a post; stored ids have this shape, so it must not change. */
export const variantId = (postId: string, guideOpenid: string) => `${postId}:${guideOpenid}`;
