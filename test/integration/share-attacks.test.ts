/**
 * Attacks on sharing, through the local cloud: crediting someone through a share the new member
 * never opened, pumping a share's opens, flooding it anonymously, reporting reading time on someone
 * else's visit. Each is refused or leaves the counts as one honest reader would.
 */
import { REFERRAL_VISIT_DAYS } from '@core/contracts/account';
import { dayKey } from '@server/ledger/calendar';
import { readerKey } from '@server/privacy/keys';
import { CONSENT, newOpenid, TEST_HQ, useLocalCloud } from '../support/local-cloud';
import { backdate, docsOf, seedPost, shareOf } from './insight-helpers';
import { balanceOf, resetRules, setRules } from './mall-helpers';

const cloud = useLocalCloud();
const insight = cloud.client('insight');
const DAY = 86_400_000;
/** Documented in cloudfunctions/insight/src/visits.ts; restated here so a change is a decision. */
const ANON_OPENS_PER_TOKEN_DAY = 50;
const VISIT_CALLS_PER_MINUTE = 60;
/** The tests below make 100–121 calls one after another; on a busy shared machine that takes a while. */
const MANY_CALLS_MS = 30_000;

describe('a referral the new member did not earn the referrer credits nobody', () => {
  beforeAll(() => setRules(cloud, { memberWelcome: 10, referralJoined: 100 }));
  afterAll(() => resetRules(cloud));

  /** Registers `visitor` with `shareToken`; answers the reply data and what the referrer got. */
  async function join(visitor: string, shareToken: string, referrer: string) {
    const before = await balanceOf(cloud, referrer);
    const joined = await cloud.ok(
      'account',
      'registerMember',
      { name: '新朋友', consent: CONSENT, shareToken },
      visitor,
    );
    const edge = docsOf(cloud, 'referrals', { _id: visitor })[0];
    const user = docsOf(cloud, 'users', { _id: visitor })[0];
    return { joined, earned: (await balanceOf(cloud, referrer)) - before, edge, referrer: user?.referrer };
  }

  it('a forged token: joins, nobody credited', async () => {
    const victim = (await cloud.makeMember()).openid;
    const visitor = newOpenid('o_forger');
    const r = await join(visitor, 'Forged0Token0Abcd', victim);
    expect(r.joined).toMatchObject({ role: 'customer', referral: 'none' });
    expect(r.joined).not.toHaveProperty('referrerName');
    expect({ earned: r.earned, edge: r.edge, referrer: r.referrer }).toEqual({
      earned: 0,
      edge: undefined,
      referrer: undefined,
    });
  });

  it("another person's real token the new member never opened: joins, nobody credited", async () => {
    const victim = (await cloud.makeMember()).openid;
    const token = await shareOf(cloud, victim);
    // Someone else opened it; the visitor only copied the token.
    await insight.ok('recordVisit', { shareToken: token }, newOpenid('o_real_friend'));
    const visitor = newOpenid('o_copier');
    const r = await join(visitor, token, victim);
    expect(r.joined.referral).toBe('none');
    expect({ earned: r.earned, edge: r.edge }).toEqual({ earned: 0, edge: undefined });
  });

  it('a token opened only anonymously (Moments single-page mode) proves nothing', async () => {
    const victim = (await cloud.makeMember()).openid;
    const token = await shareOf(cloud, victim);
    const visitor = newOpenid('o_single_page');
    await insight.ok('recordVisit', { shareToken: token, scene: 1154 }, visitor);
    expect((await join(visitor, token, victim)).joined.referral).toBe('none');
  });

  it(`a token opened more than ${REFERRAL_VISIT_DAYS} days ago: joins, nobody credited`, async () => {
    const referrer = (await cloud.makeMember()).openid;
    const token = await shareOf(cloud, referrer);
    const visitor = newOpenid('o_late');
    const { visitId } = await insight.ok('recordVisit', { shareToken: token }, visitor);
    backdate(cloud, 'visits', visitId!, { openedAt: Date.now() - (REFERRAL_VISIT_DAYS + 1) * DAY });
    const r = await join(visitor, token, referrer);
    expect(r.joined.referral).toBe('none');
    expect({ earned: r.earned, edge: r.edge }).toEqual({ earned: 0, edge: undefined });
  });

  it(`a token opened ${REFERRAL_VISIT_DAYS - 1} days ago credits its sharer, by name, with the token on the edge`, async () => {
    const referrer = (await cloud.makeMember(undefined, '推荐人小满')).openid;
    const token = await shareOf(cloud, referrer);
    const visitor = newOpenid('o_on_time');
    const { visitId } = await insight.ok('recordVisit', { shareToken: token }, visitor);
    backdate(cloud, 'visits', visitId!, { openedAt: Date.now() - (REFERRAL_VISIT_DAYS - 1) * DAY });
    const r = await join(visitor, token, referrer);
    expect(r.joined).toMatchObject({ referral: 'credited', referrerName: '推荐人小满' });
    expect({ earned: r.earned, from: r.edge?.from, token: r.edge?.token }).toEqual({
      earned: 100,
      from: referrer,
      token,
    });
  });

  it('naming the referrer by openid is refused as an unknown field, writing nothing', async () => {
    const victim = (await cloud.makeMember()).openid;
    const before = cloud.snapshot();
    for (const field of ['referrer', 'sharer']) {
      const reply = await cloud.callRaw(
        'account',
        { action: 'registerMember', name: '某人', consent: CONSENT, [field]: victim },
        newOpenid(),
      );
      expect(reply).toEqual({
        ok: false,
        error: { code: 'INVALID_ARGUMENT', message: `不支持的字段：${field}`, details: { field } },
      });
    }
    expect(cloud.snapshot()).toBe(before);
  });
});

