/**
 * The demo seed against a fresh local cloud: what a newcomer sees is there, every figure comes
 * from the functions' own answers, and the points every member holds add up to their journal.
 */
import sharp from 'sharp';
import type { StoreSummary } from '@core/contracts/account';
import type { PostDetail, PostSummary } from '@core/contracts/content';
import type { MyCustomersOutput, PostSpreadOutput } from '@core/contracts/insight';
import type { ItemView, ListRedemptionsOutput } from '@core/contracts/mall';
import type { BalanceOutput, HistoryOutput, JournalOutput, PointsRules } from '@core/contracts/points';
import type { Reply } from '@core/errors';
import { dataOf, useLocalCloud, type TestCloud } from '../../test/support/local-cloud';
import { DEMO_VARIANT_OPENINGS, DEMO_VISITS, demoPosts } from './demo-content';
import { DEMO_BRAND_SETTINGS, DEMO_CUSTOMERS, DEMO_GUIDES, DEMO_HQ_OPENID, DEMO_STORES } from './demo-data';
import { DEMO_ADJUSTMENTS, DEMO_ITEMS, DEMO_POINTS_RULES, DEMO_REDEMPTIONS } from './demo-rewards';
import { DEMO_IMAGE_SIZE, makeDemoImage } from './images';
import { isEmpty, seed, seedIfEmpty, type SeedReport } from './index';

const cloud = useLocalCloud({ hqOpenids: [DEMO_HQ_OPENID] });
let report: SeedReport;

beforeAll(async () => {
  report = await seed(cloud.cloud);
}, 60_000);

async function ok<T>(t: TestCloud, fn: string, action: string, input: Record<string, unknown>, openid: string) {
  return dataOf((await t.callRaw(fn, { ...input, action }, openid)) as Reply<T>);
}

/** Every journal entry of one member, through points.history's seq cursor. */
async function historyOf(openid: string): Promise<HistoryOutput['entries']> {
  const out: HistoryOutput['entries'] = [];
  let beforeSeq: number | undefined;
  for (;;) {
    const page = await ok<HistoryOutput>(
      cloud,
      'points',
      'history',
      { limit: 50, ...(beforeSeq ? { beforeSeq } : {}) },
      openid,
    );
    out.push(...page.entries);
    const last = page.entries.at(-1);
    if (!page.hasMore || !last) return out;
    beforeSeq = last.seq;
  }
}

