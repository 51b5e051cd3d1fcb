/**
 * Subscribe-message reminders through the local cloud: credits from acceptances, the timers that
 * queue and send, quiet hours, and racing timers that must not send past the credits.
 */
import { isQuiet } from '@server/notify';
import { TEST_HQ, useLocalCloud, type TestCloud } from '../support/local-cloud';
import { variantDoc } from '../support/documents';
import { seedPost } from './insight-helpers';

const cloud = useLocalCloud();
const insight = cloud.client('insight');

const HOUR = 3600_000;
const TEMPLATES = {
  post: 'TPL_post_slot',
  member: 'TPL_new_member',
  read: 'TPL_read',
  points: 'TPL_pts',
  coupon: 'TPL_cpn',
};

/** The first moment at or after `after` when Beijing time is `hour`:00. */
function nextBeijing(hour: number, after: number): number {
  const beijing = 8 * HOUR;
  const day = 24 * HOUR;
  let t = Math.floor((after + beijing) / day) * day - beijing + hour * HOUR;
  while (t < after) t += day;
  return t;
}

const fire = (c: TestCloud, at: number, trigger = 'sendReminders') => c.cloud.timers.fire('insight', trigger, at);
const outboxOf = (c: TestCloud, openid: string) => c.cloud.outbox().filter((m) => m.touser === openid);
const statusOf = (c: TestCloud, openid: string) =>
  c.cloud.engine
    .findDocs('notifications')
    .filter((n) => n.openid === openid)
    .map((n) => String(n.status))
    .sort();

beforeAll(async () => {
  await insight.ok('setReminderTemplates', { templates: TEMPLATES }, TEST_HQ);
});

test('an acceptance is one credit of that kind; the reply and the settings show it', async () => {
  const guide = await cloud.makeGuide();
  await insight.ok('subscribeReminders', { kinds: ['post', 'member'] }, guide.openid);
  const { credits } = await insight.ok('subscribeReminders', { kinds: ['post'] }, guide.openid);
  expect(credits).toEqual({ post: 2, member: 1, read: 0, points: 0, coupon: 0 });
  const settings = await insight.ok('reminderSettings', {}, guide.openid);
  expect(settings.templates).toEqual(TEMPLATES);
  expect(settings.credits.post).toBe(2);
});

test('a kind HQ has not switched on is refused and grants nothing', async () => {
  await insight.ok('setReminderTemplates', { templates: { post: TEMPLATES.post } }, TEST_HQ);
  try {
    const guide = await cloud.makeGuide();
    const reply = await insight.call('subscribeReminders', { kinds: ['member'] }, guide.openid);
    expect(reply).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
    expect((await insight.ok('reminderSettings', {}, guide.openid)).credits.member).toBe(0);
  } finally {
    await insight.ok('setReminderTemplates', { templates: TEMPLATES }, TEST_HQ);
  }
});

test('racing timers never send more messages than the credits', async () => {
  const guide = await cloud.makeGuide();
  await insight.ok('subscribeReminders', { kinds: ['member'] }, guide.openid);
  await insight.ok('subscribeReminders', { kinds: ['member'] }, guide.openid);
  // Five members join the guide while two credits are held: five reminders are queued.
  for (let i = 0; i < 5; i++) await cloud.makeMember(guide.openid, `会员${i}`);
  expect(statusOf(cloud, guide.openid)).toEqual(Array(5).fill('pending'));
  const at = nextBeijing(10, Date.now());
  const runs = await Promise.all(Array.from({ length: 6 }, () => fire(cloud, at)));
  expect(runs.every((r) => r.ok)).toBe(true);
  const sent = outboxOf(cloud, guide.openid);
  expect(sent).toHaveLength(2);
  expect(sent.every((m) => m.templateId === TEMPLATES.member && m.page === 'pages/customers/index')).toBe(true);
  expect(statusOf(cloud, guide.openid)).toEqual(['dropped', 'dropped', 'dropped', 'sent', 'sent']);
  expect((await insight.ok('reminderSettings', {}, guide.openid)).credits.member).toBe(0);
  // Nothing is left to send, however often the timer runs again.
  await fire(cloud, at + 60_000);
  expect(outboxOf(cloud, guide.openid)).toHaveLength(2);
});

test('a reminder due in quiet hours waits until 08:00 Beijing time', async () => {
  const guide = await cloud.makeGuide();
  await insight.ok('subscribeReminders', { kinds: ['member'] }, guide.openid);
  await cloud.makeMember(guide.openid, '夜里来的会员');
  const night = nextBeijing(23, Date.now());
  const morning = nextBeijing(8, night);
  expect(isQuiet(night) && isQuiet(morning - 60_000) && !isQuiet(morning)).toBe(true);
  for (const at of [night, night + 2 * HOUR, morning - 60_000]) {
    expect((await fire(cloud, at)).result).toMatchObject({ ok: true, data: { held: true, sent: 0 } });
  }
  expect(outboxOf(cloud, guide.openid)).toHaveLength(0);
  expect(statusOf(cloud, guide.openid)).toEqual(['pending']);
  await fire(cloud, morning);
  const [msg] = outboxOf(cloud, guide.openid);
  expect(msg).toMatchObject({ templateId: TEMPLATES.member, data: { thing1: { value: '夜里来的会员' } } });
  expect(msg!.sentAt).toBeGreaterThanOrEqual(Date.now() - 60_000);
  expect(statusOf(cloud, guide.openid)).toEqual(['sent']);
});

