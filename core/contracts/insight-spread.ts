/**
 * How shares spread: a member's invited friends, a post's spread tree (share → opens → reshares →
 * joins, hop by hop), and the people whose shares bring the most (content KOCs). Nothing here
 * rewards a share itself (《微信小程序平台运营规范》5.1): points follow only a friend's deep actions.
 */
import * as z from 'zod';
import { postId } from './content';
import { DateRange } from './common';

// ---- a member's invitations ---------------------------------------------------------------------

export const FRIEND_STAGES = ['opened', 'joined', 'redeemed'] as const;
export type FriendStage = (typeof FRIEND_STAGES)[number];

export const InvitedFriend = z.object({
  /** The friend's member name; a friend who only opened the share is not named (they agreed to nothing). */
  name: z.string().optional(),
  stage: z.enum(FRIEND_STAGES),
  openedAt: z.number().optional(),
  joinedAt: z.number().optional(),
  /** Their first redemption. */
  redeemedAt: z.number().optional(),
  /** Points this friend's deep actions earned the member (joining, first redemption, purchases). */
  points: z.number().int(),
});
export type InvitedFriend = z.infer<typeof InvitedFriend>;

export const MyInvitesOutput = z.object({
  /**
   * Members who joined through the member's shares (stage joined or redeemed), newest first.
   * People who only opened a share are never listed: they are counted in `opens`.
   */
  friends: z.array(InvitedFriend),
  /** Opens of the member's shares by people who have not joined (counted, never named). */
  opens: z.number().int(),
  /** All points the member's invitations earned. */
  points: z.number().int(),
});
export type MyInvitesOutput = z.infer<typeof MyInvitesOutput>;

// ---- a post's spread ---------------------------------------------------------------------------

export const MAX_SPREAD_NODES = 500;

export const SpreadNode = z.object({
  /** The share token (stands for this share; never an openid). */
  id: z.string(),
  /** The share it passed on; absent for a first share (hop 0). */
  parent: z.string().optional(),
  hop: z.number().int(),
  sharerName: z.string(),
  sharerRole: z.enum(['guide', 'customer']),
  sharedAt: z.number(),
  /** Counted opens: unique viewers per day, the sharer's own excluded, anonymous opens within their bound. */
  opens: z.number().int(),
  viewers: z.number().int(),
  anonymousOpens: z.number().int(),
  reshares: z.number().int(),
  /** Members who joined through this share. */
  joins: z.number().int(),
  /** Seconds read through this share, in all. */
  readSeconds: z.number().int(),
});
export type SpreadNode = z.infer<typeof SpreadNode>;

export const HopReach = z.object({
  hop: z.number().int(),
  shares: z.number().int(),
  opens: z.number().int(),
  viewers: z.number().int(),
  joins: z.number().int(),
});
export type HopReach = z.infer<typeof HopReach>;

export const PostSpreadInput = z.strictObject({ postId });
export const PostSpreadOutput = z.object({
  post: z.object({ id: z.string(), title: z.string() }),
  /** HQ: every share of the post; a guide: the trees that start at their own shares. */
  nodes: z.array(SpreadNode),
  hops: z.array(HopReach),
  truncated: z.boolean(),
});
export type PostSpreadOutput = z.infer<typeof PostSpreadOutput>;

// ---- content KOCs (HQ) -------------------------------------------------------------------------

export const ContentKocInput = DateRange.partial().extend({
  postId: postId.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export const ContentKocRow = z.object({
  openid: z.string(),
  name: z.string(),
  role: z.enum(['guide', 'customer']),
  guideName: z.string().optional(),
  shares: z.number().int(),
  opens: z.number().int(),
  reshares: z.number().int(),
  joins: z.number().int(),
});
export type ContentKocRow = z.infer<typeof ContentKocRow>;
export const ContentKocOutput = z.object({ rows: z.array(ContentKocRow) });
