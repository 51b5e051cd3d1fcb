/**
 * Brand settings, store locations, the nearest stores a visitor is offered and the guide a member
 * who picked a store is given; invite expiry and one-time use. Through the local cloud: the real
 * bundle, the real wx-server-sdk, the /fn bridge.
 */
import { DEFAULT_BRAND } from '@core/brand';
import { CONSENT, dataOf, newOpenid, TEST_HQ, useLocalCloud, type TestCloud } from '../support/local-cloud';

// The first calls start the function's worker; several tests make a store world of their own.
jest.setTimeout(30_000);

const cloud = useLocalCloud();

/** Great-circle metres on MongoDB's sphere (radius 6378.1 km), the distance geoNear reports. */
function metres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const r = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * r) / 2) ** 2 +
    Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lng - a.lng) * r) / 2) ** 2;
  return 2 * 6_378_100 * Math.asin(Math.sqrt(h));
}

const PLACES = {
  shanghai: { lat: 31.2304, lng: 121.4737 },
  pudong: { lat: 31.2215, lng: 121.5445 },
  hangzhou: { lat: 30.2592, lng: 120.1636 },
  chengdu: { lat: 30.6571, lng: 104.0817 },
} as const;

async function storeAt(c: TestCloud, name: string, location?: { lat: number; lng: number }): Promise<string> {
  return (await c.ok('account', 'createStore', { name, ...(location ? { location } : {}) }, TEST_HQ)).storeId;
}

describe('brand settings', () => {
  it('answers the neutral default until HQ saves, then the saved brand to everyone', async () => {
    const visitor = newOpenid('o_visitor');
    expect(await cloud.ok('account', 'brand', {}, visitor)).toEqual(DEFAULT_BRAND);

    const logo = await cloud.upload('brand/logo-1.png', new Uint8Array([137, 80, 78, 71, 1, 2, 3]));
    const saved = await cloud.ok(
      'account',
      'saveBrand',
      {
        name: ' 松风茶舍 ',
        shortName: '松风',
        logo,
        themeColor: '#AA3355',
        pointsName: '茶豆',
        servicePhone: '400-820-1234',
      },
      TEST_HQ,
    );
    const expected = {
      name: '松风茶舍',
      shortName: '松风',
      logo,
      logoUrl: expect.stringMatching(/^http/) as unknown,
      themeColor: '#aa3355',
      pointsName: '茶豆',
      servicePhone: '400-820-1234',
      configured: true,
    };
    expect(saved).toEqual(expected);
    const guide = await cloud.makeGuide();
    for (const who of [visitor, guide.openid, TEST_HQ])
      expect(await cloud.ok('account', 'brand', {}, who)).toEqual(expected);

    // Absent logo and phone keep them; null removes them.
    const kept = await cloud.ok(
      'account',
      'saveBrand',
      { name: '松风茶舍', shortName: '松风', themeColor: '#112233', pointsName: '茶豆' },
      TEST_HQ,
    );
    expect(kept).toMatchObject({ logo, servicePhone: '400-820-1234', themeColor: '#112233' });
    const removed = await cloud.ok(
      'account',
      'saveBrand',
      {
        name: '松风茶舍',
        shortName: '松风',
        themeColor: '#112233',
        pointsName: '积分',
        logo: null,
        servicePhone: null,
      },
      TEST_HQ,
    );
    expect(removed).toEqual({
      name: '松风茶舍',
      shortName: '松风',
      themeColor: '#112233',
      pointsName: '积分',
      configured: true,
    });
    expect(cloud.cloud.engine.findDocs('brand_settings')).toHaveLength(1);
  });

  it('keeps one whole version when two operators save at once', async () => {
    const a = { name: '甲品牌', shortName: '甲', themeColor: '#111111', pointsName: '甲分' };
    const b = { name: '乙品牌', shortName: '乙', themeColor: '#222222', pointsName: '乙分' };
    await Promise.all([cloud.ok('account', 'saveBrand', a, TEST_HQ), cloud.ok('account', 'saveBrand', b, TEST_HQ)]);
    const now = await cloud.ok('account', 'brand', {}, newOpenid());
    const picked = now.name === a.name ? a : b;
    expect(now).toMatchObject(picked);
  });
});

