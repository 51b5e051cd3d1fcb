/**
 * Bad inputs to every account action, through the /fn bridge: each answered with the right code,
 * and the database exactly as it was (engine.snapshot() before and after).
 */
import { CONTRACTS, type ActionOf } from '@core/contracts';
import { CONSENT_REQUIRED } from '@core/contracts/account';
import type { ErrorCode } from '@core/errors';
import { CONSENT, dataOf, newOpenid, TEST_HQ, useLocalCloud } from '../support/local-cloud';

const cloud = useLocalCloud();

type Action = ActionOf<'account'>;
interface World {
  storeId: string;
  storeName: string;
  guide: string;
  member: string;
  usedCode: string;
  expiredCode: string;
  /** The guide's invitation token. */
  shareToken: string;
}
interface Case {
  action: Action;
  label: string;
  input: (w: World) => Record<string, unknown>;
  code: ErrorCode;
  /** The caller; default HQ for HQ actions and a fresh visitor otherwise. */
  as?: (w: World) => string;
  message?: string | RegExp;
}

/** Actions only HQ may call, from the contract, so a new HQ action is exercised as HQ. */
const HQ_ACTIONS: ReadonlySet<Action> = new Set(
  (Object.keys(CONTRACTS.account.actions) as Action[]).filter((a) => {
    const roles: readonly string[] = CONTRACTS.account.actions[a].roles;
    return roles.length === 1 && roles[0] === 'hq';
  }),
);

/** A caller the action admits, so the input is what gets refused: HQ, a visitor, else a member or guide. */
function defaultCaller(action: Action): string {
  if (HQ_ACTIONS.has(action)) return TEST_HQ;
  const roles: readonly string[] = CONTRACTS.account.actions[action].roles;
  if (roles.includes('visitor')) return newOpenid('o_visitor');
  return roles.includes('customer') ? world.member : world.guide;
}

let world: World;
beforeAll(async () => {
  const storeName = '输入校验门店';
  const storeId = await cloud.makeStore(storeName);
  const guide = await cloud.makeGuide(storeId);
  const member = await cloud.makeMember(guide.openid);
  const usedCode = await cloud.makeInvite(storeId);
  dataOf(await cloud.call('account', 'redeemInvite', { code: usedCode, name: '已用' }, newOpenid()));
  // An invite from eight days ago: data set up directly, the way time would have left it.
  const expiredCode = 'EXPRD234';
  const eightDaysAgo = Date.now() - 8 * 24 * 3600 * 1000;
  cloud.cloud.engine.insertDoc('invites', {
    _id: expiredCode,
    storeId,
    role: 'guide',
    createdAt: eightDaysAgo,
    expiresAt: eightDaysAgo + 7 * 24 * 3600 * 1000,
    createdBy: TEST_HQ,
  });
  const { shareToken } = await cloud.ok('insight', 'shareLink', {}, guide.openid);
  world = { storeId, storeName, guide: guide.openid, member: member.openid, usedCode, expiredCode, shareToken };
});

/** Valid input per action; cases below spoil one field at a time. */
const VALID: Record<Action, (w: World) => Record<string, unknown>> = {
  whoami: () => ({}),
  listStores: () => ({}),
  createStore: () => ({
    name: '新门店',
    city: '上海',
    address: '南京西路 1 号',
    location: { lat: 31.23, lng: 121.47 },
  }),
  updateStore: (w) => ({
    storeId: w.storeId,
    name: '改名后的门店',
    city: '杭州',
    address: '湖滨路 2 号',
    location: { lat: 30.27, lng: 120.15 },
  }),
  createInvite: (w) => ({ storeId: w.storeId, role: 'guide' }),
  redeemInvite: () => ({ code: 'ABCDEFGH', name: '新导购' }),
  registerMember: (w) => ({ name: '新会员', shareToken: w.shareToken, consent: CONSENT }),
  deleteMyData: () => ({ requestId: 'del_req_0001' }),
  listGuides: (w) => ({ storeId: w.storeId }),
  setGuideActive: (w) => ({ openid: w.guide, active: true }),
  transferCustomers: (w) => ({ fromGuide: w.guide, toGuide: w.member }),
  brand: () => ({}),
  saveBrand: () => ({
    name: '新品牌',
    shortName: '新牌',
    themeColor: '#3366ff',
    pointsName: '茶豆',
    servicePhone: '400-820-1234',
  }),
  nearestStores: () => ({ lat: 31.23, lng: 121.47 }),
  memberCode: () => ({}),
};