test('the posting reminder goes out at the guide slot, once, and not before', async () => {
  const guide = await cloud.makeGuide();
  await insight.ok('subscribeReminders', { kinds: ['post'] }, guide.openid);
  await insight.ok('subscribeReminders', { kinds: ['post'] }, guide.openid);
  const slot = nextBeijing(12, Date.now()) + 24 * 60_000;
  const postId = seedPost(cloud, { title: '春日焕新 会员专享' });
  cloud.cloud.engine.insertDoc(
    'post_variants',
    variantDoc({ postId, guideOpenid: guide.openid, storeId: guide.storeId, text: '文案', at: slot }),
  );
  await fire(cloud, slot - 60_000);
  expect(outboxOf(cloud, guide.openid)).toHaveLength(0);
  await fire(cloud, slot);
  await fire(cloud, slot + 60_000);
  const sent = outboxOf(cloud, guide.openid);
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({
    templateId: TEMPLATES.post,
    page: `pages/post/index?id=${postId}`,
    data: { thing1: { value: '春日焕新 会员专享' }, time2: { value: expect.stringMatching(/ 12:24$/) } },
    fromFunction: 'insight',
  });
  // One credit of two spent.
  expect((await insight.ok('reminderSettings', {}, guide.openid)).credits.post).toBe(1);
  // The H5 inbox lists it for that guide only.
  const inbox = async (openid: string) =>
    (
      (await (await fetch(`${cloud.url}/dev/inbox`, { headers: { 'x-openid': openid } })).json()) as {
        data: { messages: { templateId: string; page: string }[] };
      }
    ).data.messages;
  expect(await inbox(guide.openid)).toEqual([
    expect.objectContaining({ templateId: TEMPLATES.post, page: `pages/post/index?id=${postId}` }),
  ]);
  expect(await inbox((await cloud.makeGuide()).openid)).toEqual([]);
});

test('several posts due at one slot make one reminder naming the newest and how many wait', async () => {
  const guide = await cloud.makeGuide();
  await insight.ok('subscribeReminders', { kinds: ['post'] }, guide.openid);
  const slot = nextBeijing(12, Date.now()) + 36 * 60_000;
  const older = seedPost(cloud, { title: '早上的素材', publishedAt: slot - 3 * HOUR });
  const newer = seedPost(cloud, { title: '午间上新 会员专享价格一览表来啦快来看看吧', publishedAt: slot - HOUR });
  for (const postId of [newer, older]) {
    cloud.cloud.engine.insertDoc(
      'post_variants',
      variantDoc({ postId, guideOpenid: guide.openid, storeId: guide.storeId, text: '文案', at: slot }),
    );
  }
  const first = await fire(cloud, slot);
  await fire(cloud, slot + 60_000);
  const sent = outboxOf(cloud, guide.openid);
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({
    page: `pages/post/index?id=${newer}`,
    data: { thing1: { value: '午间上新 会员专享价格一览表来啦 等2条' } },
  });
  expect([...String((sent[0]!.data as { thing1: { value: string } }).thing1.value)].length).toBeLessThanOrEqual(20);
  // One credit, one message, nothing dropped for want of a second credit.
  expect(first.result).toMatchObject({ data: { queued: 1, sent: 1, dropped: 0 } });
  expect(statusOf(cloud, guide.openid)).toEqual(['sent']);
});

test('a member without credits leaves nothing queued; the timers query on indexes only', async () => {
  const guide = await cloud.makeGuide();
  await cloud.makeMember(guide.openid);
  expect(statusOf(cloud, guide.openid)).toEqual([]);
  // Holders of every kind, so each of the timers' queries runs.
  const other = await cloud.makeGuide();
  await insight.ok('subscribeReminders', { kinds: ['post'] }, other.openid);
  const member = await cloud.makeMember(other.openid);
  await insight.ok('subscribeReminders', { kinds: ['points', 'coupon'] }, member.openid);
  cloud.cloud.engine.queries.start();
  await fire(cloud, nextBeijing(10, Date.now()));
  await fire(cloud, nextBeijing(10, Date.now()), 'expiryReminders');
  const plans = cloud.cloud.engine.queries.stop();
  expect(plans.length).toBeGreaterThan(0);
  expect(plans.filter((p) => p.index === null)).toEqual([]);
});
