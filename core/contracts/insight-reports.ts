/**
 * HQ's reports beyond the dashboard: a store filter, per-post figures, guides who have not shared
 * today's posts, the weekly report, the leaderboard's weights, and exports of each.
 *
 * A store filter (`storeId`) narrows a report to one store. HQ may name any store; a guide may call
 * only the reports that admit guides, and only for their own store (another store is refused with
 * PERMISSION_DENIED, never answered empty).
 */
import * as z from 'zod';
import { DateRange, prefixedId } from './common';
import { postId } from './content';

export const storeId = prefixedId('sto');
/** Narrows a report to one store; absent = the whole brand (HQ) or the caller's store (a guide). */
export const StoreFilter = z.strictObject({ storeId: storeId.optional() });

export const DashboardInput = DateRange.extend({ storeId: storeId.optional() });

// ---- figures, dashboard and leaderboard -------------------------------------------------------

export const Figures = z.object({
  /** Posts whose text the guide copied. */
  copies: z.number().int(),
  /**
   * Signed-in people who opened the guide's shares, once per share and Beijing day (the guide's
   * own opens and anonymous Moments views not counted).
   */
  visits: z.number().int(),
  /** Members who joined into the guide's care. */
  newMembers: z.number().int(),
  /** Coupons the guide verified in store. */
  redemptions: z.number().int(),
  /** Ranking score: see SCORE_WEIGHTS. */
  score: z.number(),
});
export type Figures = z.infer<typeof Figures>;

export const MyFiguresInput = DateRange.partial();
export const MyFiguresOutput = z.object({
  from: z.string(),
  to: z.string(),
  figures: Figures,
  readSeconds: z.number().int(),
  /** Place among the brand's active guides (competition ranking) and how many there are. */
  rank: z.number().int(),
  of: z.number().int(),
  /** Place among the active guides of the caller's own store. */
  storeRank: z.number().int(),
  storeOf: z.number().int(),
});
export type MyFiguresOutput = z.infer<typeof MyFiguresOutput>;

export const DashboardTotals = z.object({
  postsPublished: z.number().int(),
  activeGuides: z.number().int(),
  copies: z.number().int(),
  visits: z.number().int(),
  anonymousVisits: z.number().int(),
  readSeconds: z.number().int(),
  newMembers: z.number().int(),
  redemptions: z.number().int(),
  pointsIssued: z.number().int(),
  pointsSpent: z.number().int(),
});
export type DashboardTotals = z.infer<typeof DashboardTotals>;
export const DashboardDay = DashboardTotals.omit({ activeGuides: true, anonymousVisits: true }).extend({
  day: z.string(),
});
export type DashboardDay = z.infer<typeof DashboardDay>;
export const DashboardOutput = z.object({
  from: z.string(),
  to: z.string(),
  totals: DashboardTotals,
  days: z.array(DashboardDay),
});
export type DashboardOutput = z.infer<typeof DashboardOutput>;