const HUGE = 'x'.repeat(200_000);
const ODD_TEXT: [string, string, RegExp][] = [
  ['empty', '', /不能为空/],
  ['only spaces', '   \n ', /不能为空/],
  ['a right-to-left override', '店\u202e名', /不可见字符/],
  ['a zero-width space', '店\u200b名', /不可见字符/],
  ['a byte-order mark inside', '店\ufeff名', /不可见字符/],
  ['a lone surrogate', '店\ud800名', /无法识别/],
  ['a control character', '店\u0007名', /控制字符/],
];
const WRONG_TYPES: [string, unknown][] = [
  ['a number', 42],
  ['null', null],
  ['an array', ['a']],
  ['an object', { a: 1 }],
  ['a boolean', true],
];

const cases: Case[] = [];
const add = (action: Action, label: string, input: Case['input'], code: ErrorCode, extra: Partial<Case> = {}) =>
  cases.push({ action, label, input, code, ...extra });

/** Text fields and their caps, for the generic text cases. */
const TEXT_FIELDS: [Action, string, number][] = [
  ['createStore', 'name', 30],
  ['createStore', 'city', 20],
  ['createStore', 'address', 100],
  ['updateStore', 'name', 30],
  ['updateStore', 'city', 20],
  ['updateStore', 'address', 100],
  ['redeemInvite', 'name', 20],
  ['registerMember', 'name', 20],
  ['saveBrand', 'name', 20],
  ['saveBrand', 'shortName', 10],
  ['saveBrand', 'pointsName', 6],
];

/** Optional fields: leaving one out is valid input, so there is no "missing" case for it. */
function fieldIsOptional(action: Action, field: string): boolean {
  return (
    (action === 'createStore' && (field === 'city' || field === 'address' || field === 'location')) ||
    (action === 'saveBrand' && (field === 'logo' || field === 'servicePhone')) ||
    (action === 'updateStore' && field !== 'storeId') ||
    (action === 'registerMember' && field === 'shareToken') ||
    (action === 'listGuides' && field === 'storeId')
  );
}

/** Fields where null is valid input (updateStore clears a city or an address with it). */
function fieldIsNullable(action: Action, field: string): boolean {
  return (
    (action === 'updateStore' && (field === 'city' || field === 'address' || field === 'location')) ||
    (action === 'saveBrand' && (field === 'logo' || field === 'servicePhone'))
  );
}

/** Required fields whose absence is explained in a sentence of its own. */
const MISSING_MESSAGES: Record<string, string> = { 'registerMember.consent': CONSENT_REQUIRED };

