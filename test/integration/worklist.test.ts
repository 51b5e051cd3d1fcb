/**
 * The guide's worklist through the local cloud: made by the morning timer from reading data,
 * coupons and new members, refreshed when new data arrives, outcomes kept and reasons closed, and
 * HQ's figures of whether contacting helped.
 */
import { WORKLIST_CAP } from '@core/contracts/insight';
import { dayKey } from '@server/ledger/calendar';
import type { Reply } from '@core/errors';
import { dataOf, TEST_HQ, useLocalCloud } from '../support/local-cloud';
import { backdate, backdateVisitsOf, docsOf, openShare, seedCoupon, seedPost } from './insight-helpers';

jest.setTimeout(30_000);
const cloud = useLocalCloud();
const insight = cloud.client('insight');
const DAY = 86_400_000;

async function fire(trigger: 'makeWorklists' | 'refreshWorklists', at = Date.now()) {
  const firing = await cloud.cloud.timers.fire('insight', trigger, at);
  if (!firing.ok) throw new Error(`timer failed: ${firing.error}`);
  return dataOf(firing.result as Reply<{ made: number; remaining: number }>);
}

/** A member of `guide` who joined long ago (no welcome) and has not been seen for a week. */
async function oldMember(guide: string, name = '会员小鹿') {
  const m = await cloud.makeMember(guide, name);
  backdate(cloud, 'users', m.openid, { createdAt: Date.now() - 90 * DAY });
  // A member who came by a week ago (the invitation they joined through was opened before they
  // agreed to anything, so it is not theirs).
  await openShare(cloud, guide, seedPost(cloud), m.openid);
  backdateVisitsOf(cloud, m.openid, Date.now() - 7 * DAY);
  return m.openid;
}

/** `reader` opens the guide's share of a tagged post and reads it for `seconds`. */
async function reads(guide: string, reader: string, seconds: number, title = '春日焕新') {
  const postId = seedPost(cloud, { title });
  await insight.ok('setPostTags', { postId, tags: ['护肤'] }, TEST_HQ);
  const { visitId } = await openShare(cloud, guide, postId, reader);
  backdate(cloud, 'visits', visitId!, { openedAt: Date.now() - (seconds + 10) * 1000 });
  await insight.ok('endVisit', { visitId: visitId!, seconds }, reader);
  return postId;
}

