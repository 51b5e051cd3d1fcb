/**
 * The parts of a post that its contract (content.ts) and its stored document (server/data/posts.ts,
 * variants.ts) share. A module of their own, so a function that reads posts does not bundle the
 * whole content contract.
 */
import * as z from 'zod';

/**
 * `withdrawn`: published unchecked (lenient mode) and refused when re-checked (recheckPosts); out of
 * every feed and the reader page, never made into variants again, kept for HQ to see why.
 */
export const POST_STATUSES = ['draft', 'scheduled', 'published', 'archived', 'withdrawn'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

export const STRENGTHS = ['off', 'subtle', 'standard'] as const;
export type Strength = (typeof STRENGTHS)[number];

export const Variation = z.strictObject({
  text: z.enum(STRENGTHS),
  image: z.enum(STRENGTHS),
});
export type Variation = z.infer<typeof Variation>;

export const SecurityVerdict = z.object({
  suggest: z.enum(['pass', 'review', 'risky']),
  label: z.number(),
  checkedAt: z.number(),
  /** Chinese reason shown to HQ when publishing is refused. */
  reason: z.string().optional(),
  /** Published without a verdict because the check was unreachable and SIYU_CONTENT_SECURITY=lenient. */
  unchecked: z.boolean().optional(),
});
export type SecurityVerdict = z.infer<typeof SecurityVerdict>;

/**
 * Where an image stands in WeChat's image check (mediaCheckAsync): submitted and waiting for the
 * pushed verdict, passed, refused (`risky`) or held for review (`review`) — both quarantined — or
 * `unchecked` when the check could not be reached (lenient mode may publish it so).
 */
export const MEDIA_CHECK_STATUSES = ['pending', 'pass', 'risky', 'review', 'unchecked'] as const;
export type MediaCheckStatus = (typeof MEDIA_CHECK_STATUSES)[number];

export const ImageCheck = z.object({
  fileID: z.string(),
  status: z.enum(MEDIA_CHECK_STATUSES),
  /** Chinese reason shown on the editor's image slot when refused. */
  reason: z.string().optional(),
  checkedAt: z.number().optional(),
});
export type ImageCheck = z.infer<typeof ImageCheck>;

/** One changed span of a variant, in UTF-16 offsets into the variant text (for highlighting). */
export const TextChange = z.object({
  kind: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  /** What stood there in the original, when the engine knows it. */
  original: z.string().optional(),
});
export type TextChange = z.infer<typeof TextChange>;

/** What made a variant's text: the local generator, or CloudBase AI (SIYU_AI_PROVIDER) after passing the same gates. */
export const TEXT_SOURCES = ['ai', 'local'] as const;
export type TextSource = (typeof TEXT_SOURCES)[number];
