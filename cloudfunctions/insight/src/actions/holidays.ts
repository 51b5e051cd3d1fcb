import type { InsightContract } from '@core/contracts/insight';
import type { ActionHandler } from '@server/kit';
import { HOLIDAYS_ID, loadHolidays } from '../worklist/holidays';

export const holidays: ActionHandler<InsightContract, 'holidays'> = async (_input, ctx) => ({
  holidays: await loadHolidays(ctx.db),
});

/** Replaces the list, in date order. */
export const setHolidays: ActionHandler<InsightContract, 'setHolidays'> = async (input, ctx) => {
  const list = [...input.holidays].sort((a, b) => a.day.localeCompare(b.day));
  await ctx.db
    .collection('insight_settings')
    .doc(HOLIDAYS_ID)
    .set({ data: { holidays: list, updatedAt: ctx.now(), updatedBy: ctx.caller.openid } });
  return { holidays: list };
};
