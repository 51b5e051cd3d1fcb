/**
 * The insight domain: share opens and reading time, interest tags, a guide's customers and
 * figures, HQ's dashboard, leaderboards and the multi-hop referral graph.
 *
 * Nothing here rewards anybody: opening a share is counted, never paid (《微信小程序平台运营规范》
 * on 诱导分享). Points live in the points domain and only follow a friend's deep actions.
 */
import * as z from 'zod';
import { defineContract } from './define';
import { openid, tag } from './common';
import { MAX_TAG_RULES, MAX_TAGS_PER_POST } from '../limits';
import { postId } from './content';
import { inviteCode } from './account';
import { InviteCodeOutput } from './insight-share';
import {
  ContentKocInput,
  ContentKocOutput,
  MyInvitesOutput,
  PostSpreadInput,
  PostSpreadOutput,
} from './insight-spread';
import {
  DashboardInput,
  DashboardOutput,
  LeaderboardInput,
  LeaderboardOutput,
  MyFiguresInput,
  MyFiguresOutput,
  ExportReportInput,
  ExportReportOutput,
  NotSharedOutput,
  PostFigures,
  PostFiguresInput,
  RecentPostsInput,
  RecentPostsOutput,
  ScoreWeights,
  ScoreWeightsOutput,
  StoreFilter,
  WeeklyListOutput,
  WeeklyReport,
  weeklyId,
} from './insight-reports';
import { SetTargetsInput, SetTargetsOutput, TargetProgressInput, TargetProgressOutput } from './insight-targets';
import {
  ReminderSettingsOutput,
  SetReminderTemplatesInput,
  SubscribeRemindersInput,
  SubscribeRemindersOutput,
} from './insight-notify';
import {
  EndVisitInput,
  EndVisitOutput,
  GiveConsentInput,
  GiveConsentOutput,
  RecordVisitInput,
  RecordVisitOutput,
  ShareLinkInput,
  ShareLinkOutput,
  SharePosterOutput,
} from './insight-share';
import {
  AddNoteInput,
  AddNoteOutput,
  CustomerNotesOutput,
  SetCustomerTagsInput,
  SetCustomerTagsOutput,
  TagListInput,
  TagListOutput,
} from './insight-notes';
import {
  DeleteScriptInput,
  DeleteScriptOutput,
  SaveScriptInput,
  SaveScriptOutput,
  ScriptsOutput,
} from './insight-scripts';
import {
  WorklistFiguresInput,
  WorklistFiguresOutput,
  WorklistOutcomeInput,
  WorklistOutcomeOutput,
  WorklistOutput,
  HolidaysInput,
  HolidaysOutput,
} from './insight-worklist';

export { HEARTBEAT_SECONDS, SCORE_WEIGHTS } from '../limits';
export * from './insight-share';
export * from './insight-spread';
export * from './insight-worklist';
export * from './insight-scripts';
export * from './insight-notes';
export * from './insight-notify';
export * from './insight-targets';
export * from './insight-reports';

export { day, MAX_RANGE_DAYS, DateRange } from './common';

export const MAX_GRAPH_DEPTH = 6;
export const MAX_GRAPH_NODES = 500;

// ---- tags --------------------------------------------------------------------------------------

export const TagRule = z.strictObject({
  tag,
  minSeconds: z
    .number()
    .int()
    .min(5)
    .max(24 * 3600),
});
export type TagRule = z.infer<typeof TagRule>;
export const TagRulesOutput = z.object({ rules: z.array(z.object({ tag: z.string(), minSeconds: z.number() })) });
export const SetTagRulesInput = z
  .strictObject({ rules: z.array(TagRule).max(MAX_TAG_RULES) })
  .refine((v) => new Set(v.rules.map((r) => r.tag)).size === v.rules.length, {
    message: '标签不能重复',
    path: ['rules'],
  });
export const SetPostTagsInput = z.strictObject({
  postId,
  tags: z.array(tag).max(MAX_TAGS_PER_POST),
});
export const PostTagsOutput = z.object({ postId: z.string(), tags: z.array(z.string()) });

// ---- the guide's view --------------------------------------------------------------------------

export const CustomerRow = z.object({
  openid: z.string(),
  name: z.string(),
  tags: z.array(z.string()),
  /** Tags guides gave the customer by hand (beside the automatic reading tags in `tags`). */
  manualTags: z.array(z.string()).optional(),
  joinedAt: z.number(),
  lastSeenAt: z.number().optional(),
  visits: z.number().int(),
  readSeconds: z.number().int(),
  /** The member's tier (points' tier timer); absent = the base tier. */
  tier: z.object({ id: z.string(), name: z.string() }).optional(),
});
export type CustomerRow = z.infer<typeof CustomerRow>;

