/**
 * Every account action × every kind of caller, through the /fn bridge. An allowed cell must
 * succeed with valid input; a refused cell must answer its code and write nothing.
 */
import type { ActionOf } from '@core/contracts';
import { CONSENT, newOpenid, useLocalCloud, type TestCloud } from '../support/local-cloud';
import { cellsOf, makeCaller, only, type RoleMatrix } from '../support/role-matrix';

const cloud = useLocalCloud();

type Action = ActionOf<'account'>;

/** A valid, fresh input per action, so an allowed call succeeds and a refused one is refused for its role only. */
const validInput: Record<Action, (c: TestCloud) => Promise<Record<string, unknown>>> = {
  whoami: () => Promise.resolve({}),
  createStore: () => Promise.resolve({ name: `矩阵门店${newOpenid('m').slice(-12)}` }),
  updateStore: async (c) => ({ storeId: await c.makeStore(), name: `改名门店${newOpenid('m').slice(-12)}` }),
  createInvite: async (c) => ({ storeId: await c.makeStore(), role: 'guide' }),
  redeemInvite: async (c) => ({ code: await c.makeInvite(await c.makeStore()), name: '新导购' }),
  registerMember: async (c) => ({
    name: '新会员',
    shareToken: (await c.ok('insight', 'shareLink', {}, (await c.makeGuide()).openid)).shareToken,
    consent: CONSENT,
  }),
  deleteMyData: () => Promise.resolve({ requestId: newOpenid('del').replace(/[^A-Za-z0-9_-]/g, '') }),
  listStores: () => Promise.resolve({}),
  listGuides: () => Promise.resolve({}),
  setGuideActive: async (c) => ({ openid: (await c.makeGuide()).openid, active: true }),
  transferCustomers: async (c) => {
    const storeId = await c.makeStore();
    const from = await c.makeGuide(storeId);
    const to = await c.makeGuide(storeId);
    return { fromGuide: from.openid, toGuide: to.openid };
  },
  brand: () => Promise.resolve({}),
  saveBrand: () => Promise.resolve({ name: '矩阵品牌', shortName: '矩阵', themeColor: '#aa3355', pointsName: '积分' }),
  nearestStores: () => Promise.resolve({ lat: 31.23, lng: 121.47 }),
  memberCode: () => Promise.resolve({}),
};

const MATRIX: RoleMatrix<'account'> = {
  // A guide who left still learns who they are (as a visitor); everyone with an openid may ask.
  whoami: only('hq', 'guide', 'customer', 'visitor', 'inactive guide'),
  createStore: only('hq'),
  updateStore: only('hq'),
  createInvite: only('hq'),
  redeemInvite: only('visitor'),
  registerMember: only('visitor'),
  // A member erases their data; a visitor's call answers `none` (or replays their own deletion).
  deleteMyData: only('customer', 'visitor'),
  listStores: only('hq'),
  listGuides: only('hq'),
  setGuideActive: only('hq'),
  transferCustomers: only('hq'),
  // The launch screen and the join page show the brand to anyone, a guide who left included.
  brand: only('hq', 'guide', 'customer', 'visitor', 'inactive guide'),
  saveBrand: only('hq'),
  nearestStores: only('hq', 'guide', 'customer', 'visitor'),
  // Only a member has points to collect at the till.
  memberCode: only('customer'),
};

const cells = cellsOf('account', MATRIX);

it('covers every action of the contract', () => {
  expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(validInput).sort());
});

it.each(cells)('%s as %s → %s', async (action, who, outcome) => {
  const openid = await makeCaller[who](cloud);
  const input = await validInput[action](cloud);
  const before = cloud.snapshot();
  const reply = await cloud.callRaw('account', { action, ...input }, openid);
  if (outcome === 'ok') {
    expect(reply).toMatchObject({ ok: true });
  } else {
    expect(reply).toMatchObject({ ok: false, error: { code: outcome } });
    expect(cloud.snapshot()).toBe(before);
  }
});

it('sends an inactive guide who calls whoami back as a visitor, not a guide', async () => {
  const openid = await makeCaller['inactive guide'](cloud);
  expect(await cloud.call('account', 'whoami', {}, openid)).toEqual({ ok: true, data: { openid, role: 'visitor' } });
});
