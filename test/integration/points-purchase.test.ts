/**
 * Points for purchases in store through the local cloud: the member code, the award by HQ's rule,
 * idempotency, daily caps under concurrency, reversal, linking a member to a store, the referrer's
 * first-purchase reward, and HQ's views. Every test ends with the ledger audit.
 */
import { MEMBER_CODE_TTL_MS } from '@core/contracts/points';
import { dataOf, newOpenid, TEST_HQ, useLocalCloud } from '../support/local-cloud';
import { atOnce, balanceOf, entriesOf, ledgerProblems, makeItem, resetRules } from './mall-helpers';
import { award, awarded, codeOf, newRequestId, purchaseRules } from './points-purchase-helpers';

describe('points for purchases in store', () => {
  const cloud = useLocalCloud();
  const docs = (collection: string, query?: Record<string, unknown>) => cloud.cloud.engine.findDocs(collection, query);

  beforeEach(() => resetRules(cloud));
  afterEach(() => {
    expect(ledgerProblems(cloud)).toEqual([]);
  });

  describe('the member code', () => {
    it('gives a member a fresh 12-digit code valid for 60 seconds, and nobody else one', async () => {
      const { openid } = await cloud.makeMember();
      const before = Date.now();
      const first = await cloud.ok('account', 'memberCode', {}, openid);
      const second = await cloud.ok('account', 'memberCode', {}, openid);
      expect(first.code).toMatch(/^\d{12}$/);
      expect(second.code).not.toBe(first.code);
      expect(first.expiresAt).toBeGreaterThanOrEqual(before + MEMBER_CODE_TTL_MS);
      expect(first.expiresAt).toBeLessThanOrEqual(Date.now() + MEMBER_CODE_TTL_MS);
      const guide = await cloud.makeGuide();
      expect(await cloud.call('account', 'memberCode', {}, guide.openid)).toMatchObject({
        ok: false,
        error: { code: 'PERMISSION_DENIED' },
      });
    });

    it('refuses a code past its window, a used code and a code nobody was given, writing nothing', async () => {
      await purchaseRules(cloud);
      const guide = await cloud.makeGuide();
      const { openid } = await cloud.makeMember();
      const stale = '109876543210';
      cloud.cloud.engine.insertDoc('member_codes', {
        _id: stale,
        openid,
        createdAt: Date.now() - MEMBER_CODE_TTL_MS - 1000,
        expiresAt: Date.now() - 1000,
      });
      let before = cloud.snapshot();
      const expired = await cloud.call(
        'points',
        'awardPurchase',
        { memberCode: stale, amountFen: 12800, requestId: newRequestId() },
        guide.openid,
      );
      expect(expired).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: /已过期/ } });
      const unknown = await cloud.call(
        'points',
        'awardPurchase',
        { memberCode: '0000 0000 0001', amountFen: 12800, requestId: newRequestId() },
        guide.openid,
      );
      expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: /会员码无效/ } });
      expect(cloud.snapshot()).toBe(before);

      const memberCode = await codeOf(cloud, openid);
      const first = { memberCode, amountFen: 5000, requestId: newRequestId() };
      expect(await cloud.call('points', 'awardPurchase', first, guide.openid)).toMatchObject({ ok: true });
      before = cloud.snapshot();
      const again = await cloud.call(
        'points',
        'awardPurchase',
        { memberCode, amountFen: 5000, requestId: newRequestId() },
        guide.openid,
      );
      expect(again).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: /已使用/ } });
      expect(cloud.snapshot()).toBe(before);
      expect(await balanceOf(cloud, openid)).toBe(50);
    });
  });

  describe('awarding', () => {
    it('gives points per yuan for ¥128, shows them on both sides and keeps the agreed award shape', async () => {
      await purchaseRules(cloud, { purchasePerYuan: 1 });
      const guide = await cloud.makeGuide(undefined, '导购小周');
      const member = await cloud.makeMember(guide.openid, '会员小唐');
      const out = await awarded(cloud, guide.openid, member.openid, 12850);
      expect(out).toMatchObject({ points: 128, balance: 128, memberName: '会员小唐' });
      const { entries } = await cloud.ok('points', 'history', {}, member.openid);
      expect(entries[0]).toMatchObject({ kind: 'purchase', amount: 128, note: '门店消费 ¥128.50' });
      const mine = await cloud.ok('points', 'myAwards', {}, guide.openid);
      expect(mine.awards).toEqual([
        expect.objectContaining({
          id: out.awardId,
          memberName: '会员小唐',
          amountFen: 12850,
          points: 128,
          reversed: false,
        }),
      ]);
      expect(mine.totals).toEqual({ count: 1, points: 128, amountFen: 12850 });
      const [doc] = docs('purchase_awards', { _id: out.awardId });
      expect(doc).toMatchObject({
        memberOpenid: member.openid,
        guideOpenid: guide.openid,
        storeId: guide.storeId,
        amountFen: 12850,
        points: 128,
      });
      expect(doc?.createdAt).toBeInstanceOf(Date);
      expect(Object.keys(doc ?? {}).sort()).toEqual(
        ['_id', 'amountFen', 'createdAt', 'guideOpenid', 'memberOpenid', 'points', 'requestId', 'storeId'].sort(),
      );
    });

    it('applies HQ switching purchase points off, the minimum amount, and refuses an amount worth no point', async () => {
      const guide = await cloud.makeGuide();
      const { openid } = await cloud.makeMember();
      expect(await award(cloud, guide.openid, openid, 12800)).toMatchObject({
        ok: false,
        error: { code: 'FAILED_PRECONDITION', message: '总部尚未开启消费积分' },
      });
      await purchaseRules(cloud, { purchasePerYuan: 2, purchaseMinFen: 5000 });
      expect(await award(cloud, guide.openid, openid, 4999)).toMatchObject({
        ok: false,
        error: { code: 'FAILED_PRECONDITION', message: '消费满 ¥50.00 才可获得积分' },
      });
      await purchaseRules(cloud, { purchasePerYuan: 1 });
      expect(await award(cloud, guide.openid, openid, 99)).toMatchObject({
        ok: false,
        error: { code: 'FAILED_PRECONDITION', message: /不足以获得 1 积分/ },
      });
      expect(entriesOf(cloud, openid)).toEqual([]);
    });

    it('answers 20 simultaneous awards with one requestId with one award', async () => {
      await purchaseRules(cloud);
      const guide = await cloud.makeGuide();
      const { openid } = await cloud.makeMember();
      const memberCode = await codeOf(cloud, openid);
      const requestId = newRequestId();
      const replies = await atOnce(20, () =>
        cloud.call('points', 'awardPurchase', { memberCode, amountFen: 12800, requestId }, guide.openid),
      );
      const data = replies.map(dataOf);
      expect(new Set(data.map((d) => d.awardId)).size).toBe(1);
      expect(data.every((d) => d.points === 128)).toBe(true);
      expect(docs('purchase_awards', { memberOpenid: openid })).toHaveLength(1);
      expect(entriesOf(cloud, openid)).toHaveLength(1);
      expect(await balanceOf(cloud, openid)).toBe(128);
      // The same request id for another amount is a client bug, said so.
      expect(
        await cloud.call('points', 'awardPurchase', { memberCode, amountFen: 100, requestId }, guide.openid),
      ).toMatchObject({ ok: false, error: { code: 'ALREADY_EXISTS' } });
    }, 60_000);

    it("refuses concurrent awards past a guide's daily cap exactly at the cap, naming what is left", async () => {
      await purchaseRules(cloud, { purchaseGuideDailyCap: 1000 });
      const guide = await cloud.makeGuide();
      const members = await atOnce(15, async () => (await cloud.makeMember()).openid);
      const codes = await Promise.all(members.map((m) => codeOf(cloud, m)));
      const replies = await atOnce(15, (i) =>
        cloud.call(
          'points',
          'awardPurchase',
          { memberCode: codes[i] ?? '', amountFen: 10000, requestId: newRequestId() },
          guide.openid,
        ),
      );
      const ok = replies.filter((r) => r.ok);
      const refused = replies.filter((r) => !r.ok);
      expect(ok).toHaveLength(10);
      expect(refused).toHaveLength(5);
      for (const r of refused) {
        expect(r).toMatchObject({
          ok: false,
          error: { code: 'FAILED_PRECONDITION', message: /今日还可发放 0 分/ },
        });
      }
      expect((await cloud.ok('points', 'myAwards', {}, guide.openid)).totals.points).toBe(1000);
    }, 90_000);

    it("cuts nobody short: a member's daily cap refuses the award that would pass it, naming what remains", async () => {
      await purchaseRules(cloud, { purchaseMemberDailyCap: 300 });
      const guide = await cloud.makeGuide();
      const other = await cloud.makeGuide();
      const { openid } = await cloud.makeMember();
      await awarded(cloud, guide.openid, openid, 20000);
      const memberCode = await codeOf(cloud, openid);
      const before = cloud.snapshot();
      expect(
        await cloud.call(
          'points',
          'awardPurchase',
          { memberCode, amountFen: 20000, requestId: newRequestId() },
          other.openid,
        ),
      ).toMatchObject({
        ok: false,
        error: { code: 'FAILED_PRECONDITION', message: /今日还可获得 100 分/ },
      });
      expect(cloud.snapshot()).toBe(before);
      expect(await awarded(cloud, other.openid, openid, 10000)).toMatchObject({ points: 100, balance: 300 });
    });

    it('links a member without a store to the guide who first awards them, and only then', async () => {
      await purchaseRules(cloud);
      // A member who joined where no guide could be found: no store, no guide.
      const openid = newOpenid('o_cust');
      cloud.cloud.engine.insertDoc('users', { _id: openid, role: 'customer', name: '散客', createdAt: Date.now() });
      const first = await cloud.makeGuide();
      const second = await cloud.makeGuide();
      await awarded(cloud, first.openid, openid, 1000);
      expect(docs('users', { _id: openid })[0]).toMatchObject({ storeId: first.storeId, guideOpenid: first.openid });
      await awarded(cloud, second.openid, openid, 1000);
      expect(docs('users', { _id: openid })[0]).toMatchObject({ storeId: first.storeId, guideOpenid: first.openid });
      const who = await cloud.ok('account', 'whoami', {}, openid);
      expect(who.storeId).toBe(first.storeId);
    });

    it("rewards the referrer once, on the friend's first purchase, only when HQ set a reward", async () => {
      await purchaseRules(cloud, { referralFirstPurchase: 0 });
      const guide = await cloud.makeGuide();
      const referrer = await cloud.makeMember();
      const early = await cloud.makeMember(referrer.openid, '小早');
      await awarded(cloud, guide.openid, early.openid, 1000);
      await purchaseRules(cloud, { referralFirstPurchase: 50 });
      // The reward was off at this friend's first purchase; a later purchase does not pay it.
      await awarded(cloud, guide.openid, early.openid, 1000);
      expect(await balanceOf(cloud, referrer.openid)).toBe(0);
      const friend = await cloud.makeMember(referrer.openid, '小橙');
      await awarded(cloud, guide.openid, friend.openid, 1000);
      await awarded(cloud, guide.openid, friend.openid, 1000);
      expect(await balanceOf(cloud, referrer.openid)).toBe(50);
      const { entries } = await cloud.ok('points', 'history', {}, referrer.openid);
      expect(entries.map((e) => [e.kind, e.amount, e.note])).toEqual([['referralFirstPurchase', 50, '小橙']]);
    });
  });

  describe('reversal by HQ', () => {
    it('takes the points back once, however often it is asked, and gives the cap room back', async () => {
      await purchaseRules(cloud, { purchaseGuideDailyCap: 200 });
      const guide = await cloud.makeGuide();
      const { openid } = await cloud.makeMember();
      const { awardId } = await awarded(cloud, guide.openid, openid, 12800);
      const input = { awardId, reason: '顾客退货' };
      const [a, b] = await atOnce(2, () => cloud.call('points', 'reverseAward', input, TEST_HQ));
      const third = await cloud.call('points', 'reverseAward', input, TEST_HQ);
      for (const r of [a, b, third]) expect(r).toMatchObject({ ok: true, data: { awardId, balance: 0 } });
      expect(new Set([a, b, third].map((r) => r && dataOf(r).reversedAt)).size).toBe(1);
      expect(entriesOf(cloud, openid).map((e) => e.kind)).toEqual(expect.arrayContaining(['purchase', 'reverse']));
      expect(entriesOf(cloud, openid)).toHaveLength(2);
      const [doc] = docs('purchase_awards', { _id: awardId });
      expect(doc?.reversedAt).toBeInstanceOf(Date);
      expect(doc?.reversedBy).toBe(TEST_HQ);
      const mine = await cloud.ok('points', 'myAwards', {}, guide.openid);
      expect(mine.awards[0]?.reversed).toBe(true);
      expect(mine.totals.points).toBe(0);
      // The reversed 128 no longer counts against the guide's 200 a day.
      expect(await awarded(cloud, guide.openid, openid, 15000)).toMatchObject({ points: 150 });
    });

    it('refuses to reverse points the member has already spent, and a purchase through the generic reversal', async () => {
      await purchaseRules(cloud);
      const guide = await cloud.makeGuide();
      const { openid } = await cloud.makeMember();
      const { awardId } = await awarded(cloud, guide.openid, openid, 12800);
      const itemId = await makeItem(cloud, { pointsPrice: 100 });
      await cloud.ok('mall', 'redeem', { itemId, requestId: newRequestId() }, openid);
      const before = cloud.snapshot();
      expect(await cloud.call('points', 'reverseAward', { awardId, reason: '顾客退货' }, TEST_HQ)).toMatchObject({
        ok: false,
        error: { code: 'FAILED_PRECONDITION', message: /积分不足以冲正/ },
      });
      expect(
        await cloud.call('points', 'reverse', { entryId: `purchase:${awardId}`, reason: '顾客退货' }, TEST_HQ),
      ).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
      expect(
        await cloud.call('points', 'reverseAward', { awardId: 'pur_nosuchaward0', reason: '无此记录' }, TEST_HQ),
      ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(cloud.snapshot()).toBe(before);
    });
  });

  describe("HQ's views", () => {
    it('flags a guide far above the median of their store, lists awards newest first and pages them', async () => {
      await purchaseRules(cloud);
      const storeId = await cloud.makeStore();
      const [busy, quiet, idle] = await atOnce(3, (i) => cloud.makeGuide(storeId, ['导购甲', '导购乙', '导购丙'][i]));
      const { openid } = await cloud.makeMember();
      for (let i = 0; i < 4; i++) await awarded(cloud, busy?.openid ?? '', openid, 20000);
      await awarded(cloud, quiet?.openid ?? '', openid, 5000);
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const { guides, rule } = await cloud.ok('points', 'awardsByGuide', { from: today, to: today }, TEST_HQ);
      const row = (id: string | undefined) => guides.find((g) => g.guideOpenid === id);
      expect(row(busy?.openid)).toMatchObject({
        awards: 4,
        points: 800,
        amountFen: 80000,
        storeMedian: 50,
        outlier: true,
      });
      expect(row(quiet?.openid)).toMatchObject({ points: 50, outlier: false });
      expect(row(idle?.openid)).toMatchObject({ awards: 0, points: 0, outlier: false });
      expect(rule).toMatch(/中位数/);
      const first = await cloud.ok('points', 'listAwards', { guideOpenid: busy?.openid, limit: 3 }, TEST_HQ);
      expect(first.awards).toHaveLength(3);
      expect(first.hasMore).toBe(true);
      const rest = await cloud.ok(
        'points',
        'listAwards',
        { guideOpenid: busy?.openid, limit: 3, cursor: first.nextCursor },
        TEST_HQ,
      );
      expect(rest.awards).toHaveLength(1);
      const ids = [...first.awards, ...rest.awards].map((a) => a.id);
      expect(new Set(ids).size).toBe(4);
      expect(first.awards[0]).toMatchObject({ guideName: '导购甲', points: 200 });
    });
  });
});

