/**
 * The demo world a newcomer sees on the first `npm start`: a fictional tea-and-lifestyle brand with
 * three stores, six guides, twenty members in referral chains. Every name is invented.
 */
export const DEMO_BRAND = '山茶生活 Camellia Life';
export const DEMO_HQ_OPENID = 'o_demo_hq';

export interface DemoStore {
  key: string;
  name: string;
  city: string;
  address: string;
}

export const DEMO_STORES: DemoStore[] = [
  { key: 'sh', name: '山茶生活·上海静安店', city: '上海', address: '静安区南京西路 1266 号 2 楼' },
  { key: 'hz', name: '山茶生活·杭州湖滨店', city: '杭州', address: '上城区湖滨路 28 号' },
  { key: 'cd', name: '山茶生活·成都太古里店', city: '成都', address: '锦江区中纱帽街 8 号' },
];

export interface DemoGuide {
  openid: string;
  name: string;
  store: string;
}

export const DEMO_GUIDES: DemoGuide[] = [
  { openid: 'o_demo_guide_1', name: '林小满', store: 'sh' },
  { openid: 'o_demo_guide_2', name: '周一禾', store: 'sh' },
  { openid: 'o_demo_guide_3', name: '陈若溪', store: 'hz' },
  { openid: 'o_demo_guide_4', name: '许知远', store: 'hz' },
  { openid: 'o_demo_guide_5', name: '唐果果', store: 'cd' },
  { openid: 'o_demo_guide_6', name: '何安然', store: 'cd' },
];

export interface DemoCustomer {
  openid: string;
  name: string;
  /** Who shared the page this member joined through: a guide or another member. */
  referrer: string;
}

const cust = (n: number) => `o_demo_cust_${String(n).padStart(2, '0')}`;

/**
 * Order matters: a referrer joins before the friends they bring. Chains up to four hops deep
 * (guide 1 → 01 → 02 → 05 → 09) so the referral graph and KOC list have something to show.
 */
export const DEMO_CUSTOMERS: DemoCustomer[] = [
  { openid: cust(1), name: '优优妈妈', referrer: 'o_demo_guide_1' },
  { openid: cust(2), name: '小鹿', referrer: cust(1) },
  { openid: cust(3), name: '王阿姨', referrer: cust(1) },
  { openid: cust(4), name: 'Kiki', referrer: 'o_demo_guide_2' },
  { openid: cust(5), name: '橙子', referrer: cust(2) },
  { openid: cust(6), name: '米粒', referrer: cust(1) },
  { openid: cust(7), name: '阿杰', referrer: 'o_demo_guide_3' },
  { openid: cust(8), name: '朵朵', referrer: cust(7) },
  { openid: cust(9), name: '豆豆爸', referrer: cust(5) },
  { openid: cust(10), name: '晴天', referrer: 'o_demo_guide_4' },
  { openid: cust(11), name: '苏苏', referrer: cust(10) },
  { openid: cust(12), name: '大熊', referrer: cust(7) },
  { openid: cust(13), name: '茉莉', referrer: 'o_demo_guide_5' },
  { openid: cust(14), name: '阿宝', referrer: cust(13) },
  { openid: cust(15), name: '七七', referrer: cust(13) },
  { openid: cust(16), name: '柚子', referrer: cust(14) },
  { openid: cust(17), name: '南风', referrer: 'o_demo_guide_6' },
  { openid: cust(18), name: '安琪', referrer: cust(17) },
  { openid: cust(19), name: '石头', referrer: cust(4) },
  { openid: cust(20), name: '糖糖', referrer: cust(1) },
];

// ---- points ------------------------------------------------------------------------------------

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

// ---- content -----------------------------------------------------------------------------------

export interface DemoPost {
  key: string;
  title: string;
  body: string;
  protectTerms: string[];
  /** Images drawn at seed time: palette and shape of each (1–3). */
  images: { palette: number; shape: 'caddy' | 'cup' | 'flatlay' }[];
  /** Store keys; empty = every store. */
  stores: string[];
  tags: string[];
  /** Left as a draft, scheduled this many days ahead, or published now. */
  state: 'published' | 'draft' | { scheduleInDays: number };
}

