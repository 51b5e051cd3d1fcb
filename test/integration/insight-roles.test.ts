/**
 * Every insight action × every kind of caller, and bad inputs, through the /fn bridge. A refused
 * call answers its code and leaves the database exactly as it was.
 */
import type { ActionOf } from '@core/contracts';
import { dayKey } from '@server/ledger/calendar';
import { CONSENT, dataOf, TEST_HQ, useLocalCloud, type TestCloud } from '../support/local-cloud';
import { cellsOf, makeCaller, only, type RoleMatrix, type Who } from '../support/role-matrix';
import { seedPost, shareOf } from './insight-helpers';

const cloud = useLocalCloud();
const insight = cloud.client('insight');

type Action = ActionOf<'insight'>;

const today = dayKey(Date.now());

/** An item on `guide`'s list today (a new member to welcome); a fresh guide's when none is given. */
async function worklistItemOf(c: TestCloud, guide?: string): Promise<string> {
  const owner = guide ?? (await c.makeGuide()).openid;
  await c.makeMember(owner, '新会员');
  const [item] = (await c.ok('insight', 'worklist', {}, owner)).items;
  if (!item) throw new Error('no worklist item was made');
  return item.id;
}

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
  giveConsent: () => Promise.resolve({ ...CONSENT }),
  shareLink: (c) => Promise.resolve({ postId: seedPost(c) }),
  sharePoster: () => Promise.resolve({}),
  inviteCode: async (c) => ({
    code: dataOf<{ code: string }>(
      await c.call('account', 'createInvite', { storeId: await c.makeStore(), role: 'guide' }, TEST_HQ),
    ).code,
  }),
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
  // Guides read their own store's board of guides; HQ any board.
  leaderboard: (_c, _caller, who) => Promise.resolve({ from: today, to: today, by: who === 'hq' ? 'store' : 'guide' }),
  referralGraph: () => Promise.resolve({ depth: 2 }),
  kocList: () => Promise.resolve({}),
  worklist: () => Promise.resolve({}),
  worklistOutcome: async (c, caller, who) => ({
    id: await worklistItemOf(c, who === 'guide' ? caller : undefined),
    outcome: 'contacted',
  }),
  worklistFigures: () => Promise.resolve({ from: today, to: today, by: 'guide' }),
  scripts: () => Promise.resolve({}),
  saveScript: () => Promise.resolve({ scene: 'welcome', title: '欢迎', text: '{称呼}，欢迎加入会员～' }),
  deleteScript: async (c, caller, who) => {
    // The caller's own script where they may keep one, else one of HQ's library.
    const owner = who === 'guide' && caller ? caller : TEST_HQ;
    const input = { scene: 'holiday', title: '节日', text: '{称呼}，节日快乐！' } as const;
    return { id: (await c.ok('insight', 'saveScript', input, owner)).id };
  },
  customerNotes: async (c, caller, who) => ({
    openid: (await c.makeMember(who === 'guide' ? caller : undefined)).openid,
  }),
  addNote: async (c, caller, who) => ({
    openid: (await c.makeMember(who === 'guide' ? caller : undefined)).openid,
    text: '喜欢玫瑰味，下周带朋友来',
  }),
  setCustomerTags: async (c, caller, who) => ({
    openid: (await c.makeMember(who === 'guide' ? caller : undefined)).openid,
    tags: ['敏感肌', '爱喝茶'],
  }),
  manualTagList: () => Promise.resolve({}),
  setManualTagList: () => Promise.resolve({ tags: ['敏感肌', '高消费'] }),
  holidays: () => Promise.resolve({}),
  setHolidays: () => Promise.resolve({ holidays: [{ day: '2026-10-01', name: '国庆节' }] }),
  // ---- reminders and reports ----
  reminderSettings: () => Promise.resolve({}),
  setReminderTemplates: () => Promise.resolve({ templates: { post: 'TPL_post_1', points: 'TPL_points_1' } }),
  subscribeReminders: async (c, _caller, who) => {
    await c.ok(
      'insight',
      'setReminderTemplates',
      { templates: { post: 'TPL_post_1', points: 'TPL_points_1' } },
      TEST_HQ,
    );
    return { kinds: [who === 'customer' ? 'points' : 'post'] };
  },
  exportReport: () => Promise.resolve({ report: 'dashboard', from: today, to: today }),
  setTargets: async (c) => ({
    month: today.slice(0, 7),
    targets: [
      { scope: 'store', id: await c.makeStore(), target: { newMembers: 5, postsShared: 20, purchasePoints: 100 } },
    ],
  }),
  targetProgress: () => Promise.resolve({ month: today.slice(0, 7) }),
  postFigures: (c) => Promise.resolve({ postId: seedPost(c) }),
  recentPosts: () => Promise.resolve({ limit: 5 }),
  notSharedToday: () => Promise.resolve({}),
  weeklyReports: () => Promise.resolve({}),
  weeklyReport: async (c) => {
    const firing = await c.cloud.timers.fire('insight', 'makeWeeklyReport');
    if (!firing.ok) throw new Error(firing.error);
    const [report] = c.cloud.engine.findDocs('weekly_reports');
    return { id: String(report?._id) };
  },
  scoreWeights: () => Promise.resolve({}),
  setScoreWeights: () => Promise.resolve({ copies: 2, visits: 1, newMembers: 10, redemptions: 5 }),
};

