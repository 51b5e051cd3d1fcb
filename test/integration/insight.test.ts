/**
 * Visits, reading time, tags and the guide's view, through the local cloud.
 */
import { MAX_VISIT_SECONDS } from '@core/contracts/insight';
import { dayKey } from '@server/ledger/calendar';
import { dataOf, TEST_HQ, useLocalCloud } from '../support/local-cloud';
import {
  backdate,
  backdateVisitsOf,
  docsOf,
  openShare,
  seedCoupon,
  seedPost,
  seedVariant,
  visitOf,
} from './insight-helpers';

const cloud = useLocalCloud();
const insight = cloud.client('insight');
const MINUTE = 60_000;

describe('visits', () => {
  it("records an open of a guide's shared post by its token and shows the guide's own variant", async () => {
    const guide = await cloud.makeGuide(undefined, '导购阿宁');
    const postId = seedPost(cloud, { title: '玫瑰精华水', body: 'HQ 原文' });
    seedVariant(cloud, postId, guide, '阿宁的专属文案');
    const reader = await cloud.makeMember(guide.openid, '优优妈妈');

    const open = await openShare(cloud, guide.openid, postId, reader.openid, 1007);
    expect(open.sharerName).toBe('导购阿宁');
    expect(open).not.toHaveProperty('sharer');
    expect(open.post).toMatchObject({ id: postId, title: '玫瑰精华水', text: '阿宁的专属文案' });
    expect(visitOf(cloud, open.visitId)).toMatchObject({
      token: open.shareToken,
      viewer: reader.openid,
      sharer: guide.openid,
      sharerRole: 'guide',
      guideOpenid: guide.openid,
      storeId: guide.storeId,
      postId,
      scene: 1007,
      anonymous: false,
      counted: true,
      seconds: 0,
    });
  });

  it("counts a reopen the same day as the same visit, and never records the sharer's own open", async () => {
    const guide = await cloud.makeGuide();
    const postId = seedPost(cloud);
    const reader = await cloud.makeMember(guide.openid);
    const first = await openShare(cloud, guide.openid, postId, reader.openid);
    const again = await openShare(cloud, guide.openid, postId, reader.openid);
    expect(again.visitId).toBe(first.visitId);

    const before = docsOf(cloud, 'visits').length;
    const own = await openShare(cloud, guide.openid, postId, guide.openid);
    expect(own.visitId).toBeUndefined();
    expect(own.post?.id).toBe(postId);
    // Not even from Moments' single-page mode.
    expect((await openShare(cloud, guide.openid, postId, guide.openid, 1154)).visitId).toBeUndefined();
    expect(docsOf(cloud, 'visits')).toHaveLength(before);
  });

  it('keeps a later reopen that day as an uncounted visit of its own, for its reading time', async () => {
    const guide = await cloud.makeGuide();
    const postId = seedPost(cloud);
    const reader = await cloud.makeMember(guide.openid);
    const first = await openShare(cloud, guide.openid, postId, reader.openid);
    backdate(cloud, 'visits', first.visitId!, { openedAt: Date.now() - 31 * MINUTE });
    const later = await openShare(cloud, guide.openid, postId, reader.openid);
    expect(later.visitId).not.toBe(first.visitId);
    expect(visitOf(cloud, later.visitId)).toMatchObject({ counted: false, viewer: reader.openid });
    expect((await openShare(cloud, guide.openid, postId, reader.openid)).visitId).toBe(later.visitId);
  });

  it("keeps a Moments single-page viewer without identity and credits the sharing customer's guide", async () => {
    const guide = await cloud.makeGuide();
    const friend = await cloud.makeMember(guide.openid, '转发的会员');
    const postId = seedPost(cloud);
    const anon = await openShare(cloud, friend.openid, postId, 'o_someone_in_single_page', 1154);
    const visit = visitOf(cloud, anon.visitId);
    expect(visit).toMatchObject({ anonymous: true, counted: true, sharerRole: 'customer', guideOpenid: guide.openid });
    expect(visit).not.toHaveProperty('viewer');
  });

  it('gives one unguessable token per (sharer, post), even to two first shares at once', async () => {
    const guide = await cloud.makeGuide();
    const postId = seedPost(cloud);
    const [a, b] = await Promise.all([
      insight.ok('shareLink', { postId }, guide.openid),
      insight.ok('shareLink', { postId }, guide.openid),
    ]);
    expect(a).toEqual(b);
    expect(a.shareToken).toMatch(/^[0-9A-Za-z]{17}$/);
    expect(a.path).toBe(`/pages/customers/read/index?t=${a.shareToken}`);
    expect(a.scene).toBe(`t=${a.shareToken}`);
    expect(a.scene.length).toBeLessThanOrEqual(32);
    expect(docsOf(cloud, 'share_links', { sharer: guide.openid })).toHaveLength(1);

    const invitation = await insight.ok('shareLink', {}, guide.openid);
    expect(invitation.path).toBe(`/pages/join/index?t=${invitation.shareToken}`);
    const other = await cloud.makeGuide();
    expect((await insight.ok('shareLink', { postId }, other.openid)).shareToken).not.toBe(a.shareToken);
  });

  it('answers a forged or unknown token NOT_FOUND and writes nothing', async () => {
    const reader = await cloud.makeMember();
    const before = cloud.snapshot();
    for (const shareToken of ['ZZZZZZZZZZZZZZZZZ', 'abcdefghijklmnopq']) {
      expect(await insight.call('recordVisit', { shareToken, scene: 1007 }, reader.openid)).toEqual({
        ok: false,
        error: { code: 'NOT_FOUND', message: '分享链接已失效' },
      });
    }
    expect(cloud.snapshot()).toBe(before);
  });

  it('refuses to share a post that is not published', async () => {
    const guide = await cloud.makeGuide();
    const draft = seedPost(cloud, { status: 'draft' });
    const reply = await insight.call('shareLink', { postId: draft }, guide.openid);
    expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('reading time', () => {
  async function openedVisit(agoMs: number) {
    const guide = await cloud.makeGuide();
    const postId = seedPost(cloud);
    const reader = await cloud.makeMember(guide.openid);
    const visitId = (await openShare(cloud, guide.openid, postId, reader.openid)).visitId!;
    backdate(cloud, 'visits', visitId, { openedAt: Date.now() - agoMs });
    return { guide, postId, reader, visitId };
  }

  it('only grows, and a repeated heartbeat changes nothing', async () => {
    const { reader, visitId } = await openedVisit(5 * MINUTE);
    expect(await insight.ok('endVisit', { visitId, seconds: 30 }, reader.openid)).toEqual({ seconds: 30 });
    expect(await insight.ok('endVisit', { visitId, seconds: 30 }, reader.openid)).toEqual({ seconds: 30 });
    expect(await insight.ok('endVisit', { visitId, seconds: 20 }, reader.openid)).toEqual({ seconds: 30 });
    expect(await insight.ok('endVisit', { visitId, seconds: 95 }, reader.openid)).toEqual({ seconds: 95 });
  });

  it('is capped by the time really passed since the open and by the per-visit maximum', async () => {
    const fresh = await openedVisit(10_000);
    const { seconds } = await insight.ok('endVisit', { visitId: fresh.visitId, seconds: 600 }, fresh.reader.openid);
    expect(seconds).toBeGreaterThanOrEqual(10);
    expect(seconds).toBeLessThanOrEqual(20);

    const old = await openedVisit(3 * 60 * MINUTE);
    expect(await insight.ok('endVisit', { visitId: old.visitId, seconds: 5 * 3600 }, old.reader.openid)).toEqual({
      seconds: MAX_VISIT_SECONDS,
    });
  });

  it('belongs to the viewer: another caller cannot add time to it', async () => {
    const { visitId } = await openedVisit(MINUTE);
    const stranger = await cloud.makeMember();
    expect(await insight.call('endVisit', { visitId, seconds: 30 }, stranger.openid)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(docsOf(cloud, 'visits', { _id: visitId })[0]).toMatchObject({ seconds: 0 });
  });

  it('adds racing heartbeats once', async () => {
    const { reader, visitId, postId } = await openedVisit(10 * MINUTE);
    dataOf(await insight.call('setPostTags', { postId, tags: ['护肤'] }, TEST_HQ));
    // Tags are taken when the post is opened: open it again after tagging.
    const guide2 = await cloud.makeGuide();
    const tagged = (await openShare(cloud, guide2.openid, postId, reader.openid)).visitId!;
    backdate(cloud, 'visits', tagged, { openedAt: Date.now() - 10 * MINUTE });
    await Promise.all(
      [40, 40, 40, 40].map((s) => insight.call('endVisit', { visitId: tagged, seconds: s }, reader.openid)),
    );
    expect(docsOf(cloud, 'interests', { openid: reader.openid })).toEqual([
      expect.objectContaining({ tag: '护肤', seconds: 40 }),
    ]);
    expect(visitId).not.toBe(tagged);
  });
});

describe("interest tags and the guide's customers", () => {
  it('tags a customer who read posts tagged X for at least N seconds, and the guide filters by it', async () => {
    dataOf(
      await insight.call(
        'setTagRules',
        {
          rules: [
            { tag: '母婴', minSeconds: 60 },
            { tag: '彩妆', minSeconds: 30 },
          ],
        },
        TEST_HQ,
      ),
    );
    const guide = await cloud.makeGuide(undefined, '导购小周');
    const baby = seedPost(cloud, { title: '宝宝面霜' });
    const lipstick = seedPost(cloud, { title: '春季口红' });
    dataOf(await insight.call('setPostTags', { postId: baby, tags: ['母婴'] }, TEST_HQ));
    dataOf(await insight.call('setPostTags', { postId: lipstick, tags: ['彩妆'] }, TEST_HQ));
    const mum = await cloud.makeMember(guide.openid, '优优妈妈');
    const other = await cloud.makeMember(guide.openid, '路人甲');

    const read = async (who: string, postId: string, seconds: number) => {
      const visitId = (await openShare(cloud, guide.openid, postId, who)).visitId!;
      backdate(cloud, 'visits', visitId, { openedAt: Date.now() - 20 * MINUTE });
      await insight.ok('endVisit', { visitId, seconds }, who);
    };
    await read(mum.openid, baby, 40);
    let mine = await insight.ok('myCustomers', {}, guide.openid);
    expect(mine.customers.find((c) => c.openid === mum.openid)?.tags).toEqual([]);
    await read(mum.openid, lipstick, 10);
    // A second post with the same tag adds up: 40 + 25 ≥ 60.
    const baby2 = seedPost(cloud, { title: '辅食机' });
    dataOf(await insight.call('setPostTags', { postId: baby2, tags: ['母婴'] }, TEST_HQ));
    await read(mum.openid, baby2, 25);
    await read(other.openid, lipstick, 45);

    mine = await insight.ok('myCustomers', {}, guide.openid);
    const byId = new Map(mine.customers.map((c) => [c.openid, c]));
    // The guide's invitation each joined through was opened before they agreed to anything: counted
    // for the guide, but not as theirs. Three posts, one post.
    expect(byId.get(mum.openid)).toMatchObject({ name: '优优妈妈', tags: ['母婴'], visits: 3, readSeconds: 75 });
    expect(byId.get(other.openid)).toMatchObject({ tags: ['彩妆'], visits: 1, readSeconds: 45 });
    expect(mine.tags).toEqual(['彩妆', '母婴'].sort());

    const filtered = await insight.ok('myCustomers', { tag: '母婴' }, guide.openid);
    expect(filtered.customers.map((c) => c.name)).toEqual(['优优妈妈']);
    // Customers of another guide never appear.
    const stranger = await cloud.makeGuide();
    expect((await insight.ok('myCustomers', {}, stranger.openid)).customers).toEqual([]);
  });

  it('filters by last seen', async () => {
    const guide = await cloud.makeGuide();
    const postId = seedPost(cloud);
    const recent = await cloud.makeMember(guide.openid, '最近来过');
    const long = await cloud.makeMember(guide.openid, '很久没来');
    const month = await cloud.makeMember(guide.openid, '一个月前来过');
    // Each opened the guide's invitation to join; move those opens back.
    backdateVisitsOf(cloud, long.openid, Date.now() - 12 * 86_400_000);
    backdateVisitsOf(cloud, month.openid, Date.now() - 30 * 86_400_000);
    backdateVisitsOf(cloud, recent.openid, Date.now() - 40 * 86_400_000);
    await openShare(cloud, guide.openid, postId, recent.openid);
    const { visitId } = await openShare(cloud, guide.openid, postId, long.openid);
    backdate(cloud, 'visits', visitId!, { openedAt: Date.now() - 10 * 86_400_000 });
    const all = await insight.ok('myCustomers', {}, guide.openid);
    expect(all.customers.map((c) => c.name)).toEqual(['最近来过', '很久没来', '一个月前来过']);
    const week = await insight.ok('myCustomers', { seenWithinDays: 7 }, guide.openid);
    expect(week.customers.map((c) => c.name)).toEqual(['最近来过']);
  });

  it("shows a customer's timeline to their guide and to HQ only", async () => {
    const guide = await cloud.makeGuide(undefined, '导购阿青');
    const postId = seedPost(cloud, { title: '防晒喷雾' });
    const customer = await cloud.makeMember(guide.openid, '小满');
    backdate(cloud, 'users', customer.openid, { createdAt: Date.now() - 2 * 60 * MINUTE });
    // They opened the guide's invitation just before joining.
    backdateVisitsOf(cloud, customer.openid, Date.now() - 2 * 60 * MINUTE - MINUTE);
    const visitId = (await openShare(cloud, guide.openid, postId, customer.openid)).visitId!;
    backdate(cloud, 'visits', visitId, { openedAt: Date.now() - 30 * MINUTE });
    const depth = { paragraph: 3, paragraphs: 5, ratio: 0.6 };
    await insight.ok('endVisit', { visitId, seconds: 780, depth }, customer.openid);
    await insight.ok(
      'endVisit',
      { visitId, seconds: 790, depth: { ...depth, paragraph: 2, ratio: 0.4 } },
      customer.openid,
    );
    seedCoupon(cloud, customer.openid, { title: '满200减30券' });

    const t = await insight.ok('customerTimeline', { openid: customer.openid }, guide.openid);
    expect(t.customer).toMatchObject({ name: '小满' });
    // The invitation opened before joining is not theirs: they had agreed to nothing then.
    expect(t.events.map((e) => e.kind)).toEqual(['redeem', 'visit', 'joined']);
    // The deepest point reported stays, with the time.
    expect(t.events[1]).toEqual({
      kind: 'visit',
      at: expect.any(Number),
      postId,
      postTitle: '防晒喷雾',
      seconds: 790,
      depth,
      sharerName: '导购阿青',
    });
    expect(t.events[0]).toMatchObject({ kind: 'redeem', title: '满200减30券' });
    // Nothing from before they joined: the invitation's open is counted for the guide only.
    expect(t.events[2]).toMatchObject({ kind: 'joined' });
    expect(t.events).toHaveLength(3);
    expect((await insight.call('customerTimeline', { openid: customer.openid }, TEST_HQ)).ok).toBe(true);
    const other = await cloud.makeGuide();
    expect(await insight.call('customerTimeline', { openid: customer.openid }, other.openid)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('figures, leaderboards and the dashboard', () => {
  it('counts copies, visits from my shares, new members and redemptions, and ranks the guides', async () => {
    const store = await cloud.makeStore('排行门店');
    const star = await cloud.makeGuide(store, '明星导购');
    const quiet = await cloud.makeGuide(store, '安静导购');
    const postId = seedPost(cloud);
    seedVariant(cloud, postId, star, '文案', Date.now());
    const m1 = await cloud.makeMember(star.openid);
    const m2 = await cloud.makeMember(star.openid);
    await openShare(cloud, star.openid, postId, m1.openid);
    await openShare(cloud, star.openid, postId, m2.openid);
    // Opened again, by the guide, anonymously: none of these count for the guide.
    await openShare(cloud, star.openid, postId, m1.openid);
    await openShare(cloud, star.openid, postId, star.openid);
    await openShare(cloud, star.openid, postId, undefined, 1154);
    seedCoupon(cloud, m1.openid, { usedBy: star.openid });

    // m1 and m2 each opened the invitation they joined through and the post: 4 unique viewers.
    const mine = await insight.ok('myFigures', {}, star.openid);
    expect(mine.figures).toEqual({ copies: 1, visits: 4, newMembers: 2, redemptions: 1, score: 1 + 4 + 20 + 5 });
    const theirs = await insight.ok('myFigures', {}, quiet.openid);
    expect(theirs.figures.score).toBe(0);
    expect(mine.rank).toBeLessThan(theirs.rank);
    expect(theirs.of).toBe(mine.of);

    const today = dayKey(Date.now());
    const guides = await insight.ok('leaderboard', { from: today, to: today, by: 'guide' }, TEST_HQ);
    const starRow = guides.rows.find((r) => r.id === star.openid);
    expect(starRow).toMatchObject({
      name: '明星导购',
      storeName: '排行门店',
      rank: mine.rank,
      score: mine.figures.score,
    });
    expect(guides.rows.map((r) => r.rank)).toEqual([...guides.rows.map((r) => r.rank)].sort((a, b) => a - b));
    const stores = await insight.ok('leaderboard', { from: today, to: today, by: 'store' }, TEST_HQ);
    expect(stores.rows.find((r) => r.id === store)).toMatchObject({
      name: '排行门店',
      visits: 4,
      newMembers: 2,
      copies: 1,
      redemptions: 1,
    });

    const dash = await insight.ok('dashboard', { from: today, to: today }, TEST_HQ);
    expect(dash.days).toHaveLength(1);
    expect(dash.totals.visits).toBeGreaterThanOrEqual(5);
    expect(dash.totals.anonymousVisits).toBeGreaterThanOrEqual(1);
    expect(dash.totals.activeGuides).toBeGreaterThanOrEqual(1);
    expect(dash.totals.postsPublished).toBeGreaterThanOrEqual(1);
    expect(dash.days[0]).toMatchObject({ day: today, visits: dash.totals.visits, newMembers: dash.totals.newMembers });
  });

  it('buckets the dashboard by Beijing day', async () => {
    const guide = await cloud.makeGuide();
    const postId = seedPost(cloud);
    const m = await cloud.makeMember(guide.openid);
    // 2024-03-01 23:30 Beijing = 15:30 UTC, and 2024-03-02 00:30 Beijing = 16:30 UTC.
    const late = Date.parse('2024-03-01T15:30:00Z');
    const early = Date.parse('2024-03-01T16:30:00Z');
    for (const at of [late, early, early]) {
      const { visitId } = await openShare(cloud, guide.openid, postId, (await cloud.makeMember()).openid, 1007);
      backdate(cloud, 'visits', visitId!, { openedAt: at });
    }
    seedCoupon(cloud, m.openid, { issuedAt: late });
    const dash = await insight.ok('dashboard', { from: '2024-02-29', to: '2024-03-02' }, TEST_HQ);
    expect(dash.days.map((d) => [d.day, d.visits, d.redemptions])).toEqual([
      ['2024-02-29', 0, 0],
      ['2024-03-01', 1, 1],
      ['2024-03-02', 2, 0],
    ]);
    expect(dash.totals.visits).toBe(3);
  });
});
