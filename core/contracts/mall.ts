/**
 * The mall: catalog items (template) → issued coupons (one per redemption) → verification in store.
 * Money is in fen and points are integers, so no sum is ever rounded. A gift is issued as a
 * voucher with a code too, so the store verifies both the same way.
 */
import * as z from 'zod';
import { INVITE_ALPHABET } from './account';
import { defineContract } from './define';
import { pageCursor, prefixedId, text } from './common';
import { requestId } from './points';
import { tierId } from './points-tiers';
import { COUPON_STATUSES, ITEM_KINDS } from './mall-kinds';

export { COUPON_STATUSES, ITEM_KINDS, type CouponStatus, type ItemKind } from './mall-kinds';

export const itemId = prefixedId('itm');
export const couponId = prefixedId('cpn');

export const MALL_LIMITS = {
  maxPointsPrice: 1_000_000,
  maxStock: 1_000_000,
  maxPerUser: 100,
  maxValidDays: 365,
  /** ¥100,000 in fen. */
  maxAmountFen: 10_000_000,
} as const;

/**
 * Coupon codes: 12 characters from the invite alphabet (no look-alikes), about 59 bits from
 * crypto.randomInt, so guessing a live code is hopeless; shown as XXXX-XXXX-XXXX.
 */
export const COUPON_CODE_LENGTH = 12;
export const COUPON_CODE_ALPHABET = INVITE_ALPHABET;
/** What a guide types or a scanner reads: spaces and dashes are ignored, case too. */
export const couponCode = z
  .string()
  .max(40)
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(
    z.string().regex(new RegExp(`^[${COUPON_CODE_ALPHABET}]{${COUPON_CODE_LENGTH}}$`), { message: '券码格式不正确' }),
  );

/** Display form: groups of four. */
export function formatCouponCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

const price = z.number().int().min(0).max(MALL_LIMITS.maxPointsPrice);
const fen = z.number().int().min(1).max(MALL_LIMITS.maxAmountFen);
const epochMs = z.number().int().min(0).max(4_102_444_800_000);

export const SaveItemInput = z
  .strictObject({
    id: itemId.optional(),
    title: text(30),
    description: text(200).optional(),
    kind: z.enum(ITEM_KINDS),
    /** 0 = free to claim. */
    pointsPrice: price,
    /** Total stock; what is left is stock − issued. */
    stock: z.number().int().min(0).max(MALL_LIMITS.maxStock),
    perUserLimit: z.number().int().min(1).max(MALL_LIMITS.maxPerUser).default(1),
    /** Days an issued coupon or voucher stays valid. */
    validDays: z.number().int().min(1).max(MALL_LIMITS.maxValidDays).default(30),
    /** Coupon face value. */
    amountFen: fen.optional(),
    /** Minimum spend for the coupon; 0 = none. */
    thresholdFen: z.number().int().min(0).max(MALL_LIMITS.maxAmountFen).optional(),
    startsAt: epochMs.nullable().optional(),
    endsAt: epochMs.nullable().optional(),
    /** Listed in the mall (HQ can take an item down without deleting it). */
    active: z.boolean().default(true),
    /** Only members of this tier or above may redeem (points.tiers); null or absent = every member. */
    minTier: tierId.nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'coupon' && v.amountFen === undefined) {
      ctx.addIssue({ code: 'custom', path: ['amountFen'], message: '优惠券需要填写面额' });
    }
    if (v.kind === 'gift' && (v.amountFen !== undefined || v.thresholdFen !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['amountFen'], message: '礼品不设面额和门槛' });
    }
    if (v.amountFen !== undefined && v.thresholdFen && v.thresholdFen < v.amountFen) {
      ctx.addIssue({ code: 'custom', path: ['thresholdFen'], message: '使用门槛不能低于面额' });
    }
    if (v.startsAt != null && v.endsAt != null && v.endsAt <= v.startsAt) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: '结束时间需晚于开始时间' });
    }
  });
export type SaveItemInput = z.input<typeof SaveItemInput>;

/** Why a member cannot redeem right now (or 'ok'). */
export const ITEM_STATES = ['on', 'upcoming', 'ended', 'soldOut', 'off'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export const ItemView = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().optional(),
  kind: z.enum(ITEM_KINDS),
  pointsPrice: z.number().int(),
  stock: z.number().int(),
  issued: z.number().int(),
  remaining: z.number().int(),
  perUserLimit: z.number().int(),
  validDays: z.number().int(),
  amountFen: z.number().int().optional(),
  thresholdFen: z.number().int().optional(),
  startsAt: z.number().optional(),
  endsAt: z.number().optional(),
  active: z.boolean(),
  state: z.enum(ITEM_STATES),
  /** The lowest tier that may redeem; absent = every member (a tier HQ since removed restricts nobody). */
  minTier: z.object({ id: z.string(), name: z.string() }).optional(),
  updatedAt: z.number(),
});
export type ItemView = z.infer<typeof ItemView>;

