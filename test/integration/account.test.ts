/**
 * The account function's behaviour, through the local cloud: the real bundle, the real
 * wx-server-sdk, the /fn bridge. Role and bad-input coverage live in account-roles / account-inputs.
 */
import { INVITE_ALPHABET } from '@core/contracts/account';
import { CONSENT, dataOf, newOpenid, TEST_HQ, useLocalCloud, type TestCloud } from '../support/local-cloud';

const DAY = 24 * 3600 * 1000;

function users(cloud: TestCloud, query: Record<string, unknown> = {}) {
  return cloud.cloud.engine.findDocs('users', query);
}

describe('account', () => {
  const cloud = useLocalCloud();

  describe('whoami', () => {
    it('tells HQ, a visitor, a guide and a member who they are', async () => {
      expect(dataOf(await cloud.call('account', 'whoami', {}, TEST_HQ))).toEqual({ openid: TEST_HQ, role: 'hq' });
      const stranger = newOpenid();
      expect(dataOf(await cloud.call('account', 'whoami', {}, stranger))).toEqual({
        openid: stranger,
        role: 'visitor',
      });

      const storeId = await cloud.makeStore('静安店');
      const guide = await cloud.makeGuide(storeId, '林小满');
      expect(dataOf(await cloud.call('account', 'whoami', {}, guide.openid))).toEqual({
        openid: guide.openid,
        role: 'guide',
        name: '林小满',
        storeId,
        storeName: '静安店',
      });
      const member = await cloud.makeMember(guide.openid, '小鹿');
      expect(dataOf(await cloud.call('account', 'whoami', {}, member.openid))).toEqual({
        openid: member.openid,
        role: 'customer',
        name: '小鹿',
        storeId,
        storeName: '静安店',
        guideOpenid: guide.openid,
        guideName: '林小满',
      });
    });

    it('tells a guide who has left that they are a visitor now', async () => {
      const guide = await cloud.makeGuide();
      await cloud.deactivateGuide(guide.openid);
      expect(dataOf(await cloud.call('account', 'whoami', {}, guide.openid))).toEqual({
        openid: guide.openid,
        role: 'visitor',
      });
    });
  });

  describe('createStore and listStores', () => {
    it('creates a store with trimmed fields and lists it with its counts', async () => {
      const { storeId } = dataOf(
        await cloud.call(
          'account',
          'createStore',
          { name: '  杭州湖滨店 ', city: '杭州', address: '湖滨路 28 号' },
          TEST_HQ,
        ),
      );
      expect(storeId).toMatch(/^sto_[A-Za-z0-9]{16}$/);
      await cloud.makeGuide(storeId);
      const second = await cloud.makeGuide(storeId);
      await cloud.makeMember(second.openid);
      await cloud.deactivateGuide(second.openid);
      const { stores } = dataOf(await cloud.call('account', 'listStores', {}, TEST_HQ));
      expect(stores.find((s) => s.id === storeId)).toEqual({
        id: storeId,
        name: '杭州湖滨店',
        city: '杭州',
        address: '湖滨路 28 号',
        guides: 1,
        customers: 1,
      });
    });

    it('refuses a second store with the same name', async () => {
      await cloud.makeStore('成都太古里店');
      const before = cloud.snapshot();
      expect(await cloud.call('account', 'createStore', { name: ' 成都太古里店' }, TEST_HQ)).toEqual({
        ok: false,
        error: { code: 'ALREADY_EXISTS', message: '门店“成都太古里店”已存在' },
      });
      expect(cloud.snapshot()).toBe(before);
    });

    it('ends with one store when the same name is created five times at once', async () => {
      const replies = await Promise.all(
        Array.from({ length: 5 }, () => cloud.call('account', 'createStore', { name: '并发门店' }, TEST_HQ)),
      );
      expect(replies.filter((r) => r.ok)).toHaveLength(1);
      expect(replies.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(Array(4).fill('ALREADY_EXISTS'));
      expect(cloud.cloud.engine.findDocs('stores', { name: '并发门店' })).toHaveLength(1);
    });
  });

  describe('updateStore', () => {
    it('renames a store, clears its address, and the new name shows in the list and to its guide', async () => {
      const storeId = await cloud.makeStore('南京新街口店');
      dataOf(await cloud.call('account', 'updateStore', { storeId, address: '中山路 1 号' }, TEST_HQ));
      const guide = await cloud.makeGuide(storeId);
      expect(
        dataOf(await cloud.call('account', 'updateStore', { storeId, name: ' 南京德基店 ', address: null }, TEST_HQ)),
      ).toEqual({ storeId, name: '南京德基店', city: '上海' });
      const { stores } = dataOf(await cloud.call('account', 'listStores', {}, TEST_HQ));
      expect(stores.find((s) => s.id === storeId)).toEqual({
        id: storeId,
        name: '南京德基店',
        city: '上海',
        guides: 1,
        customers: 0,
      });
      expect(dataOf(await cloud.call('account', 'whoami', {}, guide.openid)).storeName).toBe('南京德基店');
    });

    it("refuses another store's name and changes nothing", async () => {
      await cloud.makeStore('西安钟楼店');
      const storeId = await cloud.makeStore('西安小寨店');
      const before = cloud.snapshot();
      expect(await cloud.call('account', 'updateStore', { storeId, name: '西安钟楼店' }, TEST_HQ)).toEqual({
        ok: false,
        error: { code: 'ALREADY_EXISTS', message: '门店“西安钟楼店”已存在' },
      });
      expect(cloud.snapshot()).toBe(before);
    });

    it('two stores renamed to one name at once: one of them gets it', async () => {
      const ids = await Promise.all([cloud.makeStore(), cloud.makeStore()]);
      const replies = await Promise.all(
        ids.map((storeId) => cloud.call('account', 'updateStore', { storeId, name: '同名争抢店' }, TEST_HQ)),
      );
      expect(replies.filter((r) => r.ok)).toHaveLength(1);
      expect(replies.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'ALREADY_EXISTS' } });
      expect(cloud.cloud.engine.findDocs('stores', { name: '同名争抢店' })).toHaveLength(1);
    });
  });

  describe('createInvite and redeemInvite', () => {
    it('makes distinct 8-character codes without look-alikes, valid for seven days', async () => {
      const storeId = await cloud.makeStore();
      const t0 = Date.now();
      const invites = await Promise.all(
        Array.from({ length: 20 }, () => cloud.call('account', 'createInvite', { storeId, role: 'guide' }, TEST_HQ)),
      );
      const codes = invites.map((r) => dataOf(r).code);
      expect(new Set(codes).size).toBe(20);
      for (const code of codes) expect(code).toMatch(new RegExp(`^[${INVITE_ALPHABET}]{8}$`));
      for (const r of invites) {
        const { expiresAt } = dataOf(r);
        expect(expiresAt).toBeGreaterThanOrEqual(t0 + 7 * DAY);
        expect(expiresAt).toBeLessThanOrEqual(Date.now() + 7 * DAY);
      }
    });

    it('turns a visitor into an active guide of the invite’s store, once', async () => {
      const storeId = await cloud.makeStore();
      const code = await cloud.makeInvite(storeId);
      const visitor = newOpenid();
      // Codes are read aloud and typed: case and surrounding spaces do not matter.
      expect(
        await cloud.call('account', 'redeemInvite', { code: ` ${code.toLowerCase()} `, name: '周一禾' }, visitor),
      ).toEqual({
        ok: true,
        data: { role: 'guide', storeId },
      });
      expect(users(cloud, { _id: visitor })).toEqual([
        expect.objectContaining({ _id: visitor, role: 'guide', name: '周一禾', storeId, active: true }),
      ]);
      const before = cloud.snapshot();
      expect(await cloud.call('account', 'redeemInvite', { code, name: '别人' }, newOpenid())).toEqual({
        ok: false,
        error: { code: 'FAILED_PRECONDITION', message: '邀请码已被使用' },
      });
      expect(cloud.snapshot()).toBe(before);
    });

    it('makes exactly one guide when ten visitors race for one code', async () => {
      const storeId = await cloud.makeStore();
      const code = await cloud.makeInvite(storeId);
      const visitors = Array.from({ length: 10 }, () => newOpenid('o_racer'));
      const replies = await Promise.all(
        visitors.map((v) => cloud.call('account', 'redeemInvite', { code, name: '抢码人' }, v)),
      );
      const winners = replies.filter((r) => r.ok);
      expect(winners).toHaveLength(1);
      for (const r of replies) if (!r.ok) expect(r.error.code).toBe('FAILED_PRECONDITION');
      const guides = users(cloud, { storeId, role: 'guide' });
      expect(guides).toHaveLength(1);
      const [invite] = cloud.cloud.engine.findDocs('invites', { _id: code });
      expect(invite?.usedBy).toBe(guides[0]?._id);
    });
  });

  describe('registerMember', () => {
    it('binds a member to the guide whose share they opened and records the edge with the token', async () => {
      const guide = await cloud.makeGuide(undefined, '导购阿宁');
      const visitor = newOpenid();
      const shareToken = await cloud.openInvitation(guide.openid, visitor);
      expect(
        await cloud.call('account', 'registerMember', { name: '优优妈妈', shareToken, consent: CONSENT }, visitor),
      ).toEqual({
        ok: true,
        data: { role: 'customer', guideOpenid: guide.openid, referral: 'credited', referrerName: '导购阿宁' },
      });
      expect(users(cloud, { _id: visitor })).toEqual([
        expect.objectContaining({
          role: 'customer',
          name: '优优妈妈',
          guideOpenid: guide.openid,
          storeId: guide.storeId,
          referrer: guide.openid,
        }),
      ]);
      expect(cloud.cloud.engine.findDocs('referrals', { _id: visitor })).toEqual([
        expect.objectContaining({ from: guide.openid, to: visitor, token: shareToken }),
      ]);
    });

    it("binds a friend of a member to the member's guide, and the graph can be walked back", async () => {
      const guide = await cloud.makeGuide();
      const first = await cloud.makeMember(guide.openid);
      const second = await cloud.makeMember(first.openid);
      const third = await cloud.makeMember(second.openid);
      expect(third.guideOpenid).toBe(guide.openid);
      const edges = cloud.cloud.engine.findDocs('referrals', {
        to: { $in: [first.openid, second.openid, third.openid] },
      });
      const parent = new Map(edges.map((e) => [e.to, e.from]));
      const chain = [third.openid];
      for (let at = parent.get(third.openid); at !== undefined; at = parent.get(at)) chain.push(at as string);
      expect(chain).toEqual([third.openid, second.openid, first.openid, guide.openid]);
    });

    it('keeps the first referrer when a member tries to register again', async () => {
      const a = await cloud.makeGuide();
      const b = await cloud.makeGuide();
      const member = await cloud.makeMember(a.openid);
      const shareToken = await cloud.openInvitation(b.openid, member.openid);
      const before = cloud.snapshot();
      expect(
        await cloud.call(
          'account',
          'registerMember',
          { name: '再来一次', shareToken, consent: CONSENT },
          member.openid,
        ),
      ).toMatchObject({
        ok: false,
        // The member is a customer now, so the kit refuses before the action runs.
        error: { code: 'PERMISSION_DENIED' },
      });
      expect(cloud.snapshot()).toBe(before);
      expect(users(cloud, { _id: member.openid })[0]?.referrer).toBe(a.openid);
    });

    it('makes one member when the same visitor registers ten times at once', async () => {
      const guides = await Promise.all([cloud.makeGuide(), cloud.makeGuide()]);
      const visitor = newOpenid('o_eager');
      const tokens = [
        await cloud.openInvitation(guides[0].openid, visitor),
        await cloud.openInvitation(guides[1].openid, visitor),
      ];
      const replies = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          cloud.call(
            'account',
            'registerMember',
            { name: '手快的人', shareToken: tokens[i % 2]!, consent: CONSENT },
            visitor,
          ),
        ),
      );
      expect(replies.filter((r) => r.ok)).toHaveLength(1);
      for (const r of replies) if (!r.ok) expect(r.error.code).toBe('ALREADY_EXISTS');
      const member = users(cloud, { _id: visitor });
      expect(member).toHaveLength(1);
      const edges = cloud.cloud.engine.findDocs('referrals', { to: visitor });
      expect(edges).toHaveLength(1);
      // The winner's referrer is the one on both the member and the edge.
      expect(edges[0]?.from).toBe(member[0]?.referrer);
      expect(member[0]?.guideOpenid).toBe(member[0]?.referrer);
    });

    it('refuses a referrer named in the input as an unknown field, writing nothing', async () => {
      const guide = await cloud.makeGuide();
      const before = cloud.snapshot();
      for (const referrer of [guide.openid, TEST_HQ]) {
        expect(
          await cloud.callRaw(
            'account',
            { action: 'registerMember', name: '某人', referrer, consent: CONSENT },
            newOpenid(),
          ),
        ).toEqual({
          ok: false,
          error: { code: 'INVALID_ARGUMENT', message: '不支持的字段：referrer', details: { field: 'referrer' } },
        });
      }
      expect(cloud.snapshot()).toBe(before);
    });
  });

  describe('listGuides and setGuideActive', () => {
    it('lists guides of one store with their customers', async () => {
      const storeId = await cloud.makeStore();
      const a = await cloud.makeGuide(storeId, '唐果果');
      const b = await cloud.makeGuide(storeId, '何安然');
      await cloud.makeMember(a.openid);
      await cloud.makeMember(a.openid);
      await cloud.setActive(b.openid, false);
      await cloud.makeGuide(); // another store
      expect(dataOf(await cloud.call('account', 'listGuides', { storeId }, TEST_HQ))).toEqual({
        guides: [
          { openid: a.openid, name: '唐果果', storeId, active: true, customers: 2 },
          { openid: b.openid, name: '何安然', storeId, active: false, customers: 0 },
        ],
      });
      const all = dataOf(await cloud.call('account', 'listGuides', {}, TEST_HQ)).guides;
      expect(all.length).toBeGreaterThan(2);
    });

    it('lets HQ bring a guide back', async () => {
      const g = await cloud.makeGuide();
      await cloud.setActive(g.openid, false);
      expect(await cloud.call('account', 'listGuides', {}, g.openid)).toMatchObject({
        ok: false,
        error: { code: 'PERMISSION_DENIED' },
      });
      await cloud.setActive(g.openid, true);
      expect(dataOf(await cloud.call('account', 'whoami', {}, g.openid)).role).toBe('guide');
    });
  });
});

