/**
 * Consent on joining and a member deleting their data (account.deleteMyData), through the local
 * cloud: what is erased, what stays (and without whom), the journal still balancing, replays,
 * double taps, a deletion racing a redemption, and what guides and HQ see afterwards.
 */
import { COLLECTIONS } from '@core/db/schema';
import type { CallOutput } from '@core/contracts';
import { CONSENT_REQUIRED } from '@core/contracts/account';
import { CONSENT, dataOf, newOpenid, TEST_HQ, useLocalCloud, type TestCloud } from '../support/local-cloud';
import { openShare, seedPost } from './insight-helpers';
import { balanceOf, grant, ledgerProblems, makeItem, newRequestId, resetRules, setRules } from './mall-helpers';
import type { CustomerRow } from '@core/contracts/insight';
import { anonymousNode } from '@server/privacy/keys';

const cloud = useLocalCloud();
const insight = cloud.client('insight');

type Deleted = CallOutput<'account', 'deleteMyData'>;

const deleteMyData = (openid: string, requestId: string) =>
  cloud.call('account', 'deleteMyData', { requestId }, openid);

async function register(name: string, referrer?: string): Promise<string> {
  return (await cloud.makeMember(referrer, name)).openid;
}

async function redeem(member: string, itemId: string): Promise<{ couponId: string; code: string }> {
  return dataOf(await cloud.call('mall', 'redeem', { itemId, requestId: newRequestId() }, member));
}

/** Collections holding any document whose JSON mentions `needle`. */
function collectionsMentioning(c: TestCloud, needle: string): string[] {
  return COLLECTIONS.map((col) => col.name).filter((name) =>
    c.cloud.engine.findDocs(name).some((doc) => JSON.stringify(doc).includes(needle)),
  );
}

const userDoc = (openid: string) => cloud.cloud.engine.findDocs('users', { _id: openid })[0];

describe('consent on joining', () => {
  it('refuses a registration without the agreement, in Chinese, writing nothing', async () => {
    const before = cloud.snapshot();
    const reply = await cloud.callRaw('account', { action: 'registerMember', name: '没勾选' }, newOpenid());
    expect(reply).toEqual({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: `consent：${CONSENT_REQUIRED}`, details: { field: 'consent' } },
    });
    expect(cloud.snapshot()).toBe(before);
  });

  it('stores the version agreed to and when on the member', async () => {
    const openid = await register('勾选了');
    const consent = userDoc(openid)?.consent as { version: string; at: number };
    expect(consent.version).toBe(CONSENT.version);
    expect(Math.abs(consent.at - Date.now())).toBeLessThan(60_000);
  });
});