describe('store locations and the nearest stores', () => {
  let ids: Record<'sh' | 'hz' | 'cd' | 'pd', string>;
  beforeAll(async () => {
    ids = {
      sh: await storeAt(cloud, '近邻·上海店', PLACES.shanghai),
      hz: await storeAt(cloud, '近邻·杭州店', PLACES.hangzhou),
      cd: await storeAt(cloud, '近邻·成都店', PLACES.chengdu),
      pd: await storeAt(cloud, '近邻·浦东店'),
    };
    // A store without a location is never offered; placed later, it is.
    await storeAt(cloud, '近邻·无坐标店');
  });

  it('answers the three nearest stores in three cities, nearest first, with metres', async () => {
    const visitor = { lat: 30.25, lng: 120.14 };
    const { stores } = await cloud.ok('account', 'nearestStores', visitor, newOpenid('o_visitor'));
    expect(stores.map((s) => s.storeId)).toEqual([ids.hz, ids.sh, ids.cd]);
    expect(stores.map((s) => s.distanceM)).toEqual(
      [PLACES.hangzhou, PLACES.shanghai, PLACES.chengdu].map((p) => Math.round(metres(visitor, p))),
    );
    expect(stores[0]).toMatchObject({ name: '近邻·杭州店' });
    expect(stores[0]?.distanceM).toBeLessThan(5_000);

    const fromChengdu = await cloud.ok('account', 'nearestStores', { lat: 30.6, lng: 104.0 }, newOpenid());
    expect(fromChengdu.stores.map((s) => s.storeId)).toEqual([ids.cd, ids.hz, ids.sh]);
  });

  it('places a store from the editor, moves it, and clears it', async () => {
    const placed = await cloud.ok('account', 'updateStore', { storeId: ids.pd, location: PLACES.pudong }, TEST_HQ);
    expect(placed.location).toEqual(PLACES.pudong);
    const [doc] = cloud.cloud.engine.findDocs('stores', { _id: ids.pd });
    expect(doc?.location).toEqual({ type: 'Point', coordinates: [PLACES.pudong.lng, PLACES.pudong.lat] });
    const listed = (await cloud.ok('account', 'listStores', {}, TEST_HQ)).stores.find((s) => s.id === ids.pd);
    expect(listed?.location).toEqual(PLACES.pudong);

    // Next to Pudong, it is now the nearest; only three are answered.
    const near = await cloud.ok('account', 'nearestStores', { lat: 31.22, lng: 121.55 }, newOpenid());
    expect(near.stores.map((s) => s.storeId)).toEqual([ids.pd, ids.sh, ids.hz]);

    await cloud.ok('account', 'updateStore', { storeId: ids.pd, location: null }, TEST_HQ);
    expect(cloud.cloud.engine.findDocs('stores', { _id: ids.pd })[0]).not.toHaveProperty('location');
    const after = await cloud.ok('account', 'nearestStores', { lat: 31.22, lng: 121.55 }, newOpenid());
    expect(after.stores.map((s) => s.storeId)).toEqual([ids.sh, ids.hz, ids.cd]);
  });
});

