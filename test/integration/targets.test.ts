/**
 * Monthly targets: progress numbers equal the underlying records, counted per guide and per store.
 */
import { monthKey } from '@server/ledger/calendar';
import { variantDoc } from '../support/documents';
import { TEST_HQ, useLocalCloud } from '../support/local-cloud';
import { seedPost } from './insight-helpers';

jest.setTimeout(30_000);

const cloud = useLocalCloud();
const insight = cloud.client('insight');
const month = monthKey(Date.now());
const GOAL = { newMembers: 10, postsShared: 8, purchasePoints: 500 };

test('progress equals the members, copied posts and unreversed purchase points of the month', async () => {
  const storeId = await cloud.makeStore();
  const guide = await cloud.makeGuide(storeId, '导购目标甲');
  const other = await cloud.makeGuide(storeId, '导购目标乙');
  for (let i = 0; i < 3; i++) await cloud.makeMember(guide.openid);
  await cloud.makeMember(other.openid);
  const now = Date.now();
  for (const g of [guide, guide, other]) {
    cloud.cloud.engine.insertDoc(
      'post_variants',
      variantDoc({ postId: seedPost(cloud), guideOpenid: g.openid, storeId, text: '文案', at: now, copiedAt: now }),
    );
  }
  // A variant opened but not copied does not count as shared.
  cloud.cloud.engine.insertDoc(
    'post_variants',
    variantDoc({ postId: seedPost(cloud), guideOpenid: guide.openid, storeId, text: '文案', at: now }),
  );
  const award = (id: string, points: number, g: string, reversed = false) =>
    cloud.cloud.engine.insertDoc('purchase_awards', {
      _id: id,
      requestId: `req_${id}`,
      memberOpenid: 'o_member_x',
      guideOpenid: g,
      storeId,
      amountFen: points * 100,
      points,
      createdAt: new Date(now),
      ...(reversed ? { reversedAt: new Date(now), reversedBy: TEST_HQ } : {}),
    });
  award(`pa_${now}_1`, 128, guide.openid);
  award(`pa_${now}_2`, 60, guide.openid, true);
  award(`pa_${now}_3`, 40, other.openid);

  await insight.ok(
    'setTargets',
    {
      month,
      targets: [
        { scope: 'store', id: storeId, target: GOAL },
        { scope: 'guide', id: guide.openid, target: GOAL },
        { scope: 'guide', id: other.openid, target: GOAL },
      ],
    },
    TEST_HQ,
  );
  const all = await insight.ok('targetProgress', { month }, TEST_HQ);
  const row = (id: string) => all.rows.find((r) => r.id === id);
  expect(row(guide.openid)).toMatchObject({
    name: '导购目标甲',
    actual: { newMembers: 3, postsShared: 2, purchasePoints: 128 },
  });
  expect(row(other.openid)?.actual).toEqual({ newMembers: 1, postsShared: 1, purchasePoints: 40 });
  expect(row(storeId)?.actual).toEqual({ newMembers: 4, postsShared: 3, purchasePoints: 168 });
  const g = row(guide.openid)!;
  expect(g.deviation.newMembers).toBeCloseTo(3 - 10 * all.elapsed, 0);
  expect(g.behind).toBe(g.deviation.newMembers < 0 || g.deviation.postsShared < 0 || g.deviation.purchasePoints < 0);

  // A guide sees their own target and their store's, never a colleague's.
  const mine = await insight.ok('targetProgress', { month }, guide.openid);
  expect(mine.rows.map((r) => r.id).sort()).toEqual([guide.openid, storeId].sort());
});

test('progress queries run on indexes', async () => {
  cloud.cloud.engine.queries.start();
  await insight.ok('targetProgress', { month }, TEST_HQ);
  const plans = cloud.cloud.engine.queries.stop();
  expect(plans.filter((p) => p.index === null && !['stores'].includes(p.collection))).toEqual([]);
});