describe('purchase inputs', () => {
  const cloud = useLocalCloud();

  it('refuses bad amounts, codes and request ids as INVALID_ARGUMENT, writing nothing', async () => {
    const guide = await cloud.makeGuide();
    const valid = { memberCode: '123456789012', amountFen: 12800, requestId: 'req_inputs_01' };
    const bad: [string, Record<string, unknown>][] = [
      ['amount 0', { amountFen: 0 }],
      ['negative amount', { amountFen: -100 }],
      ['fractional fen', { amountFen: 128.5 }],
      ['amount over the single-purchase limit', { amountFen: 10_000_001 }],
      ['amount as text', { amountFen: '12800' }],
      ['code with letters', { memberCode: '12345678901A' }],
      ['code too short', { memberCode: '12345678901' }],
      ['code too long', { memberCode: '1234567890123' }],
      ['huge code', { memberCode: '1'.repeat(5000) }],
      ['request id too short', { requestId: 'short' }],
      ['request id with spaces', { requestId: 'req with spaces' }],
      ['operator in the code', { memberCode: { $ne: '' } }],
      ['unknown field', { openid: 'o_someone_else' }],
    ];
    const before = cloud.snapshot();
    for (const [label, spoil] of bad) {
      const reply = await cloud.callRaw('points', { action: 'awardPurchase', ...valid, ...spoil }, guide.openid);
      expect([label, reply]).toEqual([
        label,
        expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'INVALID_ARGUMENT' }) }),
      ]);
    }
    expect(cloud.snapshot()).toBe(before);
  });

  it('reads a typed code with spaces or dashes as its digits', async () => {
    const guide = await cloud.makeGuide();
    await cloud.ok('points', 'setRules', { purchasePerYuan: 1 }, TEST_HQ);
    const { openid } = await cloud.makeMember();
    const code = (await cloud.ok('account', 'memberCode', {}, openid)).code;
    const typed = `${code.slice(0, 4)} ${code.slice(4, 8)}-${code.slice(8)}`;
    expect(
      await cloud.ok(
        'points',
        'awardPurchase',
        { memberCode: typed, amountFen: 1000, requestId: 'req_typed_001' },
        guide.openid,
      ),
    ).toMatchObject({ points: 10, balance: 10 });
  });
});