describe('deleteMyData', () => {
  const NAME = '要注销的小鹿';
  let guide: { openid: string; storeId: string };
  let friendOf: string; // brought the member in
  let member: string;
  let brought: string; // the member brought this one in
  let usedCode: string;
  let unusedCode: string;
  let itemId: string;
  let result: Deleted;
  let balanceBefore: number;
  let rowBefore: CustomerRow | undefined;
  /** An invitation poster, which shows the member's 称呼. */
  let poster: { shareToken: string; fileID: string; url: string };

  beforeAll(async () => {
    await setRules(cloud, {
      memberWelcome: 50,
      referralJoined: 30,
      referralFirstRedeem: 20,
      dailyCap: null,
      monthlyCap: null,
      expiryDays: 0,
    });
    guide = await cloud.makeGuide();
    friendOf = await register('引荐人', guide.openid);
    member = await register(NAME, friendOf);
    brought = await register('被邀请的朋友', member);
    itemId = await makeItem(cloud, { pointsPrice: 20, perUserLimit: 5 });
    await grant(cloud, member, 100);
    usedCode = (await redeem(member, itemId)).code;
    unusedCode = (await redeem(member, itemId)).code;
    dataOf(await cloud.call('mall', 'verifyCoupon', { code: usedCode }, guide.openid));

    const postId = seedPost(cloud);
    const { visitId } = await openShare(cloud, guide.openid, postId, member);
    await insight.ok('endVisit', { visitId: visitId!, seconds: 40 }, member);
    await openShare(cloud, member, postId, brought);
    cloud.cloud.engine.insertDoc('interests', {
      _id: `${member}:护肤`,
      openid: member,
      tag: '护肤',
      seconds: 40,
      updatedAt: Date.now(),
    });

    poster = await insight.ok('sharePoster', {}, member);
    expect((await fetch(poster.url)).status).toBe(200);

    balanceBefore = await balanceOf(cloud, member);
    rowBefore = (await insight.ok('myCustomers', {}, guide.openid)).customers.find((c) => c.openid === member);
    result = dataOf(await deleteMyData(member, 'del_first_0001'));
  }, 60_000);

  afterAll(() => resetRules(cloud));

  it('answers what was forfeited, voided and kept', () => {
    // 50 welcome + 30 for the friend + 100 granted − 2 × 20 redeemed.
    expect(balanceBefore).toBe(140);
    expect(result).toEqual({
      status: 'deleted',
      forfeitedPoints: 140,
      voidedCoupons: 1,
      keptCoupons: 1,
      deletedAt: expect.any(Number) as number,
    });
  });

  it('leaves no trace of the name or the openid anywhere', () => {
    expect(cloud.snapshot()).not.toContain(NAME);
    expect(collectionsMentioning(cloud, member)).toEqual([]);
    expect(userDoc(member)).toBeUndefined();
  });

  it('deletes their share posters, which showed their 称呼; the share itself stays, under the anonymous id', async () => {
    expect((await fetch(poster.url)).status).toBe(404);
    const [link] = cloud.cloud.engine.findDocs('share_links', { _id: poster.shareToken });
    expect(link).not.toHaveProperty('poster');
    expect(String(link?.sharer)).toMatch(/^anon_/);
  });

  it('closes the account with one forfeit entry: balance 0, every journal still balancing', async () => {
    const anon = cloud.cloud.engine.findDocs('coupons', { itemId })[0]?.owner as string;
    const entries = cloud.cloud.engine.findDocs('points_entries', { openid: anon });
    const forfeit = entries.filter((e) => e.kind === 'forfeit');
    expect(forfeit).toHaveLength(1);
    expect(forfeit[0]?.amount).toBe(-140);
    expect(entries.reduce((s, e) => s + Number(e.amount), 0)).toBe(0);
    expect(cloud.cloud.engine.findDocs('points_accounts', { _id: anon })[0]?.balance).toBe(0);
    expect(cloud.cloud.engine.findDocs('points_accounts', { _id: member })).toEqual([]);
    expect(ledgerProblems(cloud)).toEqual([]);
    // The referrer keeps the points the member brought them; the entry no longer names the member.
    const refJoin = cloud.cloud.engine.findDocs('points_entries', { openid: friendOf, kind: 'referralJoined' });
    expect(refJoin).toMatchObject([{ amount: 30, note: '已注销用户' }]);
    expect(refJoin[0]).not.toHaveProperty('ref');
    // 50 welcome + 30 when the member joined + 20 for the member's first redemption.
    expect(await balanceOf(cloud, friendOf)).toBe(100);
  });

  it('voids the unused coupon and keeps the used one for the store, both without the member', async () => {
    const coupons = cloud.cloud.engine.findDocs('coupons', { itemId });
    const anon = coupons[0]?.owner as string;
    expect(anon).toMatch(/^anon_[0-9a-f]{24}$/);
    expect(coupons.map((c) => [c.code, c.status, c.owner]).sort()).toEqual(
      [
        [usedCode, 'used', anon],
        [unusedCode, 'expired', anon],
      ].sort(),
    );
    const refused = await cloud.call('mall', 'verifyCoupon', { code: unusedCode }, guide.openid);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION', message: '该券已作废（会员已注销），不能使用' },
    });
  });

  it('turns the member into an anonymous node guides and HQ see as 已注销用户, their reading unlinked', async () => {
    const anon = cloud.cloud.engine.findDocs('coupons', { itemId })[0]?.owner as string;
    expect(userDoc(anon)).toMatchObject({ role: 'customer', name: '已注销用户', guideOpenid: guide.openid });
    expect(userDoc(anon)?.consent).toBeUndefined();

    const { customers } = await insight.ok('myCustomers', {}, guide.openid);
    const row = customers.find((c) => c.openid === anon);
    // The guide's post (the invitation they joined through was opened before they agreed to
    // anything, so it was never theirs); what they read is unlinked from them.
    expect(rowBefore).toMatchObject({ name: NAME, visits: 1 });
    expect(row).toMatchObject({ openid: anon, name: '已注销用户', visits: 0, tags: [], joinedAt: rowBefore?.joinedAt });
    expect(cloud.cloud.engine.findDocs('interests', { openid: anon })).toEqual([]);
    expect(cloud.cloud.engine.findDocs('interests', { openid: member })).toEqual([]);

    const graph = await insight.ok('referralGraph', { root: guide.openid, depth: 3 }, TEST_HQ);
    expect(graph.nodes.find((n) => n.openid === anon)).toMatchObject({ name: '已注销用户', downstream: 1 });
    expect(graph.edges).toEqual(
      expect.arrayContaining([
        { from: friendOf, to: anon },
        { from: anon, to: brought },
      ]),
    );

    const timeline = await insight.ok('customerTimeline', { openid: anon }, guide.openid);
    expect(timeline.customer.name).toBe('已注销用户');
    // Their coupons stay in the store's records; their reading does not stay with them.
    expect(timeline.events.map((e) => e.kind).sort()).toEqual(['joined', 'redeem', 'redeem']);
  });

  it('stops crediting the member: their friend keeps membership, no referrer on record', () => {
    expect(userDoc(brought)).toMatchObject({ role: 'customer' });
    expect(userDoc(brought)?.referrer).toBeUndefined();
  });

  it('treats whoever presents the anonymous node id as a visitor, not as that member', async () => {
    const anon = cloud.cloud.engine.findDocs('coupons', { itemId })[0]?.owner as string;
    expect(anon).toMatch(/^anon_/);
    expect(await cloud.call('account', 'whoami', {}, anon)).toEqual({
      ok: true,
      data: { openid: anon, role: 'visitor' },
    });
    expect(await cloud.call('mall', 'myCoupons', {}, anon)).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION_DENIED' },
    });
    // Nor can HQ credit it: it is nobody's account.
    const before = cloud.snapshot();
    expect(
      await cloud.call(
        'points',
        'adjust',
        { openid: anon, delta: 10, reason: '补发', requestId: newRequestId() },
        TEST_HQ,
      ),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(cloud.snapshot()).toBe(before);
  });

  it('makes the member a visitor who can no longer call member actions', async () => {
    expect(await cloud.call('account', 'whoami', {}, member)).toEqual({
      ok: true,
      data: { openid: member, role: 'visitor' },
    });
    expect(await cloud.call('points', 'balance', {}, member)).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION_DENIED' },
    });
    expect(await cloud.call('mall', 'redeem', { itemId, requestId: newRequestId() }, member)).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION_DENIED' },
    });
  });

  it('answers the person the same way whatever the requestId, writing nothing', async () => {
    const before = cloud.snapshot();
    expect(await deleteMyData(member, 'del_first_0001')).toEqual({ ok: true, data: result });
    // A retry with a new request id (the app lost the first) is the same person asking again.
    expect(await deleteMyData(member, 'del_other_0002')).toEqual({ ok: true, data: result });
    expect(cloud.snapshot()).toBe(before);
  });

  it('lets the same openid join again from zero: no second welcome bonus, no reward for the referrer', async () => {
    const shareToken = await cloud.openInvitation(friendOf, member);
    dataOf(await cloud.call('account', 'registerMember', { name: '回来了', consent: CONSENT, shareToken }, member));
    expect(await balanceOf(cloud, member)).toBe(0);
    expect(await balanceOf(cloud, friendOf)).toBe(100);
    expect(dataOf(await cloud.call('mall', 'myCoupons', {}, member)).coupons).toEqual([]);
    // Their history starts from nothing too: the old journal is not theirs any more.
    expect(dataOf(await cloud.call('points', 'history', { limit: 50 }, member)).entries).toEqual([]);
    expect(ledgerProblems(cloud)).toEqual([]);

    // And can delete again: a second tombstone count, a second anonymous node.
    const again = dataOf(await deleteMyData(member, 'del_second_003'));
    expect(again).toMatchObject({ status: 'deleted', forfeitedPoints: 0, voidedCoupons: 0, keptCoupons: 0 });
    const nodes = cloud.cloud.engine
      .findDocs('users')
      .filter((u) => u.name === '已注销用户' && u.guideOpenid === guide.openid);
    expect(nodes.length).toBeGreaterThanOrEqual(2);
    expect(ledgerProblems(cloud)).toEqual([]);
  });
});