export const ItemDetailOutput = z.object({
  item: ItemView,
  /** How many the caller already redeemed (customers only; 0 otherwise). */
  claimed: z.number().int(),
  /** Customers only, for an item with a tier: whether the caller's tier reaches it. */
  tierMet: z.boolean().optional(),
});
export type ItemDetailOutput = z.infer<typeof ItemDetailOutput>;

export const RedeemInput = z.strictObject({ itemId, requestId });
export type RedeemInput = z.infer<typeof RedeemInput>;
export const RedeemOutput = z.object({ couponId: z.string(), code: z.string() });

export const CouponView = z.object({
  id: z.string(),
  code: z.string(),
  itemId: z.string(),
  title: z.string(),
  kind: z.enum(ITEM_KINDS),
  amountFen: z.number().int().optional(),
  thresholdFen: z.number().int().optional(),
  pointsPrice: z.number().int(),
  /** `expired` as soon as expiresAt passes, even before the timer has marked the document. */
  status: z.enum(COUPON_STATUSES),
  issuedAt: z.number(),
  expiresAt: z.number(),
  usedAt: z.number().optional(),
  storeName: z.string().optional(),
});
export type CouponView = z.infer<typeof CouponView>;

export const MyCouponsInput = z.strictObject({ status: z.enum(COUPON_STATUSES).optional() });
export const MyCouponsOutput = z.object({ coupons: z.array(CouponView) });

export const VerifyCouponInput = z.strictObject({ code: couponCode });
export const VerifyCouponOutput = z.object({
  couponId: z.string(),
  status: z.literal('used'),
  title: z.string(),
  kind: z.enum(ITEM_KINDS),
  amountFen: z.number().int().optional(),
  thresholdFen: z.number().int().optional(),
  ownerName: z.string().optional(),
  usedAt: z.number(),
});
export type VerifyCouponOutput = z.infer<typeof VerifyCouponOutput>;

export const VerificationView = z.object({
  couponId: z.string(),
  /** Masked (last four shown): the guide has no need for the full code afterwards. */
  code: z.string(),
  title: z.string(),
  kind: z.enum(ITEM_KINDS),
  amountFen: z.number().int().optional(),
  ownerName: z.string().optional(),
  usedAt: z.number(),
});
export type VerificationView = z.infer<typeof VerificationView>;

export const RecentVerificationsInput = z.strictObject({ limit: z.number().int().min(1).max(50).default(20) });
export const RecentVerificationsOutput = z.object({ verifications: z.array(VerificationView) });

export const ListRedemptionsInput = z.strictObject({
  status: z.enum(COUPON_STATUSES).optional(),
  itemId: itemId.optional(),
  /** The previous page's `nextCursor` (newest first). */
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export const RedemptionView = CouponView.omit({ code: true }).extend({
  /** Masked like the guide's list; HQ audits, it does not redeem. */
  code: z.string(),
  owner: z.string(),
  ownerName: z.string().optional(),
  usedBy: z.string().optional(),
  usedByName: z.string().optional(),
});
export type RedemptionView = z.infer<typeof RedemptionView>;
export const ListRedemptionsOutput = z.object({
  redemptions: z.array(RedemptionView),
  hasMore: z.boolean(),
  /** Pass back as `cursor` for the next page; absent on the last. */
  nextCursor: z.string().optional(),
  totals: z.object({ issued: z.number().int(), used: z.number().int() }),
});
export type ListRedemptionsOutput = z.infer<typeof ListRedemptionsOutput>;

export const mallContract = defineContract('mall', {
  /** What a member can see in the mall: active items (sold-out and upcoming ones included, marked). */
  listItems: {
    input: z.strictObject({}),
    output: z.object({ items: z.array(ItemView) }),
    roles: ['hq', 'guide', 'customer', 'visitor'],
  },
  getItem: {
    input: z.strictObject({ id: itemId }),
    output: ItemDetailOutput,
    roles: ['hq', 'guide', 'customer', 'visitor'],
  },
  /** HQ's catalog: every item, inactive ones included. */
  catalog: { input: z.strictObject({}), output: z.object({ items: z.array(ItemView) }), roles: ['hq'] },
  saveItem: { input: SaveItemInput, output: z.object({ id: z.string() }), roles: ['hq'] },
  redeem: { input: RedeemInput, output: RedeemOutput, roles: ['customer'] },
  myCoupons: { input: MyCouponsInput, output: MyCouponsOutput, roles: ['customer'] },
  verifyCoupon: { input: VerifyCouponInput, output: VerifyCouponOutput, roles: ['guide'] },
  recentVerifications: { input: RecentVerificationsInput, output: RecentVerificationsOutput, roles: ['guide'] },
  listRedemptions: { input: ListRedemptionsInput, output: ListRedemptionsOutput, roles: ['hq'] },
});
export type MallContract = typeof mallContract;