describe('the morning list', () => {
  it('lists a reader of a tagged post with the reason, the goal and a filled script', async () => {
    const guide = await cloud.makeGuide(undefined, '导购小林');
    const reader = await oldMember(guide.openid, '王女士');
    const idle = await oldMember(guide.openid, '李先生');
    await reads(guide.openid, reader, 70);

    expect((await fire('makeWorklists')).made).toBeGreaterThanOrEqual(1);
    const list = await insight.ok('worklist', {}, guide.openid);
    expect(list.day).toBe(dayKey(Date.now()));
    expect(list.items.map((i) => i.openid)).toEqual([reader]);
    expect(list.items.map((i) => i.openid)).not.toContain(idle);
    expect(list.items[0]).toMatchObject({
      name: '王女士',
      reasonKind: 'read',
      tag: '护肤',
      reason: '读了《春日焕新》（护肤），共 1 分 10 秒',
      goal: '了解对「护肤」的兴趣，推荐相关产品',
      script: '王女士，看到您在看《春日焕新》，里面的内容有想进一步了解的吗？我可以详细给您介绍～',
    });
    expect(list.items[0]!.expiresAt).toBeGreaterThan(Date.now());
  });

  it('ranks a coupon about to lapse and a gift to collect above a reader, and a new member gets a welcome', async () => {
    const guide = await cloud.makeGuide();
    const reader = await oldMember(guide.openid);
    const couponHolder = await oldMember(guide.openid);
    const giftHolder = await oldMember(guide.openid);
    const newcomer = (await cloud.makeMember(guide.openid, '新会员')).openid;
    await reads(guide.openid, reader, 90);
    const coupon = seedCoupon(cloud, couponHolder, { title: '满100减20券' });
    backdate(cloud, 'coupons', coupon, { expiresAt: Date.now() + 2 * DAY });
    const gift = seedCoupon(cloud, giftHolder, { title: '保温杯' });
    backdate(cloud, 'coupons', gift, { kind: 'gift' } as unknown as Record<string, number>);

    await fire('makeWorklists');
    const { items } = await insight.ok('worklist', {}, guide.openid);
    expect(items.map((i) => [i.openid, i.reasonKind])).toEqual([
      [giftHolder, 'gift'],
      [couponHolder, 'coupon'],
      [reader, 'read'],
      [newcomer, 'welcome'],
    ]);
    expect(items[1]?.script).toContain('满100减20券');
    expect(items[3]?.script).toMatch(/^新会员，您好！/);
  });

  it(`keeps at most ${WORKLIST_CAP} customers a day`, async () => {
    const guide = await cloud.makeGuide();
    for (let i = 0; i < WORKLIST_CAP + 3; i += 1) await cloud.makeMember(guide.openid, `会员${i}`);
    await fire('makeWorklists');
    const { items } = await insight.ok('worklist', {}, guide.openid);
    expect(items).toHaveLength(WORKLIST_CAP);
    expect(docsOf(cloud, 'worklist_items', { guideOpenid: guide.openid })).toHaveLength(WORKLIST_CAP);
  });

  it('makes the list on opening when the timer has not reached the guide yet, once', async () => {
    const guide = await cloud.makeGuide();
    const reader = await oldMember(guide.openid);
    await reads(guide.openid, reader, 65);
    const first = await insight.ok('worklist', {}, guide.openid);
    expect(first.items.map((i) => i.openid)).toEqual([reader]);
    await fire('makeWorklists');
    expect(docsOf(cloud, 'worklist_items', { guideOpenid: guide.openid })).toHaveLength(1);
  });
});

describe('outcomes', () => {
  it('takes a contacted item off the list and never suggests that reason again', async () => {
    const guide = await cloud.makeGuide();
    const reader = await oldMember(guide.openid);
    await reads(guide.openid, reader, 70);
    await fire('makeWorklists');
    const [item] = (await insight.ok('worklist', {}, guide.openid)).items;
    expect(await insight.ok('worklistOutcome', { id: item!.id, outcome: 'contacted' }, guide.openid)).toEqual({
      id: item!.id,
      outcome: 'contacted',
    });
    // A retried tap answers the same.
    await insight.ok('worklistOutcome', { id: item!.id, outcome: 'contacted' }, guide.openid);
    const after = await insight.ok('worklist', {}, guide.openid);
    expect(after.items).toEqual([]);
    expect(after.done).toBe(1);

    // Tomorrow the same read is still within 48 hours, and is not suggested again.
    const tomorrow = Date.now() + DAY;
    await fire('makeWorklists', tomorrow);
    expect(
      docsOf(cloud, 'worklist_items', { guideOpenid: guide.openid, day: dayKey(tomorrow) }).map((d) => d.customer),
    ).toEqual([]);
  });

  it('puts "later" off today only, and refuses to change a decided item or touch another guide\'s', async () => {
    const guide = await cloud.makeGuide();
    const other = await cloud.makeGuide();
    const reader = await oldMember(guide.openid);
    await reads(guide.openid, reader, 70);
    await fire('makeWorklists');
    const [item] = (await insight.ok('worklist', {}, guide.openid)).items;
    const before = cloud.snapshot();
    const foreign = await insight.call('worklistOutcome', { id: item!.id, outcome: 'contacted' }, other.openid);
    expect(foreign.ok ? 'ok' : foreign.error.code).toBe('NOT_FOUND');
    expect(cloud.snapshot()).toBe(before);

    await insight.ok('worklistOutcome', { id: item!.id, outcome: 'later' }, guide.openid);
    expect((await insight.ok('worklist', {}, guide.openid)).items).toEqual([]);
    expect(docsOf(cloud, 'worklist_closed', { customer: reader })).toEqual([]);
    const tomorrow = Date.now() + DAY;
    await fire('makeWorklists', tomorrow);
    expect(docsOf(cloud, 'worklist_items', { customer: reader, day: dayKey(tomorrow) })).toHaveLength(1);

    await insight.ok('worklistOutcome', { id: item!.id, outcome: 'unfit' }, guide.openid);
    const change = await insight.call('worklistOutcome', { id: item!.id, outcome: 'contacted' }, guide.openid);
    expect(change.ok ? 'ok' : change.error.code).toBe('FAILED_PRECONDITION');
  });
});

