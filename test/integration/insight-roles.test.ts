/**
 * Every insight action × every kind of caller, and bad inputs, through the /fn bridge. A refused
 * call answers its code and leaves the database exactly as it was.
 */
import type { ActionOf } from '@core/contracts';
import { dayKey } from '@server/ledger/calendar';
import { dataOf, TEST_HQ, useLocalCloud, type TestCloud } from '../support/local-cloud';
import { cellsOf, makeCaller, only, type RoleMatrix, type Who } from '../support/role-matrix';
import { seedPost } from './insight-helpers';

const cloud = useLocalCloud();
const insight = cloud.client('insight');

type Action = ActionOf<'insight'>;

const today = dayKey(Date.now());

/** A valid input for `caller` (built before the call, so a refused call has nothing to write). */
const validInput: Record<
  Action,
  (c: TestCloud, caller: string | undefined, who: Who) => Promise<Record<string, unknown>>
> = {
  recordVisit: async (c) => ({ sharer: (await c.makeGuide()).openid, postId: seedPost(c), scene: 1007 }),
  endVisit: async (c, caller, who) => {
    // A visit of the caller's own, opened by them where they may open one.
    // Anonymous (no openid) callers end an anonymous visit: single-page mode has no identity.
    const opener =
      who === 'no openid' ? undefined : who === 'inactive guide' || !caller ? (await c.makeMember()).openid : caller;
    const { visitId } = dataOf(await insight.call('recordVisit', { sharer: (await c.makeGuide()).openid }, opener));
    return { visitId, seconds: 3 };
  },
  shareLink: (c) => Promise.resolve({ postId: seedPost(c) }),
  sharePoster: () => Promise.resolve({}),
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
    ['recordVisit', { sharer: { $ne: '' } }, 'customer'],
    ['recordVisit', { sharer: 'o_ok_sharer', postId: 'not-a-post' }, 'customer'],
    ['recordVisit', { sharer: 'o_ok_sharer', scene: 99 }, 'customer'],
    ['recordVisit', { s: 'short' }, 'customer'],
    ['recordVisit', { sharer: 'o_ok_sharer', extra: 1 }, 'customer'],
    ['endVisit', { visitId: 'vst_doesnotexist', seconds: 10 }, 'customer'],
    ['endVisit', { visitId: 'vst_abcdefgh', seconds: -1 }, 'customer'],
    ['endVisit', { visitId: 'vst_abcdefgh', seconds: 1.5 }, 'customer'],
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