for (const action of Object.keys(VALID) as Action[]) {
  // Field names and the type of a valid value, from a placeholder world (inputs are built per test).
  const sample = VALID[action]({
    storeId: 'sto_aaaaaaaa',
    storeName: '',
    guide: 'o_aaaaaa',
    member: '',
    usedCode: '',
    expiredCode: '',
    shareToken: 'AAAAAAAAAAAAAAAAA',
  });
  const fields = Object.keys(sample);
  // The injection this whole layer exists for, in every field, and as a top-level key.
  for (const field of fields) {
    add(action, `{"$ne": ""} in ${field}`, (w) => ({ ...VALID[action](w), [field]: { $ne: '' } }), 'INVALID_ARGUMENT', {
      message: /不允许的字段/,
    });
    add(
      action,
      `{"$gt": null} nested in a list in ${field}`,
      (w) => ({ ...VALID[action](w), [field]: [{ $gt: null }] }),
      'INVALID_ARGUMENT',
    );
    if (!fieldIsOptional(action, field)) {
      add(
        action,
        `missing ${field}`,
        (w) => {
          const input = { ...VALID[action](w) };
          delete input[field];
          return input;
        },
        'INVALID_ARGUMENT',
        { message: `${field}：${MISSING_MESSAGES[`${action}.${field}`] ?? '必填'}` },
      );
    }
    for (const [what, value] of WRONG_TYPES) {
      if (typeof value === typeof sample[field] && Array.isArray(value) === Array.isArray(sample[field])) continue;
      if (value === null && fieldIsNullable(action, field)) continue;
      add(action, `${what} as ${field}`, (w) => ({ ...VALID[action](w), [field]: value }), 'INVALID_ARGUMENT');
    }
  }
  add(action, 'a top-level $where', (w) => ({ ...VALID[action](w), $where: 'true' }), 'INVALID_ARGUMENT');
  add(action, 'an extra field', (w) => ({ ...VALID[action](w), isAdmin: true }), 'INVALID_ARGUMENT', {
    message: '不支持的字段：isAdmin',
  });
  add(action, 'an _id field', (w) => ({ ...VALID[action](w), _id: 'x' }), 'INVALID_ARGUMENT');
  add(action, 'a 200 kB string', (w) => ({ ...VALID[action](w), padding: HUGE }), 'INVALID_ARGUMENT', {
    message: '输入内容过大',
  });
}

for (const [action, field, max] of TEXT_FIELDS) {
  for (const [what, value, message] of ODD_TEXT) {
    add(action, `${field} with ${what}`, (w) => ({ ...VALID[action](w), [field]: value }), 'INVALID_ARGUMENT', {
      message,
    });
  }
  add(
    action,
    `${field} one character too long`,
    (w) => ({ ...VALID[action](w), [field]: '长'.repeat(max + 1) }),
    'INVALID_ARGUMENT',
    {
      message: `${field}：最多 ${max} 个字`,
    },
  );
}

// Names others see pass WeChat's msgSecCheck before anything is written; the words are the local
// cloud's (host/openapi/sensitive-words.ts): one it calls risky, one it sends to review.
const CHECKED_NAMES: [Action, string][] = [
  ['createStore', 'name'],
  ['updateStore', 'name'],
  ['redeemInvite', 'name'],
  ['registerMember', 'name'],
  ['saveBrand', 'name'],
  ['saveBrand', 'shortName'],
  ['saveBrand', 'pointsName'],
];
for (const [action, field] of CHECKED_NAMES) {
  for (const word of ['刷单', '卧槽']) {
    add(
      action,
      `${field} the content check refuses (${word})`,
      (w) => ({ ...VALID[action](w), [field]: word }),
      'INVALID_ARGUMENT',
      {
        message: /未通过内容安全检测，请换一个$/,
      },
    );
  }
}

