/** The demo brand's Moments posts, tag rules, guides opening their variants, and members' visits. */
import { cust } from './demo-data';

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
 * Members opening a post through a share, and how long their page reports reading (seconds). The
 * insight function keeps no more than the real time since the open, so a seed that runs for a few
 * seconds stores a few seconds per visit; the figures here are what a real reader would report.
 * `via`: the sharer passes on the share of `via` they opened earlier in this list (a reshare).
 */
export const DEMO_VISITS: { viewer: string; sharer: string; post: string; seconds: number; via?: string }[] = [
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
  // A post passed on, hop by hop: guide 1 → member 06 → member 05 → member 09. Each friend's open
  // is credited to the first sharer's guide; HQ's spread of the post shows three levels.
  { viewer: cust(5), sharer: cust(6), post: 'spring-tea', seconds: 41, via: 'o_demo_guide_1' },
  { viewer: cust(9), sharer: cust(5), post: 'spring-tea', seconds: 30, via: cust(6) },
];