describe('the demo seed', () => {
  it('creates the stores, guides and members in their referral chains', async () => {
    const { stores } = await ok<{ stores: StoreSummary[] }>(cloud, 'account', 'listStores', {}, DEMO_HQ_OPENID);
    expect(stores.map((s) => s.name).sort()).toEqual(DEMO_STORES.map((s) => s.name).sort());
    expect(stores.reduce((n, s) => n + s.guides, 0)).toBe(DEMO_GUIDES.length);
    expect(stores.reduce((n, s) => n + s.customers, 0)).toBe(DEMO_CUSTOMERS.length);
    expect(report).toMatchObject({ stores: 3, guides: 6, customers: 20 });
  });

  it('sets the brand through the brand settings and places the stores in three cities', async () => {
    expect(await ok(cloud, 'account', 'brand', {}, 'o_seed_visitor')).toMatchObject({
      ...DEMO_BRAND_SETTINGS,
      configured: true,
    });
    const { stores } = await ok<{ stores: StoreSummary[] }>(cloud, 'account', 'listStores', {}, DEMO_HQ_OPENID);
    for (const s of DEMO_STORES) expect(stores.find((x) => x.name === s.name)?.location).toEqual(s.location);
    // From the West Lake: Hangzhou, then Shanghai, then Chengdu.
    const near = await ok<{ stores: { name: string }[] }>(
      cloud,
      'account',
      'nearestStores',
      { lat: 30.25, lng: 120.15 },
      'o_seed_visitor',
    );
    expect(near.stores.map((s) => s.name)).toEqual(
      ['hz', 'sh', 'cd'].map((k) => DEMO_STORES.find((s) => s.key === k)?.name),
    );
  });

  it('sets HQ points rules before members join, so welcome and referral rewards are journalled', async () => {
    const rules = await ok<PointsRules>(cloud, 'points', 'rules', {}, DEMO_HQ_OPENID);
    expect(rules).toMatchObject(DEMO_POINTS_RULES);
    const welcome = await ok<JournalOutput>(
      cloud,
      'points',
      'journal',
      { kind: 'welcome', limit: 100 },
      DEMO_HQ_OPENID,
    );
    expect(new Set(welcome.entries.map((e) => e.openid))).toEqual(new Set(DEMO_CUSTOMERS.map((c) => c.openid)));
    expect(welcome.entries.every((e) => e.amount === DEMO_POINTS_RULES.memberWelcome)).toBe(true);
    const joined = await ok<JournalOutput>(
      cloud,
      'points',
      'journal',
      { kind: 'referralJoined', limit: 100 },
      DEMO_HQ_OPENID,
    );
    const memberReferrals = DEMO_CUSTOMERS.filter((c) => DEMO_CUSTOMERS.some((r) => r.openid === c.referrer));
    expect(joined.entries.length).toBe(memberReferrals.length);
    const adjust = await ok<JournalOutput>(cloud, 'points', 'journal', { kind: 'adjust', limit: 100 }, DEMO_HQ_OPENID);
    expect(adjust.entries.map((e) => e.reason).sort()).toEqual(DEMO_ADJUSTMENTS.map((a) => a.reason).sort());
  });

  it('leaves every member a balance equal to the sum of their journal', async () => {
    for (const c of DEMO_CUSTOMERS) {
      const { balance } = await ok<BalanceOutput>(cloud, 'points', 'balance', {}, c.openid);
      const entries = await historyOf(c.openid);
      expect(entries.length).toBeGreaterThan(0);
      expect({ openid: c.openid, balance }).toEqual({
        openid: c.openid,
        balance: entries.reduce((sum, e) => sum + e.amount, 0),
      });
    }
    // Accounts of anyone else (guides earn referral rewards too) checked on the stored documents.
    const entries = cloud.cloud.engine.findDocs('points_entries');
    const accounts = cloud.cloud.engine.findDocs('points_accounts');
    expect(accounts.length).toBeGreaterThanOrEqual(DEMO_CUSTOMERS.length);
    for (const a of accounts) {
      const sum = entries.filter((e) => e.openid === a._id).reduce((s, e) => s + Number(e.amount), 0);
      expect({ openid: a._id, balance: a.balance }).toEqual({ openid: a._id, balance: sum });
    }
  });

  it('fills the catalog with coupons and gifts, one free, and records redemptions and a verification', async () => {
    const { items } = await ok<{ items: ItemView[] }>(cloud, 'mall', 'catalog', {}, DEMO_HQ_OPENID);
    expect(items).toHaveLength(DEMO_ITEMS.length);
    expect(items.filter((i) => i.kind === 'coupon')).toHaveLength(5);
    expect(items.filter((i) => i.kind === 'gift')).toHaveLength(2);
    expect(items.filter((i) => i.pointsPrice === 0)).toHaveLength(1);
    expect(items.every((i) => i.state === 'on')).toBe(true);
    const { totals } = await ok<ListRedemptionsOutput>(cloud, 'mall', 'listRedemptions', {}, DEMO_HQ_OPENID);
    expect(totals).toEqual({
      issued: DEMO_REDEMPTIONS.length,
      used: DEMO_REDEMPTIONS.filter((r) => r.verifiedBy).length,
    });
    const firstRedeem = await ok<JournalOutput>(
      cloud,
      'points',
      'journal',
      { kind: 'referralFirstRedeem' },
      DEMO_HQ_OPENID,
    );
    expect(firstRedeem.entries.length).toBeGreaterThan(0);
  });

  it('publishes six posts with 1–3 generated 1080² JPEGs each and keeps a draft and a scheduled one', async () => {
    const { posts } = await ok<{ posts: PostSummary[] }>(cloud, 'content', 'listPosts', {}, DEMO_HQ_OPENID);
    expect(posts).toHaveLength(demoPosts().length);
    const byStatus = (s: string) => posts.filter((p) => p.status === s).length;
    expect({ published: byStatus('published'), scheduled: byStatus('scheduled'), draft: byStatus('draft') }).toEqual({
      published: 6,
      scheduled: 1,
      draft: 1,
    });
    expect(posts.every((p) => p.imageCount >= 1 && p.imageCount <= 3)).toBe(true);
    expect(report.images).toBe(posts.reduce((n, p) => n + p.imageCount, 0));

    const first = posts.find((p) => p.status === 'published');
    const detail = await ok<PostDetail>(cloud, 'content', 'getPost', { id: first?.id }, DEMO_HQ_OPENID);
    const image = detail.images[0];
    expect(image).toBeDefined();
    const bytes = Buffer.from(await (await fetch(image?.url ?? '')).arrayBuffer());
    expect(await sharp(bytes).metadata()).toMatchObject({ format: 'jpeg', width: 1080, height: 1080 });
  });

  it('gives guides opened variants and customers with reading time', async () => {
    // Publishing makes every guide's variant ahead (the fan-out); the openings are those opened.
    const opened = cloud.cloud.engine.findDocs('post_variants').filter((v) => v.openedAt !== undefined);
    expect(opened).toHaveLength(DEMO_VARIANT_OPENINGS.length);
    const copied = cloud.cloud.engine.findDocs('post_variants').filter((v) => v.copiedAt !== undefined);
    expect(copied).toHaveLength(DEMO_VARIANT_OPENINGS.filter((o) => o.copied).length);

    const guide = DEMO_GUIDES[0]!.openid;
    const mine = await ok<MyCustomersOutput>(cloud, 'insight', 'myCustomers', {}, guide);
    const readers = new Set(DEMO_VISITS.filter((v) => v.sharer === guide).map((v) => v.viewer));
    const read = mine.customers.filter((c) => readers.has(c.openid));
    expect(read).toHaveLength(readers.size);
    // endVisit keeps no more than the real time since the open, so only "some" reading can be asserted.
    expect(read.every((c) => c.visits >= 1 && c.readSeconds > 0)).toBe(true);
    expect(report.readSeconds).toBeGreaterThan(0);
    expect(mine.customers.some((c) => c.tags.length > 0)).toBe(true);
    // Every member opened the invitation they joined through, then the posts shared with them.
    expect(cloud.cloud.engine.findDocs('visits')).toHaveLength(DEMO_CUSTOMERS.length + DEMO_VISITS.length);
    expect(report.visits).toBe(DEMO_CUSTOMERS.length + DEMO_VISITS.length);
  });

  it('joins every member through the token of the invitation they opened, and passes a post on three hops', async () => {
    const edges = cloud.cloud.engine.findDocs('referrals');
    const links = new Map(cloud.cloud.engine.findDocs('share_links').map((l) => [l._id, l]));
    expect(edges).toHaveLength(DEMO_CUSTOMERS.length);
    for (const c of DEMO_CUSTOMERS) {
      const edge = edges.find((e) => e.to === c.openid);
      expect({ member: c.openid, from: edge?.from }).toEqual({ member: c.openid, from: c.referrer });
      expect(links.get(String(edge?.token))?.sharer).toBe(c.referrer);
    }
    const spring = demoPosts().findIndex((p) => p.key === 'spring-tea');
    const { posts } = await ok<{ posts: PostSummary[] }>(cloud, 'content', 'listPosts', {}, DEMO_HQ_OPENID);
    const postId = posts.find((p) => p.title === demoPosts()[spring]?.title)?.id;
    const spread = await ok<PostSpreadOutput>(cloud, 'insight', 'postSpread', { postId }, DEMO_HQ_OPENID);
    expect(Math.max(...spread.nodes.map((n) => n.hop))).toBe(2);
    expect(spread.hops.map((h) => h.hop)).toEqual([0, 1, 2]);
  });

  it('is skipped by seedIfEmpty once the database has data, changing nothing', async () => {
    expect(isEmpty(cloud.cloud)).toBe(false);
    const before = cloud.snapshot();
    const lines: string[] = [];
    await expect(seedIfEmpty(cloud.cloud, (l) => lines.push(l))).resolves.toBeNull();
    expect(cloud.snapshot()).toBe(before);
    expect(lines.join('\n')).toMatch(/skipped/);
  });
});

describe('demo images', () => {
  it('are 1080² JPEGs that differ by palette and shape', async () => {
    const a = await makeDemoImage({ palette: 0, shape: 'caddy' });
    const b = await makeDemoImage({ palette: 1, shape: 'cup' });
    expect(await sharp(a).metadata()).toMatchObject({
      format: 'jpeg',
      width: DEMO_IMAGE_SIZE,
      height: DEMO_IMAGE_SIZE,
    });
    expect(a.equals(b)).toBe(false);
  });
});
