/**
 * Every points and mall action: who may call it (the matrix is written out here as the spec, not
 * read from the contracts), and bad inputs — operator objects in any field, unknown fields, wrong
 * types — refused as INVALID_ARGUMENT with the database unchanged.
 */
import { CONTRACTS } from '@core/contracts';
import { dataOf, newOpenid, TEST_HQ, useLocalCloud } from '../support/local-cloud';
import { grant, ledgerProblems, makeItem, newRequestId } from './mall-helpers';

type Who = 'hq' | 'guide' | 'customer' | 'visitor';
const EVERYONE: Who[] = ['hq', 'guide', 'customer', 'visitor'];

interface Case {
  fn: 'points' | 'mall';
  action: string;
  allowed: Who[];
  input: () => Record<string, unknown>;
}

describe('points and mall: roles and inputs', () => {
  const cloud = useLocalCloud();
  const ids: Record<Who, string> = { hq: TEST_HQ, guide: '', customer: '', visitor: '' };
  let itemId = '';
  let code = '';
  let entryId = '';
  let memberCode = '';
  let awardId = '';
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    ids.guide = (await cloud.makeGuide()).openid;
    ids.customer = (await cloud.makeMember()).openid;
    ids.visitor = newOpenid('o_visitor');
    await grant(cloud, ids.customer, 1000);
    entryId = dataOf(
      await cloud.call('points', 'adjust', { openid: ids.customer, delta: 1, reason: '矩阵' }, TEST_HQ),
    ).entryId;
    itemId = await makeItem(cloud, { pointsPrice: 1, stock: 1000, perUserLimit: 100 });
    code = dataOf(await cloud.call('mall', 'redeem', { itemId, requestId: newRequestId() }, ids.customer)).code;
    dataOf(await cloud.call('points', 'setRules', { purchasePerYuan: 1 }, TEST_HQ));
    const award = async () =>
      dataOf(
        await cloud.call(
          'points',
          'awardPurchase',
          {
            memberCode: dataOf(await cloud.call('account', 'memberCode', {}, ids.customer)).code,
            amountFen: 500,
            requestId: newRequestId(),
          },
          ids.guide,
        ),
      ).awardId;
    awardId = await award();
    memberCode = dataOf(await cloud.call('account', 'memberCode', {}, ids.customer)).code;
  }, 60_000);

  afterEach(() => {
    expect(ledgerProblems(cloud)).toEqual([]);
  });

  const cases: Case[] = [
    { fn: 'points', action: 'balance', allowed: ['customer'], input: () => ({}) },
    { fn: 'points', action: 'history', allowed: ['customer'], input: () => ({ limit: 5 }) },
    { fn: 'points', action: 'rules', allowed: EVERYONE, input: () => ({}) },
    { fn: 'points', action: 'setRules', allowed: ['hq'], input: () => ({ memberWelcome: 0 }) },
    {
      fn: 'points',
      action: 'adjust',
      allowed: ['hq'],
      input: () => ({ openid: ids.customer, delta: 1, reason: '矩阵测试' }),
    },
    {
      fn: 'points',
      action: 'reverse',
      allowed: ['hq'],
      input: () => ({ entryId, reason: '矩阵' }),
    },
    { fn: 'points', action: 'journal', allowed: ['hq'], input: () => ({ limit: 5 }) },
    {
      fn: 'points',
      action: 'awardPurchase',
      allowed: ['guide'],
      input: () => ({ memberCode, amountFen: 100, requestId: newRequestId() }),
    },
    { fn: 'points', action: 'myAwards', allowed: ['guide'], input: () => ({}) },
    { fn: 'points', action: 'awardsByGuide', allowed: ['hq'], input: () => ({ from: today, to: today }) },
    { fn: 'points', action: 'listAwards', allowed: ['hq'], input: () => ({ limit: 5 }) },
    { fn: 'points', action: 'reverseAward', allowed: ['hq'], input: () => ({ awardId, reason: '矩阵冲正' }) },
    { fn: 'points', action: 'tiers', allowed: EVERYONE, input: () => ({}) },
    {
      fn: 'points',
      action: 'setTiers',
      allowed: ['hq'],
      input: () => ({ basis: 'points', tiers: [{ id: 'silver', name: '银卡', min: 100 }] }),
    },
    { fn: 'points', action: 'myTier', allowed: ['customer'], input: () => ({}) },
    { fn: 'mall', action: 'listItems', allowed: EVERYONE, input: () => ({}) },
    { fn: 'mall', action: 'getItem', allowed: EVERYONE, input: () => ({ id: itemId }) },
    { fn: 'mall', action: 'catalog', allowed: ['hq'], input: () => ({}) },
    {
      fn: 'mall',
      action: 'saveItem',
      allowed: ['hq'],
      input: () => ({ title: '矩阵礼品', kind: 'gift', pointsPrice: 1, stock: 1 }),
    },
    { fn: 'mall', action: 'redeem', allowed: ['customer'], input: () => ({ itemId, requestId: newRequestId() }) },
    { fn: 'mall', action: 'myCoupons', allowed: ['customer'], input: () => ({}) },
    { fn: 'mall', action: 'verifyCoupon', allowed: ['guide'], input: () => ({ code }) },
    { fn: 'mall', action: 'recentVerifications', allowed: ['guide'], input: () => ({}) },
    { fn: 'mall', action: 'listRedemptions', allowed: ['hq'], input: () => ({ limit: 5 }) },
  ];

  it('covers every points and mall action of the contracts', () => {
    for (const fn of ['points', 'mall'] as const) {
      expect(
        cases
          .filter((c) => c.fn === fn)
          .map((c) => c.action)
          .sort(),
      ).toEqual(Object.keys(CONTRACTS[fn].actions).sort());
    }
  });

  describe.each(cases)('$fn.$action', ({ fn, action, allowed, input }) => {
    it(`lets ${allowed.join(', ')} in and keeps everyone else out`, async () => {
      for (const who of EVERYONE) {
        const reply = await cloud.callRaw(fn, { action, ...input() }, ids[who]);
        if (allowed.includes(who)) {
          expect(!reply.ok && ['PERMISSION_DENIED', 'UNAUTHENTICATED'].includes(reply.error.code)).toBe(false);
        } else {
          expect(reply).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
        }
      }
      expect(await cloud.callRaw(fn, { action, ...input() })).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      });
    });

    it('refuses operator objects in any field, unknown fields and wrong types, changing nothing', async () => {
      const caller = ids[allowed[0] as Who];
      const valid = input();
      const before = cloud.snapshot();
      const bad: Record<string, unknown>[] = [
        ...Object.keys(valid).flatMap((k) => [
          { ...valid, [k]: { $ne: '' } },
          { ...valid, [k]: [{ $gt: 0 }] },
          { ...valid, [k]: true },
        ]),
        { ...valid, $where: 'return true' },
        { ...valid, owner: { $ne: null } },
        { ...valid, openid: { $exists: true }, extra: 1 },
      ];
      for (const event of bad) {
        const reply = await cloud.callRaw(fn, { action, ...event }, caller);
        expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      }
      expect(cloud.snapshot()).toBe(before);
    });
  });
});