describe("the member's data", () => {
  it('goes with a deletion: items and closed reasons naming the member are removed', async () => {
    const guide = await cloud.makeGuide();
    const reader = await oldMember(guide.openid);
    const other = await oldMember(guide.openid);
    await reads(guide.openid, reader, 70);
    await reads(guide.openid, other, 70);
    await fire('makeWorklists');
    const { items } = await insight.ok('worklist', {}, guide.openid);
    for (const i of items) await insight.ok('worklistOutcome', { id: i.id, outcome: 'contacted' }, guide.openid);
    expect(docsOf(cloud, 'worklist_closed', { customer: reader })).toHaveLength(1);

    await cloud.ok('account', 'deleteMyData', { requestId: 'del_worklist_01' }, reader);
    expect(docsOf(cloud, 'worklist_items', { customer: reader })).toEqual([]);
    expect(docsOf(cloud, 'worklist_closed', { customer: reader })).toEqual([]);
    expect(docsOf(cloud, 'worklist_items', { customer: other })).toHaveLength(1);
  });
});

describe('refresh on new data', () => {
  it('adds a reader who read after the morning list, keeping handled items', async () => {
    const guide = await cloud.makeGuide();
    const early = await oldMember(guide.openid);
    const late = await oldMember(guide.openid);
    await reads(guide.openid, early, 70);
    await fire('makeWorklists');
    const [first] = (await insight.ok('worklist', {}, guide.openid)).items;
    await insight.ok('worklistOutcome', { id: first!.id, outcome: 'contacted' }, guide.openid);

    await reads(guide.openid, late, 120, '夏日防晒');
    expect((await fire('refreshWorklists')).made).toBeGreaterThanOrEqual(1);
    const { items, done } = await insight.ok('worklist', {}, guide.openid);
    expect(items.map((i) => [i.openid, i.reasonKind])).toEqual([[late, 'read']]);
    expect(items[0]?.reason).toContain('《夏日防晒》');
    expect(done).toBe(1);
  });
});

describe('does it help', () => {
  it('counts contacted items followed by a purchase award against items not contacted', async () => {
    const store = await cloud.makeStore();
    const guide = await cloud.makeGuide(store);
    const contacted = await oldMember(guide.openid);
    const ignored = await oldMember(guide.openid);
    await reads(guide.openid, contacted, 70);
    await reads(guide.openid, ignored, 70);
    await fire('makeWorklists');
    const { items } = await insight.ok('worklist', {}, guide.openid);
    const mine = items.find((i) => i.openid === contacted)!;
    await insight.ok('worklistOutcome', { id: mine.id, outcome: 'contacted' }, guide.openid);
    // The points domain records a purchase in store (agreed shape), an hour after the contact.
    cloud.cloud.engine.insertDoc('purchase_awards', {
      _id: 'paw_test0001',
      requestId: 'req_test0001',
      memberOpenid: contacted,
      guideOpenid: guide.openid,
      storeId: store,
      amountFen: 19900,
      points: 199,
      createdAt: new Date(Date.now() + 3_600_000),
    });
    const today = dayKey(Date.now());
    const byGuide = await insight.ok('worklistFigures', { from: today, to: today, by: 'guide' }, TEST_HQ);
    expect(byGuide.rows.find((r) => r.id === guide.openid)).toMatchObject({
      made: 2,
      contacted: 1,
      contactedFollowed: 1,
      notContacted: 1,
      notContactedFollowed: 0,
    });
    const byStore = await insight.ok('worklistFigures', { from: today, to: today, by: 'store' }, TEST_HQ);
    expect(byStore.rows.find((r) => r.id === store)).toMatchObject({ made: 2, contacted: 1, contactedFollowed: 1 });
  });
});
