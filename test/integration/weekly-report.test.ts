/**
 * The weekly report timer (made once per week however often it fires), HQ's leaderboard weights,
 * and the exports of the new reports read back with exceljs.
 */
import ExcelJS from 'exceljs';
import { dayKey, monthKey } from '@server/ledger/calendar';
import { TEST_HQ, useLocalCloud } from '../support/local-cloud';
import { docsOf, openShare, seedPost, seedVariant } from './insight-helpers';

jest.setTimeout(60_000);

const cloud = useLocalCloud();
const insight = cloud.client('insight');
const DAY = 24 * 3600_000;
const BEIJING = 8 * 3600_000;

/** Next Monday 09:00 Beijing time, and the Monday-to-Sunday week (Beijing days) it reports on: this one. */
function nextMonday(now: number): { at: number; from: string; to: string } {
  const local = new Date(now + BEIJING);
  const weekday = local.getUTCDay();
  const monday = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - ((weekday + 6) % 7) * DAY;
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  return { at: monday + 7 * DAY + 9 * 3600_000 - BEIJING, from: day(monday), to: day(monday + 6 * DAY) };
}

async function readBook(url: string): Promise<ExcelJS.Workbook> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  return book;
}

function column(sheet: ExcelJS.Worksheet | undefined, header: string): unknown[] {
  if (!sheet) throw new Error('sheet missing');
  const headers = (sheet.getRow(1).values as unknown[]).map(String);
  const at = headers.indexOf(header);
  const out: unknown[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) out.push((row.values as unknown[])[at]);
  });
  return out;
}

let storeId: string;
let guide: { openid: string; storeId: string };
let post: string;

beforeAll(async () => {
  storeId = await cloud.makeStore('周报门店');
  guide = await cloud.makeGuide(storeId, '周报导购');
  const idle = await cloud.makeGuide(storeId, '周报导购二');
  await cloud.makeMember(guide.openid, '周报会员');
  post = seedPost(cloud, { title: '周报素材' });
  seedVariant(cloud, post, guide, '文案', Date.now());
  await openShare(cloud, guide.openid, post, (await cloud.makeMember()).openid);
  const goal = { newMembers: 100, postsShared: 100, purchasePoints: 100 };
  await insight.ok(
    'setTargets',
    { month: monthKey(Date.now()), targets: [{ scope: 'guide', id: idle.openid, target: goal }] },
    TEST_HQ,
  );
});

test('the Monday timer makes one report per week, however often and however simultaneously it fires', async () => {
  const week = nextMonday(Date.now());
  const firings = await Promise.all(
    [1, 2, 3].map(() => cloud.cloud.timers.fire('insight', 'makeWeeklyReport', week.at)),
  );
  expect(firings.every((f) => f.ok)).toBe(true);
  const made = firings.map((f) => (f.result as { data?: { made?: boolean } }).data?.made);
  expect(made.filter((m) => m === true)).toHaveLength(1);
  const first = JSON.stringify(docsOf(cloud, 'weekly_reports'));
  const again = await cloud.cloud.timers.fire('insight', 'makeWeeklyReport', week.at + 3600_000);
  expect(again.result).toMatchObject({ ok: true, data: { made: false } });
  const stored = docsOf(cloud, 'weekly_reports');
  expect(JSON.stringify(stored)).toBe(first);
  expect(stored.map((d) => d._id)).toEqual([`wkr_${week.from.replace(/-/g, '')}`]);
  const { reports } = await insight.ok('weeklyReports', {}, TEST_HQ);
  expect(reports).toEqual([expect.objectContaining({ id: stored[0]!._id, from: week.from, to: week.to })]);

  // Its figures are the leaderboard's for the same week, and its top post the post's own figures.
  const report = await insight.ok('weeklyReport', { id: reports[0]!.id }, TEST_HQ);
  const board = await insight.ok('leaderboard', { from: week.from, to: week.to, by: 'guide', limit: 200 }, TEST_HQ);
  expect(report.guides).toEqual(board.rows);
  const mine = report.guides.find((g) => g.id === guide.openid);
  // The member who joined through the guide, and the two counted opens of the guide's shares (the
  // invitation that member opened, the post another member read).
  const members = docsOf(cloud, 'users', { role: 'customer', guideOpenid: guide.openid }).length;
  const opens = docsOf(cloud, 'visits', { sharer: guide.openid, counted: true, anonymous: false }).length;
  expect([members, opens]).toEqual([1, 2]);
  expect(mine).toMatchObject({ copies: 1, newMembers: members, visits: opens });
  expect(report.topPosts[0]).toEqual(await insight.ok('postFigures', { postId: post }, TEST_HQ));
  expect(report.behind).toEqual([expect.objectContaining({ scope: 'guide', name: '周报导购二' })]);

  const file = await insight.ok('exportReport', { report: 'weekly', id: report.id }, TEST_HQ);
  expect(file.name).toBe(`周报_${week.from}_${week.to}.xlsx`);
  const book = await readBook(file.url);
  expect(column(book.getWorksheet('导购排行'), '得分')).toEqual(report.guides.map((g) => g.score));
  expect(column(book.getWorksheet('目标落后'), '名称')).toEqual(['周报导购二']);
});

test("HQ's weights score every board; a guide reads them and cannot set them", async () => {
  const today = dayKey(Date.now());
  const before = await insight.ok('scoreWeights', {}, guide.openid);
  expect(before).toEqual({ copies: 1, visits: 1, newMembers: 10, redemptions: 5 });
  const refused = await insight.call('setScoreWeights', { ...before, copies: 50 }, guide.openid);
  expect(refused.ok ? 'ok' : refused.error.code).toBe('PERMISSION_DENIED');
  await insight.ok('setScoreWeights', { copies: 50, visits: 0, newMembers: 1, redemptions: 0 }, TEST_HQ);
  const { rows } = await insight.ok('leaderboard', { from: today, to: today, by: 'guide', storeId }, TEST_HQ);
  for (const r of rows) expect(r.score).toBe(r.copies * 50 + r.newMembers);
  const mine = await insight.ok('myFigures', {}, guide.openid);
  expect(mine.figures.score).toBe(mine.figures.copies * 50 + mine.figures.newMembers);
  expect([mine.storeRank, mine.storeOf]).toEqual([1, 2]);
  expect(mine.rank).toBeLessThanOrEqual(mine.of);
  expect(await insight.ok('scoreWeights', {}, guide.openid)).toEqual({
    copies: 50,
    visits: 0,
    newMembers: 1,
    redemptions: 0,
  });
});

test('the per-post and not-shared exports hold the rows their screens show', async () => {
  const posts = await insight.ok('exportReport', { report: 'posts', storeId }, TEST_HQ);
  const recent = await insight.ok('recentPosts', { limit: 50, storeId }, TEST_HQ);
  const book = await readBook(posts.url);
  expect(column(book.getWorksheet('素材数据'), '打开')).toEqual(recent.rows.map((r) => r.opens));
  const notShared = await insight.ok('exportReport', { report: 'notShared' }, TEST_HQ);
  const rows = (await insight.ok('notSharedToday', {}, TEST_HQ)).rows;
  const sheet = (await readBook(notShared.url)).getWorksheet('今日未转发');
  expect(column(sheet, '导购')).toEqual(rows.map((r) => r.name));
  expect(column(sheet, '未转发')).toEqual(rows.map((r) => r.missing));
});
