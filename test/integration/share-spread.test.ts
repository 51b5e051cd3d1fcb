/**
 * What sharing shows back, through the local cloud: a member's invited friends and what their deep
 * actions earned (never the share or the open), a post's spread tree hop by hop for HQ and for the
 * guide whose shares started it, and the people whose shares brought the most (content KOCs).
 */
import { personKey } from '@server/privacy/keys';
import { dayKey } from '@server/ledger/calendar';
import { CONSENT, newOpenid, TEST_HQ, useLocalCloud } from '../support/local-cloud';
import { docsOf, seedPost, shareOf } from './insight-helpers';
import { makeItem, newRequestId, resetRules, setRules } from './mall-helpers';

const cloud = useLocalCloud();
const insight = cloud.client('insight');

describe("a member's invitations", () => {
  beforeAll(() => setRules(cloud, { referralJoined: 100, referralFirstRedeem: 50 }));
  afterAll(() => resetRules(cloud));

  it('lists the friends who joined through any of their shares, stage and points each, and only counts the rest', async () => {
    const guide = await cloud.makeGuide();
    const member = await cloud.makeMember(guide.openid, '邀请人');
    const postId = seedPost(cloud);
    const invitation = await shareOf(cloud, member.openid);
    const postShare = await shareOf(cloud, member.openid, postId);

    // A joins through the invitation and redeems; B through the post share.
    const a = newOpenid('o_friend_a');
    await insight.ok('recordVisit', { shareToken: invitation }, a);
    await cloud.ok('account', 'registerMember', { name: '朋友甲', consent: CONSENT, shareToken: invitation }, a);
    const free = await makeItem(cloud, { pointsPrice: 0 });
    await cloud.ok('mall', 'redeem', { itemId: free, requestId: newRequestId() }, a);
    const b = newOpenid('o_friend_b');
    await insight.ok('recordVisit', { shareToken: postShare }, b);
    await cloud.ok('account', 'registerMember', { name: '朋友乙', consent: CONSENT, shareToken: postShare }, b);
    // Someone opens and does not join; someone opens anonymously; the member opens their own.
    await insight.ok('recordVisit', { shareToken: invitation }, newOpenid('o_looker'));
    await insight.ok('recordVisit', { shareToken: postShare, scene: 1154 }, undefined);
    await insight.ok('recordVisit', { shareToken: postShare }, member.openid);

    const mine = await insight.ok('myInvites', {}, member.openid);
    expect(mine.friends).toEqual([
      {
        name: '朋友乙',
        stage: 'joined',
        openedAt: expect.any(Number),
        joinedAt: expect.any(Number),
        points: 100,
      },
      {
        name: '朋友甲',
        stage: 'redeemed',
        openedAt: expect.any(Number),
        joinedAt: expect.any(Number),
        redeemedAt: expect.any(Number),
        points: 150,
      },
    ]);
    const [friendB, friendA] = mine.friends;
    expect(friendA!.openedAt!).toBeLessThanOrEqual(friendA!.joinedAt!);
    expect(friendA!.joinedAt!).toBeLessThanOrEqual(friendA!.redeemedAt!);
    expect(friendB!.joinedAt).toBeGreaterThanOrEqual(friendA!.joinedAt!);
    expect({ opens: mine.opens, points: mine.points }).toEqual({ opens: 2, points: 250 });

    // HQ reverses the reward for B: the member's figures follow the journal.
    // The entry names the friend by person key (server/privacy), never by openid.
    cloud.adoptIdSecret();
    const entry = docsOf(cloud, 'points_entries', {
      openid: member.openid,
      kind: 'referralJoined',
      ref: personKey(b),
    })[0];
    await cloud.ok('points', 'reverse', { entryId: String(entry?._id), reason: '误发冲正' }, TEST_HQ);
    const after = await insight.ok('myInvites', {}, member.openid);
    expect(after.friends.map((f) => f.points)).toEqual([0, 150]);
    expect(after.points).toBe(150);
    // The first test here starts four functions cold (account, insight, mall, points).
  }, 20_000);

  it('shows a member with no shares nothing', async () => {
    const member = await cloud.makeMember();
    expect(await insight.ok('myInvites', {}, member.openid)).toEqual({ friends: [], opens: 0, points: 0 });
  });
});