describe('deleteMyData under concurrency', () => {
  beforeAll(() => {
    cloud.adoptIdSecret();
    return resetRules(cloud);
  });

  it('applies a double tap once', async () => {
    const member = await register('手快');
    await grant(cloud, member, 70);
    const replies = await Promise.all([deleteMyData(member, 'del_twin_00001'), deleteMyData(member, 'del_twin_00001')]);
    const data = replies.map((r) => dataOf(r));
    expect(data[0]).toEqual(data[1]);
    expect(data[0]).toMatchObject({ status: 'deleted', forfeitedPoints: 70 });
    const anon = anonymousNode(member, 1);
    expect(cloud.cloud.engine.findDocs('points_entries', { openid: member })).toEqual([]);
    expect(cloud.cloud.engine.findDocs('points_entries', { openid: anon, kind: 'forfeit' })).toHaveLength(1);
    expect(ledgerProblems(cloud)).toEqual([]);
  });

  // A free item touches no points account: only the redemption's write to the member's own
  // document makes it conflict with the deletion.
  it.each([
    ['priced', 30],
    ['free', 0],
  ])(
    'never leaves a balance or an unused coupon with a member whose deletion raced a redemption (%s item)',
    async (_kind, price) => {
      const itemId = await makeItem(cloud, { pointsPrice: price, perUserLimit: 10, stock: 100 });
      const outcomes = { redeemedFirst: 0, refused: 0 };
      // The redemption starts this much after the deletion, so the two overlap at different points.
      const lags = [0, 0, 10, 20, 40, 80, 160, 320];
      for (const [round, lag] of lags.entries()) {
        const member = await register(`赛跑${round}`);
        await grant(cloud, member, 100);
        const later = (ms: number) => new Promise((r) => setTimeout(r, ms));
        const [redeemed, deleted] = await Promise.all([
          later(lag).then(() => cloud.call('mall', 'redeem', { itemId, requestId: newRequestId() }, member)),
          deleteMyData(member, `del_race_${round}_xx`),
        ]);
        const d = dataOf(deleted);
        expect(d.status).toBe('deleted');
        if (redeemed.ok) {
          outcomes.redeemedFirst += 1;
          expect(d).toMatchObject({ forfeitedPoints: 100 - price, voidedCoupons: 1 });
        } else {
          outcomes.refused += 1;
          expect(['PERMISSION_DENIED', 'FAILED_PRECONDITION']).toContain(redeemed.error.code);
          expect(d).toMatchObject({ forfeitedPoints: 100, voidedCoupons: 0 });
        }
        expect(cloud.cloud.engine.findDocs('coupons', { owner: member })).toEqual([]);
        expect(cloud.cloud.engine.findDocs('points_accounts', { _id: member })).toEqual([]);
        expect(cloud.cloud.engine.findDocs('points_accounts', { _id: anonymousNode(member, 1) })[0]?.balance).toBe(0);
      }
      expect(outcomes.redeemedFirst + outcomes.refused).toBe(lags.length);
      expect(ledgerProblems(cloud)).toEqual([]);
    },
    60_000,
  );
});

describe('deleteMyData callers', () => {
  it('tells a visitor who never was a member there is nothing to delete, writing nothing', async () => {
    const before = cloud.snapshot();
    expect(dataOf(await deleteMyData(newOpenid('o_visitor'), 'del_none_0001'))).toMatchObject({ status: 'none' });
    expect(cloud.snapshot()).toBe(before);
  });

  it('refuses guides and HQ, writing nothing', async () => {
    const guide = await cloud.makeGuide();
    const before = cloud.snapshot();
    for (const who of [guide.openid, TEST_HQ]) {
      expect(await deleteMyData(who, 'del_staff_0001')).toMatchObject({
        ok: false,
        error: { code: 'PERMISSION_DENIED' },
      });
    }
    expect(cloud.snapshot()).toBe(before);
  });
});
