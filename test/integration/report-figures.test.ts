/**
 * Reports on a built world: per-post figures, a store's dashboard and leaderboard, and the guides who
 * have not shared today's posts, each equal to the records they count; a guide is refused another
 * store's figures.
 */
import { dayKey } from '@server/ledger/calendar';
import { CONSENT, TEST_HQ, useLocalCloud } from '../support/local-cloud';
import { backdate, docsOf, openShare, seedPost, seedVariant, shareOf } from './insight-helpers';
import { awarded, purchaseRules } from './points-purchase-helpers';

jest.setTimeout(60_000);

const cloud = useLocalCloud();
const insight = cloud.client('insight');
const today = dayKey(Date.now());
const HOUR = 3600_000;
const DAY = 24 * HOUR;

interface World {
  storeA: string;
  storeB: string;
  gA: { openid: string; storeId: string };
  gA2: { openid: string; storeId: string };
  gB: { openid: string; storeId: string };
  post: string;
  m1: string;
  m2: string;
}

let w: World;

/** A purchase award written as points.awardPurchase stores it, at a chosen time. */
function seedAward(id: string, member: string, guide: { openid: string; storeId: string }, at: number, fen: number) {
  cloud.cloud.engine.insertDoc('purchase_awards', {
    _id: id,
    requestId: `req_${id}`,
    memberOpenid: member,
    guideOpenid: guide.openid,
    storeId: guide.storeId,
    amountFen: fen,
    points: Math.floor(fen / 100),
    createdAt: new Date(at),
  });
}

beforeAll(async () => {
  await purchaseRules(cloud);
  const storeA = await cloud.makeStore('报表门店甲');
  const storeB = await cloud.makeStore('报表门店乙');
  const gA = await cloud.makeGuide(storeA, '导购甲一');
  const gA2 = await cloud.makeGuide(storeA, '导购甲二');
  const gB = await cloud.makeGuide(storeB, '导购乙一');
  const m1 = (await cloud.makeMember(gA.openid, '会员一')).openid;
  const m2 = (await cloud.makeMember(gB.openid, '会员二')).openid;
  const post = seedPost(cloud, { title: '周末上新' });
  // m1 reads gA's share for 30 s to half the text, twice the same day (one counted open).
  const first = await openShare(cloud, gA.openid, post, m1);
  // Reading time is capped by the time since the open: the opens happened minutes ago.
  backdate(cloud, 'visits', first.visitId!, { openedAt: Date.now() - 5 * 60_000 });
  await insight.ok(
    'endVisit',
    { visitId: first.visitId!, seconds: 30, depth: { paragraph: 2, paragraphs: 4, ratio: 0.5 } },
    m1,
  );
  await insight.ok('recordVisit', { shareToken: first.shareToken }, m1);
  // m2 reads gB's share for 10 s, no depth reported; an anonymous open of gA's share.
  const second = await openShare(cloud, gB.openid, post, m2);
  backdate(cloud, 'visits', second.visitId!, { openedAt: Date.now() - 5 * 60_000 });
  await insight.ok('endVisit', { visitId: second.visitId!, seconds: 10 }, m2);
  await openShare(cloud, gA.openid, post, undefined, 1154);
  // A visitor joins through gA's share of the post.
  const joiner = `o_joiner_${Date.now().toString(36)}`;
  const token = await shareOf(cloud, gA.openid, post);
  await insight.ok('recordVisit', { shareToken: token }, joiner);
  await cloud.ok('account', 'registerMember', { name: '新朋友', consent: CONSENT, shareToken: token }, joiner);
  // Copies and saves: gA copied, gB copied and saved, gA2 only opened theirs.
  const now = Date.now();
  seedVariant(cloud, post, gA, '文案甲', now);
  seedVariant(cloud, post, gB, '文案乙', now);
  backdate(cloud, 'post_variants', `${post}:${gB.openid}`, { savedAt: now });
  seedVariant(cloud, post, gA2, '文案甲二');
  // Purchases: m1 buys in store A after reading (counted); m2 bought before reading and 8 days
  // after (neither counted) and 2 days after in store B (counted).
  await awarded(cloud, gA.openid, m1, 12_800);
  const m2First = Number(docsOf(cloud, 'visits', { viewer: m2, postId: post })[0]?.openedAt);
  seedAward('pur_before_read', m2, gB, m2First - HOUR, 5_000);
  seedAward('pur_late_read', m2, gB, m2First + 8 * DAY, 7_000);
  seedAward('pur_in_window', m2, gB, m2First + 2 * DAY, 3_000);
  w = { storeA, storeB, gA, gA2, gB, post, m1, m2 };
});

