/**
 * The points domain: an append-only journal of integer entries, HQ's rules, and the views the app
 * draws. Rewards exist only for a referred friend's deep actions (becoming a member, a first
 * redemption); nothing here can express a reward for sharing or for opening a share, by design
 * (《微信小程序平台运营规范》 5.1).
 */
import * as z from 'zod';
import { defineContract } from './define';
import { openid, pageCursor, text } from './common';
import { purchaseActions } from './points-purchase';
import { tierActions } from './points-tiers';

export * from './points-purchase';
export * from './points-tiers';

/** Upper bounds that keep every sum far inside Number.MAX_SAFE_INTEGER. */
export const POINTS_LIMITS = {
  maxReward: 100_000,
  maxCap: 10_000_000,
  maxExpiryDays: 3650,
  maxAdjust: 1_000_000,
  maxPerYuan: 100,
  maxPurchaseFen: 10_000_000,
} as const;

const reward = z.number().int().min(0).max(POINTS_LIMITS.maxReward);
/** null = no cap. A cap of 0 would silently switch rewards off; HQ sets the reward to 0 for that. */
const cap = z.number().int().min(1).max(POINTS_LIMITS.maxCap).nullable();

export const PointsRules = z.object({
  /** To a visitor who becomes a member. */
  memberWelcome: reward,
  /** To the referrer when the friend they brought becomes a member. */
  referralJoined: reward,
  /** To the referrer when that friend redeems in the mall for the first time. */
  referralFirstRedeem: reward,
  /** Most referral points one member can earn per day (Beijing time). */
  dailyCap: cap,
  /** Most referral points one member can earn per calendar month (Beijing time). */
  monthlyCap: cap,
  /** Points expire this many days after the day they were earned (end of that day); 0 = never. */
  expiryDays: z.number().int().min(0).max(POINTS_LIMITS.maxExpiryDays),
  /**
   * Points per yuan of a purchase in store (rounded down); 0 = purchase points off. Rules saved
   * before purchase points existed read as off (the defaults below).
   */
  purchasePerYuan: z.number().int().min(0).max(POINTS_LIMITS.maxPerYuan).default(0),
  /** Smallest purchase that earns points, in fen; 0 = any. */
  purchaseMinFen: z.number().int().min(0).max(POINTS_LIMITS.maxPurchaseFen).default(0),
  /** Most purchase points one member can receive per Beijing day. */
  purchaseMemberDailyCap: cap.default(null),
  /** Most purchase points one guide can award per Beijing day. */
  purchaseGuideDailyCap: cap.default(null),
  /** To the referrer when the friend they brought makes a first purchase in store; 0 = off. */
  referralFirstPurchase: reward.default(0),
  version: z.number().int().min(0),
  updatedAt: z.number().optional(),
});
export type PointsRules = z.infer<typeof PointsRules>;

/** Rules before HQ has saved any: rewards off until someone decides them, no caps, no expiry. */
export const DEFAULT_POINTS_RULES: PointsRules = {
  memberWelcome: 0,
  referralJoined: 0,
  referralFirstRedeem: 0,
  dailyCap: null,
  monthlyCap: null,
  expiryDays: 0,
  purchasePerYuan: 0,
  purchaseMinFen: 0,
  purchaseMemberDailyCap: null,
  purchaseGuideDailyCap: null,
  referralFirstPurchase: 0,
  version: 0,
};

export const SetRulesInput = z.strictObject({
  memberWelcome: reward.optional(),
  referralJoined: reward.optional(),
  referralFirstRedeem: reward.optional(),
  dailyCap: cap.optional(),
  monthlyCap: cap.optional(),
  expiryDays: PointsRules.shape.expiryDays.optional(),
  purchasePerYuan: z.number().int().min(0).max(POINTS_LIMITS.maxPerYuan).optional(),
  purchaseMinFen: z.number().int().min(0).max(POINTS_LIMITS.maxPurchaseFen).optional(),
  purchaseMemberDailyCap: cap.optional(),
  purchaseGuideDailyCap: cap.optional(),
  referralFirstPurchase: reward.optional(),
});
export type SetRulesInput = z.infer<typeof SetRulesInput>;