export const LeaderboardInput = DateRange.extend({
  by: z.enum(['guide', 'store']),
  /** One store's guides (or that store's row); a guide may name only their own store. */
  storeId: storeId.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export const LeaderRow = Figures.extend({
  rank: z.number().int(),
  id: z.string(),
  name: z.string(),
  storeName: z.string().optional(),
});
export type LeaderRow = z.infer<typeof LeaderRow>;
export const LeaderboardOutput = z.object({ rows: z.array(LeaderRow) });

// ---- per-post figures -------------------------------------------------------------------------

/**
 * One post's figures (over the whole brand, or one store: visits credited to that store's guides,
 * that store's guides' copies and saves, members of that store who joined through the post, awards
 * made in that store).
 * - opens: counted opens of shares of the post (once per viewer, share and Beijing day; anonymous
 *   ones within their daily bound); readers: distinct signed-in viewers.
 * - avgSeconds: reading seconds of all its visits / opens (rounded); avgDepth: mean share of the text
 *   reached (0..1) over visits that reported a depth, null when none did.
 * - copies / saves: guides' variants of the post whose text was copied / images saved.
 * - joins: members who registered through a share of the post (referrals.postId).
 * - purchases: purchase awards (not reversed) made to a reader of the post at or after that reader's
 *   FIRST open of the post and within PURCHASE_WINDOW_DAYS of it; purchaseFen: their amounts.
 */
export const PURCHASE_WINDOW_DAYS = 7;

export const PostFigures = z.object({
  postId: z.string(),
  title: z.string(),
  publishedAt: z.number().optional(),
  opens: z.number().int(),
  readers: z.number().int(),
  readSeconds: z.number().int(),
  avgSeconds: z.number().int(),
  avgDepth: z.number().nullable(),
  copies: z.number().int(),
  saves: z.number().int(),
  joins: z.number().int(),
  purchases: z.number().int(),
  purchaseFen: z.number().int(),
});
export type PostFigures = z.infer<typeof PostFigures>;

export const PostFiguresInput = z.strictObject({ postId, storeId: storeId.optional() });
export const MAX_RECENT_POSTS = 50;
export const RecentPostsInput = z.strictObject({
  storeId: storeId.optional(),
  limit: z.number().int().min(1).max(MAX_RECENT_POSTS).default(20),
});
export const RecentPostsOutput = z.object({ rows: z.array(PostFigures) });

// ---- guides who have not shared today ----------------------------------------------------------

export const NotSharedRow = z.object({
  /** HQ: the guide's openid. A guide: a row key, their own openid only on their own row. */
  id: z.string(),
  name: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  /** Today's posts for the guide's store, and how many of them the guide has not copied, saved or shared. */
  of: z.number().int(),
  missing: z.number().int(),
});
export type NotSharedRow = z.infer<typeof NotSharedRow>;
export const NotSharedOutput = z.object({
  day: z.string(),
  /** Posts published today (Beijing day). */
  posts: z.array(z.object({ id: z.string(), title: z.string() })),
  /** Per store: active guides, and those with at least one of today's posts not shared. */
  stores: z.array(
    z.object({ storeId: z.string(), name: z.string(), guides: z.number().int(), notShared: z.number().int() }),
  ),
  /** Guides with at least one of today's posts not shared, most missing first. */
  rows: z.array(NotSharedRow),
});
export type NotSharedOutput = z.infer<typeof NotSharedOutput>;

// ---- leaderboard weights -----------------------------------------------------------------------

const weight = z.number().int().min(0).max(100);
const WEIGHTS = { copies: weight, visits: weight, newMembers: weight, redemptions: weight };
export const ScoreWeights = z
  .strictObject(WEIGHTS)
  .refine((w) => w.copies + w.visits + w.newMembers + w.redemptions > 0, {
    message: '至少一项权重大于 0',
    path: ['copies'],
  });
export type ScoreWeights = z.infer<typeof ScoreWeights>;
export const ScoreWeightsOutput = z.object(WEIGHTS);

// ---- weekly report -----------------------------------------------------------------------------

export const weeklyId = z.string().regex(/^wkr_\d{8}$/, { message: '周报编号无效' });
export const WeeklySummary = z.object({
  id: z.string(),
  /** The Beijing week it covers, Monday to Sunday. */
  from: z.string(),
  to: z.string(),
  createdAt: z.number(),
});
export const WeeklyListOutput = z.object({ reports: z.array(WeeklySummary) });

export const BehindRow = z.object({
  scope: z.enum(['store', 'guide']),
  id: z.string(),
  name: z.string(),
  month: z.string(),
  /** The figures behind plan: actual − the share of the target due, negative. */
  newMembers: z.number(),
  postsShared: z.number(),
  purchasePoints: z.number(),
});
export const WeeklyReport = WeeklySummary.extend({
  stores: z.array(LeaderRow),
  guides: z.array(LeaderRow),
  topPosts: z.array(PostFigures),
  behind: z.array(BehindRow),
});
export type WeeklyReport = z.infer<typeof WeeklyReport>;

// ---- exports -----------------------------------------------------------------------------------

export const REPORTS = ['dashboard', 'leaderboard', 'posts', 'notShared', 'weekly'] as const;

export const ExportReportInput = z.discriminatedUnion('report', [
  DateRange.extend({ report: z.literal('dashboard'), storeId: storeId.optional() }),
  DateRange.extend({
    report: z.literal('leaderboard'),
    /** Guides or stores. */
    by: z.enum(['guide', 'store']).optional(),
    storeId: storeId.optional(),
  }),
  z.strictObject({ report: z.literal('posts'), storeId: storeId.optional() }),
  z.strictObject({ report: z.literal('notShared'), storeId: storeId.optional() }),
  z.strictObject({ report: z.literal('weekly'), id: weeklyId }),
]);
export const ExportReportOutput = z.object({
  /** The .xlsx in cloud storage, a temporary URL to download it, and a file name to save it as. */
  fileID: z.string(),
  url: z.string(),
  name: z.string(),
});