describe('opens that cannot be pumped', () => {
  beforeAll(() => cloud.adoptIdSecret());

  it(
    '100 recordVisit calls by one viewer on one token count once, claiming Moments single-page mode or not',
    async () => {
      const guide = await cloud.makeGuide();
      const postId = seedPost(cloud);
      const shareToken = await shareOf(cloud, guide.openid, postId);
      const viewer = newOpenid('o_pumper');
      const replies = [];
      for (let i = 0; i < 100; i++) {
        replies.push(await insight.call('recordVisit', { shareToken, scene: i % 2 ? 1154 : 1007 }, viewer));
      }
      for (const r of replies) if (!r.ok) expect(r.error.code).toBe('RESOURCE_EXHAUSTED');
      const signedIn = replies.filter((_, i) => i % 2 === 0);
      const ids = new Set(signedIn.flatMap((r) => (r.ok && r.data.visitId ? [r.data.visitId] : [])));
      expect(ids.size).toBe(1);
      // A visitor who agreed to nothing: one visit under the share's reader key, no openid.
      expect(docsOf(cloud, 'visits', { token: shareToken, reader: readerKey(shareToken, viewer) })).toHaveLength(1);
      expect(docsOf(cloud, 'visits', { viewer })).toEqual([]);
      // The calls claiming single-page mode are anonymous opens: bounded, and never a guide's figure.
      const anonymous = docsOf(cloud, 'visits', { token: shareToken, anonymous: true });
      expect(anonymous.length).toBeLessThanOrEqual(ANON_OPENS_PER_TOKEN_DAY);
      expect(anonymous.every((v) => v.viewer === undefined)).toBe(true);
      const mine = await insight.ok('myFigures', {}, guide.openid);
      expect(mine.figures.visits).toBe(1);
      const today = dayKey(Date.now());
      const board = await insight.ok('leaderboard', { from: today, to: today, by: 'guide' }, TEST_HQ);
      expect(board.rows.find((r) => r.id === guide.openid)?.visits).toBe(1);
    },
    MANY_CALLS_MS,
  );

  it('twenty opens at once by one viewer make one counted visit', async () => {
    const guide = await cloud.makeGuide();
    const shareToken = await shareOf(cloud, guide.openid, seedPost(cloud));
    const viewer = newOpenid('o_racer');
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => insight.call('recordVisit', { shareToken }, viewer)),
    );
    expect(replies.every((r) => r.ok)).toBe(true);
    expect(docsOf(cloud, 'visits', { token: shareToken })).toEqual([
      expect.objectContaining({ reader: readerKey(shareToken, viewer), counted: true }),
    ]);
  });

  it(
    'an anonymous flood on one token is bounded per day and labelled anonymous',
    async () => {
      const guide = await cloud.makeGuide();
      const shareToken = await shareOf(cloud, guide.openid, seedPost(cloud));
      const today = dayKey(Date.now());
      const before = (await insight.ok('dashboard', { from: today, to: today }, TEST_HQ)).totals;
      let stored = 0;
      for (let i = 0; i < 2 * ANON_OPENS_PER_TOKEN_DAY; i++) {
        // No openid at all, or a signed-in caller claiming Moments' single-page mode.
        const reply =
          i % 2 === 0
            ? await insight.call('recordVisit', { shareToken }, undefined)
            : await insight.call('recordVisit', { shareToken, scene: 1154 }, newOpenid('o_flood'));
        if (reply.ok && reply.data.visitId) stored++;
        else if (!reply.ok) expect(reply.error.code).toBe('RESOURCE_EXHAUSTED');
      }
      const visits = docsOf(cloud, 'visits', { token: shareToken });
      expect(stored).toBe(ANON_OPENS_PER_TOKEN_DAY);
      expect(visits).toHaveLength(ANON_OPENS_PER_TOKEN_DAY);
      expect(visits.every((v) => v.anonymous === true && v.viewer === undefined)).toBe(true);
      const after = (await insight.ok('dashboard', { from: today, to: today }, TEST_HQ)).totals;
      expect(after.anonymousVisits - before.anonymousVisits).toBe(ANON_OPENS_PER_TOKEN_DAY);
      // Anonymous opens never move a guide's figures.
      expect((await insight.ok('myFigures', {}, guide.openid)).figures.visits).toBe(0);
    },
    MANY_CALLS_MS,
  );

  it(
    'answers RESOURCE_EXHAUSTED with a Chinese message once a caller opens too often, writing nothing',
    async () => {
      const guide = await cloud.makeGuide();
      const tokens = await Promise.all(
        Array.from({ length: 3 }, async () => shareOf(cloud, guide.openid, seedPost(cloud))),
      );
      const viewer = newOpenid('o_busy');
      let refused: { code: string; message: string } | undefined;
      let okCalls = 0;
      // Within two minute-windows at most, the counter must fill.
      for (let i = 0; i < 2 * VISIT_CALLS_PER_MINUTE + 1 && !refused; i++) {
        const reply = await insight.call('recordVisit', { shareToken: tokens[i % 3]! }, viewer);
        if (reply.ok) okCalls++;
        else refused = reply.error;
      }
      expect(refused).toEqual({ code: 'RESOURCE_EXHAUSTED', message: '操作太频繁，请稍后再试' });
      expect(okCalls).toBeGreaterThanOrEqual(VISIT_CALLS_PER_MINUTE);
      const before = cloud.snapshot();
      const again = await insight.call('recordVisit', { shareToken: tokens[0]! }, viewer);
      if (!again.ok) expect(cloud.snapshot()).toBe(before);
    },
    MANY_CALLS_MS,
  );
});

