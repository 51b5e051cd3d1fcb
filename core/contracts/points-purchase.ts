/**
 * Points for purchases in store: the member code a member shows, the guide's award, HQ's views
 * and the reversal. Rules for the amounts live in PointsRules (core/contracts/points.ts).
 */
import * as z from 'zod';
import { MEMBER_CODE_LENGTH, normaliseMemberCode } from '../points/purchase';
import { DateRange, openid, pageCursor, prefixedId, text } from './common';

export { MEMBER_CODE_LENGTH, MEMBER_CODE_TTL_MS } from '../points/purchase';

/** ¥100,000 in fen: far above any single purchase in a store, far below any integer limit. */
export const MAX_PURCHASE_FEN = 10_000_000;

export const memberCode = z
  .string()
  .max(40)
  .transform(normaliseMemberCode)
  .pipe(z.string().regex(new RegExp(`^\\d{${MEMBER_CODE_LENGTH}}$`), { message: '会员码应为 12 位数字' }));

export const MemberCodeOutput = z.object({ code: z.string(), expiresAt: z.number() });
export type MemberCodeOutput = z.infer<typeof MemberCodeOutput>;

/** Award ids are derived from the guide and the request id (`pur_` + 32 hex). */
export const awardId = prefixedId('pur');

export const AwardPurchaseInput = z.strictObject({
  memberCode,
  amountFen: z
    .number()
    .int({ message: '金额应以分为单位的整数' })
    .min(1, { message: '金额应大于 0' })
    .max(MAX_PURCHASE_FEN, { message: '金额超出单笔上限' }),
  requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
});
export type AwardPurchaseInput = z.infer<typeof AwardPurchaseInput>;

export const AwardPurchaseOutput = z.object({
  points: z.number().int(),
  balance: z.number().int(),
  awardId: z.string(),
  memberName: z.string().optional(),
});
export type AwardPurchaseOutput = z.infer<typeof AwardPurchaseOutput>;

/** One award as the guide who gave it sees it. */
export const AwardView = z.object({
  id: z.string(),
  memberName: z.string().optional(),
  amountFen: z.number().int(),
  points: z.number().int(),
  createdAt: z.number(),
  reversed: z.boolean(),
});
export type AwardView = z.infer<typeof AwardView>;

export const MyAwardsOutput = z.object({
  /** Beijing day, `YYYY-MM-DD`. */
  day: z.string(),
  awards: z.array(AwardView),
  /** Over awards not reversed. */
  totals: z.object({ count: z.number().int(), points: z.number().int(), amountFen: z.number().int() }),
});
export type MyAwardsOutput = z.infer<typeof MyAwardsOutput>;

export const GuideAwardsRow = z.object({
  guideOpenid: z.string(),
  name: z.string(),
  storeId: z.string(),
  storeName: z.string().optional(),
  awards: z.number().int(),
  points: z.number().int(),
  amountFen: z.number().int(),
  /** Median points of the store's guides over the same days. */
  storeMedian: z.number(),
  outlier: z.boolean(),
});
export type GuideAwardsRow = z.infer<typeof GuideAwardsRow>;
export const AwardsByGuideOutput = z.object({ guides: z.array(GuideAwardsRow), rule: z.string() });
export type AwardsByGuideOutput = z.infer<typeof AwardsByGuideOutput>;

export const ListAwardsInput = z.strictObject({
  guideOpenid: openid.optional(),
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(100).default(30),
});
export const AwardRow = z.object({
  id: z.string(),
  memberOpenid: z.string(),
  memberName: z.string().optional(),
  guideOpenid: z.string(),
  guideName: z.string().optional(),
  storeName: z.string().optional(),
  amountFen: z.number().int(),
  points: z.number().int(),
  createdAt: z.number(),
  reversedAt: z.number().optional(),
});
export type AwardRow = z.infer<typeof AwardRow>;
export const ListAwardsOutput = z.object({
  awards: z.array(AwardRow),
  hasMore: z.boolean(),
  nextCursor: z.string().optional(),
});
export type ListAwardsOutput = z.infer<typeof ListAwardsOutput>;

export const ReverseAwardInput = z.strictObject({ awardId, reason: text(100, 2) });
export const ReverseAwardOutput = z.object({ awardId: z.string(), balance: z.number().int(), reversedAt: z.number() });

export const purchaseActions = {
  /** A guide gives points for a purchase in store, by the member code the member shows. */
  awardPurchase: { input: AwardPurchaseInput, output: AwardPurchaseOutput, roles: ['guide'] },
  /** The calling guide's awards of today (Beijing day). */
  myAwards: { input: z.strictObject({}), output: MyAwardsOutput, roles: ['guide'] },
  /** Per guide over a date range, with outliers flagged against the store's median. */
  awardsByGuide: { input: DateRange, output: AwardsByGuideOutput, roles: ['hq'] },
  listAwards: { input: ListAwardsInput, output: ListAwardsOutput, roles: ['hq'] },
  /** Takes an award's points back out; a second call answers the first reversal. */
  reverseAward: { input: ReverseAwardInput, output: ReverseAwardOutput, roles: ['hq'] },
} as const;
