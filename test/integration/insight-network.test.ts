/**
 * The referral graph and KOC list on hand-built referral trees, and moving a departed guide's
 * customers, through the local cloud.
 */
import { CONSENT, dataOf, TEST_HQ, useLocalCloud } from '../support/local-cloud';
import { backdate, docsOf, seedCoupon } from './insight-helpers';

const cloud = useLocalCloud();
const insight = cloud.client('insight');
const account = cloud.client('account');
const DAY = 86_400_000;

describe('referral graph', () => {
  /**
   * guide ─ a ─ c ─ f
   *       │   └ d
   *       └ b ─ e
   */
  async function buildTree() {
    const guide = await cloud.makeGuide(undefined, '树根导购');
    const a = await cloud.makeMember(guide.openid, 'A');
    const b = await cloud.makeMember(guide.openid, 'B');
    const c = await cloud.makeMember(a.openid, 'C');
    const d = await cloud.makeMember(a.openid, 'D');
    const e = await cloud.makeMember(b.openid, 'E');
    const f = await cloud.makeMember(c.openid, 'F');
    return { guide, a, b, c, d, e, f };
  }

  it('draws a tree from a guide with downstream counts over every hop', async () => {
    const t = await buildTree();
    const g = await insight.ok('referralGraph', { root: t.guide.openid, depth: 6 }, TEST_HQ);
    const byName = new Map(g.nodes.map((n) => [n.name, n]));
    expect(byName.get('树根导购')).toMatchObject({ role: 'guide', downstream: 6, depth: 0 });
    expect(byName.get('A')).toMatchObject({ role: 'customer', downstream: 3, depth: 1 });
    expect(byName.get('B')).toMatchObject({ downstream: 1, depth: 1 });
    expect(byName.get('C')).toMatchObject({ downstream: 1, depth: 2 });
    expect(byName.get('F')).toMatchObject({ downstream: 0, depth: 3 });
    expect(g.edges).toHaveLength(6);
    expect(g.truncated).toBe(false);
    // A tree: every node but the root has exactly one incoming edge.
    const incoming = new Map<string, number>();
    for (const e of g.edges) incoming.set(e.to, (incoming.get(e.to) ?? 0) + 1);
    expect([...incoming.values()].every((n) => n === 1)).toBe(true);
    expect(incoming.has(t.guide.openid)).toBe(false);
  });

  it('limits the drawing to the depth asked, from any member, without losing the counts', async () => {
    const t = await buildTree();
    const g = await insight.ok('referralGraph', { root: t.a.openid, depth: 1 }, TEST_HQ);
    expect(g.nodes.map((n) => [n.name, n.depth, n.downstream]).sort()).toEqual([
      ['A', 0, 3],
      ['C', 1, 1],
      ['D', 1, 0],
    ]);
    expect(g.edges).toEqual(expect.arrayContaining([{ from: t.a.openid, to: t.c.openid }]));
  });

  it('starts from every guide when no root is given', async () => {
    const t = await buildTree();
    const g = await insight.ok('referralGraph', { depth: 1 }, TEST_HQ);
    expect(g.nodes.find((n) => n.openid === t.guide.openid)).toMatchObject({ depth: 0, downstream: 6 });
    expect(g.nodes.filter((n) => n.depth > 1)).toEqual([]);
  });

  it('cannot hold a cycle: a member has one referrer, fixed when they join', async () => {
    const t = await buildTree();
    // Registering again (to re-point the edge) is refused, so no edge can close a loop.
    const shareToken = await cloud.openInvitation(t.f.openid, t.a.openid);
    expect(
      await cloud.call('account', 'registerMember', { name: 'A', shareToken, consent: CONSENT }, t.a.openid),
    ).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION_DENIED' },
    });
    expect(docsOf(cloud, 'referrals', { to: t.a.openid })).toHaveLength(1);
  });

  it('answers NOT_FOUND for an unknown root', async () => {
    expect(await insight.call('referralGraph', { root: 'o_nobody_here', depth: 2 }, TEST_HQ)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('ranks KOCs by downstream members, then by their redemptions', async () => {
    const t = await buildTree();
    seedCoupon(cloud, t.e.openid);
    seedCoupon(cloud, t.e.openid);
    const { rows } = await insight.ok('kocList', { limit: 200 }, TEST_HQ);
    const mine = rows.filter((r) => [t.a, t.b, t.c].some((m) => m.openid === r.openid));
    expect(mine.map((r) => [r.name, r.downstream, r.direct, r.downstreamRedemptions])).toEqual([
      ['A', 3, 2, 0],
      ['B', 1, 1, 2],
      ['C', 1, 1, 0],
    ]);
    expect(mine[0]).toMatchObject({ guideName: '树根导购' });
    // Guides are not KOCs.
    expect(rows.some((r) => r.openid === t.guide.openid)).toBe(false);
  });
});

describe('guide transfer', () => {
  async function storeWithGuides() {
    const storeId = await cloud.makeStore();
    const leaving = await cloud.makeGuide(storeId, '要离职的导购');
    const staying = await cloud.makeGuide(storeId, '接手的导购');
    return { storeId, leaving, staying };
  }

  it('moves every customer, deactivates the old guide at once, and keeps history and points', async () => {
    const { leaving, staying } = await storeWithGuides();
    const m1 = await cloud.makeMember(leaving.openid);
    const m2 = await cloud.makeMember(leaving.openid);
    const referralsBefore = docsOf(cloud, 'referrals', { from: leaving.openid });
    const pointsBefore = docsOf(cloud, 'points_accounts');

    const res = dataOf(
      await account.call('transferCustomers', { fromGuide: leaving.openid, toGuide: staying.openid }, TEST_HQ),
    );
    expect(res).toEqual({ moved: 2, skipped: [], deactivated: true });
    for (const m of [m1, m2])
      expect(docsOf(cloud, 'users', { _id: m.openid })[0]).toMatchObject({ guideOpenid: staying.openid });
    expect(docsOf(cloud, 'referrals', { from: leaving.openid })).toEqual(referralsBefore);
    expect(docsOf(cloud, 'points_accounts')).toEqual(pointsBefore);
    expect(docsOf(cloud, 'customer_transfers', { from: leaving.openid })).toEqual([
      expect.objectContaining({
        to: staying.openid,
        customers: expect.arrayContaining([m1.openid, m2.openid]),
        by: TEST_HQ,
      }),
    ]);

    // The old guide loses access on their very next call; the new one sees the customers.
    expect(await insight.call('myCustomers', {}, leaving.openid)).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION_DENIED' },
    });
    const now = await insight.ok('myCustomers', {}, staying.openid);
    expect(now.customers.map((c) => c.openid).sort()).toEqual([m1.openid, m2.openid].sort());
  });

  it('moves a customer at most twice in 90 days unless HQ overrides', async () => {
    const storeId = await cloud.makeStore();
    const [g1, g2, g3, g4] = await Promise.all(
      ['一号', '二号', '三号', '四号'].map((n) => cloud.makeGuide(storeId, n)),
    );
    const m = await cloud.makeMember(g1!.openid, '常被转的会员');
    expect(
      dataOf(await account.call('transferCustomers', { fromGuide: g1!.openid, toGuide: g2!.openid }, TEST_HQ)).moved,
    ).toBe(1);
    expect(
      dataOf(await account.call('transferCustomers', { fromGuide: g2!.openid, toGuide: g3!.openid }, TEST_HQ)).moved,
    ).toBe(1);
    const third = dataOf(
      await account.call('transferCustomers', { fromGuide: g3!.openid, toGuide: g4!.openid }, TEST_HQ),
    );
    expect(third).toMatchObject({ moved: 0, skipped: [{ openid: m.openid, name: '常被转的会员', moves: 2 }] });
    expect(docsOf(cloud, 'users', { _id: m.openid })[0]).toMatchObject({ guideOpenid: g3!.openid });

    const forced = dataOf(
      await account.call('transferCustomers', { fromGuide: g3!.openid, toGuide: g4!.openid, override: true }, TEST_HQ),
    );
    expect(forced).toMatchObject({ moved: 1, skipped: [] });
  });

  it('counts only the moves of the last 90 days', async () => {
    const storeId = await cloud.makeStore();
    const [g1, g2, g3] = await Promise.all(['甲', '乙', '丙'].map((n) => cloud.makeGuide(storeId, n)));
    const m = await cloud.makeMember(g1!.openid);
    dataOf(await account.call('transferCustomers', { fromGuide: g1!.openid, toGuide: g2!.openid }, TEST_HQ));
    // The first guide comes back (a rehire), then takes the customer back.
    await cloud.setActive(g1!.openid, true);
    dataOf(await account.call('transferCustomers', { fromGuide: g2!.openid, toGuide: g1!.openid }, TEST_HQ));
    for (const t of docsOf(cloud, 'customer_transfers', { customers: m.openid })) {
      backdate(cloud, 'customer_transfers', String(t._id), { at: Date.now() - 91 * DAY });
    }
    await cloud.setActive(g1!.openid, true);
    expect(
      dataOf(await account.call('transferCustomers', { fromGuide: g1!.openid, toGuide: g3!.openid }, TEST_HQ)).moved,
    ).toBe(1);
  });

  it("refuses another store's guide, an inactive receiver, the same guide and a non-guide, writing nothing", async () => {
    const { leaving, staying } = await storeWithGuides();
    await cloud.makeMember(leaving.openid);
    const elsewhere = await cloud.makeGuide(undefined, '别店导购');
    const retired = await cloud.makeGuide(leaving.storeId, '已离职');
    await cloud.deactivateGuide(retired.openid);
    const customer = await cloud.makeMember(staying.openid);
    const cases: [Record<string, unknown>, string][] = [
      [{ fromGuide: leaving.openid, toGuide: elsewhere.openid }, 'FAILED_PRECONDITION'],
      [{ fromGuide: leaving.openid, toGuide: retired.openid }, 'FAILED_PRECONDITION'],
      [{ fromGuide: leaving.openid, toGuide: leaving.openid }, 'INVALID_ARGUMENT'],
      [{ fromGuide: leaving.openid, toGuide: customer.openid }, 'NOT_FOUND'],
      [{ fromGuide: customer.openid, toGuide: staying.openid }, 'NOT_FOUND'],
      [{ fromGuide: leaving.openid }, 'INVALID_ARGUMENT'],
      [{ fromGuide: leaving.openid, toGuide: { $ne: '' } }, 'INVALID_ARGUMENT'],
    ];
    for (const [input, code] of cases) {
      const before = cloud.snapshot();
      const reply = await cloud.callRaw('account', { action: 'transferCustomers', ...input }, TEST_HQ);
      expect([JSON.stringify(input), reply.ok ? 'ok' : reply.error.code]).toEqual([JSON.stringify(input), code]);
      expect(cloud.snapshot()).toBe(before);
    }
    for (const who of [leaving.openid, customer.openid]) {
      expect(
        await account.call('transferCustomers', { fromGuide: leaving.openid, toGuide: staying.openid }, who),
      ).toMatchObject({
        ok: false,
        error: { code: 'PERMISSION_DENIED' },
      });
    }
  });
});