// Action-specific refusals.
add('createStore', 'a name that exists', (w) => ({ name: ` ${w.storeName} ` }), 'ALREADY_EXISTS');
add('updateStore', 'nothing to change', (w) => ({ storeId: w.storeId }), 'INVALID_ARGUMENT', {
  message: /请至少修改一项/,
});
add('updateStore', 'an unknown store', () => ({ storeId: 'sto_doesnotexist', name: '某店' }), 'NOT_FOUND', {
  message: '门店不存在',
});
add('createInvite', 'a malformed store id', () => ({ storeId: 'store-1', role: 'guide' }), 'INVALID_ARGUMENT');
add('createInvite', 'an unknown store', () => ({ storeId: 'sto_doesnotexist', role: 'guide' }), 'NOT_FOUND', {
  message: '门店不存在',
});
add('createInvite', 'an invite for HQ', (w) => ({ storeId: w.storeId, role: 'hq' }), 'INVALID_ARGUMENT');
add('redeemInvite', 'a short code', () => ({ code: 'ABC', name: '某人' }), 'INVALID_ARGUMENT', {
  message: 'code：格式不正确',
});
add('redeemInvite', 'a code with a look-alike 0', () => ({ code: 'ABCDEFG0', name: '某人' }), 'INVALID_ARGUMENT');
add('redeemInvite', 'an unknown code', () => ({ code: 'ZZZZZZZZ', name: '某人' }), 'NOT_FOUND');
add('redeemInvite', 'a used code', (w) => ({ code: w.usedCode, name: '某人' }), 'FAILED_PRECONDITION', {
  message: '邀请码已被使用',
});
add('redeemInvite', 'an expired code', (w) => ({ code: w.expiredCode, name: '某人' }), 'FAILED_PRECONDITION', {
  message: /已过期/,
});
add('registerMember', 'a malformed share token', () => ({ name: '某人', shareToken: 'a b' }), 'INVALID_ARGUMENT', {
  message: 'shareToken：格式不正确',
});
add(
  'registerMember',
  'a share token of 16 characters',
  () => ({ name: '某人', shareToken: 'A'.repeat(16), consent: CONSENT }),
  'INVALID_ARGUMENT',
  { message: 'shareToken：格式不正确' },
);
add(
  'registerMember',
  'a referrer named by openid (the server decides who referred)',
  (w) => ({ name: '某人', referrer: w.guide, consent: CONSENT }),
  'INVALID_ARGUMENT',
  { message: '不支持的字段：referrer' },
);
add(
  'registerMember',
  'a sharer named by openid',
  (w) => ({ name: '某人', shareToken: w.shareToken, sharer: w.guide, consent: CONSENT }),
  'INVALID_ARGUMENT',
  { message: '不支持的字段：sharer' },
);
add(
  'registerMember',
  'an agreement to an older version of the terms',
  () => ({ name: '某人', consent: { version: '2020-01-01' } }),
  'FAILED_PRECONDITION',
  { message: /已更新，请重新阅读并同意/ },
);
add('registerMember', 'an agreement without a version', () => ({ name: '某人', consent: {} }), 'INVALID_ARGUMENT', {
  message: 'consent.version：必填',
});
add('registerMember', 'an agreement given as true', () => ({ name: '某人', consent: true }), 'INVALID_ARGUMENT');
add('deleteMyData', 'a short requestId', () => ({ requestId: 'abc' }), 'INVALID_ARGUMENT', {
  as: (w) => w.member,
  message: 'requestId：格式不正确',
});
add('deleteMyData', 'no requestId, as a member', () => ({}), 'INVALID_ARGUMENT', { as: (w) => w.member });
add('listGuides', 'an unknown store', () => ({ storeId: 'sto_doesnotexist' }), 'NOT_FOUND');
add('setGuideActive', 'an unknown guide', () => ({ openid: 'o_nobody_here', active: false }), 'NOT_FOUND', {
  message: '导购不存在',
});
add('setGuideActive', 'a member instead of a guide', (w) => ({ openid: w.member, active: false }), 'NOT_FOUND');
add('setGuideActive', '"yes" for active', (w) => ({ openid: w.guide, active: 'yes' }), 'INVALID_ARGUMENT');

