/**
 * Consent before profiling, through the local cloud: a visitor who has not agreed is counted
 * without their openid (no per-person visit, no interest tags), still proves the open when they
 * join; agreeing on the reader page records what comes after; a member is recorded because joining
 * is agreeing; and the visitor can clear what was kept.
 */
import { CONSENT, newOpenid, TEST_HQ, useLocalCloud } from '../support/local-cloud';
import { docsOf, seedPost, shareOf } from './insight-helpers';

jest.setTimeout(30_000);
const cloud = useLocalCloud();

/** Collections holding any document whose JSON mentions `openid`. */
const naming = (openid: string) =>
  ['visits', 'interests', 'visitor_consents', 'rate_limits'].filter((col) =>
    docsOf(cloud, col).some((d) => JSON.stringify(d).includes(openid)),
  );

async function taggedPost(): Promise<string> {
  const postId = seedPost(cloud);
  await cloud.ok('insight', 'setPostTags', { postId, tags: ['护肤'] }, TEST_HQ);
  return postId;
}

/** `reader` opens `guide`'s share of a tagged post and reads it for a second. */
async function openAndRead(guide: string, reader: string) {
  const shareToken = await shareOf(cloud, guide, await taggedPost());
  const opened = await cloud.ok('insight', 'recordVisit', { shareToken }, reader);
  await new Promise((r) => setTimeout(r, 1100));
  await cloud.ok('insight', 'endVisit', { visitId: opened.visitId!, seconds: 1 }, reader);
  return { ...opened, shareToken };
}

const visitsToday = async (guide: string) => (await cloud.ok('insight', 'myFigures', {}, guide)).figures.visits;

beforeAll(() => cloud.adoptIdSecret());

describe('a visitor who has not agreed', () => {
  it('is counted for the guide without their openid in visits or interests', async () => {
    const guide = (await cloud.makeGuide()).openid;
    const visitor = newOpenid('o_visitor');
    const opened = await openAndRead(guide, visitor);

    expect(opened.askConsent).toBe(true);
    expect(naming(visitor).filter((c) => c !== 'rate_limits')).toEqual([]);
    expect(docsOf(cloud, 'interests', { openid: visitor })).toEqual([]);
    const [visit] = docsOf(cloud, 'visits', { _id: opened.visitId });
    expect(visit).toMatchObject({ counted: true, anonymous: false, seconds: 1 });
    expect(visit).not.toHaveProperty('viewer');
    expect(await visitsToday(guide)).toBe(1);
    // Opening again the same day finds the same visit: still counted once.
    await cloud.ok('insight', 'recordVisit', { shareToken: opened.shareToken }, visitor);
    expect(await visitsToday(guide)).toBe(1);
  });

  it('keeps their visit their own: another caller cannot report on it', async () => {
    const guide = (await cloud.makeGuide()).openid;
    const visitor = newOpenid('o_visitor');
    const { visitId } = await openAndRead(guide, visitor);
    for (const other of [newOpenid('o_visitor'), guide, undefined]) {
      const reply = await cloud.call('insight', 'endVisit', { visitId: visitId!, seconds: 1 }, other);
      expect(reply.ok ? 'ok' : reply.error.code).toBe('NOT_FOUND');
    }
  });

  it('is still the friend the sharer brought when they join', async () => {
    const guide = await cloud.makeGuide(undefined, '导购小同');
    const visitor = newOpenid('o_visitor');
    const { shareToken } = await openAndRead(guide.openid, visitor);
    const joined = await cloud.ok(
      'account',
      'registerMember',
      { name: '新朋友', consent: CONSENT, shareToken },
      visitor,
    );
    expect(joined.guideOpenid).toBe(guide.openid);
    expect(docsOf(cloud, 'users', { _id: visitor })[0]?.referrer).toBe(guide.openid);
  });
});

