/**
 * The points journal through the local cloud: rules, rewards for a friend's deep actions (and
 * nothing else), caps, expiry, HQ adjustments and reversals. Every test ends with the ledger audit.
 */
import { CONSENT, dataOf, newOpenid, TEST_HQ, useLocalCloud } from '../support/local-cloud';
import {
  atOnce,
  balanceOf,
  entriesOf,
  grant,
  ledgerProblems,
  makeItem,
  newRequestId,
  resetRules,
  setRules,
} from './mall-helpers';
import { backdate } from './insight-helpers';

const DAY = 24 * 3600 * 1000;

describe('points', () => {
  const cloud = useLocalCloud();

  beforeEach(() => resetRules(cloud));
  afterEach(() => {
    expect(ledgerProblems(cloud)).toEqual([]);
  });

  describe('rules', () => {
    it('shows everyone the full rules, and only HQ changes them (partially, versioned)', async () => {
      const before = dataOf(await cloud.call('points', 'rules', {}, newOpenid('o_visitor')));
      const after = dataOf(await cloud.call('points', 'setRules', { referralJoined: 100, dailyCap: 300 }, TEST_HQ));
      expect(after).toMatchObject({
        referralJoined: 100,
        dailyCap: 300,
        memberWelcome: 0,
        version: before.version + 1,
      });
      const member = await cloud.makeMember();
      expect(dataOf(await cloud.call('points', 'rules', {}, member.openid))).toEqual(after);
      expect(await cloud.call('points', 'setRules', { memberWelcome: 5 }, member.openid)).toMatchObject({
        ok: false,
        error: { code: 'PERMISSION_DENIED' },
      });
    });

    it('refuses a cap of 0, negative or fractional rewards', async () => {
      const before = cloud.snapshot();
      for (const bad of [{ dailyCap: 0 }, { memberWelcome: -1 }, { referralJoined: 1.5 }, { expiryDays: 99999 }]) {
        expect(await cloud.callRaw('points', { action: 'setRules', ...bad }, TEST_HQ)).toMatchObject({
          ok: false,
          error: { code: 'INVALID_ARGUMENT' },
        });
      }
      expect(cloud.snapshot()).toBe(before);
    });
  });

  describe('rewards for deep actions only', () => {
    it('gives the welcome bonus to a new member and referralJoined to the member who brought them', async () => {
      await setRules(cloud, { memberWelcome: 20, referralJoined: 100 });
      const referrer = await cloud.makeMember();
      expect(await balanceOf(cloud, referrer.openid)).toBe(20);
      const friend = await cloud.makeMember(referrer.openid, '小橙');
      expect(await balanceOf(cloud, friend.openid)).toBe(20);
      expect(await balanceOf(cloud, referrer.openid)).toBe(120);
      const { entries } = dataOf(await cloud.call('points', 'history', {}, referrer.openid));
      expect(entries.map((e) => [e.kind, e.amount, e.note])).toEqual([
        ['referralJoined', 100, '小橙'],
        ['welcome', 20, '新会员欢迎积分'],
      ]);
    });

    it('gives a guide who refers a customer no points (referral points are for members)', async () => {
      await setRules(cloud, { referralJoined: 100 });
      const guide = await cloud.makeGuide();
      await cloud.makeMember(guide.openid);
      expect(entriesOf(cloud, guide.openid)).toEqual([]);
    });

    it('pays one referral reward when the same registration is repeated and raced', async () => {
      await setRules(cloud, { memberWelcome: 10, referralJoined: 100 });
      const referrer = await cloud.makeMember();
      const visitor = newOpenid('o_racer');
      const shareToken = await cloud.openInvitation(referrer.openid, visitor);
      const joining = { name: '并发小鹿', shareToken, consent: CONSENT };
      const replies = await atOnce(12, () => cloud.call('account', 'registerMember', joining, visitor));
      expect(replies.filter((r) => r.ok)).toHaveLength(1);
      const again = await cloud.call('account', 'registerMember', joining, visitor);
      // A member is no longer a visitor, so a repeat is refused before it reaches registration.
      expect(again).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
      expect(entriesOf(cloud, referrer.openid).filter((e) => e.kind === 'referralJoined')).toHaveLength(1);
      expect(entriesOf(cloud, visitor).filter((e) => e.kind === 'welcome')).toHaveLength(1);
      expect(await balanceOf(cloud, referrer.openid)).toBe(110);
    }, 30_000);

    it('pays referralFirstRedeem once, on the friend’s first redemption only', async () => {
      await setRules(cloud, { referralFirstRedeem: 50 });
      const referrer = await cloud.makeMember();
      const friend = await cloud.makeMember(referrer.openid, '阿宝');
      const free = await makeItem(cloud, { pointsPrice: 0, perUserLimit: 3 });
      dataOf(await cloud.call('mall', 'redeem', { itemId: free, requestId: newRequestId() }, friend.openid));
      dataOf(await cloud.call('mall', 'redeem', { itemId: free, requestId: newRequestId() }, friend.openid));
      expect(entriesOf(cloud, referrer.openid).map((e) => [e.kind, e.amount, e.note])).toEqual([
        ['referralFirstRedeem', 50, '阿宝'],
      ]);
    });

    it('has no way to reward a share or an open: no such rule, no such action', async () => {
      const bad = await cloud.callRaw('points', { action: 'setRules', shareReward: 10 }, TEST_HQ);
      expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      const member = await cloud.makeMember();
      expect(await cloud.callRaw('points', { action: 'rewardShare' }, member.openid)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGUMENT' },
      });
    });
  });

  describe('caps', () => {
    it('cuts referral rewards to the daily cap and journals a capped 0 once it is reached', async () => {
      await setRules(cloud, { referralJoined: 100, dailyCap: 150 });
      const referrer = await cloud.makeMember();
      for (let i = 0; i < 3; i++) await cloud.makeMember(referrer.openid);
      const rewards = entriesOf(cloud, referrer.openid)
        .sort((a, b) => Number(a.seq) - Number(b.seq))
        .map((e) => [e.amount, e.capped ?? false]);
      expect(rewards).toEqual([
        [100, false],
        [50, true],
        [0, true],
      ]);
      expect(await balanceOf(cloud, referrer.openid)).toBe(150);
    });

    it('applies the monthly cap too, and never caps HQ adjustments', async () => {
      await setRules(cloud, { referralJoined: 100, monthlyCap: 120 });
      const referrer = await cloud.makeMember();
      await cloud.makeMember(referrer.openid);
      await cloud.makeMember(referrer.openid);
      expect(await balanceOf(cloud, referrer.openid)).toBe(120);
      expect(await grant(cloud, referrer.openid, 1000)).toBe(1120);
    });
  });

  describe('adjust and reverse', () => {
    it('adjusts with a reason, audited with the operator, and a retried request applies once', async () => {
      const member = await cloud.makeMember();
      const requestId = newRequestId();
      const input = { openid: member.openid, delta: 300, reason: '门店活动补发', requestId };
      const first = dataOf(await cloud.call('points', 'adjust', input, TEST_HQ));
      const retry = dataOf(await cloud.call('points', 'adjust', input, TEST_HQ));
      expect(retry).toEqual(first);
      expect(first.balance).toBe(300);
      const { entries, account } = dataOf(await cloud.call('points', 'journal', { openid: member.openid }, TEST_HQ));
      expect(account).toMatchObject({ openid: member.openid, balance: 300 });
      expect(entries).toEqual([
        expect.objectContaining({ kind: 'adjust', amount: 300, by: TEST_HQ, reason: '门店活动补发' }),
      ]);
      const other = await cloud.call('points', 'adjust', { ...input, delta: 5 }, TEST_HQ);
      expect(other).toMatchObject({ ok: false, error: { code: 'ALREADY_EXISTS' } });
    });

    it('refuses a debit below zero and leaves the database unchanged', async () => {
      const member = await cloud.makeMember();
      await grant(cloud, member.openid, 50);
      const before = cloud.snapshot();
      const reply = await cloud.call(
        'points',
        'adjust',
        { openid: member.openid, delta: -51, reason: '扣回' },
        TEST_HQ,
      );
      expect(reply).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'FAILED_PRECONDITION', message: '积分不足：需要 51，当前 50' }),
      });
      expect(cloud.snapshot()).toBe(before);
    });

    it('refuses to adjust someone who is not a member', async () => {
      const guide = await cloud.makeGuide();
      for (const openid of [guide.openid, newOpenid('o_nobody')]) {
        expect(await cloud.call('points', 'adjust', { openid, delta: 10, reason: '测试' }, TEST_HQ)).toMatchObject({
          ok: false,
          error: { code: 'NOT_FOUND' },
        });
      }
    });

    it('corrects a mistaken credit with a reversing entry, once, keeping the original', async () => {
      const member = await cloud.makeMember();
      const { entryId } = dataOf(
        await cloud.call('points', 'adjust', { openid: member.openid, delta: 80, reason: '误发' }, TEST_HQ),
      );
      const reversed = dataOf(await cloud.call('points', 'reverse', { entryId, reason: '冲正误发' }, TEST_HQ));
      expect(reversed).toEqual({ balance: 0, entryId: `reverse:${entryId}` });
      expect(entriesOf(cloud, member.openid).map((e) => [e._id, e.amount])).toEqual([
        [entryId, 80],
        [`reverse:${entryId}`, -80],
      ]);
      expect(await cloud.call('points', 'reverse', { entryId, reason: '再冲一次' }, TEST_HQ)).toMatchObject({
        ok: false,
        error: { code: 'ALREADY_EXISTS', message: '这条流水已经冲正过了' },
      });
      expect(
        await cloud.call('points', 'reverse', { entryId: `reverse:${entryId}`, reason: '冲正的冲正' }, TEST_HQ),
      ).toMatchObject({
        ok: false,
        error: { code: 'FAILED_PRECONDITION' },
      });
      // The member sees both, the reversal pointing at the entry it reverses, under ids that name
      // nobody (the journal's own ids embed HQ's openid: adjust:<operator>:<request>).
      const [reversal, original] = dataOf(await cloud.call('points', 'history', {}, member.openid)).entries;
      expect(original).toMatchObject({ kind: 'adjust', amount: 80, id: expect.stringMatching(/^e_[0-9a-f]{24}$/) });
      expect(reversal).toMatchObject({ kind: 'reverse', amount: -80, reverses: original?.id });
      expect(reversal?.id).not.toBe(original?.id);
    });

    it('refuses to reverse a credit that was already spent, and a redemption', async () => {
      const member = await cloud.makeMember();
      const { entryId } = dataOf(
        await cloud.call('points', 'adjust', { openid: member.openid, delta: 100, reason: '活动' }, TEST_HQ),
      );
      const itemId = await makeItem(cloud, { pointsPrice: 60 });
      const { couponId } = dataOf(
        await cloud.call('mall', 'redeem', { itemId, requestId: newRequestId() }, member.openid),
      );
      const before = cloud.snapshot();
      expect(await cloud.call('points', 'reverse', { entryId, reason: '冲正' }, TEST_HQ)).toMatchObject({
        ok: false,
        error: { code: 'FAILED_PRECONDITION', message: '会员当前积分不足以冲正（积分可能已被使用）' },
      });
      expect(
        await cloud.call('points', 'reverse', { entryId: `redeem:${couponId}`, reason: '冲正' }, TEST_HQ),
      ).toMatchObject({
        ok: false,
        error: { code: 'FAILED_PRECONDITION', message: '这类流水不能冲正' },
      });
      expect(
        await cloud.call('points', 'reverse', { entryId: 'adjust:nobody:nothing', reason: '冲正' }, TEST_HQ),
      ).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(cloud.snapshot()).toBe(before);
    });
  });

  describe('expiry (first in, first out)', () => {
    /** An account whose lots were earned long ago: written directly, as the journal would have. */
    function seedAccount(openid: string, lots: { key: string; amount: number; expiresAt: number | null }[]) {
      const engine = cloud.cloud.engine;
      let balance = 0;
      lots.forEach((lot, i) => {
        balance += lot.amount;
        engine.insertDoc('points_entries', {
          _id: `adjust:${TEST_HQ}:seed_${openid}_${i}`,
          openid,
          kind: 'adjust',
          amount: lot.amount,
          seq: i + 1,
          balanceAfter: balance,
          createdAt: 1,
          lotKey: lot.key,
          reason: '历史积分',
          by: TEST_HQ,
        });
      });
      const expiries = lots.flatMap((l) => (l.expiresAt === null ? [] : [l.expiresAt]));
      engine.insertDoc('points_accounts', {
        _id: openid,
        balance,
        seq: lots.length,
        lots,
        nextExpiry: expiries.length ? Math.min(...expiries) : null,
        createdAt: 1,
        updatedAt: 1,
      });
    }

    it('stamps new points with the expiry day and spends the oldest lot first', async () => {
      await setRules(cloud, { expiryDays: 30 });
      const member = await cloud.makeMember();
      const soon = Date.now() + 2 * DAY;
      seedAccount(member.openid, [{ key: '2099-01-01', amount: 40, expiresAt: soon }]);
      await grant(cloud, member.openid, 100);
      const itemId = await makeItem(cloud, { pointsPrice: 60 });
      dataOf(await cloud.call('mall', 'redeem', { itemId, requestId: newRequestId() }, member.openid));
      const [account] = cloud.cloud.engine.findDocs('points_accounts', { _id: member.openid });
      const lots = account?.lots as { amount: number; expiresAt: number }[];
      // 40 from the lot that expires first, 20 from the new one; 80 left, expiring in ~30 days.
      expect(lots).toHaveLength(1);
      expect(lots[0]?.amount).toBe(80);
      expect(lots[0]?.expiresAt).toBeGreaterThan(Date.now() + 29 * DAY);
      expect(dataOf(await cloud.call('points', 'balance', {}, member.openid)).expiring).toEqual({
        amount: 80,
        expiresAt: lots[0]?.expiresAt,
      });
    });

    it('removes expired points with an expire entry as soon as the balance is read', async () => {
      const member = await cloud.makeMember();
      seedAccount(member.openid, [
        { key: '2020-01-01', amount: 30, expiresAt: Date.parse('2020-01-01T16:00:00Z') },
        { key: 'never', amount: 5, expiresAt: null },
      ]);
      expect(await balanceOf(cloud, member.openid)).toBe(5);
      const expired = entriesOf(cloud, member.openid).find((e) => e.kind === 'expire');
      // The key names the account by keyed hash (server/privacy), never by openid.
      expect(String(expired?._id)).toMatch(/^expire:p[0-9a-f]{24}:[0-9a-z]+:2020-01-01$/);
      expect(String(expired?._id)).not.toContain(member.openid);
      expect(expired).toMatchObject({
        amount: -30,
        balanceAfter: 5,
      });
      // Reading again expires nothing twice.
      expect(await balanceOf(cloud, member.openid)).toBe(5);
    });

    it('expires points of members who never open the app, by the daily timer', async () => {
      const members = [await cloud.makeMember(), await cloud.makeMember()];
      for (const m of members)
        seedAccount(m.openid, [{ key: '2021-06-30', amount: 12, expiresAt: Date.parse('2021-06-30T16:00:00Z') }]);
      const firing = await cloud.cloud.timers.fire('points', 'expirePoints');
      expect(firing).toMatchObject({ ok: true });
      for (const m of members) {
        const [account] = cloud.cloud.engine.findDocs('points_accounts', { _id: m.openid });
        expect(account).toMatchObject({ balance: 0, lots: [], nextExpiry: null });
      }
    });
  });

  describe('HQ journal pages', () => {
    it('walks every entry exactly once when many share one time (cursor on time and id)', async () => {
      const member = await cloud.makeMember();
      for (let i = 1; i <= 7; i++) await grant(cloud, member.openid, i);
      const ids = cloud.cloud.engine.findDocs('points_entries', { openid: member.openid }).map((e) => String(e._id));
      // Written in one millisecond, as a batch or a fast burst would be.
      for (const id of ids) backdate(cloud, 'points_entries', id, { createdAt: 1_700_000_000_000 });
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10; page++) {
        const got = dataOf(
          await cloud.call(
            'points',
            'journal',
            { openid: member.openid, limit: 2, ...(cursor ? { cursor } : {}) },
            TEST_HQ,
          ),
        );
        seen.push(...got.entries.map((e) => e.id));
        expect(got.hasMore).toBe(got.nextCursor !== undefined);
        if (!got.nextCursor) break;
        cursor = got.nextCursor;
      }
      expect(seen.sort()).toEqual([...ids].sort());
    });

    it('refuses a cursor it did not issue', async () => {
      const reply = await cloud.call('points', 'journal', { cursor: 'bm90LWEtY3Vyc29y' }, TEST_HQ);
      expect(reply).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGUMENT', message: '分页参数无效，请刷新后重试' },
      });
    });
  });

  describe('history', () => {
    it('pages the member’s own journal newest first', async () => {
      const member = await cloud.makeMember();
      for (let i = 1; i <= 5; i++) await grant(cloud, member.openid, i);
      const first = dataOf(await cloud.call('points', 'history', { limit: 3 }, member.openid));
      expect(first.entries.map((e) => e.amount)).toEqual([5, 4, 3]);
      expect(first.hasMore).toBe(true);
      const next = dataOf(
        await cloud.call('points', 'history', { limit: 3, beforeSeq: first.entries[2]?.seq ?? 0 }, member.openid),
      );
      expect(next.entries.map((e) => e.amount)).toEqual([2, 1]);
      expect(next.hasMore).toBe(false);
    });
  });
});