describe('account: choosing a guide for a member who came without one', () => {
  const cloud = useLocalCloud();

  it('joins without a guide while there is no store', async () => {
    expect(
      dataOf(await cloud.call('account', 'registerMember', { name: '早到的人', consent: CONSENT }, newOpenid())),
    ).toEqual({
      role: 'customer',
      referral: 'none',
    });
  });

  it('spreads members over the active guides of the first store, fewest customers first', async () => {
    const first = await cloud.makeStore('第一家店');
    const later = await cloud.makeStore('第二家店');
    const a = await cloud.makeGuide(first);
    const b = await cloud.makeGuide(first);
    const gone = await cloud.makeGuide(first);
    await cloud.deactivateGuide(gone.openid);
    await cloud.makeGuide(later);
    await cloud.makeMember(a.openid);
    await cloud.makeMember(a.openid);

    const assigned: (string | undefined)[] = [];
    for (let i = 0; i < 4; i++) assigned.push((await cloud.makeMember()).guideOpenid);
    // b starts with 0 against a's 2: b, b, then they are level and the older guide (a) wins ties.
    expect(assigned).toEqual([b.openid, b.openid, a.openid, b.openid]);
  });

  it("falls back when the referrer's guide has left", async () => {
    const storeId = await cloud.makeStore('第三家店');
    const guide = await cloud.makeGuide(storeId);
    const friend = await cloud.makeMember(guide.openid);
    await cloud.deactivateGuide(guide.openid);
    const member = await cloud.makeMember(friend.openid);
    expect(member.guideOpenid).toBeDefined();
    expect(member.guideOpenid).not.toBe(guide.openid);
    // The edge still names who actually shared.
    expect(cloud.cloud.engine.findDocs('referrals', { _id: member.openid })[0]?.from).toBe(friend.openid);
  });
});
