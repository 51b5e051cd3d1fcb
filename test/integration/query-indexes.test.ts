/**
 * Every query a timer or a dashboard runs has an index. On the demo world, the local database
 * records which declared index each query could use (host/db/query-plan.ts) while every timer of
 * every function fires and HQ and a guide open their lists, figures and boards; a collection scan
 * of a collection that grows with members, visits or time fails the test, and the whole list is
 * printed so a reviewer sees each query beside its index.
 */
import { dayKey } from '@server/ledger/calendar';
import { DEMO_GUIDES, DEMO_HQ_OPENID } from '../../host/seed/demo-data';
import { seed } from '../../host/seed/index';
import type { QueryPlan } from '../../host/db/query-plan';
import { dataOf, useLocalCloud } from '../support/local-cloud';

jest.setTimeout(180_000);

const cloud = useLocalCloud({ hqOpenids: [DEMO_HQ_OPENID] }, 60_000);

/** Settings documents and a brand's own short lists: read whole by design, they never grow large. */
const SMALL = new Set(['points_rules', 'insight_settings', 'mall_items', 'mall_stock', 'stores']);

const describePlan = (p: QueryPlan) =>
  `${p.collection.padEnd(16)} ${p.action.replace('database.', '').padEnd(34)} filter [${p.filter.join(', ')}]` +
  `${p.sort.length ? ` sort [${p.sort.join(', ')}]` : ''} → ${p.index ?? 'SCAN'}`;

let plans: QueryPlan[] = [];
const fired: string[] = [];

beforeAll(async () => {
  await seed(cloud.cloud);
  const hq = DEMO_HQ_OPENID;
  const guide = DEMO_GUIDES[0]!.openid;
  const engine = cloud.cloud.engine;
  engine.queries.start();
  // Every trigger of every function's config.json (the test cloud does not arm them on a clock).
  const { runtime, timers } = cloud.cloud;
  for (const fn of runtime.list()) {
    for (const trigger of runtime.config(fn).triggers) {
      const firing = await timers.fire(fn, trigger.name);
      if (!firing.ok) throw new Error(`timer ${fn}.${trigger.name} failed: ${firing.error}`);
      fired.push(`${fn}.${trigger.name}`);
    }
  }
  const today = dayKey(Date.now());
  const monthAgo = dayKey(Date.now() - 29 * 24 * 3600_000);
  const { posts } = dataOf(await cloud.call('content', 'listPosts', {}, hq));
  for (const post of posts.filter((p) => p.status === 'published')) {
    dataOf(await cloud.call('content', 'postStats', { id: post.id }, hq));
  }
  const { stores } = dataOf(await cloud.call('account', 'listStores', {}, hq));
  dataOf(await cloud.call('account', 'listGuides', {}, hq));
  dataOf(await cloud.call('insight', 'dashboard', { from: monthAgo, to: today }, hq));
  dataOf(await cloud.call('insight', 'leaderboard', { from: monthAgo, to: today, by: 'guide' }, hq));
  dataOf(await cloud.call('insight', 'leaderboard', { from: monthAgo, to: today, by: 'store' }, hq));
  dataOf(await cloud.call('insight', 'kocList', {}, hq));
  // Reports: a store's dashboard and board, per-post figures, today's sharing, weekly reports.
  const storeId = stores[0]!.id;
  dataOf(await cloud.call('insight', 'dashboard', { from: monthAgo, to: today, storeId }, hq));
  dataOf(await cloud.call('insight', 'leaderboard', { from: monthAgo, to: today, by: 'guide', storeId }, hq));
  dataOf(await cloud.call('insight', 'recentPosts', {}, hq));
  dataOf(await cloud.call('insight', 'recentPosts', { storeId }, hq));
  const published = posts.find((p) => p.status === 'published');
  if (published) dataOf(await cloud.call('insight', 'postFigures', { postId: published.id, storeId }, hq));
  dataOf(await cloud.call('insight', 'notSharedToday', {}, hq));
  dataOf(await cloud.call('insight', 'notSharedToday', {}, guide));
  dataOf(await cloud.call('insight', 'leaderboard', { from: monthAgo, to: today, by: 'guide' }, guide));
  const { reports } = dataOf(await cloud.call('insight', 'weeklyReports', {}, hq));
  if (reports[0]) dataOf(await cloud.call('insight', 'weeklyReport', { id: reports[0].id }, hq));
  dataOf(await cloud.call('insight', 'referralGraph', {}, hq));
  dataOf(await cloud.call('points', 'journal', {}, hq));
  dataOf(await cloud.call('mall', 'listRedemptions', {}, hq));
  dataOf(await cloud.call('content', 'notices', {}, hq));
  dataOf(await cloud.call('content', 'feed', {}, guide));
  const { customers } = dataOf(await cloud.call('insight', 'myCustomers', {}, guide));
  if (customers[0]) dataOf(await cloud.call('insight', 'customerTimeline', { openid: customers[0].openid }, guide));
  dataOf(await cloud.call('insight', 'myFigures', {}, guide));
  dataOf(await cloud.call('mall', 'recentVerifications', {}, guide));
  plans = engine.queries.stop();
});

it('records the queries of every timer and dashboard (the list, for review)', () => {
  const unique = [...new Set(plans.map(describePlan))].sort();
  console.log(`queries of timers and dashboards (${unique.length} distinct):\n${unique.join('\n')}`);
  console.log(`timers fired: ${fired.join(', ')}`);
  expect(fired).toEqual(expect.arrayContaining(['content.publishDue', 'mall.expireCoupons', 'points.expirePoints']));
  // The timers' sweeps and the boards' reads all reached the database.
  const read = new Set(plans.map((p) => p.collection));
  for (const c of ['posts', 'post_variants', 'coupons', 'points_accounts', 'points_entries', 'visits', 'users']) {
    expect(read).toContain(c);
  }
});

it('scans no collection that grows with members, visits or time', () => {
  const scans = plans.filter((p) => p.index === null && !SMALL.has(p.collection));
  expect([...new Set(scans.map(describePlan))]).toEqual([]);
});
