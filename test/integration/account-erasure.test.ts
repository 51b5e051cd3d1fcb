/**
 * A member's data deletion as a whole: one of everything that can hold a person is made through the
 * product's own actions, the member deletes, and the whole database and storage are scanned for the
 * openid and for anything that leads back to it; then again with the function killed at each batch
 * boundary of the sweep (the resumeErasures timer completes it); and after the person joins again.
 */
import { COLLECTIONS, type CollectionName } from '@core/db/schema';
import { dayKey } from '@server/ledger/calendar';
import { tombstoneId } from '@server/privacy/keys';
import { CONSENT, dataOf, TEST_HQ, useLocalCloud } from '../support/local-cloud';
import { ERASURE_RULES, erasureTraces, filesOf } from './account-erasure-helpers';
import { seedPost, shareOf } from './insight-helpers';
import { grant, makeItem, newRequestId, setRules } from './mall-helpers';
import { awarded, codeOf } from './points-purchase-helpers';

const cloud = useLocalCloud();
const NAME = '要注销的小满';

/**
 * Every collection that can hold a member, each made to by the seed below; the rest cannot (staff,
 * HQ's content, configuration). A collection added to the schema must be put in one of the two.
 */
const HOLDS_A_MEMBER: readonly CollectionName[] = [
  'users',
  'referrals',
  'points_accounts',
  'points_entries',
  'mall_claims',
  'coupons',
  'visits',
  'share_links',
  'interests',
  'customer_transfers',
  'rate_limits',
  'erasures',
  'visitor_consents',
  'member_codes',
  'purchase_awards',
  'worklist_items',
  'worklist_closed',
  'customer_notes',
  'customer_tags',
  'subscribe_credits',
  'notifications',
];
const NEVER_A_MEMBER: readonly CollectionName[] = [
  'stores',
  'invites', // guides redeem invites, members never do
  'posts',
  'post_variants',
  'variant_jobs', // guides' batches of variants to make
  'variant_progress', // a guide's own variant being made, by variant id
  'post_previews',
  'media_checks', // HQ's post images: fileID, post and verdict
  'hq_notices', // posts withdrawn: title and the check's reason
  'ai_rewrites',
  'points_rules',
  'mall_items',
  'mall_stock',
  'post_tags',
  'insight_settings',
  'outbox_messages', // WeChat's side of subscribe messages, recorded by the local cloud only
  'brand_settings',
  'purchase_counters', // keyed by a person key, never the openid
  'member_tiers',
  'scripts', // HQ's library and guides' own
  'worklist_runs', // a guide's list runs: guides and counts
  'targets', // stores and guides
  'weekly_reports', // stores, guides and posts with counts; no member is named
];

interface World {
  guide: string;
  friendOf: string;
  member: string;
  brought: string;
}

const docs = (name: string, q?: Record<string, unknown>) => cloud.cloud.engine.findDocs(name, q);

