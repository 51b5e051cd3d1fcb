/**
 * Visits, reading time, tags and the guide's view, through the local cloud.
 */
import { MAX_VISIT_SECONDS } from '@core/contracts/insight';
import { dayKey } from '@server/ledger/calendar';
import { dataOf, TEST_HQ, useLocalCloud } from '../support/local-cloud';
import { backdate, docsOf, seedCoupon, seedPost, seedVariant } from './insight-helpers';

const cloud = useLocalCloud();
const insight = cloud.client('insight');
const MINUTE = 60_000;

describe('visits', () => {
  it("records an open of a guide's shared post and shows the guide's own variant", async () => {
    const guide = await cloud.makeGuide(undefined, '导购阿宁');
    const postId = seedPost(cloud, { title: '玫瑰精华水', body: 'HQ 原文' });
    seedVariant(cloud, postId, guide, '阿宁的专属文案');
    const reader = await cloud.makeMember(guide.openid, '优优妈妈');

    const open = await insight.ok('recordVisit', { sharer: guide.openid, postId, scene: 1007 }, reader.openid);
    expect(open.sharerName).toBe('导购阿宁');
    expect(open.post).toMatchObject({ id: postId, title: '玫瑰精华水', text: '阿宁的专属文案' });
    const [visit] = docsOf(cloud, 'visits', { _id: open.visitId });
    expect(visit).toMatchObject({
      viewer: reader.openid,
      sharer: guide.openid,
      guideOpenid: guide.openid,
      storeId: guide.storeId,
      postId,
      scene: 1007,
      self: false,
      anonymous: false,
      seconds: 0,
    });
  });

  it("counts a reload within half an hour as the same visit, and the sharer's own open as self", async () => {
    const guide = await cloud.makeGuide();
    const postId = seedPost(cloud);
    const reader = await cloud.makeMember(guide.openid);
    const first = await insight.ok('recordVisit', { sharer: guide.openid, postId }, reader.openid);
    const again = await insight.ok('recordVisit', { sharer: guide.openid, postId }, reader.openid);
    expect(again.visitId).toBe(first.visitId);

    const own = await insight.ok('recordVisit', { sharer: guide.openid, postId }, guide.openid);
    expect(docsOf(cloud, 'visits', { _id: own.visitId })[0]).toMatchObject({ self: true });
  });

  it("keeps a Moments single-page viewer without identity and credits the sharing customer's guide", async () => {
    const guide = await cloud.makeGuide();
    const friend = await cloud.makeMember(guide.openid, '转发的会员');
    const postId = seedPost(cloud);
    const anon = await insight.ok(
      'recordVisit',
      { sharer: friend.openid, postId, scene: 1154 },
      'o_someone_in_single_page',
    );
    const [visit] = docsOf(cloud, 'visits', { _id: anon.visitId });
    expect(visit).toMatchObject({ anonymous: true, sharerRole: 'customer', guideOpenid: guide.openid });
    expect(visit).not.toHaveProperty('viewer');
  });

  it('opens through the short id of a share link, and one (sharer, post) keeps one short id', async () => {
    const guide = await cloud.makeGuide();
    const postId = seedPost(cloud);
    const [a, b] = await Promise.all([
      insight.ok('shareLink', { postId }, guide.openid),
      insight.ok('shareLink', { postId }, guide.openid),
    ]);
    expect(a.s).toBe(b.s);
    expect(a.scene.length).toBeLessThanOrEqual(32);
    expect(a.path).toBe(`/pages/customers/read/index?s=${a.s}`);
    const reader = await cloud.makeMember(guide.openid);
    const open = await insight.ok('recordVisit', { s: a.s }, reader.openid);
    expect(open).toMatchObject({ sharer: guide.openid, postId });
    expect((await insight.call('recordVisit', { s: 'ZZZZZZZZ' }, reader.openid)).ok).toBe(false);
  });

  it('refuses a post that is not published', async () => {
    const guide = await cloud.makeGuide();
    const draft = seedPost(cloud, { status: 'draft' });
    const reply = await insight.call(
      'recordVisit',
      { sharer: guide.openid, postId: draft },
      (await cloud.makeMember()).openid,
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('reading time', () => {
  async function openedVisit(agoMs: number) {
    const guide = await cloud.makeGuide();
    const postId = seedPost(cloud);
    const reader = await cloud.makeMember(guide.openid);
    const { visitId } = await insight.ok('recordVisit', { sharer: guide.openid, postId }, reader.openid);
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
    const tagged = await insight.ok('recordVisit', { sharer: guide2.openid, postId }, reader.openid);
    backdate(cloud, 'visits', tagged.visitId, { openedAt: Date.now() - 10 * MINUTE });
    await Promise.all(
      [40, 40, 40, 40].map((s) => insight.call('endVisit', { visitId: tagged.visitId, seconds: s }, reader.openid)),
    );
    expect(docsOf(cloud, 'interests', { openid: reader.openid })).toEqual([
      expect.objectContaining({ tag: '护肤', seconds: 40 }),
    ]);
    expect(visitId).not.toBe(tagged.visitId);
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
      const { visitId } = await insight.ok('recordVisit', { sharer: guide.openid, postId }, who);
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
    await cloud.makeMember(guide.openid, '从没来过');
    await insight.ok('recordVisit', { sharer: guide.openid, postId }, recent.openid);
    const { visitId } = await insight.ok('recordVisit', { sharer: guide.openid, postId }, long.openid);
    backdate(cloud, 'visits', visitId, { openedAt: Date.now() - 10 * 86_400_000 });
    const all = await insight.ok('myCustomers', {}, guide.openid);
    expect(all.customers.map((c) => c.name)).toEqual(['最近来过', '很久没来', '从没来过']);
    const week = await insight.ok('myCustomers', { seenWithinDays: 7 }, guide.openid);
    expect(week.customers.map((c) => c.name)).toEqual(['最近来过']);
  });

  it("shows a customer's timeline to their guide and to HQ only", async () => {
    const guide = await cloud.makeGuide(undefined, '导购阿青');
    const postId = seedPost(cloud, { title: '防晒喷雾' });
    const customer = await cloud.makeMember(guide.openid, '小满');
    backdate(cloud, 'users', customer.openid, { createdAt: Date.now() - 2 * 60 * MINUTE });
    const { visitId } = await insight.ok('recordVisit', { sharer: guide.openid, postId }, customer.openid);
    backdate(cloud, 'visits', visitId, { openedAt: Date.now() - 30 * MINUTE });
    await insight.ok('endVisit', { visitId, seconds: 780 }, customer.openid);
    seedCoupon(cloud, customer.openid, { title: '满200减30券' });

    const t = await insight.ok('customerTimeline', { openid: customer.openid }, guide.openid);
    expect(t.customer).toMatchObject({ name: '小满' });
    expect(t.events.map((e) => e.kind)).toEqual(['redeem', 'visit', 'joined']);
    expect(t.events[1]).toMatchObject({ kind: 'visit', postTitle: '防晒喷雾', seconds: 780, sharerName: '导购阿青' });
    expect(t.events[0]).toMatchObject({ kind: 'redeem', title: '满200减30券' });
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
    await insight.ok('recordVisit', { sharer: star.openid, postId }, m1.openid);
    await insight.ok('recordVisit', { sharer: star.openid, postId }, m2.openid);
    await insight.ok('recordVisit', { sharer: star.openid, postId }, star.openid);
    seedCoupon(cloud, m1.openid, { usedBy: star.openid });

    const mine = await insight.ok('myFigures', {}, star.openid);
    expect(mine.figures).toEqual({ copies: 1, visits: 2, newMembers: 2, redemptions: 1, score: 1 + 2 + 20 + 5 });
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
      visits: 2,
      newMembers: 2,
      copies: 1,
      redemptions: 1,
    });

    const dash = await insight.ok('dashboard', { from: today, to: today }, TEST_HQ);
    expect(dash.days).toHaveLength(1);
    expect(dash.totals.visits).toBeGreaterThanOrEqual(2);
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
      const { visitId } = await insight.ok(
        'recordVisit',
        { sharer: guide.openid, postId, scene: 1007 },
        (await cloud.makeMember()).openid,
      );
      backdate(cloud, 'visits', visitId, { openedAt: at });
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

describe('share poster', () => {
  it("makes the guide's mini-program code once and returns a PNG", async () => {
    const guide = await cloud.makeGuide(undefined, '海报导购');
    const first = await insight.ok('sharePoster', {}, guide.openid);
    expect(first.sharerName).toBe('海报导购');
    const png = Buffer.from(await (await fetch(first.url)).arrayBuffer());
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    const again = await insight.ok('sharePoster', {}, guide.openid);
    expect(again.fileID).toBe(first.fileID);
  });
});