describe("a post's spread", () => {
  it('draws the tree hop by hop for HQ, only their own trees for a guide, and ranks content KOCs', async () => {
    const guide = await cloud.makeGuide(undefined, '起点导购');
    const otherGuide = await cloud.makeGuide(undefined, '别家导购');
    const first = await cloud.makeMember(undefined, '一跳会员');
    const second = await cloud.makeMember(undefined, '二跳会员');
    const postId = seedPost(cloud, { title: '一篇被转发的文章' });

    const root = await shareOf(cloud, guide.openid, postId);
    await insight.ok('recordVisit', { shareToken: root }, first.openid);
    await insight.ok('recordVisit', { shareToken: root, scene: 1154 }, undefined);
    const hop1 = (await insight.ok('shareLink', { postId, parent: root }, first.openid)).shareToken;
    await insight.ok('recordVisit', { shareToken: hop1 }, second.openid);
    const hop2 = (await insight.ok('shareLink', { postId, parent: hop1 }, second.openid)).shareToken;
    const joiner = newOpenid('o_third');
    const read = await insight.ok('recordVisit', { shareToken: hop2 }, joiner);
    await cloud.ok('insight', 'endVisit', { visitId: read.visitId!, seconds: 3 }, joiner);
    await cloud.ok('account', 'registerMember', { name: '三跳朋友', consent: CONSENT, shareToken: hop2 }, joiner);
    const elsewhere = await shareOf(cloud, otherGuide.openid, postId);
    await insight.ok('recordVisit', { shareToken: elsewhere }, newOpenid('o_other_reader'));

    const hq = await insight.ok('postSpread', { postId }, TEST_HQ);
    expect(hq.post).toEqual({ id: postId, title: '一篇被转发的文章' });
    expect(hq.truncated).toBe(false);
    const byId = new Map(hq.nodes.map((n) => [n.id, n]));
    expect(byId.get(root)).toMatchObject({
      hop: 0,
      sharerName: '起点导购',
      sharerRole: 'guide',
      opens: 2,
      viewers: 1,
      anonymousOpens: 1,
      reshares: 1,
      joins: 0,
    });
    expect(byId.get(root)).not.toHaveProperty('parent');
    expect(byId.get(hop1)).toMatchObject({ parent: root, hop: 1, sharerName: '一跳会员', opens: 1, reshares: 1 });
    expect(byId.get(hop2)).toMatchObject({ parent: hop1, hop: 2, sharerRole: 'customer', opens: 1, joins: 1 });
    expect(byId.get(hop2)?.readSeconds).toBeGreaterThan(0);
    expect(byId.get(elsewhere)).toMatchObject({ hop: 0, opens: 1 });
    expect(hq.hops).toEqual([
      { hop: 0, shares: 2, opens: 3, viewers: 2, joins: 0 },
      { hop: 1, shares: 1, opens: 1, viewers: 1, joins: 0 },
      { hop: 2, shares: 1, opens: 1, viewers: 1, joins: 1 },
    ]);

    const mine = await insight.ok('postSpread', { postId }, guide.openid);
    expect(mine.nodes.map((n) => n.id)).toEqual([root, hop1, hop2]);
    const theirs = await insight.ok('postSpread', { postId }, otherGuide.openid);
    expect(theirs.nodes.map((n) => n.id)).toEqual([elsewhere]);
    const stranger = await cloud.makeGuide();
    expect(await insight.ok('postSpread', { postId }, stranger.openid)).toMatchObject({ nodes: [], hops: [] });

    const today = dayKey(Date.now());
    const kocs = await insight.ok('contentKocs', { postId, from: today, to: today }, TEST_HQ);
    expect(kocs.rows[0]).toMatchObject({ openid: second.openid, name: '二跳会员', role: 'customer', joins: 1 });
    const row = (openid: string) => kocs.rows.find((r) => r.openid === openid);
    expect(row(guide.openid)).toMatchObject({ role: 'guide', shares: 1, opens: 2, reshares: 1, joins: 0 });
    expect(row(first.openid)).toMatchObject({ shares: 1, opens: 1, reshares: 1, joins: 0 });
    expect(row(otherGuide.openid)).toMatchObject({ shares: 1, opens: 1, reshares: 0 });
    expect(await insight.call('postSpread', { postId: 'pst_nosuchpost01' }, TEST_HQ)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    // About thirty calls through three functions.
  }, 20_000);
});
