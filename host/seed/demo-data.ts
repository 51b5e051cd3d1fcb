/**
 * The demo world a newcomer sees on the first `npm start`: a fictional tea-and-lifestyle brand with
 * three stores, six guides, twenty members in referral chains. Every name is invented. The brand's
 * points, catalog and redemptions are in demo-rewards.ts; its posts, tags and visits in
 * demo-content.ts.
 */
export const DEMO_BRAND = '山茶生活 Camellia Life';

/** The demo brand as HQ sets it in the console's brand settings (account.saveBrand). */
export const DEMO_BRAND_SETTINGS = {
  name: '山茶生活',
  shortName: '山茶生活',
  themeColor: '#b5473a',
  pointsName: '积分',
  servicePhone: '400-820-1266',
} as const;
export const DEMO_HQ_OPENID = 'o_demo_hq';

export interface DemoStore {
  key: string;
  name: string;
  city: string;
  address: string;
  /** Where the store is (WGS-84), for the nearest stores a visitor is offered. */
  location: { lat: number; lng: number };
}

export const DEMO_STORES: DemoStore[] = [
  {
    key: 'sh',
    name: '山茶生活·上海静安店',
    city: '上海',
    address: '静安区南京西路 1266 号 2 楼',
    location: { lat: 31.2296, lng: 121.4527 },
  },
  {
    key: 'hz',
    name: '山茶生活·杭州湖滨店',
    city: '杭州',
    address: '上城区湖滨路 28 号',
    location: { lat: 30.2592, lng: 120.1636 },
  },
  {
    key: 'cd',
    name: '山茶生活·成都太古里店',
    city: '成都',
    address: '锦江区中纱帽街 8 号',
    location: { lat: 30.6544, lng: 104.0834 },
  },
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
  /** Whose invitation this member opened and joined through: a guide or another member. */
  referrer: string;
}

/** A demo member's openid by number (01–20). */
export const cust = (n: number) => `o_demo_cust_${String(n).padStart(2, '0')}`;

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