add(
  'createStore',
  'a latitude beyond the pole',
  () => ({ name: '极地店', location: { lat: 91, lng: 0 } }),
  'INVALID_ARGUMENT',
);
add(
  'createStore',
  'a location without longitude',
  () => ({ name: '半点店', location: { lat: 30 } }),
  'INVALID_ARGUMENT',
);
add(
  'updateStore',
  'a location with an extra altitude',
  (w) => ({ storeId: w.storeId, location: { lat: 30, lng: 120, alt: 10 } }),
  'INVALID_ARGUMENT',
);
add(
  'updateStore',
  'coordinates as strings',
  (w) => ({ storeId: w.storeId, location: { lat: '30', lng: '120' } }),
  'INVALID_ARGUMENT',
);
add('nearestStores', 'a longitude beyond 180', () => ({ lat: 30, lng: 181 }), 'INVALID_ARGUMENT');
add('nearestStores', 'a latitude below -90', () => ({ lat: -90.5, lng: 120 }), 'INVALID_ARGUMENT');
add(
  'registerMember',
  'a picked store that does not exist',
  () => ({ name: '某人', storeId: 'sto_doesnotexist', consent: CONSENT }),
  'NOT_FOUND',
  { message: '所选门店不存在，请重新选择' },
);
add(
  'registerMember',
  'a malformed picked store',
  () => ({ name: '某人', storeId: '../x', consent: CONSENT }),
  'INVALID_ARGUMENT',
);
add('saveBrand', 'a colour name', (w) => ({ ...VALID.saveBrand(w), themeColor: 'red' }), 'INVALID_ARGUMENT', {
  message: 'themeColor：格式不正确',
});
add('saveBrand', 'a short hex colour', (w) => ({ ...VALID.saveBrand(w), themeColor: '#f00' }), 'INVALID_ARGUMENT');
add(
  'saveBrand',
  'letters as the phone',
  (w) => ({ ...VALID.saveBrand(w), servicePhone: 'call me' }),
  'INVALID_ARGUMENT',
  {
    message: 'servicePhone：格式不正确',
  },
);
add(
  'saveBrand',
  'a web address as the logo',
  (w) => ({ ...VALID.saveBrand(w), logo: 'https://x.test/a.png' }),
  'INVALID_ARGUMENT',
  {
    message: 'logo：格式不正确',
  },
);
add(
  'saveBrand',
  'a logo file that was never uploaded',
  (w) => ({ ...VALID.saveBrand(w), logo: 'cloud://siyu-local.siyu/brand/none.png' }),
  'NOT_FOUND',
  { message: '标志图片不存在，请重新上传' },
);

const refused = cases;

it.each(refused.map((c) => [c.action, c.label, c.code, c] as const))(
  '%s with %s → %s, nothing written',
  async (action, _label, code, c) => {
    const as = c.as?.(world) ?? defaultCaller(action);
    const input = c.input(world);
    const before = cloud.snapshot();
    const reply = await cloud.callRaw('account', { action, ...input }, as);
    expect(reply).toMatchObject({ ok: false, error: { code } });
    if (!reply.ok && c.message !== undefined) {
      if (typeof c.message === 'string') expect(reply.error.message).toBe(c.message);
      else expect(reply.error.message).toMatch(c.message);
    }
    expect(cloud.snapshot()).toBe(before);
  },
);

it('refuses events without a known action, writing nothing', async () => {
  const before = cloud.snapshot();
  for (const event of [
    {},
    { action: 'dropDatabase' },
    { action: { $ne: '' } },
    { action: ['whoami'] },
    { action: 'constructor' },
  ]) {
    const reply = await cloud.callRaw('account', event, TEST_HQ);
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  }
  expect(cloud.snapshot()).toBe(before);
});

it('accepts odd but valid text: emoji, joiners, combining marks (normalised)', async () => {
  const name = '👩‍👩‍👧 Café e\u0301 茶';
  const { storeId } = dataOf(await cloud.call('account', 'createStore', { name }, TEST_HQ));
  const [store] = cloud.cloud.engine.findDocs('stores', { _id: storeId });
  expect(store?.name).toBe(name.normalize('NFC'));
});

it('has a case for every action', () => {
  expect(new Set(refused.map((c) => c.action))).toEqual(new Set(Object.keys(VALID)));
  expect(refused.length).toBeGreaterThan(150);
});
