/**
 * Every insight action × every kind of caller, and bad inputs, through the /fn bridge. A refused
 * call answers its code and leaves the database exactly as it was.
 */
import type { ActionOf } from '@core/contracts';
import { dayKey } from '@server/ledger/calendar';
import { dataOf, TEST_HQ, useLocalCloud, type TestCloud } from '../support/local-cloud';
import { cellsOf, makeCaller, only, type RoleMatrix, type Who } from '../support/role-matrix';
import { seedPost, shareOf } from './insight-helpers';

const cloud = useLocalCloud();
const insight = cloud.client('insight');

type Action = ActionOf<'insight'>;

const today = dayKey(Date.now());

/** A valid input for `caller` (built before the call, so a refused call has nothing to write). */
const validInput: Record<
  Action,
  (c: TestCloud, caller: string | undefined, who: Who) => Promise<Record<string, unknown>>
> = {
  recordVisit: async (c) => ({ shareToken: await shareOf(c, (await c.makeGuide()).openid, seedPost(c)), scene: 1007 }),
  endVisit: async (c, caller, who) => {
    // A visit of the caller's own, opened by them where they may open one.
    // Anonymous (no openid) callers end an anonymous visit: single-page mode has no identity.
    const opener =
      who === 'no openid' ? undefined : who === 'inactive guide' || !caller ? (await c.makeMember()).openid : caller;
    const shareToken = await shareOf(c, (await c.makeGuide()).openid);
    const { visitId } = dataOf(await insight.call('recordVisit', { shareToken }, opener));
    return { visitId, seconds: 3, depth: { paragraph: 1, paragraphs: 2, ratio: 0.5 } };
  },
  shareLink: (c) => Promise.resolve({ postId: seedPost(c) }),
  sharePoster: () => Promise.resolve({}),
  myInvites: () => Promise.resolve({}),
  postSpread: (c) => Promise.resolve({ postId: seedPost(c) }),
  contentKocs: () => Promise.resolve({ from: today, to: today, limit: 10 }),
  tagRules: () => Promise.resolve({}),
  setTagRules: () => Promise.resolve({ rules: [{ tag: '护肤', minSeconds: 60 }] }),
  setPostTags: (c) => Promise.resolve({ postId: seedPost(c), tags: ['护肤'] }),
  postTags: (c) => Promise.resolve({ postId: seedPost(c) }),
  myCustomers: () => Promise.resolve({}),
  customerTimeline: async (c, caller, who) => ({
    openid: (await c.makeMember(who === 'guide' ? caller : undefined)).openid,
  }),
  myFigures: () => Promise.resolve({}),
  dashboard: () => Promise.resolve({ from: today, to: today }),
  leaderboard: () => Promise.resolve({ from: today, to: today, by: 'store' }),
  referralGraph: () => Promise.resolve({ depth: 2 }),
  kocList: () => Promise.resolve({}),
};

const MATRIX: RoleMatrix<'insight'> = {
  // Moments' single-page mode opens pages with no identity: visits are recorded anonymously.
  recordVisit: only('hq', 'guide', 'customer', 'visitor', 'no openid'),
  endVisit: only('hq', 'guide', 'customer', 'visitor', 'no openid'),
  shareLink: only('guide', 'customer'),
  sharePoster: only('guide', 'customer'),
  myInvites: only('customer'),
  postSpread: only('hq', 'guide'),
  contentKocs: only('hq'),
  tagRules: only('hq', 'guide'),
  setTagRules: only('hq'),
  setPostTags: only('hq'),
  postTags: only('hq'),
  myCustomers: only('guide'),
  customerTimeline: only('guide', 'hq'),
  myFigures: only('guide'),
  dashboard: only('hq'),
  leaderboard: only('hq'),
  referralGraph: only('hq'),
  kocList: only('hq'),
};

it('covers every action of the contract', () => {
  expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(validInput).sort());
});

const cells = cellsOf('insight', MATRIX);

it.each(cells)('%s as %s → %s', async (action, who, outcome) => {
  const caller = await makeCaller[who](cloud);
  const input = await validInput[action](cloud, caller, who);
  const before = cloud.snapshot();
  const reply = await cloud.callRaw('insight', { action, ...input }, caller);
  expect(reply.ok ? 'ok' : reply.error.code).toBe(outcome);
  if (!reply.ok) expect(cloud.snapshot()).toBe(before);
});

