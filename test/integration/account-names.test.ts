/**
 * Names other people see go through WeChat's msgSecCheck before anything is written: a member's
 * 称呼 (the reader page's “X 分享给你”, posters), a guide's name, a store's and the brand's. The local
 * cloud's word list (host/openapi/sensitive-words.ts) plays WeChat's model. When the check cannot
 * answer, SIYU_CONTENT_SECURITY decides as for posts.
 */
import { withCheckDown } from '../support/check-down';
import { CONSENT, newOpenid, TEST_HQ, useLocalCloud } from '../support/local-cloud';

jest.setTimeout(60_000);

const strict = useLocalCloud();
const lenient = useLocalCloud({ functionEnv: { SIYU_CONTENT_SECURITY: 'lenient' } });

const refused = (field: string, what: string) => ({
  ok: false,
  error: {
    code: 'INVALID_ARGUMENT',
    message: `${what}未通过内容安全检测，请换一个`,
    details: { field, reason: 'content_security' },
  },
});

describe('a refused name is answered in Chinese and writes nothing', () => {
  it('joining: the 称呼', async () => {
    const visitor = newOpenid('o_visitor');
    const before = strict.snapshot();
    const reply = await strict.call('account', 'registerMember', { name: '刷单王', consent: CONSENT }, visitor);
    expect(reply).toEqual(refused('name', '称呼'));
    expect(strict.snapshot()).toBe(before);
    // The same visitor joins with another name.
    expect((await strict.ok('account', 'registerMember', { name: '小王', consent: CONSENT }, visitor)).role).toBe(
      'customer',
    );
  });

  it('redeeming an invitation: the guide name, the code left unused', async () => {
    const code = await strict.makeInvite(await strict.makeStore());
    const before = strict.snapshot();
    const reply = await strict.call('account', 'redeemInvite', { code, name: '卧槽导购' }, newOpenid('o_visitor'));
    expect(reply).toEqual(refused('name', '姓名'));
    expect(strict.snapshot()).toBe(before);
    expect((await strict.ok('account', 'redeemInvite', { code, name: '阿宁' }, newOpenid('o_visitor'))).role).toBe(
      'guide',
    );
  });

  it('renaming a store, and naming a new one', async () => {
    const storeId = await strict.makeStore();
    const before = strict.snapshot();
    expect(await strict.call('account', 'updateStore', { storeId, name: '赌博门店' }, TEST_HQ)).toEqual(
      refused('name', '门店名称'),
    );
    expect(await strict.call('account', 'createStore', { name: '裸聊店' }, TEST_HQ)).toEqual(
      refused('name', '门店名称'),
    );
    expect(strict.snapshot()).toBe(before);
  });

  it("the brand's names", async () => {
    const brand = { name: '山茶生活', shortName: '山茶', themeColor: '#3366ff', pointsName: '茶豆' };
    const before = strict.snapshot();
    for (const [field, what] of [
      ['name', '品牌名称'],
      ['shortName', '品牌简称'],
      ['pointsName', '积分名称'],
    ] as const) {
      const reply = await strict.call('account', 'saveBrand', { ...brand, [field]: '躺赚' }, TEST_HQ);
      expect(reply).toEqual(refused(field, what));
    }
    expect(strict.snapshot()).toBe(before);
  });
});

describe('the check unreachable', () => {
  it('strict: refuses to join and writes nothing', async () => {
    const before = strict.snapshot();
    const reply = await withCheckDown(strict, () =>
      strict.call('account', 'registerMember', { name: '小李', consent: CONSENT }, newOpenid('o_visitor')),
    );
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION', message: /内容安全检测暂时不可用/ },
    });
    expect(strict.snapshot()).toBe(before);
  });

  it('lenient: lets the name through', async () => {
    const visitor = newOpenid('o_visitor');
    const joined = await withCheckDown(lenient, () =>
      lenient.ok('account', 'registerMember', { name: '小李', consent: CONSENT }, visitor),
    );
    expect(joined.role).toBe('customer');
  });
});
