/**
 * Reports: exports as .xlsx, read back with exceljs and compared with what the screens show.
 */
import ExcelJS from 'exceljs';
import { dayKey } from '@server/ledger/calendar';
import { TEST_HQ, useLocalCloud } from '../support/local-cloud';

jest.setTimeout(30_000);

const cloud = useLocalCloud();
const insight = cloud.client('insight');
const today = dayKey(Date.now());

async function readBook(url: string): Promise<ExcelJS.Workbook> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  return book;
}

/** A sheet's rows as objects keyed by the header row. */
function rowsOf(sheet: ExcelJS.Worksheet): Record<string, unknown>[] {
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    out.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
  });
  return out;
}

test('the dashboard export holds the same figures as the dashboard, one row per day and a total', async () => {
  const guide = await cloud.makeGuide(undefined, '导购小周');
  await cloud.makeMember(guide.openid, '会员甲');
  await cloud.makeMember(guide.openid, '会员乙');
  const from = dayKey(Date.now() - 2 * 24 * 3600_000);
  const board = await insight.ok('dashboard', { from, to: today }, TEST_HQ);
  expect(board.totals.newMembers).toBeGreaterThanOrEqual(2);
  const file = await insight.ok('exportReport', { report: 'dashboard', from, to: today }, TEST_HQ);
  expect(file.name).toBe(`数据看板_${from}_${today}.xlsx`);
  const book = await readBook(file.url);
  const rows = rowsOf(book.getWorksheet('每日数据')!);
  expect(rows).toHaveLength(board.days.length + 1);
  board.days.forEach((d, i) => {
    expect(rows[i]).toMatchObject({ 日期: d.day, 新会员: d.newMembers, 打开人次: d.visits, 发放积分: d.pointsIssued });
  });
  expect(rows.at(-1)).toMatchObject({
    日期: '合计',
    新会员: board.totals.newMembers,
    打开人次: board.totals.visits,
    发放积分: board.totals.pointsIssued,
  });
});

test('the leaderboard export ranks the same guides with the same scores', async () => {
  const file = await insight.ok(
    'exportReport',
    { report: 'leaderboard', from: today, to: today, by: 'guide' },
    TEST_HQ,
  );
  const board = await insight.ok('leaderboard', { from: today, to: today, by: 'guide', limit: 200 }, TEST_HQ);
  const rows = rowsOf((await readBook(file.url)).getWorksheet('导购排行')!);
  expect(rows.map((r) => [r['名次'], r['名称'], r['得分']])).toEqual(board.rows.map((r) => [r.rank, r.name, r.score]));
  expect(rows.length).toBeGreaterThan(0);
});