test("a post's figures equal the visits, variants, referrals and awards behind them", async () => {
  const visits = docsOf(cloud, 'visits', { postId: w.post });
  const f = await insight.ok('postFigures', { postId: w.post }, TEST_HQ);
  // Counted opens: m1 once (the same-day reopen is not counted again), m2 once, the anonymous
  // open, the joiner's open.
  expect(f.opens).toBe(visits.filter((v) => v.counted === true).length);
  expect(f.opens).toBe(4);
  expect(f.readers).toBe(3);
  expect(f.readSeconds).toBe(40);
  expect(f.avgSeconds).toBe(10);
  expect(f.avgDepth).toBe(0.5);
  expect([f.copies, f.saves, f.joins]).toEqual([2, 1, 1]);
  expect([f.purchases, f.purchaseFen]).toEqual([2, 12_800 + 3_000]);
});

test("a store's post figures count only what its guides' shares and its till made", async () => {
  const a = await insight.ok('postFigures', { postId: w.post, storeId: w.storeA }, TEST_HQ);
  expect([a.opens, a.readers, a.readSeconds, a.copies, a.saves, a.joins]).toEqual([3, 2, 30, 1, 0, 1]);
  expect([a.purchases, a.purchaseFen]).toEqual([1, 12_800]);
  const b = await insight.ok('postFigures', { postId: w.post, storeId: w.storeB }, TEST_HQ);
  expect([b.opens, b.readers, b.readSeconds, b.copies, b.saves, b.joins]).toEqual([1, 1, 10, 1, 1, 0]);
  expect([b.purchases, b.purchaseFen]).toEqual([1, 3_000]);
  const recent = await insight.ok('recentPosts', { storeId: w.storeA }, TEST_HQ);
  expect(recent.rows.find((r) => r.postId === w.post)).toEqual(a);
  expect((await insight.call('postFigures', { postId: 'pst_nosuchpost01' }, TEST_HQ)).ok).toBe(false);
});

test("a store's dashboard counts its members, copies and opens; the brand's is the sum of its parts", async () => {
  const brand = await insight.ok('dashboard', { from: today, to: today }, TEST_HQ);
  const a = await insight.ok('dashboard', { from: today, to: today, storeId: w.storeA }, TEST_HQ);
  const b = await insight.ok('dashboard', { from: today, to: today, storeId: w.storeB }, TEST_HQ);
  const members = (storeId: string) => docsOf(cloud, 'users', { role: 'customer', storeId }).length;
  expect(a.totals.newMembers).toBe(members(w.storeA));
  expect(b.totals.newMembers).toBe(members(w.storeB));
  expect(a.totals.newMembers).toBe(2); // m1 and the joiner
  expect([a.totals.copies, b.totals.copies]).toEqual([1, 1]);
  expect(a.totals.visits).toBe(docsOf(cloud, 'visits', { storeId: w.storeA, counted: true }).length);
  expect(a.totals.visits + b.totals.visits).toBe(brand.totals.visits);
  // Points of the store's members: m1's purchase points and welcome bonuses count for store A.
  const issued = (openids: string[]) =>
    docsOf(cloud, 'points_entries')
      .filter((e) => openids.includes(String(e.openid)) && Number(e.amount) > 0 && e.kind !== 'reverse')
      .reduce((n, e) => n + Number(e.amount), 0);
  const storeAMembers = docsOf(cloud, 'users', { role: 'customer', storeId: w.storeA }).map((u) => String(u._id));
  expect(a.totals.pointsIssued).toBe(issued(storeAMembers));
  expect(a.totals.pointsIssued).toBeGreaterThanOrEqual(128);
  expect(a.days.map((d) => d.day)).toEqual(brand.days.map((d) => d.day));
});

