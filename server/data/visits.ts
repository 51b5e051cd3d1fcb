/**
 * `visits`, `share_links` and `interests`: what insight records when a share is opened and read.
 * Account's data deletion rewrites the openids in them, so they are described here once.
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
  /** A short id (fits a wxacode scene). */
  _id: z.string(),
  sharer: z.string(),
  /** The post id, or NO_POST for a share of the mini-program itself (a unique index needs a value). */
  postKey: z.string(),
  createdAt: z.number(),
  posterFileID: z.string().optional(),
});
export type ShareLinkDoc = z.infer<typeof ShareLinkDoc>;
export const NO_POST = '-';

/** Seconds one reader spent on posts with one interest tag. */
export const InterestDoc = z.object({
  _id: z.string(),
  openid: z.string(),
  tag: z.string(),
  seconds: z.number(),
  updatedAt: z.number(),
});
export type InterestDoc = z.infer<typeof InterestDoc>;
export const interestId = (openid: string, tag: string) => `${openid}:${tag}`;