describe('agreeing', () => {
  it('records later opens and reading under the openid, not the ones before', async () => {
    const guide = (await cloud.makeGuide()).openid;
    const visitor = newOpenid('o_visitor');
    const before = await openAndRead(guide, visitor);
    const given = await cloud.ok('insight', 'giveConsent', { ...CONSENT }, visitor);
    expect(given.version).toBe(CONSENT.version);
    expect(docsOf(cloud, 'visitor_consents', { _id: visitor })).toHaveLength(1);

    const after = await openAndRead(guide, visitor);
    expect(after.askConsent).toBeUndefined();
    expect(docsOf(cloud, 'visits', { _id: after.visitId })[0]?.viewer).toBe(visitor);
    expect(docsOf(cloud, 'visits', { _id: before.visitId })[0]).not.toHaveProperty('viewer');
    expect(docsOf(cloud, 'interests', { openid: visitor })).toEqual([
      expect.objectContaining({ tag: '护肤', seconds: 1 }),
    ]);
    expect(await visitsToday(guide)).toBe(2);
  });

  it("records the visit of the page they agreed on, and no one else's", async () => {
    const guide = (await cloud.makeGuide()).openid;
    const visitor = newOpenid('o_visitor');
    const someoneElse = await openAndRead(guide, newOpenid('o_visitor'));
    const opened = await openAndRead(guide, visitor);
    await cloud.ok('insight', 'giveConsent', { ...CONSENT, visitId: someoneElse.visitId! }, visitor);
    expect(docsOf(cloud, 'visits', { _id: someoneElse.visitId })[0]).not.toHaveProperty('viewer');
    await cloud.ok('insight', 'giveConsent', { ...CONSENT, visitId: opened.visitId! }, visitor);
    expect(docsOf(cloud, 'visits', { _id: opened.visitId })[0]?.viewer).toBe(visitor);
    await new Promise((r) => setTimeout(r, 1100));
    await cloud.ok('insight', 'endVisit', { visitId: opened.visitId!, seconds: 2 }, visitor);
    expect(docsOf(cloud, 'interests', { openid: visitor })).toEqual([expect.objectContaining({ seconds: 1 })]);
  });

  it('refuses an outdated version of the guide, writing nothing', async () => {
    const visitor = newOpenid('o_visitor');
    const before = cloud.snapshot();
    const reply = await cloud.call('insight', 'giveConsent', { version: '2020-01-01' }, visitor);
    expect(reply.ok ? 'ok' : reply.error.code).toBe('FAILED_PRECONDITION');
    expect(cloud.snapshot()).toBe(before);
  });

  it('is what joining does: a member is recorded without a reader-page agreement', async () => {
    const guide = (await cloud.makeGuide()).openid;
    const member = (await cloud.makeMember(guide)).openid;
    const opened = await openAndRead(guide, member);
    expect(opened.askConsent).toBeUndefined();
    expect(docsOf(cloud, 'visits', { _id: opened.visitId })[0]?.viewer).toBe(member);
    expect(docsOf(cloud, 'interests', { openid: member })).toHaveLength(1);
  });
});

describe('clearing what was kept (account.deleteMyData as a visitor)', () => {
  it('removes the agreement, the interests and the openid from every visit; later opens are unrecorded again', async () => {
    const guide = (await cloud.makeGuide()).openid;
    const visitor = newOpenid('o_visitor');
    await cloud.ok('insight', 'giveConsent', { ...CONSENT }, visitor);
    const { visitId, shareToken } = await openAndRead(guide, visitor);
    expect(naming(visitor).sort()).toEqual(['interests', 'rate_limits', 'visitor_consents', 'visits']);

    const cleared = await cloud.ok('account', 'deleteMyData', { requestId: 'req_clear_visitor_01' }, visitor);
    expect(cleared.status).toBe('none');
    expect(naming(visitor)).toEqual([]);
    // The open still counts for the guide, as nobody's.
    expect(docsOf(cloud, 'visits', { _id: visitId })).toEqual([]);
    expect(await visitsToday(guide)).toBe(1);
    // The reader key goes too: the server can no longer tell the cleared visits are theirs.
    expect(docsOf(cloud, 'visits', { token: shareToken }).filter((v) => 'reader' in v)).toEqual([]);

    const again = await openAndRead(guide, visitor);
    expect(again.askConsent).toBe(true);
    expect(naming(visitor).filter((c) => c !== 'rate_limits')).toEqual([]);
  });
});