export const ENTRY_KINDS = [
  'welcome',
  'referralJoined',
  'referralFirstRedeem',
  'redeem',
  'adjust',
  'expire',
  'reverse',
  /** Closes the account of a member who deleted their data: the balance is forfeited (docs/privacy.md). */
  'forfeit',
  /** Points for a purchase in store, given by a guide (points-purchase.ts). */
  'purchase',
  'referralFirstPurchase',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** Kinds HQ may reverse. Redemptions follow the coupon's own lifecycle; expiry and reversals are final. */
/** A purchase is reversed through its award (points.reverseAward), which marks the award too. */
export const REVERSIBLE_KINDS: readonly EntryKind[] = [
  'welcome',
  'referralJoined',
  'referralFirstRedeem',
  'referralFirstPurchase',
  'adjust',
];

/** Journal entry ids are idempotency keys such as `welcome:<openid>`; see server/ledger/keys.ts. */
export const entryId = z.string().regex(/^[a-z-]{3,20}:[A-Za-z0-9_:-]{3,150}$/);

export const EntryView = z.object({
  id: z.string(),
  kind: z.enum(ENTRY_KINDS),
  /** Signed integer: credits positive, debits negative. */
  amount: z.number().int(),
  balanceAfter: z.number().int(),
  seq: z.number().int(),
  createdAt: z.number(),
  /** Reward cut short (or to 0) by the daily or monthly cap. */
  capped: z.boolean().optional(),
  /** What it is about: friend's name, item title, or HQ's reason. */
  note: z.string().optional(),
  /** The entry this one reverses. */
  reverses: z.string().optional(),
});
export type EntryView = z.infer<typeof EntryView>;

export const BalanceOutput = z.object({
  balance: z.number().int(),
  /** The next lot to expire, if any. */
  expiring: z.object({ amount: z.number().int(), expiresAt: z.number() }).nullable(),
});
export type BalanceOutput = z.infer<typeof BalanceOutput>;

export const HistoryInput = z.strictObject({
  /** Page cursor: the `seq` of the last entry already shown. */
  beforeSeq: z.number().int().min(1).optional(),
  limit: z.number().int().min(1).max(50).default(20),
});
export const HistoryOutput = z.object({ entries: z.array(EntryView), hasMore: z.boolean() });
export type HistoryOutput = z.infer<typeof HistoryOutput>;

/** A client-made id that makes a retried request safe (the same id never applies twice). */
export const requestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const AdjustInput = z.strictObject({
  openid,
  delta: z
    .number()
    .int()
    .min(-POINTS_LIMITS.maxAdjust)
    .max(POINTS_LIMITS.maxAdjust)
    .refine((n) => n !== 0, { message: '调整数量不能为 0' }),
  reason: text(100, 2),
  requestId: requestId.optional(),
});
export type AdjustInput = z.infer<typeof AdjustInput>;

export const ReverseInput = z.strictObject({ entryId, reason: text(100, 2) });
export type ReverseInput = z.infer<typeof ReverseInput>;

export const PostedOutput = z.object({ balance: z.number().int(), entryId: z.string() });

export const JournalInput = z.strictObject({
  openid: openid.optional(),
  kind: z.enum(ENTRY_KINDS).optional(),
  /** The previous page's `nextCursor` (newest first). */
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export const JournalEntryView = EntryView.extend({
  openid: z.string(),
  name: z.string().optional(),
  /** HQ operator who adjusted or reversed. */
  by: z.string().optional(),
  reason: z.string().optional(),
});
export type JournalEntryView = z.infer<typeof JournalEntryView>;
export const JournalOutput = z.object({
  entries: z.array(JournalEntryView),
  hasMore: z.boolean(),
  /** Pass back as `cursor` for the next page; absent on the last. */
  nextCursor: z.string().optional(),
  /** The member's account when the journal is filtered to one member. */
  account: z.object({ openid: z.string(), name: z.string().optional(), balance: z.number().int() }).optional(),
});
export type JournalOutput = z.infer<typeof JournalOutput>;

export const pointsContract = defineContract('points', {
  balance: { input: z.strictObject({}), output: BalanceOutput, roles: ['customer'] },
  history: { input: HistoryInput, output: HistoryOutput, roles: ['customer'] },
  /** The full rules, for the rules page everyone can open (platform rule: stated in full). */
  rules: { input: z.strictObject({}), output: PointsRules, roles: ['hq', 'guide', 'customer', 'visitor'] },
  setRules: { input: SetRulesInput, output: PointsRules, roles: ['hq'] },
  adjust: { input: AdjustInput, output: PostedOutput, roles: ['hq'] },
  reverse: { input: ReverseInput, output: PostedOutput, roles: ['hq'] },
  journal: { input: JournalInput, output: JournalOutput, roles: ['hq'] },
  ...purchaseActions,
  ...tierActions,
});
export type PointsContract = typeof pointsContract;
