/**
 * What the insight domain stores, and the slices of other domains' documents it reads (posts,
 * variants, coupons). Foreign documents are parsed with only the fields used here, so a change
 * elsewhere that keeps those fields does not break insight. Times are epoch ms from ctx.now().
 */
import * as z from 'zod';

export const VisitDoc = z.object({
  _id: z.string(),
  /** Absent for an anonymous viewer (Moments single-page mode has no login). */
  viewer: z.string().optional(),
  sharer: z.string(),
  sharerRole: z.enum(['hq', 'guide', 'customer', 'visitor']),
  /** The guide credited with the open: the sharer, or the sharing customer's guide. */
  guideOpenid: z.string().optional(),
  storeId: z.string().optional(),
  postId: z.string().optional(),
  /** The post's interest tags when it was opened (reading time adds to these). */
  tags: z.array(z.string()),
  scene: z.number().optional(),
  anonymous: z.boolean(),
  /** The sharer opening their own share: kept, never counted. */
  self: z.boolean(),
  openedAt: z.number(),
  seconds: z.number().int(),
  updatedAt: z.number(),
});
export type VisitDoc = z.infer<typeof VisitDoc>;

export const ShareLinkDoc = z.object({
  _id: z.string(),
  sharer: z.string(),
  /** The post id, or '-' for a share of the mini-program itself (a unique index needs a value). */
  postKey: z.string(),
  createdAt: z.number(),
  posterFileID: z.string().optional(),
});
export type ShareLinkDoc = z.infer<typeof ShareLinkDoc>;
export const NO_POST = '-';

export const PostTagsDoc = z.object({ _id: z.string(), tags: z.array(z.string()), updatedAt: z.number() });

export const InterestDoc = z.object({
  _id: z.string(),
  openid: z.string(),
  tag: z.string(),
  seconds: z.number(),
  updatedAt: z.number(),
});
export type InterestDoc = z.infer<typeof InterestDoc>;
export const interestId = (openid: string, tag: string) => `${openid}:${tag}`;

export const TagRulesDoc = z.object({
  _id: z.literal('tag_rules'),
  rules: z.array(z.object({ tag: z.string(), minSeconds: z.number() })),
  updatedAt: z.number(),
  updatedBy: z.string(),
});
export const TAG_RULES_ID = 'tag_rules';

// ---- read from other domains ---------------------------------------------------------------

/** content: posts. */
export const PostSlice = z.object({
  _id: z.string(),
  title: z.string(),
  body: z.string(),
  images: z.array(z.string()),
  status: z.string(),
  publishedAt: z.number().optional(),
});
export type PostSlice = z.infer<typeof PostSlice>;

/** content: a guide's stored variant of a post. */
export const VariantSlice = z.object({ _id: z.string(), text: z.string(), images: z.array(z.string()) });

/** mall: an issued coupon. */
export const CouponSlice = z.object({
  _id: z.string(),
  owner: z.string(),
  title: z.string(),
  status: z.string(),
  issuedAt: z.number(),
});

/** account: referral edges (`from` shared, `to` became a member). */
export const EdgeSlice = z.object({ from: z.string(), to: z.string() });
export type EdgeSlice = z.infer<typeof EdgeSlice>;
