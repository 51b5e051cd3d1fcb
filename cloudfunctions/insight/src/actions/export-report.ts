/**
 * Reports as .xlsx (exceljs): one sheet per table (export-sheets.ts), written to storage under
 * exports/ and answered with a temporary URL.
 */
import ExcelJS from 'exceljs';
import type { InsightContract } from '@core/contracts/insight';
import type { ActionHandler } from '@server/kit';
import { tempUrls, uploadFile } from '@server/storage';
import { sheetsOf } from '../export-sheets';

export const exportReport: ActionHandler<InsightContract, 'exportReport'> = async (input, ctx) => {
  const book = new ExcelJS.Workbook();
  book.created = new Date(ctx.now());
  const { label, sheets } = await sheetsOf(input, ctx);
  for (const s of sheets) {
    const sheet = book.addWorksheet(s.name);
    sheet.columns = s.columns.map((c) => ({ ...c, width: Math.max(10, c.header.length * 2 + 4) }));
    sheet.getRow(1).font = { bold: true };
    for (const row of s.rows) sheet.addRow(row);
  }
  const data = Buffer.from(await book.xlsx.writeBuffer());
  const span = 'from' in input ? `_${input.from}_${input.to}` : '';
  const name = `${label}${span}.xlsx`;
  const stamp = `${ctx.now()}-${ctx.requestId.replace(/[^A-Za-z0-9]/g, '').slice(0, 16)}`;
  const fileID = await uploadFile(ctx.cloud, `exports/${input.report}-${stamp}.xlsx`, data);
  const url = (await tempUrls(ctx.cloud, [fileID])).get(fileID) ?? '';
  return { fileID, url, name };
};
