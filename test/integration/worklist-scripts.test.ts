/**
 * The script library through the local cloud: HQ's scripts by scene are what the worklist fills,
 * guides keep their own, and every script passes the text checks posts pass.
 */
import { dayKey } from '@server/ledger/calendar';
import type { Reply } from '@core/errors';
import { TEST_HQ, useLocalCloud } from '../support/local-cloud';
import { backdate, docsOf, openShare, seedPost } from './insight-helpers';

jest.setTimeout(30_000);
const cloud = useLocalCloud();
const insight = cloud.client('insight');

const codeOf = (r: Reply<unknown>) => (r.ok ? 'ok' : r.error.code);

describe('the script library', () => {
  it("fills HQ's newest script of the scene into the worklist", async () => {
    await insight.ok(
      'saveScript',
      { scene: 'afterReading', title: '阅读后', text: '{称呼}您好，{文章}里的新品到店了，{导购}给您留了试用装～' },
      TEST_HQ,
    );
    const guide = await cloud.makeGuide(undefined, '导购阿宁');
    const reader = (await cloud.makeMember(guide.openid, '周女士')).openid;
    backdate(cloud, 'users', reader, { createdAt: Date.now() - 90 * 86_400_000 });
    const postId = seedPost(cloud, { title: '玫瑰精华水' });
    const { visitId } = await openShare(cloud, guide.openid, postId, reader);
    backdate(cloud, 'visits', visitId!, { openedAt: Date.now() - 100_000 });
    await insight.ok('endVisit', { visitId: visitId!, seconds: 80 }, reader);

    const firing = await cloud.cloud.timers.fire('insight', 'makeWorklists');
    if (!firing.ok) throw new Error(firing.error);
    const { items } = await insight.ok('worklist', {}, guide.openid);
    expect(items.find((i) => i.openid === reader)?.script).toBe(
      '周女士您好，《玫瑰精华水》里的新品到店了，导购阿宁给您留了试用装～',
    );
    expect(docsOf(cloud, 'worklist_items', { customer: reader, day: dayKey(Date.now()) })).toHaveLength(1);
  });

  it('refuses absolute words, unknown placeholders and text msgSecCheck flags, writing nothing', async () => {
    const cases = [
      { scene: 'welcome', title: '欢迎', text: '{称呼}，我们是全网最好的门店' },
      { scene: 'welcome', title: '欢迎', text: '{名字}，欢迎加入' },
      { scene: 'welcome', title: '欢迎', text: '{称呼}，加微信领红包' },
    ] as const;
    const codes = [];
    for (const input of cases) {
      const before = cloud.snapshot();
      codes.push(codeOf(await insight.call('saveScript', input, TEST_HQ)));
      expect(cloud.snapshot()).toBe(before);
    }
    expect(codes).toEqual(['INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'FAILED_PRECONDITION']);
    // Time words are not rank claims.
    expect(
      codeOf(
        await insight.call('saveScript', { scene: 'reengagement', title: '回访', text: '{称呼}，最近好吗？' }, TEST_HQ),
      ),
    ).toBe('ok');
  });

  it("lets a guide keep their own scripts, never edit HQ's or another guide's", async () => {
    const guide = await cloud.makeGuide();
    const other = await cloud.makeGuide();
    const { id: mine } = await insight.ok(
      'saveScript',
      { scene: 'holiday', title: '中秋', text: '{称呼}，中秋快乐！' },
      guide.openid,
    );
    const { id: hq } = await insight.ok(
      'saveScript',
      { scene: 'holiday', title: '国庆', text: '{称呼}，国庆快乐！' },
      TEST_HQ,
    );
    const seen = await insight.ok('scripts', {}, guide.openid);
    expect(seen.scripts.filter((s) => s.owner === 'mine').map((s) => s.id)).toEqual([mine]);
    expect(seen.scripts.some((s) => s.id === hq && s.owner === 'hq')).toBe(true);
    expect((await insight.ok('scripts', {}, other.openid)).scripts.some((s) => s.id === mine)).toBe(false);
    expect((await insight.ok('scripts', {}, TEST_HQ)).scripts.some((s) => s.id === mine)).toBe(false);

    const before = cloud.snapshot();
    const edit = { id: hq, scene: 'holiday', title: '改', text: '改了' } as const;
    expect(codeOf(await insight.call('saveScript', edit, guide.openid))).toBe('NOT_FOUND');
    expect(codeOf(await insight.call('deleteScript', { id: mine }, other.openid))).toBe('NOT_FOUND');
    expect(codeOf(await insight.call('deleteScript', { id: mine }, TEST_HQ))).toBe('NOT_FOUND');
    expect(cloud.snapshot()).toBe(before);

    await insight.ok(
      'saveScript',
      { id: mine, scene: 'holiday', title: '中秋', text: '{称呼}，团圆快乐！' },
      guide.openid,
    );
    expect((await insight.ok('scripts', {}, guide.openid)).scripts.find((s) => s.id === mine)?.text).toBe(
      '{称呼}，团圆快乐！',
    );
    expect(await insight.ok('deleteScript', { id: mine }, guide.openid)).toEqual({ id: mine });
  });
});