describe('a visitor who picked a store', () => {
  it('goes to the least-loaded active guide of that store, not of the first store', async () => {
    const first = await storeAt(cloud, '挑店·最早的店', PLACES.shanghai);
    await cloud.makeGuide(first, '最早店导购');
    const picked = await storeAt(cloud, '挑店·被选的店', PLACES.hangzhou);
    const busy = await cloud.makeGuide(picked, '忙导购');
    const idle = await cloud.makeGuide(picked, '闲导购');
    const gone = await cloud.makeGuide(picked, '已离职');
    await cloud.deactivateGuide(gone.openid);
    await cloud.makeMember(busy.openid);
    await cloud.makeMember(busy.openid);

    const join = async () => {
      const openid = newOpenid('o_pick');
      const data = await cloud.ok(
        'account',
        'registerMember',
        { name: '选店会员', storeId: picked, consent: CONSENT },
        openid,
      );
      const [doc] = cloud.cloud.engine.findDocs('users', { _id: openid });
      expect(doc).toMatchObject({ storeId: picked, guideOpenid: data.guideOpenid });
      return data.guideOpenid;
    };
    // idle 0 vs busy 2: idle, idle, then level and the older guide (busy) wins the tie, then idle.
    const assigned = [await join(), await join(), await join(), await join()];
    expect(assigned).toEqual([idle.openid, idle.openid, busy.openid, idle.openid]);
    expect(assigned).not.toContain(gone.openid);
  });

  it('joins a picked store that has no active guide yet, without a guide', async () => {
    const empty = await storeAt(cloud, '挑店·还没导购', PLACES.chengdu);
    const openid = newOpenid('o_pick');
    const data = await cloud.ok(
      'account',
      'registerMember',
      { name: '先到的会员', storeId: empty, consent: CONSENT },
      openid,
    );
    expect(data).toEqual({ role: 'customer', referral: 'none' });
    expect(cloud.cloud.engine.findDocs('users', { _id: openid })[0]).toMatchObject({ storeId: empty });
  });

  it("lets a guide's share decide over a picked store", async () => {
    const store = await storeAt(cloud, '挑店·分享人的店');
    const sharer = await cloud.makeGuide(store);
    const other = await storeAt(cloud, '挑店·另一家');
    await cloud.makeGuide(other);
    const openid = newOpenid('o_pick');
    const shareToken = await cloud.openInvitation(sharer.openid, openid);
    const data = await cloud.ok(
      'account',
      'registerMember',
      { name: '被分享来的', shareToken, storeId: other, consent: CONSENT },
      openid,
    );
    expect(data).toMatchObject({ guideOpenid: sharer.openid, referral: 'credited' });
  });
});

describe('invitations', () => {
  it('refuses an invitation past its expiry and writes nothing', async () => {
    const storeId = await storeAt(cloud, '邀请·过期店');
    const code = await cloud.makeInvite(storeId);
    const [invite] = cloud.cloud.engine.findDocs('invites', { _id: code });
    expect(invite?.expiresAt).toBeGreaterThan(Date.now());
    // The same invitation as time leaves it: made eight days ago, expired one day ago.
    const stale = 'STAGE234';
    cloud.cloud.engine.insertDoc('invites', {
      ...invite,
      _id: stale,
      createdAt: Date.now() - 8 * 86_400_000,
      expiresAt: Date.now() - 86_400_000,
    });
    const before = cloud.snapshot();
    expect(await cloud.call('account', 'redeemInvite', { code: stale, name: '迟到的人' }, newOpenid())).toEqual({
      ok: false,
      error: { code: 'FAILED_PRECONDITION', message: '邀请码已过期，请联系总部重新获取' },
    });
    expect(cloud.snapshot()).toBe(before);
  });

  it('lets one of two visitors redeeming one code at the same moment become the guide', async () => {
    const storeId = await storeAt(cloud, '邀请·双人抢码店');
    for (let round = 0; round < 5; round++) {
      const code = await cloud.makeInvite(storeId);
      const [a, b] = [newOpenid('o_twin'), newOpenid('o_twin')];
      const replies = await Promise.all([
        cloud.call('account', 'redeemInvite', { code, name: '甲' }, a),
        cloud.call('account', 'redeemInvite', { code, name: '乙' }, b),
      ]);
      expect(replies.filter((r) => r.ok)).toHaveLength(1);
      const loser = replies.find((r) => !r.ok);
      expect(loser).toEqual({ ok: false, error: { code: 'FAILED_PRECONDITION', message: '邀请码已被使用' } });
      const winner = replies[0]?.ok ? a : b;
      expect(cloud.cloud.engine.findDocs('invites', { _id: code })[0]).toMatchObject({ usedBy: winner });
      expect(cloud.cloud.engine.findDocs('users', { _id: { $in: [a, b] } })).toHaveLength(1);
    }
  });

  it('re-invites with a fresh code for the store while the used one stays refused', async () => {
    const storeId = await storeAt(cloud, '邀请·重新邀请店');
    const first = await cloud.makeInvite(storeId);
    dataOf(await cloud.call('account', 'redeemInvite', { code: first, name: '第一位' }, newOpenid()));
    const again = await cloud.makeInvite(storeId);
    expect(again).not.toBe(first);
    const joiner = newOpenid();
    expect(await cloud.ok('account', 'redeemInvite', { code: again, name: '第二位' }, joiner)).toEqual({
      role: 'guide',
      storeId,
    });
    expect((await cloud.call('account', 'redeemInvite', { code: first, name: '第三位' }, newOpenid())).ok).toBe(false);
  });
});
