/**
 * Holidays HQ lists and guides' own scripts, through the local cloud: on a listed day the morning
 * list greets the guide's customers with the holiday scene's script; a guide's own scripts of an
 * item's scene come filled for the customer like HQ's.
 */
import type { Reply } from '@core/errors';
import { dayKey } from '@server/ledger/calendar';
import { dataOf, TEST_HQ, useLocalCloud } from '../support/local-cloud';
import { backdate, docsOf } from './insight-helpers';

jest.setTimeout(30_000);
const cloud = useLocalCloud();
const insight = cloud.client('insight');
const DAY = 86_400_000;

async function fireMorning() {
  const firing = await cloud.cloud.timers.fire('insight', 'makeWorklists', Date.now());
  if (!firing.ok) throw new Error(`timer failed: ${firing.error}`);
  return dataOf(firing.result as Reply<{ made: number }>);
}

/** A member who joined long ago and was never seen: no reason of their own on an ordinary day. */
async function quietMember(guide: string, name: string) {
  const m = await cloud.makeMember(guide, name);
  backdate(cloud, 'users', m.openid, { createdAt: Date.now() - 90 * DAY });
  for (const v of docsOf(cloud, 'visits', { viewer: m.openid }))
    backdate(cloud, 'visits', String(v._id), { openedAt: Date.now() - 7 * DAY });
  return m.openid;
}

describe('holidays', () => {
  it('HQ keeps the list in date order; the morning of a listed day greets with the filled holiday script', async () => {
    const today = dayKey(Date.now());
    const saved = await insight.ok(
      'setHolidays',
      {
        holidays: [
          { day: '2099-12-25', name: '圣诞节' },
          { day: today, name: '店庆日' },
        ],
      },
      TEST_HQ,
    );
    expect(saved.holidays.map((h) => h.day)).toEqual([today, '2099-12-25']);
    expect(await insight.ok('holidays', {}, TEST_HQ)).toEqual(saved);
    await insight.ok('saveScript', { scene: 'holiday', title: '节日', text: '{称呼}，{导购}祝您店庆快乐！' }, TEST_HQ);

    const guide = await cloud.makeGuide(undefined, '导购小林');
    const member = await quietMember(guide.openid, '王女士');
    await fireMorning();
    const [item, ...rest] = (await insight.ok('worklist', {}, guide.openid)).items;
    expect(rest).toEqual([]);
    expect(item).toMatchObject({
      openid: member,
      reasonKind: 'holiday',
      reason: '今天是店庆日，送上节日问候',
      script: '王女士，导购小林祝您店庆快乐！',
    });
  });

  it('an ordinary day brings no greeting', async () => {
    await insight.ok('setHolidays', { holidays: [{ day: '2099-12-25', name: '圣诞节' }] }, TEST_HQ);
    const guide = await cloud.makeGuide();
    await quietMember(guide.openid, '李先生');
    await fireMorning();
    expect((await insight.ok('worklist', {}, guide.openid)).items).toEqual([]);
  });
});

describe("a guide's own scripts", () => {
  it('come with the item of their scene, filled for the customer', async () => {
    const guide = await cloud.makeGuide(undefined, '导购小周');
    await insight.ok(
      'saveScript',
      { scene: 'welcome', title: '我的欢迎', text: '{称呼}您好，我是{导购}～' },
      guide.openid,
    );
    await insight.ok('saveScript', { scene: 'holiday', title: '别的场景', text: '{称呼}节日快乐' }, guide.openid);
    // A member who joined today: the welcome reason.
    await cloud.makeMember(guide.openid, '新朋友');
    const [item] = (await insight.ok('worklist', {}, guide.openid)).items;
    expect(item?.reasonKind).toBe('welcome');
    expect(item?.ownScripts).toEqual([{ title: '我的欢迎', script: '新朋友您好，我是导购小周～' }]);
  });
});
