/**
 * The mall through the local cloud: catalog, redemption as one transaction, my coupons, in-store
 * verification, expiry, HQ's lists. Every test ends with the ledger audit.
 */
import { COUPON_CODE_ALPHABET } from '@core/contracts/mall';
import { dataOf, newOpenid, TEST_HQ, useLocalCloud } from '../support/local-cloud';
import { backdate } from './insight-helpers';
import {
  balanceOf,
  entriesOf,
  ledgerProblems,
  makeItem,
  makeMemberWithPoints,
  newRequestId,
  resetRules,
} from './mall-helpers';

const DAY = 24 * 3600 * 1000;
const CODE = new RegExp(`^[${COUPON_CODE_ALPHABET}]{12}$`);

describe('mall', () => {
  const cloud = useLocalCloud();

  beforeEach(() => resetRules(cloud));
  afterEach(() => {
    expect(ledgerProblems(cloud)).toEqual([]);
  });

  const redeem = (openid: string, itemId: string, requestId = newRequestId()) =>
    cloud.call('mall', 'redeem', { itemId, requestId }, openid);

  describe('catalog', () => {
    it('creates and edits items; the shelf shows active ones with what is left', async () => {
      const id = await makeItem(cloud, {
        title: '春季礼盒',
        kind: 'gift',
        amountFen: undefined,
        thresholdFen: undefined,
        stock: 3,
      });
      const hidden = await makeItem(cloud, { title: '内部券', active: false });
      const member = await cloud.makeMember();
      const { items } = dataOf(await cloud.call('mall', 'listItems', {}, member.openid));
      expect(items.find((i) => i.id === id)).toMatchObject({
        title: '春季礼盒',
        kind: 'gift',
        remaining: 3,
        state: 'on',
      });
      expect(items.find((i) => i.id === hidden)).toBeUndefined();
      expect(await cloud.call('mall', 'getItem', { id: hidden }, member.openid)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      const { items: all } = dataOf(await cloud.call('mall', 'catalog', {}, TEST_HQ));
      expect(all.find((i) => i.id === hidden)).toMatchObject({ state: 'off' });

      dataOf(
        await cloud.call(
          'mall',
          'saveItem',
          { id, title: '春季礼盒（限量）', kind: 'gift', pointsPrice: 500, stock: 10, validDays: 7 },
          TEST_HQ,
        ),
      );
      expect(dataOf(await cloud.call('mall', 'getItem', { id }, member.openid))).toEqual({
        item: expect.objectContaining({
          title: '春季礼盒（限量）',
          pointsPrice: 500,
          stock: 10,
          issued: 0,
          validDays: 7,
        }),
        claimed: 0,
      });
    });

    it('refuses a coupon without a face value, a threshold below it and a window that ends before it starts', async () => {
      const before = cloud.snapshot();
      const base = { action: 'saveItem', title: '券', kind: 'coupon', pointsPrice: 1, stock: 1 };
      for (const bad of [
        base,
        { ...base, amountFen: 2000, thresholdFen: 1000 },
        { ...base, amountFen: 2000, startsAt: 2000, endsAt: 1000 },
        { ...base, kind: 'gift', amountFen: 100 },
        { ...base, amountFen: 20.5 },
      ]) {
        expect(await cloud.callRaw('mall', bad, TEST_HQ)).toMatchObject({
          ok: false,
          error: { code: 'INVALID_ARGUMENT' },
        });
      }
      expect(await cloud.callRaw('mall', base, TEST_HQ)).toMatchObject({
        ok: false,
        error: { message: 'amountFen：优惠券需要填写面额' },
      });
      expect(cloud.snapshot()).toBe(before);
    });

    it('will not set stock below what was already given out', async () => {
      const itemId = await makeItem(cloud, { pointsPrice: 0, stock: 5 });
      const member = await cloud.makeMember();
      dataOf(await redeem(member.openid, itemId));
      dataOf(await redeem(member.openid, itemId));
      const reply = await cloud.call(
        'mall',
        'saveItem',
        { id: itemId, title: '券', kind: 'coupon', pointsPrice: 0, stock: 1, amountFen: 100 },
        TEST_HQ,
      );
      expect(reply).toMatchObject({
        ok: false,
        error: { code: 'FAILED_PRECONDITION', message: '库存不能少于已兑出的数量（已兑出 2）' },
      });
    });
  });

  describe('redeem', () => {
    it('takes the points, one stock and issues a coupon with an unguessable code, in one go', async () => {
      const itemId = await makeItem(cloud, { pointsPrice: 100, stock: 10 });
      const member = await makeMemberWithPoints(cloud, 250);
      const { couponId, code } = dataOf(await redeem(member, itemId));
      expect(couponId).toMatch(/^cpn_[A-Za-z0-9]{20}$/);
      expect(code).toMatch(CODE);
      expect(await balanceOf(cloud, member)).toBe(150);
      expect(dataOf(await cloud.call('mall', 'getItem', { id: itemId }, member))).toMatchObject({
        item: { issued: 1, remaining: 9 },
        claimed: 1,
      });
      const { coupons } = dataOf(await cloud.call('mall', 'myCoupons', {}, member));
      expect(coupons).toEqual([
        expect.objectContaining({
          id: couponId,
          code,
          status: 'unused',
          amountFen: 2000,
          thresholdFen: 10000,
          pointsPrice: 100,
        }),
      ]);
      const coupon = coupons[0];
      expect((coupon?.expiresAt ?? 0) - (coupon?.issuedAt ?? 0)).toBe(30 * DAY);
      expect(entriesOf(cloud, member).find((e) => e.kind === 'redeem')).toMatchObject({
        _id: `redeem:${couponId}`,
        amount: -100,
        note: '满100减20券',
      });
    });

    it('gives the same coupon back when a redemption is retried with the same requestId', async () => {
      const itemId = await makeItem(cloud, { pointsPrice: 100 });
      const member = await makeMemberWithPoints(cloud, 1000);
      const requestId = newRequestId();
      const first = dataOf(await redeem(member, itemId, requestId));
      const again = dataOf(await redeem(member, itemId, requestId));
      expect(again).toEqual(first);
      expect(await balanceOf(cloud, member)).toBe(900);
      expect(cloud.cloud.engine.findDocs('coupons', { owner: member })).toHaveLength(1);
      const otherItem = await makeItem(cloud);
      expect(await redeem(member, otherItem, requestId)).toMatchObject({
        ok: false,
        error: { code: 'ALREADY_EXISTS' },
      });
    });

    it('refuses without enough points, over the per-user limit, when sold out, taken down, early or late — changing nothing', async () => {
      const now = Date.now();
      const poor = await makeMemberWithPoints(cloud, 99);
      const rich = await makeMemberWithPoints(cloud, 10_000);
      const priced = await makeItem(cloud, { pointsPrice: 100 });
      const limited = await makeItem(cloud, { pointsPrice: 0, perUserLimit: 1 });
      const single = await makeItem(cloud, { pointsPrice: 0, stock: 1 });
      dataOf(await redeem(rich, limited));
      dataOf(await redeem(rich, single));
      const off = await makeItem(cloud, { active: false });
      const early = await makeItem(cloud, { startsAt: now + DAY });
      const late = await makeItem(cloud, { startsAt: now - 2 * DAY, endsAt: now - DAY });

      const before = cloud.snapshot();
      const cases: [string, string, string, string][] = [
        [poor, priced, 'FAILED_PRECONDITION', '积分不足：需要 100，当前 99'],
        [rich, limited, 'FAILED_PRECONDITION', '每人限兑 1 次，你已兑过'],
        [poor, single, 'FAILED_PRECONDITION', '已经兑完了，下次早点来'],
        [rich, off, 'FAILED_PRECONDITION', '该商品已下架'],
        [rich, early, 'FAILED_PRECONDITION', '兑换尚未开始'],
        [rich, late, 'FAILED_PRECONDITION', '兑换已结束'],
        [rich, 'itm_doesnotexist', 'NOT_FOUND', '商品不存在'],
      ];
      for (const [who, itemId, code, message] of cases) {
        expect(await redeem(who, itemId)).toEqual({ ok: false, error: expect.objectContaining({ code, message }) });
      }
      expect(cloud.snapshot()).toBe(before);
    });

    it('lets a member claim a free item without any points entry', async () => {
      const itemId = await makeItem(cloud, { pointsPrice: 0 });
      const member = await cloud.makeMember();
      dataOf(await redeem(member.openid, itemId));
      expect(entriesOf(cloud, member.openid)).toEqual([]);
    });
  });

  describe('verifyCoupon', () => {
    it('marks the coupon used by the guide in their store, and refuses a second verification clearly', async () => {
      const storeId = await cloud.makeStore('核销门店');
      const guide = await cloud.makeGuide(storeId, '林小满');
      const { openid: member } = await cloud.makeMember(guide.openid, '优优妈妈');
      const itemId = await makeItem(cloud, { pointsPrice: 0 });
      const { couponId, code } = dataOf(await redeem(member, itemId));

      const typed = `${code.slice(0, 4).toLowerCase()} ${code.slice(4, 8)}-${code.slice(8)}`;
      const used = dataOf(await cloud.call('mall', 'verifyCoupon', { code: typed }, guide.openid));
      expect(used).toMatchObject({
        couponId,
        status: 'used',
        title: '满100减20券',
        amountFen: 2000,
        ownerName: '优优妈妈',
      });
      const [doc] = cloud.cloud.engine.findDocs('coupons', { _id: couponId });
      expect(doc).toMatchObject({ status: 'used', usedBy: guide.openid, storeId, usedAt: used.usedAt });

      const before = cloud.snapshot();
      const second = await cloud.call('mall', 'verifyCoupon', { code }, guide.openid);
      expect(second).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
      expect(!second.ok && second.error.message).toMatch(/^该券已于 \d+月\d+日 \d\d:\d\d 核销，不能重复使用$/);
      expect(cloud.snapshot()).toBe(before);

      const mine = dataOf(await cloud.call('mall', 'myCoupons', { status: 'used' }, member)).coupons;
      expect(mine).toEqual([expect.objectContaining({ id: couponId, status: 'used', storeName: '核销门店' })]);
      const recent = dataOf(await cloud.call('mall', 'recentVerifications', {}, guide.openid)).verifications;
      expect(recent).toEqual([
        expect.objectContaining({ couponId, code: `****-****-${code.slice(-4)}`, ownerName: '优优妈妈' }),
      ]);
    });

    it('says a code does not exist, and rejects malformed codes before looking', async () => {
      const guide = await cloud.makeGuide();
      expect(await cloud.call('mall', 'verifyCoupon', { code: 'ABCDEFGHJKMN' }, guide.openid)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', message: '券码不存在，请核对后重试' },
      });
      for (const code of ['', 'ABC', 'ABCDEFGHJKM0', 'ABCDEFGHJKMNP']) {
        expect(await cloud.call('mall', 'verifyCoupon', { code }, guide.openid)).toMatchObject({
          ok: false,
          error: { code: 'INVALID_ARGUMENT' },
        });
      }
    });

    it('refuses an expired coupon, and the hourly timer marks it expired', async () => {
      const guide = await cloud.makeGuide();
      const { openid: member } = await cloud.makeMember();
      const code = 'EXPRD2345678';
      cloud.cloud.engine.insertDoc('coupons', {
        _id: 'cpn_expiredcoupon00001',
        code,
        owner: member,
        itemId: 'itm_gone000001',
        kind: 'coupon',
        title: '过期券',
        amountFen: 500,
        pointsPrice: 0,
        status: 'unused',
        requestId: 'req_expired_1',
        issuedAt: Date.now() - 40 * DAY,
        expiresAt: Date.now() - 10 * DAY,
      });
      expect(dataOf(await cloud.call('mall', 'myCoupons', { status: 'expired' }, member)).coupons).toHaveLength(1);
      const reply = await cloud.call('mall', 'verifyCoupon', { code }, guide.openid);
      expect(reply).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
      expect(!reply.ok && reply.error.message).toMatch(/过期$/);
      expect(await cloud.cloud.timers.fire('mall', 'expireCoupons')).toMatchObject({ ok: true });
      expect(cloud.cloud.engine.findDocs('coupons', { code })).toEqual([
        expect.objectContaining({ status: 'expired' }),
      ]);
    });
  });

  describe('HQ lists', () => {
    it('pages redemptions issued in one millisecond without skipping any', async () => {
      const { openid: member } = await cloud.makeMember();
      const itemId = await makeItem(cloud, { pointsPrice: 0, title: '同一时刻券', perUserLimit: 10 });
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push(dataOf(await redeem(member, itemId)).couponId);
      for (const id of ids) backdate(cloud, 'coupons', id, { issuedAt: 1_700_000_000_000 });
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10; page++) {
        const got = dataOf(
          await cloud.call('mall', 'listRedemptions', { itemId, limit: 2, ...(cursor ? { cursor } : {}) }, TEST_HQ),
        );
        seen.push(...got.redemptions.map((r) => r.id));
        if (!got.nextCursor) break;
        cursor = got.nextCursor;
      }
      expect(seen.sort()).toEqual([...ids].sort());
    });

    it('shows every redemption with owner, verifier and store, filtered by status and item', async () => {
      const storeId = await cloud.makeStore('总部视图店');
      const guide = await cloud.makeGuide(storeId, '周一禾');
      const { openid: member } = await cloud.makeMember(guide.openid, '小鹿');
      const itemId = await makeItem(cloud, { pointsPrice: 0, title: '总部看板券' });
      const a = dataOf(await redeem(member, itemId));
      const b = dataOf(await redeem(member, itemId));
      dataOf(await cloud.call('mall', 'verifyCoupon', { code: a.code }, guide.openid));

      const all = dataOf(await cloud.call('mall', 'listRedemptions', { itemId }, TEST_HQ));
      expect(all.totals).toEqual({ issued: 2, used: 1 });
      expect(all.redemptions.map((r) => r.id).sort()).toEqual([a.couponId, b.couponId].sort());
      const used = dataOf(await cloud.call('mall', 'listRedemptions', { itemId, status: 'used' }, TEST_HQ)).redemptions;
      expect(used).toEqual([
        expect.objectContaining({
          id: a.couponId,
          ownerName: '小鹿',
          usedByName: '周一禾',
          storeName: '总部视图店',
          code: `****-****-${a.code.slice(-4)}`,
        }),
      ]);
      const unused = dataOf(
        await cloud.call('mall', 'listRedemptions', { itemId, status: 'unused' }, TEST_HQ),
      ).redemptions;
      expect(unused.map((r) => r.id)).toEqual([b.couponId]);
      expect(
        dataOf(await cloud.call('mall', 'listRedemptions', { itemId, status: 'expired' }, TEST_HQ)).redemptions,
      ).toEqual([]);
    });
  });

  it('HQ, guides and visitors cannot redeem; customers and HQ cannot verify', async () => {
    const itemId = await makeItem(cloud, { pointsPrice: 0 });
    const guide = await cloud.makeGuide();
    for (const who of [TEST_HQ, guide.openid, newOpenid('o_visitor')]) {
      expect(await redeem(who, itemId)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    }
    const { openid: member } = await cloud.makeMember();
    const { code } = dataOf(await redeem(member, itemId));
    for (const who of [TEST_HQ, member]) {
      expect(await cloud.call('mall', 'verifyCoupon', { code }, who)).toMatchObject({
        ok: false,
        error: { code: 'PERMISSION_DENIED' },
      });
    }
  });
});
