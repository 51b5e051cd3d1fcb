/**
 * Reports as .xlsx (exceljs): the same figures the screens show, made by the same handlers, one
 * sheet per table, written to storage under exports/ and answered with a temporary URL.
 */
import ExcelJS from 'exceljs';
import type { InsightContract } from '@core/contracts/insight';
import type { ActionContext, ActionHandler } from '@server/kit';
import { tempUrls, uploadFile } from '@server/storage';
import { dashboard, leaderboard } from './figures';

type Sheet = { name: string; columns: { header: string; key: string }[]; rows: Record<string, unknown>[] };

const DASHBOARD_COLUMNS = [
  { header: '日期', key: 'day' },
  { header: '发布素材', key: 'postsPublished' },
  { header: '复制文案', key: 'copies' },
  { header: '打开人次', key: 'visits' },
  { header: '阅读秒数', key: 'readSeconds' },
  { header: '新会员', key: 'newMembers' },
  { header: '兑换', key: 'redemptions' },
  { header: '发放积分', key: 'pointsIssued' },
  { header: '消耗积分', key: 'pointsSpent' },
];

const LEADER_COLUMNS = [
  { header: '名次', key: 'rank' },
  { header: '名称', key: 'name' },
  { header: '门店', key: 'storeName' },
  { header: '复制', key: 'copies' },
  { header: '打开', key: 'visits' },
  { header: '新会员', key: 'newMembers' },
  { header: '核销', key: 'redemptions' },
  { header: '得分', key: 'score' },
];

async function sheetsOf(input: Parameters<ExportHandler>[0], ctx: ActionContext): Promise<Sheet[]> {
  if (input.report === 'dashboard') {
    const d = await dashboard({ from: input.from, to: input.to }, ctx);
    const totals = { day: '合计', ...d.totals };
    return [{ name: '每日数据', columns: DASHBOARD_COLUMNS, rows: [...d.days, totals] }];
  }
  const by = input.by ?? 'guide';
  const l = await leaderboard({ from: input.from, to: input.to, by, limit: 200 }, ctx);
  return [{ name: by === 'guide' ? '导购排行' : '门店排行', columns: LEADER_COLUMNS, rows: l.rows }];
}

type ExportHandler = ActionHandler<InsightContract, 'exportReport'>;

export const exportReport: ExportHandler = async (input, ctx) => {
  const book = new ExcelJS.Workbook();
  book.created = new Date(ctx.now());
  for (const s of await sheetsOf(input, ctx)) {
    const sheet = book.addWorksheet(s.name);
    sheet.columns = s.columns.map((c) => ({ ...c, width: Math.max(10, c.header.length * 2 + 4) }));
    sheet.getRow(1).font = { bold: true };
    for (const row of s.rows) sheet.addRow(row);
  }
  const data = Buffer.from(await book.xlsx.writeBuffer());
  const label = input.report === 'dashboard' ? '数据看板' : '排行榜';
  const name = `${label}_${input.from}_${input.to}.xlsx`;
  const cloudPath = `exports/${input.report}-${input.from}-${input.to}-${ctx.requestId.replace(/[^A-Za-z0-9]/g, '').slice(0, 16)}.xlsx`;
  const fileID = await uploadFile(ctx.cloud, cloudPath, data);
  const url = (await tempUrls(ctx.cloud, [fileID])).get(fileID) ?? '';
  return { fileID, url, name };
};
