/** The demo brand's points rules and HQ adjustments, its mall catalog, and members' redemptions. */
import { cust } from './demo-data';

/**
 * HQ's rules, saved before anyone registers so every welcome and referral reward is a journal
 * entry. Rewards follow a friend's deep actions only (joining, a first redemption), never a share.
 */
export const DEMO_POINTS_RULES = {
  memberWelcome: 100,
  referralJoined: 50,
  referralFirstRedeem: 30,
  dailyCap: 500,
  monthlyCap: 2000,
  expiryDays: 365,
  // Points for purchases in store: 1 per yuan from ¥10, at most 2000 a member and 20000 a guide a day.
  purchasePerYuan: 1,
  purchaseMinFen: 1000,
  purchaseMemberDailyCap: 2000,
  purchaseGuideDailyCap: 20000,
  referralFirstPurchase: 20,
} as const;

/** Member tiers on points earned in the last 12 months. */
export const DEMO_TIERS = {
  basis: 'points',
  tiers: [
    { id: 'silver', name: '银卡', min: 300 },
    { id: 'gold', name: '金卡', min: 1000 },
  ],
} as const;

export interface DemoAdjustment {
  openid: string;
  delta: number;
  reason: string;
  /** Makes a re-run of the same step safe (points.adjust is idempotent on it). */
  requestId: string;
}

export const DEMO_ADJUSTMENTS: DemoAdjustment[] = [
  { openid: cust(1), delta: 200, reason: '春茶品鉴会志愿者感谢', requestId: 'seed-adjust-01' },
  { openid: cust(7), delta: 88, reason: '会员生日礼遇', requestId: 'seed-adjust-02' },
  { openid: cust(13), delta: -20, reason: '重复补发积分更正', requestId: 'seed-adjust-03' },
];

// ---- mall --------------------------------------------------------------------------------------

export interface DemoItem {
  key: string;
  title: string;
  description: string;
  kind: 'coupon' | 'gift';
  pointsPrice: number;
  stock: number;
  perUserLimit: number;
  validDays: number;
  amountFen?: number;
  thresholdFen?: number;
}

/** Five coupons (one free to claim) and two gifts; money in fen. */
export const DEMO_ITEMS: DemoItem[] = [
  {
    key: 'welcome10',
    title: '新会员 10 元无门槛券',
    description: '门店及小程序下单均可使用，茶饮、茶叶、茶器通用。',
    kind: 'coupon',
    pointsPrice: 0,
    stock: 500,
    perUserLimit: 1,
    validDays: 14,
    amountFen: 1000,
    thresholdFen: 0,
  },
  {
    key: 'tea15',
    title: '下午茶 15 元券（满 59 可用）',
    description: '限门店现制茶饮与茶点，周末节假日通用。',
    kind: 'coupon',
    pointsPrice: 60,
    stock: 300,
    perUserLimit: 3,
    validDays: 7,
    amountFen: 1500,
    thresholdFen: 5900,
  },
  {
    key: 'off20',
    title: '满 99 减 20 元券',
    description: '全场茶叶适用，特价商品除外。',
    kind: 'coupon',
    pointsPrice: 100,
    stock: 300,
    perUserLimit: 2,
    validDays: 30,
    amountFen: 2000,
    thresholdFen: 9900,
  },
  {
    key: 'off50',
    title: '满 199 减 50 元券',
    description: '全场通用，可与会员价同享。',
    kind: 'coupon',
    pointsPrice: 200,
    stock: 150,
    perUserLimit: 1,
    validDays: 30,
    amountFen: 5000,
    thresholdFen: 19900,
  },
  {
    key: 'ware80',
    title: '茶器专享满 299 减 80 元券',
    description: '限茶器、茶席类商品，手作柴烧系列适用。',
    kind: 'coupon',
    pointsPrice: 300,
    stock: 80,
    perUserLimit: 1,
    validDays: 60,
    amountFen: 8000,
    thresholdFen: 29900,
  },
  {
    key: 'teabags',
    title: '山茶花手作茶包（5 袋装）',
    description: '白茶拼配山茶花瓣，冷泡热泡皆宜，到店凭券领取。',
    kind: 'gift',
    pointsPrice: 150,
    stock: 200,
    perUserLimit: 2,
    validDays: 30,
  },
  {
    key: 'coaster',
    title: '竹编茶席杯垫',
    description: '安吉竹手工编织，直径 10 厘米，到店凭券领取。',
    kind: 'gift',
    pointsPrice: 260,
    stock: 60,
    perUserLimit: 1,
    validDays: 45,
  },
];

export interface DemoRedemption {
  openid: string;
  item: string;
  requestId: string;
  /** The guide who verifies it in store afterwards, if any. */
  verifiedBy?: string;
}

export const DEMO_REDEMPTIONS: DemoRedemption[] = [
  { openid: cust(4), item: 'welcome10', requestId: 'seed-redeem-0001', verifiedBy: 'o_demo_guide_2' },
  { openid: cust(1), item: 'off50', requestId: 'seed-redeem-0002' },
  { openid: cust(1), item: 'teabags', requestId: 'seed-redeem-0003', verifiedBy: 'o_demo_guide_1' },
  { openid: cust(7), item: 'off20', requestId: 'seed-redeem-0004' },
  { openid: cust(13), item: 'tea15', requestId: 'seed-redeem-0005' },
  { openid: cust(2), item: 'welcome10', requestId: 'seed-redeem-0006' },
];