describe('bad inputs change nothing', () => {
  const bad: [Action, Record<string, unknown>, 'hq' | 'guide' | 'customer'][] = [
    ['recordVisit', {}, 'customer'],
    ['recordVisit', { shareToken: { $ne: '' } }, 'customer'],
    ['recordVisit', { shareToken: 'short' }, 'customer'],
    ['recordVisit', { shareToken: 'ZZZZZZZZZZZZZZZZZ' }, 'customer'],
    ['recordVisit', { shareToken: 'ZZZZZZZZZZZZZZZZZ', scene: 99 }, 'customer'],
    ['recordVisit', { shareToken: 'ZZZZZZZZZZZZZZZZZ', sharer: 'o_ok_sharer' }, 'customer'],
    ['recordVisit', { shareToken: 'ZZZZZZZZZZZZZZZZZ', postId: 'pst_abcdefgh' }, 'customer'],
    ['recordVisit', { sharer: 'o_ok_sharer', postId: 'pst_abcdefgh' }, 'customer'],
    ['recordVisit', { s: 'ZZZZZZZZ' }, 'customer'],
    ['endVisit', { visitId: 'vst_doesnotexist', seconds: 10 }, 'customer'],
    ['endVisit', { visitId: 'vst_abcdefgh', seconds: -1 }, 'customer'],
    ['endVisit', { visitId: 'vst_abcdefgh', seconds: 1.5 }, 'customer'],
    [
      'endVisit',
      { visitId: 'vst_abcdefgh', seconds: 5, depth: { paragraph: 4, paragraphs: 3, ratio: 0.5 } },
      'customer',
    ],
    [
      'endVisit',
      { visitId: 'vst_abcdefgh', seconds: 5, depth: { paragraph: 1, paragraphs: 3, ratio: 1.5 } },
      'customer',
    ],
    ['shareLink', { postId: 'pst_doesnotexist' }, 'guide'],
    ['shareLink', { parent: 'ZZZZZZZZZZZZZZZZZ' }, 'customer'],
    ['shareLink', { parent: 'not a token' }, 'customer'],
    ['shareLink', { sharer: 'o_ok_sharer' }, 'guide'],
    ['sharePoster', { postId: 'pst_doesnotexist' }, 'guide'],
    ['sharePoster', { referrer: 'o_ok_sharer' }, 'customer'],
    ['myInvites', { referrer: 'o_ok_sharer' }, 'customer'],
    ['postSpread', { postId: 'pst_doesnotexist' }, 'hq'],
    ['postSpread', {}, 'guide'],
    ['contentKocs', { from: today }, 'hq'],
    ['contentKocs', { from: '2024-01-01', to: '2024-12-31' }, 'hq'],
    ['contentKocs', { limit: 1000 }, 'hq'],
    [
      'setTagRules',
      {
        rules: [
          { tag: '护肤', minSeconds: 60 },
          { tag: '护肤', minSeconds: 30 },
        ],
      },
      'hq',
    ],
    ['setTagRules', { rules: [{ tag: '', minSeconds: 60 }] }, 'hq'],
    ['setTagRules', { rules: [{ tag: '护肤', minSeconds: 1 }] }, 'hq'],
    ['setPostTags', { postId: 'pst_doesnotexist', tags: ['护肤'] }, 'hq'],
    ['setPostTags', { postId: 'pst_abcdefgh', tags: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'hq'],
    ['myCustomers', { tag: { $regex: '.*' } }, 'guide'],
    ['myCustomers', { seenWithinDays: 0 }, 'guide'],
    ['customerTimeline', { openid: 'o_not_a_member' }, 'guide'],
    ['dashboard', { from: '2024-03-02', to: '2024-03-01' }, 'hq'],
    ['dashboard', { from: '2024-02-30', to: '2024-03-01' }, 'hq'],
    ['dashboard', { from: '2024-01-01', to: '2024-12-31' }, 'hq'],
    ['dashboard', { from: '20240301', to: '2024-03-01' }, 'hq'],
    ['leaderboard', { from: today, to: today, by: 'city' }, 'hq'],
    ['referralGraph', { depth: 7 }, 'hq'],
    ['referralGraph', { depth: 0 }, 'hq'],
    ['kocList', { limit: 1000 }, 'hq'],
  ];
  it.each(bad)('%s %j', async (action, input, role) => {
    const caller = role === 'hq' ? TEST_HQ : await makeCaller[role](cloud);
    const before = cloud.snapshot();
    const reply = await cloud.callRaw('insight', { action, ...input }, caller);
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(['INVALID_ARGUMENT', 'NOT_FOUND']).toContain(reply.error.code);
    expect(cloud.snapshot()).toBe(before);
  });
});
