/**
 * Races through the local cloud, where every invariant must be held by the database (transactions,
 * conditional updates, unique keys), because nothing is shared in memory between invocations.
 */
import { dataOf, TEST_HQ, useLocalCloud } from '../support/local-cloud';
import {
  atOnce,
  balanceOf,
  inBatches,
  ledgerProblems,
  makeItem,
  newRequestId,
  resetRules,
  seedMembers,
} from './mall-helpers';

describe('mall under concurrency', () => {
  const cloud = useLocalCloud({}, 60_000);

  beforeEach(() => resetRules(cloud));
  afterEach(() => {
    expect(ledgerProblems(cloud)).toEqual([]);
  });

  it('issues exactly 50 coupons when 200 members redeem an item with stock 50 at once', async () => {
    const members = seedMembers(cloud, 200, 10);
    const itemId = await makeItem(cloud, { title: '限量50张', pointsPrice: 10, stock: 50, perUserLimit: 1 });

    const replies = await atOnce(200, (i) =>
      cloud.call('mall', 'redeem', { itemId, requestId: newRequestId() }, members[i] ?? ''),
    );

    const coupons = cloud.cloud.engine.findDocs('coupons', { itemId });
    expect(replies.filter((r) => r.ok)).toHaveLength(50);
    expect(coupons).toHaveLength(50);
    expect(new Set(coupons.map((c) => c.code)).size).toBe(50);
    // Losers hear "sold out", or "busy, try again" when they gave up before the last unit went.
    for (const r of replies) {
      if (!r.ok) expect(['已经兑完了，下次早点来', '兑换的人太多了，请稍后再试']).toContain(r.error.message);
    }
    const shards = cloud.cloud.engine.findDocs('mall_stock', { itemId });
    expect(shards.reduce((s, d) => s + Number(d.issued), 0)).toBe(50);
    for (const d of shards) expect(Number(d.issued)).toBeLessThanOrEqual(Number(d.stock));
    const winners = new Set(coupons.map((c) => String(c.owner)));
    const balances = new Map(
      cloud.cloud.engine.findDocs('points_accounts').map((a) => [String(a._id), Number(a.balance)]),
    );
    for (const m of members) expect(balances.get(m)).toBe(winners.has(m) ? 0 : 10);
  }, 120_000);

  it('lets one member with points for 2 get exactly 2 out of 20 simultaneous redemptions', async () => {
    const { openid } = await cloud.makeMember();
    dataOf(await cloud.call('points', 'adjust', { openid, delta: 200, reason: '并发测试' }, TEST_HQ));
    const itemId = await makeItem(cloud, { pointsPrice: 100, stock: 100, perUserLimit: 100 });

    const replies = await atOnce(20, () => cloud.call('mall', 'redeem', { itemId, requestId: newRequestId() }, openid));

    expect(replies.filter((r) => r.ok)).toHaveLength(2);
    const messages = new Set(replies.flatMap((r) => (r.ok ? [] : [r.error.message])));
    expect(messages).toEqual(new Set(['积分不足：需要 100，当前 0']));
    expect(cloud.cloud.engine.findDocs('coupons', { owner: openid })).toHaveLength(2);
    expect(await balanceOf(cloud, openid)).toBe(0);
    expect(dataOf(await cloud.call('mall', 'getItem', { id: itemId }, openid)).item).toMatchObject({
      issued: 2,
      remaining: 98,
    });
  }, 60_000);

  it('gives the same coupon to 10 simultaneous retries of one request', async () => {
    const { openid } = await cloud.makeMember();
    dataOf(await cloud.call('points', 'adjust', { openid, delta: 1000, reason: '并发测试' }, TEST_HQ));
    const itemId = await makeItem(cloud, { pointsPrice: 100, perUserLimit: 100 });
    const requestId = newRequestId();

    const replies = await atOnce(10, () => cloud.call('mall', 'redeem', { itemId, requestId }, openid));

    const codes = new Set(replies.map((r) => dataOf(r).code));
    expect(codes.size).toBe(1);
    expect(await balanceOf(cloud, openid)).toBe(900);
  }, 60_000);

  it('verifies a code exactly once when 20 guides scan it at once', async () => {
    const storeId = await cloud.makeStore();
    const guides = await inBatches(20, 10, async () => (await cloud.makeGuide(storeId)).openid);
    const { openid } = await cloud.makeMember(guides[0]);
    const itemId = await makeItem(cloud, { pointsPrice: 0 });
    const { couponId, code } = dataOf(
      await cloud.call('mall', 'redeem', { itemId, requestId: newRequestId() }, openid),
    );

    const replies = await atOnce(20, (i) => cloud.call('mall', 'verifyCoupon', { code }, guides[i] ?? ''));

    const ok = replies.filter((r) => r.ok);
    expect(ok).toHaveLength(1);
    for (const r of replies) if (!r.ok) expect(r.error.message).toMatch(/^该券已于 .+ 核销，不能重复使用$/);
    const [doc] = cloud.cloud.engine.findDocs('coupons', { _id: couponId });
    const winner = guides[replies.findIndex((r) => r.ok)];
    expect(doc).toMatchObject({ status: 'used', usedBy: winner });
  }, 60_000);
});