test('the store filter refuses another store to a guide and an unknown store to HQ', async () => {
  const mine = await insight.ok('leaderboard', { from: today, to: today, by: 'guide' }, w.gA2.openid);
  // The store's two guides; a colleague's row carries a row key, never their openid.
  expect(mine.rows.map((r) => r.name).sort()).toEqual(['导购甲一', '导购甲二']);
  expect(mine.rows.map((r) => r.id)).toContain(w.gA2.openid);
  expect(mine.rows.map((r) => r.id)).not.toContain(w.gA.openid);
  const named = await insight.ok(
    'leaderboard',
    { from: today, to: today, by: 'guide', storeId: w.storeA },
    w.gA.openid,
  );
  const shown = (rows: typeof mine.rows) => rows.map(({ id: _id, ...r }) => r);
  expect(shown(named.rows)).toEqual(shown(mine.rows));
  const refused = [
    await insight.call('leaderboard', { from: today, to: today, by: 'guide', storeId: w.storeB }, w.gA.openid),
    await insight.call('leaderboard', { from: today, to: today, by: 'store' }, w.gA.openid),
    await insight.call('notSharedToday', { storeId: w.storeB }, w.gA.openid),
  ];
  for (const r of refused) expect(r.ok ? 'ok' : r.error.code).toBe('PERMISSION_DENIED');
  const unknown = await insight.call('dashboard', { from: today, to: today, storeId: 'sto_nosuchstore1' }, TEST_HQ);
  expect(unknown.ok ? 'ok' : unknown.error.code).toBe('NOT_FOUND');
  // HQ's store board keeps each guide's place in the brand.
  const brand = await insight.ok('leaderboard', { from: today, to: today, by: 'guide' }, TEST_HQ);
  const storeB = await insight.ok('leaderboard', { from: today, to: today, by: 'guide', storeId: w.storeB }, TEST_HQ);
  expect(storeB.rows).toEqual(brand.rows.filter((r) => r.id === w.gB.openid));
});

test("导购今日未转发 lists the guides who copied, saved or shared none of today's posts", async () => {
  const hq = await insight.ok('notSharedToday', {}, TEST_HQ);
  expect(hq.day).toBe(today);
  expect(hq.posts.map((p) => p.id)).toContain(w.post);
  // gA copied and gB saved this post; any other post of today is missing for every guide.
  const others = hq.posts.length - 1;
  const row = (id: string) => hq.rows.find((r) => r.id === id);
  expect(row(w.gA2.openid)).toMatchObject({ of: hq.posts.length, missing: hq.posts.length, storeName: '报表门店甲' });
  expect(row(w.gA.openid)?.missing ?? 0).toBe(others);
  const a = hq.stores.find((s) => s.storeId === w.storeA);
  expect(a).toMatchObject({ guides: 2, notShared: others > 0 ? 2 : 1 });
  // The store's own view, as a guide of it, lists only its guides.
  const store = await insight.ok('notSharedToday', {}, w.gA.openid);
  expect(store.rows.every((r) => r.storeId === w.storeA)).toBe(true);
  expect(store.rows.map((r) => r.name)).toContain('导购甲二');
  expect(store.stores.map((s) => s.storeId)).toEqual([w.storeA]);
  // gA2 copies their variant: off the list when no other post of today is missing.
  await cloud.ok('content', 'recordOutcome', { postId: w.post, outcome: 'copied' }, w.gA2.openid);
  const after = await insight.ok('notSharedToday', { storeId: w.storeA }, TEST_HQ);
  expect(after.rows.find((r) => r.id === w.gA2.openid)?.missing ?? 0).toBe(others);
});