/** Makes one of everything for a new member, through the functions (the reader consent excepted). */
async function seedEverything(n: number): Promise<World> {
  const guide = await cloud.makeGuide(undefined, `导购${n}`);
  const other = await cloud.makeGuide(guide.storeId, `接手导购${n}`);
  // The guide wants 新会员提醒: the member's joining queues a notice naming them.
  await cloud.ok('insight', 'setReminderTemplates', { templates: { member: 'TPL_member' } }, TEST_HQ);
  await cloud.ok('insight', 'subscribeReminders', { kinds: ['member'] }, guide.openid);
  await cloud.ok('insight', 'subscribeReminders', { kinds: ['member'] }, guide.openid);
  const friendOf = (await cloud.makeMember(guide.openid, `引荐人${n}`)).openid;
  const member = (await cloud.makeMember(friendOf, NAME)).openid;
  // Agreed on the reader page before joining (the consent document outlives the join).
  cloud.cloud.engine.insertDoc('visitor_consents', { _id: member, version: CONSENT.version, at: Date.now() });
  const brought = (await cloud.makeMember(member, `被邀请${n}`)).openid;

  const itemId = await makeItem(cloud, { pointsPrice: 10, perUserLimit: 5 });
  await grant(cloud, member, 100);
  await grant(cloud, brought, 50);
  const redeem = (who: string) => cloud.ok('mall', 'redeem', { itemId, requestId: newRequestId() }, who);
  const used = await redeem(member);
  await redeem(member);
  await redeem(brought);
  await cloud.ok('mall', 'verifyCoupon', { code: used.code }, guide.openid);

  const postId = seedPost(cloud);
  await cloud.ok('insight', 'setPostTags', { postId, tags: ['护肤'] }, TEST_HQ);
  const token = await shareOf(cloud, guide.openid, postId);
  const { visitId } = await cloud.ok('insight', 'recordVisit', { shareToken: token }, member);
  await new Promise((r) => setTimeout(r, 1100));
  await cloud.ok('insight', 'endVisit', { visitId: visitId!, seconds: 1 }, member);

  const own = await cloud.ok('insight', 'shareLink', { postId }, member);
  await cloud.ok('insight', 'recordVisit', { shareToken: own.shareToken }, brought);
  await cloud.ok('insight', 'shareLink', { postId, parent: own.shareToken }, brought);
  await cloud.ok('insight', 'sharePoster', {}, member);

  // At the till: an award (its code used) and a code still open; the guide's notes and tags; reminders.
  await awarded(cloud, guide.openid, member, 12_800);
  await codeOf(cloud, member);
  await cloud.ok('insight', 'addNote', { openid: member, text: '喜欢玫瑰味' }, guide.openid);
  await cloud.ok('insight', 'setCustomerTags', { openid: member, tags: ['老顾客'] }, guide.openid);
  await cloud.ok('insight', 'setReminderTemplates', { templates: { points: 'TPL_points' } }, TEST_HQ);
  await cloud.ok('insight', 'subscribeReminders', { kinds: ['points'] }, member);
  // What the morning and reminder timers write, written as they write it.
  const now = Date.now();
  const day = dayKey(now);
  cloud.cloud.engine.insertDoc('worklist_items', {
    _id: `wli_${n}`,
    guideOpenid: guide.openid,
    day,
    customer: member,
    name: NAME,
    createdAt: now,
  });
  cloud.cloud.engine.insertDoc('worklist_closed', { _id: `wlc_${n}`, customer: member, key: 'welcome', at: now });
  cloud.cloud.engine.insertDoc('notifications', {
    _id: `points:n${n}`,
    openid: member,
    kind: 'points',
    data: {},
    page: 'pages/points/index',
    status: 'pending',
    dueAt: now,
    createdAt: now,
  });

  await cloud.ok('account', 'transferCustomers', { fromGuide: guide.openid, toGuide: other.openid }, TEST_HQ);
  return { guide: guide.openid, friendOf, member, brought };
}

const traces = (openid: string, name: string) => erasureTraces(cloud, openid, name);
const storedFiles = () => filesOf(cloud);

const deleteMyData = (openid: string) => cloud.call('account', 'deleteMyData', { requestId: newRequestId() }, openid);
const tombOf = (openid: string) => docs('erasures', { _id: tombstoneId(openid) })[0];

beforeAll(async () => {
  cloud.adoptIdSecret();
  await setRules(cloud, ERASURE_RULES);
});

it('sorts every collection by whether it can hold a member', () => {
  expect([...HOLDS_A_MEMBER, ...NEVER_A_MEMBER].sort()).toEqual(COLLECTIONS.map((c) => c.name).sort());
});