const MATRIX: RoleMatrix<'insight'> = {
  // Moments' single-page mode opens pages with no identity: visits are recorded anonymously.
  recordVisit: only('hq', 'guide', 'customer', 'visitor', 'no openid'),
  endVisit: only('hq', 'guide', 'customer', 'visitor', 'no openid'),
  // Members agreed when they joined; staff are recorded at work.
  giveConsent: only('visitor'),
  shareLink: only('guide', 'customer'),
  sharePoster: only('guide', 'customer'),
  inviteCode: only('hq'),
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
  leaderboard: only('hq', 'guide'),
  referralGraph: only('hq'),
  kocList: only('hq'),
  worklist: only('guide'),
  worklistOutcome: only('guide'),
  worklistFigures: only('hq'),
  scripts: only('hq', 'guide'),
  saveScript: only('hq', 'guide'),
  deleteScript: only('hq', 'guide'),
  // HQ may read a customer's notes (as the timeline); only their guide writes them. Another
  // guide's customer is NOT_FOUND (tested in worklist-notes.test.ts).
  customerNotes: only('guide', 'hq'),
  addNote: only('guide'),
  setCustomerTags: only('guide'),
  manualTagList: only('hq', 'guide'),
  setManualTagList: only('hq'),
  holidays: only('hq'),
  setHolidays: only('hq'),
  // ---- reminders and reports ----
  reminderSettings: only('hq', 'guide', 'customer'),
  setReminderTemplates: only('hq'),
  subscribeReminders: only('guide', 'customer'),
  exportReport: only('hq'),
  setTargets: only('hq'),
  targetProgress: only('hq', 'guide'),
  postFigures: only('hq'),
  recentPosts: only('hq'),
  notSharedToday: only('hq', 'guide'),
  weeklyReports: only('hq'),
  weeklyReport: only('hq'),
  scoreWeights: only('hq', 'guide'),
  setScoreWeights: only('hq'),
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
  const bad: [Action, Record<string, unknown>, 'hq' | 'guide' | 'customer' | 'visitor'][] = [
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
    ['giveConsent', {}, 'visitor'],
    ['giveConsent', { version: '' }, 'visitor'],
    ['giveConsent', { version: { $ne: '' } }, 'visitor'],
    ['giveConsent', { version: 'x'.repeat(21) }, 'visitor'],
    ['giveConsent', { version: CONSENT.version, openid: 'o_ok_sharer' }, 'visitor'],
    ['shareLink', { postId: 'pst_doesnotexist' }, 'guide'],
    ['shareLink', { parent: 'ZZZZZZZZZZZZZZZZZ' }, 'customer'],
    ['shareLink', { parent: 'not a token' }, 'customer'],
    ['shareLink', { sharer: 'o_ok_sharer' }, 'guide'],
    ['sharePoster', { postId: 'pst_doesnotexist' }, 'guide'],
    ['inviteCode', { code: 'ABCD2345' }, 'hq'],
    ['inviteCode', { code: 'abc' }, 'hq'],
    ['inviteCode', { code: { $ne: '' } }, 'hq'],
    ['inviteCode', { code: 'ABCD2345', page: 'pages/index/index' }, 'hq'],
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
    ['worklist', { guide: 'o_ok_sharer' }, 'guide'],
    ['worklistOutcome', { id: 'wli_doesnotexist0001', outcome: 'contacted' }, 'guide'],
    ['worklistOutcome', { id: 'wli_doesnotexist0001', outcome: 'done' }, 'guide'],
    ['worklistOutcome', { id: 'not an item', outcome: 'contacted' }, 'guide'],
    ['worklistOutcome', { id: { $ne: '' }, outcome: 'contacted' }, 'guide'],
    ['worklistOutcome', { id: 'wli_doesnotexist0001' }, 'guide'],
    ['worklistFigures', { from: today, to: today, by: 'city' }, 'hq'],
    ['worklistFigures', { from: '2024-01-01', to: '2024-12-31', by: 'guide' }, 'hq'],
    ['worklistFigures', { from: today, to: today }, 'hq'],
    ['saveScript', { scene: 'party', title: '欢迎', text: '欢迎' }, 'hq'],
    ['saveScript', { scene: 'welcome', title: '', text: '欢迎' }, 'hq'],
    ['saveScript', { scene: 'welcome', title: '欢迎', text: 'x'.repeat(301) }, 'guide'],
    ['saveScript', { scene: 'welcome', title: '欢迎', text: '{称呼}\u202e欢迎' }, 'guide'],
    ['saveScript', { id: 'scr_doesnotexist01', scene: 'welcome', title: '欢迎', text: '欢迎' }, 'guide'],
    ['saveScript', { scene: 'welcome', title: '欢迎', text: { $ne: '' } }, 'hq'],
    ['deleteScript', { id: 'scr_doesnotexist01' }, 'hq'],
    ['deleteScript', { id: 'not a script' }, 'guide'],
    ['customerNotes', { openid: 'o_not_a_member' }, 'guide'],
    ['addNote', { openid: 'o_not_a_member', text: '备注' }, 'guide'],
    ['addNote', { openid: 'o_not_a_member', text: '' }, 'guide'],
    ['addNote', { openid: 'o_not_a_member', text: 'x'.repeat(501) }, 'guide'],
    ['setCustomerTags', { openid: 'o_not_a_member', tags: ['敏感肌'] }, 'guide'],
    ['setCustomerTags', { openid: 'o_not_a_member', tags: ['a', 'a'] }, 'guide'],
    ['setCustomerTags', { openid: 'o_not_a_member', tags: ['这个标签实在是太长了超过十二个字'] }, 'guide'],
    ['setManualTagList', { tags: ['a', 'a'] }, 'hq'],
    ['setManualTagList', { tags: [{ $ne: '' }] }, 'hq'],
    ['setHolidays', { holidays: [{ day: '2026-02-30', name: '情人节' }] }, 'hq'],
    ['setHolidays', { holidays: [{ day: '2026/10/01', name: '国庆节' }] }, 'hq'],
    ['setHolidays', { holidays: [{ day: '2026-10-01', name: '' }] }, 'hq'],
    ['setHolidays', { holidays: [{ day: '2026-10-01', name: '这个节日的名字实在太长了' }] }, 'hq'],
    [
      'setHolidays',
      {
        holidays: [
          { day: '2026-10-01', name: '国庆节' },
          { day: '2026-10-01', name: '中秋节' },
        ],
      },
      'hq',
    ],
    [
      'setHolidays',
      {
        holidays: Array.from({ length: 31 }, (_, i) => ({
          day: `2026-01-${String(i + 1).padStart(2, '0')}`,
          name: '节',
        })),
      },
      'hq',
    ],
    ['setHolidays', { holidays: [{ day: { $ne: '' }, name: '国庆节' }] }, 'hq'],
    ['holidays', { day: '2026-10-01' }, 'hq'],
    // ---- reminders and reports ----
    ['reminderSettings', { openid: 'o_ok_sharer' }, 'guide'],
    ['setReminderTemplates', { templates: { post: 'has space' } }, 'hq'],
    ['setReminderTemplates', { templates: { post: { $ne: '' } } }, 'hq'],
    ['setReminderTemplates', { templates: { sms: 'TPL_1' } }, 'hq'],
    ['setReminderTemplates', { templates: { post: 'x'.repeat(65) } }, 'hq'],
    ['subscribeReminders', { kinds: [] }, 'guide'],
    ['subscribeReminders', { kinds: ['post', 'post'] }, 'guide'],
    ['subscribeReminders', { kinds: ['sms'] }, 'guide'],
    ['subscribeReminders', { kinds: ['points'] }, 'guide'],
    ['subscribeReminders', { kinds: ['post'] }, 'customer'],
    ['subscribeReminders', { kinds: ['post'], openid: 'o_ok_sharer' }, 'guide'],
    ['exportReport', { report: 'payroll', from: today, to: today }, 'hq'],
    ['exportReport', { report: 'dashboard', from: '2024-01-01', to: '2024-12-31' }, 'hq'],
    ['exportReport', { report: 'dashboard', from: today, to: today, cloudPath: '../x' }, 'hq'],
    ['exportReport', { report: 'leaderboard', from: today, to: today, by: 'city' }, 'hq'],
    ['setTargets', { month: '2026-13', targets: [] }, 'hq'],
    [
      'setTargets',
      {
        month: '2026-03',
        targets: [
          { scope: 'store', id: 'sto_doesnotexist', target: { newMembers: 1, postsShared: 1, purchasePoints: 1 } },
        ],
      },
      'hq',
    ],
    [
      'setTargets',
      {
        month: '2026-03',
        targets: [
          { scope: 'guide', id: 'o_nobody_here', target: { newMembers: -1, postsShared: 1, purchasePoints: 1 } },
        ],
      },
      'hq',
    ],
    [
      'setTargets',
      {
        month: '2026-03',
        targets: [{ scope: 'guide', id: { $ne: '' }, target: { newMembers: 1, postsShared: 1, purchasePoints: 1 } }],
      },
      'hq',
    ],
    ['targetProgress', { month: '2026-3' }, 'guide'],
    ['targetProgress', { month: '2026-03', guide: 'o_ok_sharer' }, 'guide'],
    ['dashboard', { from: today, to: today, storeId: { $ne: '' } }, 'hq'],
    ['dashboard', { from: today, to: today, storeId: 'sto_nosuchstore1' }, 'hq'],
    ['dashboard', { from: today, to: today, storeId: 'store one' }, 'hq'],
    ['leaderboard', { from: today, to: today, by: 'guide', storeId: 'sto_' }, 'guide'],
    ['postFigures', { postId: 'pst_nosuchpost01' }, 'hq'],
    ['postFigures', { postId: 'pst_abcdefgh', storeId: 'sto_nosuchstore1' }, 'hq'],
    ['postFigures', { postId: { $gt: '' } }, 'hq'],
    ['recentPosts', { limit: 1000 }, 'hq'],
    ['recentPosts', { limit: 0 }, 'hq'],
    ['recentPosts', { storeId: ['sto_abcdefgh'] }, 'hq'],
    ['notSharedToday', { storeId: 'nope' }, 'guide'],
    ['notSharedToday', { day: '2026-01-01' }, 'hq'],
    ['weeklyReports', { limit: 5 }, 'hq'],
    ['weeklyReport', { id: 'wkr_20200106' }, 'hq'],
    ['weeklyReport', { id: '../wkr_1' }, 'hq'],
    ['weeklyReport', {}, 'hq'],
    ['setScoreWeights', { copies: 0, visits: 0, newMembers: 0, redemptions: 0 }, 'hq'],
    ['setScoreWeights', { copies: -1, visits: 1, newMembers: 10, redemptions: 5 }, 'hq'],
    ['setScoreWeights', { copies: 1.5, visits: 1, newMembers: 10, redemptions: 5 }, 'hq'],
    ['setScoreWeights', { copies: 101, visits: 1, newMembers: 10, redemptions: 5 }, 'hq'],
    ['setScoreWeights', { copies: 1, visits: 1, newMembers: 10 }, 'hq'],
    ['setScoreWeights', { copies: '1', visits: 1, newMembers: 10, redemptions: 5 }, 'hq'],
    ['exportReport', { report: 'weekly' }, 'hq'],
    ['exportReport', { report: 'weekly', id: 'wkr_20200106' }, 'hq'],
    ['exportReport', { report: 'posts', from: today, to: today }, 'hq'],
    ['exportReport', { report: 'notShared', storeId: 'sto_nosuchstore1' }, 'hq'],
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