export const MyCustomersInput = z.strictObject({
  tag: tag.optional(),
  /** Only customers seen (opened a share) within this many days. */
  seenWithinDays: z.number().int().min(1).max(365).optional(),
  /** Only members of this tier (a tier id), or `base` for those without a tier. */
  tier: z
    .string()
    .regex(/^[a-z][a-z0-9]{1,19}$/)
    .optional(),
});
export const MyCustomersOutput = z.object({
  customers: z.array(CustomerRow),
  /** Every tag (automatic or manual) any of the guide's customers carries, for the filter. */
  tags: z.array(z.string()),
});
export type MyCustomersOutput = z.infer<typeof MyCustomersOutput>;

export const TimelineEvent = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('visit'),
    at: z.number(),
    postId: z.string().optional(),
    postTitle: z.string().optional(),
    seconds: z.number().int(),
    /** How far they read, when the page reported it ("读到第 3 段"). */
    depth: z.object({ paragraph: z.number().int(), paragraphs: z.number().int(), ratio: z.number() }).optional(),
    sharerName: z.string().optional(),
  }),
  z.object({ kind: z.literal('redeem'), at: z.number(), title: z.string(), status: z.string() }),
  z.object({ kind: z.literal('joined'), at: z.number() }),
]);
export type TimelineEvent = z.infer<typeof TimelineEvent>;

export const CustomerTimelineInput = z.strictObject({ openid });
export const CustomerTimelineOutput = z.object({
  customer: CustomerRow.omit({ visits: true, readSeconds: true, lastSeenAt: true }),
  events: z.array(TimelineEvent),
});
export type CustomerTimelineOutput = z.infer<typeof CustomerTimelineOutput>;

// ---- HQ ----------------------------------------------------------------------------------------

export const ReferralGraphInput = z.strictObject({
  /** A member or guide; absent = every guide as a root. */
  root: openid.optional(),
  depth: z.number().int().min(1).max(MAX_GRAPH_DEPTH).default(3),
});
export const GraphNode = z.object({
  openid: z.string(),
  name: z.string(),
  role: z.enum(['guide', 'customer']),
  /** Members reached through this node, every hop counted (not only the hops drawn). */
  downstream: z.number().int(),
  depth: z.number().int(),
});
export type GraphNode = z.infer<typeof GraphNode>;
export const ReferralGraphOutput = z.object({
  nodes: z.array(GraphNode),
  edges: z.array(z.object({ from: z.string(), to: z.string() })),
  /** More nodes existed within the depth than MAX_GRAPH_NODES. */
  truncated: z.boolean(),
});
export type ReferralGraphOutput = z.infer<typeof ReferralGraphOutput>;

export const KocListInput = z.strictObject({ limit: z.number().int().min(1).max(200).default(50) });
export const KocRow = z.object({
  openid: z.string(),
  name: z.string(),
  guideName: z.string().optional(),
  /** Members reached through this customer, every hop. */
  downstream: z.number().int(),
  /** Direct referrals only. */
  direct: z.number().int(),
  /** Coupons redeemed by those downstream members. */
  downstreamRedemptions: z.number().int(),
});
export type KocRow = z.infer<typeof KocRow>;
export const KocListOutput = z.object({ rows: z.array(KocRow) });

const everyone = ['hq', 'guide', 'customer', 'visitor'] as const;

