/**
 * `visits`, `share_links` and `interests`: what insight records when a share is made, opened and
 * read. Account reads share links and visits to decide a referral, and its data deletion rewrites
 * the openids in them, so they are described here once.
 */
import * as z from 'zod';
import { getDoc } from '../db/read';
import type { Database } from '../db/types';
import { readerKey } from '../privacy/keys';

export const ReadDepthDoc = z.object({
  paragraph: z.number().int(),
  paragraphs: z.number().int(),
  ratio: z.number(),
});
export type ReadDepthDoc = z.infer<typeof ReadDepthDoc>;

export const VisitDoc = z.object({
  /**
   * vst_*. A signed-in reader's visits have ids keyed from (token, openid, day[, half hour]),
   * so opening the same share again that day finds the same document; anonymous ones are random.
   */
  _id: z.string(),
  /** The share token the page was opened through. */
  token: z.string(),
  /**
   * The reader's openid, kept only once they agreed to be recorded (a member, staff, or a visitor
   * who said 同意 on the reader page). Absent for a visitor who has not agreed and when anonymous.
   */
  viewer: z.string().optional(),
  /**
   * Any signed-in reader, agreed or not: readerKey(token, openid), a keyed hash that matches only
   * on this share (server/privacy/keys.ts). Counts a reader once a day and proves the open.
   */
  reader: z.string().optional(),
  sharer: z.string(),
  sharerRole: z.enum(['guide', 'customer']),
  /** The guide credited with the open: the sharer, or the sharing customer's guide. */
  guideOpenid: z.string().optional(),
  storeId: z.string().optional(),
  postId: z.string().optional(),
  /** The post's interest tags when it was opened (reading time adds to these). */
  tags: z.array(z.string()),
  scene: z.number().optional(),
  anonymous: z.boolean(),
  /**
   * Whether the open counts in figures: a viewer's first open of the token that Beijing day, or an
   * anonymous open within the token's daily bound. Later opens that day keep their reading time only.
   */
  counted: z.boolean(),
  openedAt: z.number(),
  seconds: z.number().int(),
  /** The deepest point the page reported. */
  depth: ReadDepthDoc.optional(),
  updatedAt: z.number(),
});
export type VisitDoc = z.infer<typeof VisitDoc>;

/** The stored value of "no post" and "no parent": a unique index needs a value in every key. */
export const NONE = '-';

export const ShareLinkDoc = z.object({
  /** The share token (17 base62 characters, crypto-random). */
  _id: z.string(),
  sharer: z.string(),
  sharerRole: z.enum(['guide', 'customer']),
  /** The post id, or NONE for an invitation. */
  postKey: z.string(),
  /** The parent token of a reshare, or NONE for a first share. */
  parentKey: z.string(),
  /** Who shared the parent (reshares counted per person without a join). */
  parentSharer: z.string().optional(),
  /** The first share of the chain (its own token at hop 0). */
  root: z.string(),
  /** Reshares between the root and this share. */
  hop: z.number().int().min(0),
  createdAt: z.number(),
  /**
   * The composed poster, once made (kept per token), with the brand revision (the brand's
   * `updatedAt`, 0 before HQ saved one) its caption was drawn under: a rename makes it stale.
   */
  poster: z
    .object({
      fileID: z.string(),
      width: z.number().int(),
      height: z.number().int(),
      brandAt: z.number().optional(),
    })
    .optional(),
});
export type ShareLinkDoc = z.infer<typeof ShareLinkDoc>;

export function loadShareLink(db: Database, token: string): Promise<ShareLinkDoc | null> {
  return getDoc(db.collection('share_links').doc(token), ShareLinkDoc, 'share_links');
}

/**
 * Whether `viewer` opened the share `token` signed in (an anonymous open proves nobody) at or
 * after `since`, agreed to be recorded or not. Decides a referral and whether a reader may pass a
 * share on.
 */
export async function hasVisited(db: Database, viewer: string, token: string, since = 0): Promise<boolean> {
  const { data } = await db
    .collection('visits')
    .where({ token, reader: readerKey(token, viewer), openedAt: db.command.gte(since) })
    .limit(1)
    .get();
  return data.length > 0;
}

export const postIdOf = (link: Pick<ShareLinkDoc, 'postKey'>): string | undefined =>
  link.postKey === NONE ? undefined : link.postKey;
export const parentOf = (link: Pick<ShareLinkDoc, 'parentKey'>): string | undefined =>
  link.parentKey === NONE ? undefined : link.parentKey;

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

/**
 * Rate-limit counters (server/db/rate-limit.ts) that name a caller by openid: the data deletion
 * removes them. `_id` = scope + ':' + openid.
 */
export const CALLER_RATE_SCOPES = ['visit-open', 'visit-time'] as const;
export type CallerRateScope = (typeof CALLER_RATE_SCOPES)[number];
export const callerRateId = (scope: CallerRateScope, openid: string) => `${scope}:${openid}`;

/** `visitor_consents/<openid>`: a visitor agreed on the reader page to be recorded under their openid. */
export const VisitorConsentDoc = z.object({ _id: z.string(), version: z.string(), at: z.number() });
export type VisitorConsentDoc = z.infer<typeof VisitorConsentDoc>;

/**
 * Whether a signed-in caller's reading may be kept under their openid: members agreed when they
 * joined, staff are recorded as part of their work, a visitor only after agreeing on the reader page.
 */
export async function mayRecordReader(db: Database, caller: { openid: string; role: string }): Promise<boolean> {
  if (caller.openid === '') return false;
  if (caller.role !== 'visitor') return true;
  return (
    (await getDoc(db.collection('visitor_consents').doc(caller.openid), VisitorConsentDoc, 'visitor_consents')) !== null
  );
}
