/** Opening shares: share tokens, visits, reading time and depth, the poster. */
import * as z from 'zod';
import { shareToken } from './common';
import { postId } from './content';

export { SHARE_TOKEN_LENGTH, shareToken } from './common';
export const visitId = z.string().regex(/^vst_[A-Za-z0-9]{6,40}$/);

/** WeChat launch scene values (1007 single chat, 1154 Moments single-page mode, ...). */
export const scene = z.number().int().min(1000).max(9999);
/** Opened from a Moments post in single-page mode: no login, no openid. */
export const SCENE_MOMENTS_SINGLE_PAGE = 1154;

/**
 * Reading time is reported by the page (show/hide plus a heartbeat). No single visit counts for
 * more than this, so a phone left open on a post cannot fake interest.
 */
export const MAX_VISIT_SECONDS = 30 * 60;

// ---- visits ------------------------------------------------------------------------------------

export const RecordVisitInput = z.strictObject({
  /** The token of the share the page was opened through; the server decides who shared it. */
  shareToken,
  scene: scene.optional(),
});

export const SharedPost = z.object({
  id: z.string(),
  title: z.string(),
  /** The sharer's own variant when the sharer is a guide who made one, else the original. */
  text: z.string(),
  images: z.array(z.object({ fileID: z.string(), url: z.string() })),
  publishedAt: z.number().optional(),
});
export type SharedPost = z.infer<typeof SharedPost>;

export const RecordVisitOutput = z.object({
  /**
   * The visit to report reading time on. Absent when the open is not recorded: the sharer opening
   * their own share, or an anonymous open beyond the share's daily bound; the page then sends no
   * reading time.
   */
  visitId: z.string().optional(),
  /** Who shared it, by name only: a viewer never learns another person's openid. */
  sharerName: z.string().optional(),
  postId: z.string().optional(),
  post: SharedPost.optional(),
  /**
   * A signed-in visitor who has not agreed to be recorded: the open was counted without their
   * openid; the page offers the agreement (insight.giveConsent).
   */
  askConsent: z.literal(true).optional(),
});
export type RecordVisitOutput = z.infer<typeof RecordVisitOutput>;

/** How far the reader got: the last paragraph reached (1-based) of how many, and the share of the text. */
export const ReadDepth = z
  .strictObject({
    paragraph: z.number().int().min(1).max(500),
    paragraphs: z.number().int().min(1).max(500),
    ratio: z.number().min(0).max(1),
  })
  .refine((d) => d.paragraph <= d.paragraphs, { message: '段落超出范围', path: ['paragraph'] });
export type ReadDepth = z.infer<typeof ReadDepth>;

export const EndVisitInput = z.strictObject({
  visitId,
  /** Reported with the time; the deepest point reached is kept. */
  depth: ReadDepth.optional(),
  /** Seconds the page has been visible since it opened, in total (a heartbeat repeats it, grown). */
  seconds: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600),
});
export const EndVisitOutput = z.object({ seconds: z.number().int() });

/**
 * A visitor agrees on the reader page that their later opens and reading time are kept under their
 * openid (interest tags, their guide's follow-up), and so is the visit of the page they agreed on.
 * The version is that of the privacy guide they were shown (MEMBER_TERMS_VERSION); an outdated one
 * is refused.
 */
export const GiveConsentInput = z.strictObject({
  version: z.string().regex(/^[0-9A-Za-z.-]{1,20}$/),
  /** The visit open on the page where they agreed: it is recorded as theirs too. */
  visitId: visitId.optional(),
});
export const GiveConsentOutput = z.object({ version: z.string(), at: z.number() });

export const ShareLinkInput = z.strictObject({
  /** The post shared; absent = an invitation to the mini-program (a member inviting a friend). */
  postId: postId.optional(),
  /** The token of the share the caller arrived through, when they pass it on: the new token is its child. */
  parent: shareToken.optional(),
});
export const ShareLinkOutput = z.object({
  /** Stable per (sharer, post, parent): sharing twice gives the same link. */
  shareToken: z.string(),
  /** Page path with its query, for onShareAppMessage / a link. */
  path: z.string(),
  /** The wxacode scene (≤ 32 characters). */
  scene: z.string(),
});

export const SharePosterOutput = ShareLinkOutput.extend({
  /**
   * The composed poster (the sharer's variant image or the brand's invitation art, the title, the
   * sharer's name and store, a mini-program code carrying the token), kept per token.
   */
  fileID: z.string(),
  url: z.string(),
  width: z.number().int(),
  height: z.number().int(),
});
export type SharePosterOutput = z.infer<typeof SharePosterOutput>;

/** HQ's guide invitation as a mini-program code (weapp; the H5 build draws a plain QR of the link). */
export const InviteCodeOutput = z.object({
  fileID: z.string(),
  url: z.string(),
  /** The page and scene the code opens: the join page with the invitation filled in. */
  page: z.string(),
  scene: z.string(),
});
