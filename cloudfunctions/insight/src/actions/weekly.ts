import { WeeklyReport, type InsightContract } from '@core/contracts/insight';
import { AppError } from '@core/errors';
import { getDoc, parseDoc } from '@server/db/read';
import type { ActionHandler } from '@server/kit';

const LIST_LIMIT = 52;

/** The last year of weekly reports, newest first. */
export const weeklyReports: ActionHandler<InsightContract, 'weeklyReports'> = async (_input, ctx) => {
  const { data } = await ctx.db
    .collection('weekly_reports')
    .where({ createdAt: ctx._.gt(0) })
    .orderBy('createdAt', 'desc')
    .field({ _id: true, from: true, to: true, createdAt: true })
    .limit(LIST_LIMIT)
    .get();
  const Summary = WeeklyReport.pick({ from: true, to: true, createdAt: true });
  return {
    reports: data.map((raw) => {
      const s = parseDoc(Summary, raw, 'weekly_reports');
      return { id: String((raw as { _id: unknown })._id), ...s };
    }),
  };
};

export const weeklyReport: ActionHandler<InsightContract, 'weeklyReport'> = async (input, ctx) => {
  const doc = await getDoc(
    ctx.db.collection('weekly_reports').doc(input.id),
    WeeklyReport.omit({ id: true }).extend({ _id: WeeklyReport.shape.id }),
    'weekly_reports',
  );
  if (!doc) throw new AppError('NOT_FOUND', '周报不存在');
  const { _id, ...rest } = doc;
  return { id: _id, ...rest };
};