/** `M月D日`, `days` from today in Beijing time, so the copy never reads stale. */
export function cnDate(days: number, now = Date.now()): string {
  const d = new Date(now + 8 * 3600_000 + days * 86_400_000);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** Eight Moments posts: six published (oldest first), one draft, one scheduled. */
export function demoPosts(now = Date.now()): DemoPost[] {
  const day = (n: number) => cnDate(n, now);
  return [
    {
      key: 'spring-tea',
      title: '明前龙井到店，今年第一口春天',
      body: `今年的明前龙井到店啦🍃\n西湖产区核心茶园，一芽一叶，豆香清透回甘。\n\n会员价 ¥298/50g（原价 ¥368），${day(0)}–${day(6)} 到店还可免费品饮一杯。\n数量不多，想留的姐妹私信我～\n\n#山茶生活# #明前龙井# #春茶上新#`,
      protectTerms: ['山茶生活', '明前龙井', '¥298/50g', '¥368'],
      images: [
        { palette: 0, shape: 'caddy' },
        { palette: 2, shape: 'flatlay' },
      ],
      stores: [],
      tags: ['绿茶', '新品'],
      state: 'published',
    },
    {
      key: 'afternoon',
      title: '周末下午茶：山茶花乌龙 + 桂花糕',
      body: `这个周末来店里坐坐吧☀️\n山茶花乌龙冷泡 + 手作桂花糕，双人套餐 ¥68，会员再减 ¥10。\n${day(1)}、${day(2)} 两天 14:00–17:00，靠窗的位置最好拍照📷\n\n#山茶生活下午茶# #周末去哪儿#`,
      protectTerms: ['山茶花乌龙', '¥68', '¥10', '14:00–17:00'],
      images: [{ palette: 1, shape: 'cup' }],
      stores: [],
      tags: ['下午茶'],
      state: 'published',
    },
    {
      key: 'teaware',
      title: '柴烧手作杯，每一只都不一样',
      body: `景德镇老师傅柴烧，窑变釉色每只都独一无二🔥\n容量 120ml，握感刚好，泡乌龙、岩茶都合适。\n单杯 ¥128，对杯礼盒 ¥239，积分可抵现。\n\n#茶器# #山茶生活# #送礼不踩雷#`,
      protectTerms: ['柴烧', '120ml', '¥128', '¥239'],
      images: [
        { palette: 3, shape: 'cup' },
        { palette: 4, shape: 'cup' },
        { palette: 3, shape: 'flatlay' },
      ],
      stores: [],
      tags: ['茶器'],
      state: 'published',
    },
    {
      key: 'cold-brew',
      title: '冷泡白茶，办公室续命神器',
      body: `天气热起来了，冷泡白茶安排上🧊\n一袋 500ml 冷水，冰箱放 4 小时，清甜不苦涩。\n福鼎白牡丹冷泡装 ¥59/10袋，${day(0)} 起买二送一。\n\n#冷泡茶# #打工人续命# #山茶生活#`,
      protectTerms: ['福鼎白牡丹', '¥59/10袋', '500ml'],
      images: [
        { palette: 4, shape: 'caddy' },
        { palette: 2, shape: 'cup' },
      ],
      stores: ['sh', 'hz'],
      tags: ['白茶', '新品'],
      state: 'published',
    },
    {
      key: 'member-day',
      title: '会员日：积分兑好礼，茶包免费领',
      body: `每月 18 号是山茶生活会员日💝\n积分商城上新：山茶花手作茶包、竹编茶席杯垫，积分就能换。\n新会员还有 10 元无门槛券，注册就能领，门店直接核销。\n\n#会员日# #山茶生活#`,
      protectTerms: ['山茶生活', '18 号', '10 元无门槛券'],
      images: [{ palette: 1, shape: 'flatlay' }],
      stores: [],
      tags: ['会员活动'],
      state: 'published',
    },
    {
      key: 'chengdu',
      title: '成都太古里店 · 盖碗茶体验课',
      body: `成都的朋友看过来👋\n${day(3)} 周六下午，太古里店开一场盖碗茶体验课：\n从温杯、投茶到出汤，茶艺老师手把手教，一节课 ¥99，含两款茶样带走。\n限 12 人，私信报名～\n\n#成都周末# #盖碗茶# #山茶生活#`,
      protectTerms: ['太古里店', '¥99', '12 人'],
      images: [
        { palette: 2, shape: 'cup' },
        { palette: 0, shape: 'flatlay' },
      ],
      stores: ['cd'],
      tags: ['茶艺课'],
      state: 'published',
    },
    {
      key: 'mid-autumn',
      title: '中秋礼盒预订开启',
      body: `今年的中秋礼盒定稿啦🌕\n凤凰单丛 + 正山小种双拼，配柴烧品茗杯一只，礼盒 ¥399。\n${day(7)} 前预订享 9 折，企业团购另有优惠。\n\n#中秋礼盒# #山茶生活#`,
      protectTerms: ['凤凰单丛', '正山小种', '¥399', '9 折'],
      images: [
        { palette: 3, shape: 'caddy' },
        { palette: 1, shape: 'caddy' },
      ],
      stores: [],
      tags: ['礼盒'],
      state: { scheduleInDays: 2 },
    },
    {
      key: 'tea-notes',
      title: '（草稿）秋季茶单',
      body: `秋天喝什么？整理了一份秋季茶单🍂\n岩茶肉桂 ¥168/盒、陈年白茶饼 ¥288/357g、桂花红茶 ¥88/罐。\n待补充：门店品鉴时间。\n\n#秋季茶单# #山茶生活#`,
      protectTerms: ['岩茶肉桂', '¥168/盒', '¥288/357g', '¥88/罐'],
      images: [{ palette: 3, shape: 'flatlay' }],
      stores: [],
      tags: ['茶单'],
      state: 'draft',
    },
  ];
}

/**
 * Tag rules: a reader earns a tag after this many seconds on posts carrying it. Low on purpose:
 * the seed's visits last only as long as the seed (endVisit accepts no more than real time), and
 * the demo should show tags on its customers.
 */
export const DEMO_TAG_RULES = [
  { tag: '绿茶', minSeconds: 5 },
  { tag: '白茶', minSeconds: 5 },
  { tag: '茶器', minSeconds: 5 },
  { tag: '下午茶', minSeconds: 5 },
  { tag: '会员活动', minSeconds: 5 },
  { tag: '茶艺课', minSeconds: 5 },
  { tag: '新品', minSeconds: 10 },
];

/**
 * Guides who opened their own variant of a post and what they did with it. A handful only:
 * each opening makes a variant of every image of the post, the slow part of the seed.
 */
export const DEMO_VARIANT_OPENINGS: { guide: string; post: string; copied: boolean; saved: boolean }[] = [
  { guide: 'o_demo_guide_1', post: 'afternoon', copied: true, saved: true },
  { guide: 'o_demo_guide_1', post: 'member-day', copied: true, saved: false },
  { guide: 'o_demo_guide_3', post: 'afternoon', copied: true, saved: true },
  { guide: 'o_demo_guide_5', post: 'member-day', copied: false, saved: true },
];

/**
 * Members opening a post through a share link, and how long their page reports reading (seconds).
 * The insight function keeps no more than the real time since the open, so a seed that runs for a
 * few seconds stores a few seconds per visit; the figures here are what a real reader would report.
 */
export const DEMO_VISITS: { viewer: string; sharer: string; post: string; seconds: number }[] = [
  { viewer: cust(1), sharer: 'o_demo_guide_1', post: 'afternoon', seconds: 48 },
  { viewer: cust(2), sharer: 'o_demo_guide_1', post: 'afternoon', seconds: 25 },
  { viewer: cust(3), sharer: 'o_demo_guide_1', post: 'member-day', seconds: 36 },
  { viewer: cust(6), sharer: 'o_demo_guide_1', post: 'spring-tea', seconds: 62 },
  { viewer: cust(20), sharer: 'o_demo_guide_1', post: 'member-day', seconds: 12 },
  { viewer: cust(4), sharer: 'o_demo_guide_2', post: 'teaware', seconds: 95 },
  { viewer: cust(19), sharer: 'o_demo_guide_2', post: 'cold-brew', seconds: 40 },
  { viewer: cust(7), sharer: 'o_demo_guide_3', post: 'afternoon', seconds: 33 },
  { viewer: cust(8), sharer: 'o_demo_guide_3', post: 'spring-tea', seconds: 70 },
  { viewer: cust(10), sharer: 'o_demo_guide_4', post: 'cold-brew', seconds: 28 },
  { viewer: cust(13), sharer: 'o_demo_guide_5', post: 'chengdu', seconds: 120 },
  { viewer: cust(14), sharer: 'o_demo_guide_5', post: 'member-day', seconds: 22 },
  { viewer: cust(17), sharer: 'o_demo_guide_6', post: 'chengdu', seconds: 54 },
  // A member passing a post on to a friend: the friend's open is credited to the member's guide.
  { viewer: cust(5), sharer: cust(2), post: 'spring-tea', seconds: 41 },
];
