/**
 * Member tiers through the local cloud: HQ's definitions, the hourly computation, what a member
 * sees, tier-only mall items and the guide's tier filter.
 */
import type { Reply } from '@core/errors';
import { dataOf, TEST_HQ, useLocalCloud } from '../support/local-cloud';
import { ledgerProblems, makeItem, newRequestId, resetRules } from './mall-helpers';
import { awarded, purchaseRules } from './points-purchase-helpers';

const SILVER = { id: 'silver', name: '银卡', min: 100 };
const GOLD = { id: 'gold', name: '金卡', min: 500 };
const TIERS = [SILVER, GOLD];

describe('member tiers', () => {
  const cloud = useLocalCloud();
  const userDoc = (openid: string) => cloud.cloud.engine.findDocs('users', { _id: openid })[0];

  async function runTierTimer(): Promise<{ changed: number }> {
    const firing = await cloud.cloud.timers.fire('points', 'computeTiers', Date.now());
    if (!firing.ok) throw new Error(`timer failed: ${firing.error}`);
    return dataOf(firing.result as Reply<{ changed: number }>);
  }

  beforeEach(async () => {
    await resetRules(cloud);
    await purchaseRules(cloud);
    await cloud.ok('points', 'setTiers', { basis: 'points', tiers: TIERS }, TEST_HQ);
  });
  afterEach(() => {
    expect(ledgerProblems(cloud)).toEqual([]);
  });

  it('lets HQ define tiers (in rising order, unique) and shows everyone the list', async () => {
    const member = await cloud.makeMember();
    expect(await cloud.ok('points', 'tiers', {}, member.openid)).toMatchObject({ basis: 'points', tiers: TIERS });
    const before = cloud.snapshot();
    const bad = [
      { basis: 'points', tiers: [GOLD, SILVER] },
      { basis: 'points', tiers: [SILVER, { ...GOLD, name: '银卡' }] },
      { basis: 'points', tiers: [{ id: 'base', name: '基础', min: 1 }] },
      { basis: 'visits', tiers: TIERS },
    ];
    for (const input of bad) {
      expect(await cloud.callRaw('points', { action: 'setTiers', ...input }, TEST_HQ)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGUMENT' },
      });
    }
    expect(cloud.snapshot()).toBe(before);
  });

  it('moves a member who crossed a threshold up at the next timer run, and says what the next tier needs', async () => {
    const guide = await cloud.makeGuide();
    const { openid } = await cloud.makeMember();
    await awarded(cloud, guide.openid, openid, 15000);
    // Crossed, but not yet computed: the member still shows the base tier, with nothing left to earn for silver.
    expect(await cloud.ok('points', 'myTier', {}, openid)).toEqual({
      tier: null,
      basis: 'points',
      value: 150,
      next: { id: 'silver', name: '银卡', min: 100, needed: 0 },
    });
    expect(userDoc(openid)?.tier).toBeUndefined();
    expect((await runTierTimer()).changed).toBeGreaterThanOrEqual(1);
    const tier = userDoc(openid)?.tier as { id: string; name: string; since: unknown };
    expect(tier).toMatchObject({ id: 'silver', name: '银卡' });
    expect(tier.since).toBeInstanceOf(Date);
    expect(await cloud.ok('points', 'myTier', {}, openid)).toMatchObject({
      tier: { id: 'silver', name: '银卡' },
      value: 150,
      next: { id: 'gold', needed: 350 },
    });
    // A second run changes nothing and keeps `since`.
    await runTierTimer();
    expect(userDoc(openid)?.tier).toEqual(tier);
    await awarded(cloud, guide.openid, openid, 40000);
    await runTierTimer();
    expect(userDoc(openid)?.tier).toMatchObject({ id: 'gold', name: '金卡' });
    expect((await cloud.ok('points', 'myTier', {}, openid)).next).toBeNull();
  });

  it('moves a member down when their figure falls (a reversed purchase) and when HQ removes their tier', async () => {
    const guide = await cloud.makeGuide();
    const { openid } = await cloud.makeMember();
    const { awardId } = await awarded(cloud, guide.openid, openid, 60000);
    await runTierTimer();
    expect(userDoc(openid)?.tier).toMatchObject({ id: 'gold' });
    await cloud.ok('points', 'reverseAward', { awardId, reason: '顾客退货' }, TEST_HQ);
    await awarded(cloud, guide.openid, openid, 20000);
    await runTierTimer();
    expect(userDoc(openid)?.tier).toMatchObject({ id: 'silver' });
    await cloud.ok('points', 'setTiers', { basis: 'points', tiers: [GOLD] }, TEST_HQ);
    await runTierTimer();
    expect(userDoc(openid)?.tier).toBeUndefined();
  });

  it('measures purchases in store when HQ says so', async () => {
    await cloud.ok(
      'points',
      'setTiers',
      { basis: 'purchase', tiers: [{ id: 'vip', name: '贵宾', min: 100000 }] },
      TEST_HQ,
    );
    const guide = await cloud.makeGuide();
    const { openid } = await cloud.makeMember();
    await awarded(cloud, guide.openid, openid, 60000);
    await runTierTimer();
    expect(userDoc(openid)?.tier).toBeUndefined();
    await awarded(cloud, guide.openid, openid, 40000);
    await runTierTimer();
    expect(userDoc(openid)?.tier).toMatchObject({ id: 'vip', name: '贵宾' });
    expect(await cloud.ok('points', 'myTier', {}, openid)).toMatchObject({ basis: 'purchase', value: 100000 });
  });

  it('refuses a tier-only item to a lower tier with a clear message, and lets the tier in', async () => {
    const guide = await cloud.makeGuide();
    const silver = (await cloud.makeMember()).openid;
    const gold = (await cloud.makeMember()).openid;
    await awarded(cloud, guide.openid, silver, 20000);
    await awarded(cloud, guide.openid, gold, 60000);
    await runTierTimer();
    const itemId = await makeItem(cloud, {
      title: '金卡专享礼',
      kind: 'gift',
      amountFen: undefined,
      thresholdFen: undefined,
      pointsPrice: 10,
      minTier: 'gold',
    });
    const { item, tierMet } = await cloud.ok('mall', 'getItem', { id: itemId }, silver);
    expect(item.minTier).toEqual({ id: 'gold', name: '金卡' });
    expect(tierMet).toBe(false);
    expect((await cloud.ok('mall', 'listItems', {}, silver)).items.find((i) => i.id === itemId)?.minTier?.name).toBe(
      '金卡',
    );
    const before = cloud.snapshot();
    expect(await cloud.call('mall', 'redeem', { itemId, requestId: newRequestId() }, silver)).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION', message: '该商品仅限「金卡」及以上会员兑换，你当前是「银卡」' },
    });
    expect(cloud.snapshot()).toBe(before);
    expect((await cloud.ok('mall', 'getItem', { id: itemId }, gold)).tierMet).toBe(true);
    expect(await cloud.call('mall', 'redeem', { itemId, requestId: newRequestId() }, gold)).toMatchObject({ ok: true });
    // A tier that does not exist cannot be required.
    expect(
      await cloud.call(
        'mall',
        'saveItem',
        { title: '不存在的等级', kind: 'gift', pointsPrice: 1, stock: 1, minTier: 'platinum' },
        TEST_HQ,
      ),
    ).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
  });

  it("filters a guide's customers by tier", async () => {
    const guide = await cloud.makeGuide();
    const a = await cloud.makeMember(guide.openid, '银卡会员');
    const b = await cloud.makeMember(guide.openid, '普通会员');
    await awarded(cloud, guide.openid, a.openid, 20000);
    await runTierTimer();
    const silver = await cloud.ok('insight', 'myCustomers', { tier: 'silver' }, guide.openid);
    expect(silver.customers.map((c) => [c.name, c.tier?.name])).toEqual([['银卡会员', '银卡']]);
    const base = await cloud.ok('insight', 'myCustomers', { tier: 'base' }, guide.openid);
    expect(base.customers.map((c) => c.openid)).toEqual([b.openid]);
  });
});