describe("reading time only on the caller's own visit", () => {
  it("refuses someone else's visit, the sharer's included, and a signed-in caller on an anonymous visit", async () => {
    const guide = await cloud.makeGuide();
    const shareToken = await shareOf(cloud, guide.openid, seedPost(cloud));
    const reader = newOpenid('o_reader');
    const own = (await insight.ok('recordVisit', { shareToken }, reader)).visitId!;
    const anon = (await insight.ok('recordVisit', { shareToken }, undefined)).visitId!;
    backdate(cloud, 'visits', own, { openedAt: Date.now() - 600_000 });
    backdate(cloud, 'visits', anon, { openedAt: Date.now() - 600_000 });
    const before = cloud.snapshot();
    for (const [visitId, caller] of [
      [own, newOpenid('o_stranger')],
      [own, guide.openid],
      [anon, newOpenid('o_stranger')],
      [anon, guide.openid],
    ] as const) {
      expect(await insight.call('endVisit', { visitId, seconds: 500 }, caller)).toEqual({
        ok: false,
        error: { code: 'NOT_FOUND', message: '访问记录不存在' },
      });
    }
    expect(cloud.snapshot()).toBe(before);
    // Their own page still reports: the reader, and the anonymous page that opened it.
    expect(await insight.ok('endVisit', { visitId: own, seconds: 60 }, reader)).toEqual({ seconds: 60 });
    expect(await insight.ok('endVisit', { visitId: anon, seconds: 30 }, undefined)).toEqual({ seconds: 30 });
  });

  it('caps the time by what really passed, even for an anonymous page', async () => {
    const guide = await cloud.makeGuide();
    const shareToken = await shareOf(cloud, guide.openid, seedPost(cloud));
    const anon = (await insight.ok('recordVisit', { shareToken, scene: 1154 }, undefined)).visitId!;
    const { seconds } = await insight.ok('endVisit', { visitId: anon, seconds: 3600 }, undefined);
    expect(seconds).toBeLessThanOrEqual(10);
  });
});

describe('passing a share on', () => {
  it('needs the parent token opened first, and names the same post', async () => {
    const guide = await cloud.makeGuide();
    const postId = seedPost(cloud);
    const parent = await shareOf(cloud, guide.openid, postId);
    const member = (await cloud.makeMember()).openid;
    const otherPost = seedPost(cloud);
    const before = cloud.snapshot();
    expect(await insight.call('shareLink', { postId, parent }, member)).toEqual({
      ok: false,
      error: { code: 'FAILED_PRECONDITION', message: '请先打开这条分享，再转发给朋友', details: { field: 'parent' } },
    });
    expect(await insight.call('shareLink', { postId: otherPost, parent }, member)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(await insight.call('shareLink', { postId, parent: 'Forged0Token0Abcd' }, member)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: '分享链接已失效' },
    });
    expect(cloud.snapshot()).toBe(before);

    await insight.ok('recordVisit', { shareToken: parent }, member);
    const child = await insight.ok('shareLink', { postId, parent }, member);
    expect(child.shareToken).not.toBe(parent);
    expect(docsOf(cloud, 'share_links', { _id: child.shareToken })[0]).toMatchObject({
      parentKey: parent,
      root: parent,
      hop: 1,
    });
    // Passing on one's own share is that share.
    expect((await insight.ok('shareLink', { postId, parent }, guide.openid)).shareToken).toBe(parent);
  });
});