export const insightContract = defineContract('insight', {
  recordVisit: { input: RecordVisitInput, output: RecordVisitOutput, roles: everyone, allowAnonymous: true },
  endVisit: { input: EndVisitInput, output: EndVisitOutput, roles: everyone, allowAnonymous: true },
  /** A visitor agrees on the reader page to be recorded; clearing it is account.deleteMyData. */
  giveConsent: { input: GiveConsentInput, output: GiveConsentOutput, roles: ['visitor'] },
  shareLink: { input: ShareLinkInput, output: ShareLinkOutput, roles: ['guide', 'customer'] },
  sharePoster: { input: ShareLinkInput, output: SharePosterOutput, roles: ['guide', 'customer'] },
  /** A live guide invitation's mini-program code (insight holds the wxacode permission). */
  inviteCode: { input: z.strictObject({ code: inviteCode }), output: InviteCodeOutput, roles: ['hq'] },
  /** A member's invited friends: stage and the points each earned them (never for the share itself). */
  myInvites: { input: z.strictObject({}), output: MyInvitesOutput, roles: ['customer'] },
  /** A post's spread tree: HQ sees all of it, a guide the trees of their own shares. */
  postSpread: { input: PostSpreadInput, output: PostSpreadOutput, roles: ['hq', 'guide'] },
  contentKocs: { input: ContentKocInput, output: ContentKocOutput, roles: ['hq'] },
  tagRules: { input: z.strictObject({}), output: TagRulesOutput, roles: ['hq', 'guide'] },
  setTagRules: { input: SetTagRulesInput, output: TagRulesOutput, roles: ['hq'] },
  setPostTags: { input: SetPostTagsInput, output: PostTagsOutput, roles: ['hq'] },
  postTags: { input: z.strictObject({ postId }), output: PostTagsOutput, roles: ['hq'] },
  myCustomers: { input: MyCustomersInput, output: MyCustomersOutput, roles: ['guide'] },
  customerTimeline: { input: CustomerTimelineInput, output: CustomerTimelineOutput, roles: ['guide', 'hq'] },
  myFigures: { input: MyFiguresInput, output: MyFiguresOutput, roles: ['guide'] },
  dashboard: { input: DashboardInput, output: DashboardOutput, roles: ['hq'] },
  /**
   * HQ: any store or the brand. A guide: their own store's guides only (by guide); rows other than
   * their own carry a row key as `id`, never a colleague's openid.
   */
  leaderboard: { input: LeaderboardInput, output: LeaderboardOutput, roles: ['hq', 'guide'] },
  referralGraph: { input: ReferralGraphInput, output: ReferralGraphOutput, roles: ['hq'] },
  kocList: { input: KocListInput, output: KocListOutput, roles: ['hq'] },
  /** Today's customers to contact, why, to what end and a filled script (made by the morning timer). */
  worklist: { input: z.strictObject({}), output: WorklistOutput, roles: ['guide'] },
  worklistOutcome: { input: WorklistOutcomeInput, output: WorklistOutcomeOutput, roles: ['guide'] },
  /** Per store or guide: items made, contacted, and what followed, against those not contacted. */
  worklistFigures: { input: WorklistFiguresInput, output: WorklistFiguresOutput, roles: ['hq'] },
  /** HQ: the library. A guide: the library and their own scripts. */
  scripts: { input: z.strictObject({}), output: ScriptsOutput, roles: ['hq', 'guide'] },
  /** HQ saves to the library, a guide to their own; both pass the advertising-law and msgSecCheck checks. */
  saveScript: { input: SaveScriptInput, output: SaveScriptOutput, roles: ['hq', 'guide'] },
  deleteScript: { input: DeleteScriptInput, output: DeleteScriptOutput, roles: ['hq', 'guide'] },
  /** HQ's holidays: on each, the morning list offers the holiday-greetings script. */
  holidays: { input: z.strictObject({}), output: HolidaysOutput, roles: ['hq'] },
  setHolidays: { input: HolidaysInput, output: HolidaysOutput, roles: ['hq'] },
  /** A customer's notes and manual tags: their guide, or HQ. */
  customerNotes: { input: z.strictObject({ openid }), output: CustomerNotesOutput, roles: ['guide', 'hq'] },
  addNote: { input: AddNoteInput, output: AddNoteOutput, roles: ['guide'] },
  setCustomerTags: { input: SetCustomerTagsInput, output: SetCustomerTagsOutput, roles: ['guide'] },
  /** HQ's list of manual tags guides pick from (guides may add their own words too). */
  manualTagList: { input: z.strictObject({}), output: TagListOutput, roles: ['hq', 'guide'] },
  setManualTagList: { input: TagListInput, output: TagListOutput, roles: ['hq'] },
  // ---- reminders and reports ----
  /** Template ids HQ set and the caller's unspent reminder credits. */
  reminderSettings: { input: z.strictObject({}), output: ReminderSettingsOutput, roles: ['hq', 'guide', 'customer'] },
  setReminderTemplates: { input: SetReminderTemplatesInput, output: ReminderSettingsOutput, roles: ['hq'] },
  /** The kinds accepted in WeChat's subscribe dialog, one send credit each. */
  subscribeReminders: {
    input: SubscribeRemindersInput,
    output: SubscribeRemindersOutput,
    roles: ['guide', 'customer'],
  },
  /** Any report as an .xlsx file in storage (opened with openDocument in weapp, downloaded in H5). */
  exportReport: { input: ExportReportInput, output: ExportReportOutput, roles: ['hq'] },
  /** Monthly targets per store and guide (HQ); progress for HQ (all) and a guide (theirs and their store's). */
  setTargets: { input: SetTargetsInput, output: SetTargetsOutput, roles: ['hq'] },
  targetProgress: { input: TargetProgressInput, output: TargetProgressOutput, roles: ['hq', 'guide'] },
  /** One post's figures (see PostFigures for each rule), for the brand or one store. */
  postFigures: { input: PostFiguresInput, output: PostFigures, roles: ['hq'] },
  /** The most recently published posts with their figures. */
  recentPosts: { input: RecentPostsInput, output: RecentPostsOutput, roles: ['hq'] },
  /** 导购今日未转发: HQ for any store or all; a guide for their own store. */
  notSharedToday: { input: StoreFilter, output: NotSharedOutput, roles: ['hq', 'guide'] },
  weeklyReports: { input: z.strictObject({}), output: WeeklyListOutput, roles: ['hq'] },
  weeklyReport: { input: z.strictObject({ id: weeklyId }), output: WeeklyReport, roles: ['hq'] },
  /** The leaderboard's weights: shown to guides in full, set by HQ. */
  scoreWeights: { input: z.strictObject({}), output: ScoreWeightsOutput, roles: ['hq', 'guide'] },
  setScoreWeights: { input: ScoreWeights, output: ScoreWeightsOutput, roles: ['hq'] },
});
export type InsightContract = typeof insightContract;