describe('a deletion that completes', () => {
  let world: World;
  let batches = 0;

  beforeAll(async () => {
    world = await seedEverything(0);
  }, 60_000);

  it('starts from a member held in every collection that can hold one, and in storage', () => {
    const holding = COLLECTIONS.map((c) => c.name).filter((col) =>
      docs(col).some((d) => JSON.stringify(d).includes(world.member)),
    );
    // The tombstone is made by the deletion itself.
    expect(holding.sort()).toEqual(HOLDS_A_MEMBER.filter((c) => c !== 'erasures').sort());
    expect(storedFiles().length).toBeGreaterThan(0);
  });

  it('leaves nothing in the database or storage that names the member or leads back to them', async () => {
    expect(dataOf(await deleteMyData(world.member))).toMatchObject({ status: 'deleted', voidedCoupons: 1 });
    expect(traces(world.member, NAME)).toEqual([]);
    const tomb = tombOf(world.member);
    expect(tomb).toMatchObject({ swept: true, count: 1 });
    batches = Number(tomb?.batches);
    expect(batches).toBeGreaterThan(10);
  });

  it('lets them join again from nothing: no points, coupons, history, visits or invitations of before', async () => {
    const joined = Date.now();
    const token = await cloud.openInvitation(world.friendOf, world.member);
    await cloud.ok(
      'account',
      'registerMember',
      { name: '回来的小满', consent: CONSENT, shareToken: token },
      world.member,
    );
    expect((await cloud.ok('points', 'balance', {}, world.member)).balance).toBe(0);
    expect((await cloud.ok('points', 'history', { limit: 50 }, world.member)).entries).toEqual([]);
    expect((await cloud.ok('mall', 'myCoupons', {}, world.member)).coupons).toEqual([]);
    expect(await cloud.ok('insight', 'myInvites', {}, world.member)).toMatchObject({ friends: [], opens: 0 });
    const timeline = await cloud.ok('insight', 'customerTimeline', { openid: world.member }, TEST_HQ);
    // Only the joining: the invitation they opened to come back was opened before they agreed to
    // anything again, so it is counted for the sharer without them.
    expect(timeline.events.map((e) => e.kind).sort()).toEqual(['joined']);
    expect(timeline.events.filter((e) => e.at < joined)).toEqual([]);
    // Whatever names the openid now was written by the new membership.
    for (const { name: col } of COLLECTIONS) {
      for (const doc of docs(col).filter((d) => JSON.stringify(d).includes(world.member))) {
        // A rate counter has only its minute's number: it was written before that minute ended.
        const at =
          col === 'rate_limits'
            ? (Number(doc.w) + 1) * 60_000
            : Number(doc.createdAt ?? doc.openedAt ?? doc.updatedAt ?? 0);
        expect([col, doc, at >= joined]).toEqual([col, doc, true]);
      }
    }
  });

  describe('with the function killed at each batch boundary', () => {
    it('is completed by the resumeErasures timer, whichever boundary it died at', async () => {
      expect(batches).toBeGreaterThan(10);
      // Boundary k: the k-th record of progress never lands (the last one is the sweep's end).
      for (let k = 1; k <= batches + 1; k++) {
        const w = await seedEverything(k);
        let progress = 0;
        cloud.cloud.engine.faults.install(
          (body) =>
            body.action === 'database.modifyDocument' &&
            body.collectionName === 'erasures' &&
            body.transactionId === undefined &&
            String(body.data).includes('"batches"') &&
            ++progress === k,
        );
        const reply = await deleteMyData(w.member);
        cloud.cloud.engine.faults.clear();
        expect([k, reply.ok ? 'ok' : reply.error.code]).toEqual([k, 'INTERNAL']);
        // The person is gone at once; what names them is left for the timer.
        expect((await cloud.ok('account', 'whoami', {}, w.member)).role).toBe('visitor');
        expect(tombOf(w.member)).toMatchObject({ swept: false });
        expect(traces(w.member, NAME).length).toBeGreaterThan(0);

        expect(await cloud.cloud.timers.fire('account', 'resumeErasures')).toMatchObject({ ok: true });
        expect([k, traces(w.member, NAME)]).toEqual([k, []]);
        expect(tombOf(w.member)).toMatchObject({ swept: true, voidedCoupons: 1, keptCoupons: 1 });
        // Asking again answers the finished deletion.
        expect(dataOf(await deleteMyData(w.member))).toMatchObject({ status: 'deleted', voidedCoupons: 1 });
      }
    }, 600_000);
  });
});
