import type { InsightContract } from '@core/contracts/insight';
import { AppError } from '@core/errors';
import { findGuides } from '@server/data/users';
import type { ActionHandler } from '@server/kit';
import { lastDays, parseRange } from '../days';
import { figuresByGuide } from '../queries';
import { boards, guideRows, leaderRow, ranked } from '../rankings';
import { rowKeys, storeScope } from '../scope';
import { loadWeights } from '../weights';

const DEFAULT_RANGE_DAYS = 7;

/**
 * Guides (or stores, summing their guides) ranked by score over a range. With a store: that store's
 * guides keep their place in the brand-wide ranking (so a store's board and the brand's agree), or
 * that store's row. A guide sees only their own store's guides: the same figures their colleagues
 * see on the shop floor; other stores' guides are never listed to them, only the guide's own place
 * in the brand (myFigures).
 */
export const leaderboard: ActionHandler<InsightContract, 'leaderboard'> = async (input, ctx) => {
  if (ctx.caller.role !== 'hq' && input.by !== 'guide') {
    throw new AppError('PERMISSION_DENIED', '导购只能查看本门店的导购排行');
  }
  const range = parseRange(input.from, input.to);
  const storeId = await storeScope(ctx, input.storeId);
  const board = await boards(ctx.db, range, await loadWeights(ctx.db));
  if (input.by === 'store') {
    return { rows: board.stores.filter((s) => !storeId || s.id === storeId).slice(0, input.limit) };
  }
  const rows = board.guides.filter((g) => !storeId || g.storeId === storeId);
  return { rows: rowKeys(ctx, rows.slice(0, input.limit).map(leaderRow)) };
};

/**
 * The calling guide's figures and place among the brand's active guides and among their own
 * store's (default: the last 7 days).
 */
export const myFigures: ActionHandler<InsightContract, 'myFigures'> = async (input, ctx) => {
  const range =
    input.from !== undefined && input.to !== undefined
      ? parseRange(input.from, input.to)
      : lastDays(ctx.now(), DEFAULT_RANGE_DAYS);
  const weights = await loadWeights(ctx.db);
  const [figures, guides] = await Promise.all([figuresByGuide(ctx.db, range, weights), findGuides(ctx.db)]);
  const active = guides.filter((g) => g.active);
  const rows = ranked(guideRows(active, figures, new Map()));
  const storeId = ctx.caller.user?.storeId;
  const storeRows = ranked(rows.filter((r) => r.storeId === storeId));
  const mine = rows.find((r) => r.id === ctx.caller.openid);
  const mineInStore = storeRows.find((r) => r.id === ctx.caller.openid);
  const f = figures.get(ctx.caller.openid);
  return {
    from: range.from,
    to: range.to,
    figures: {
      copies: f?.copies ?? 0,
      visits: f?.visits ?? 0,
      newMembers: f?.newMembers ?? 0,
      redemptions: f?.redemptions ?? 0,
      score: f?.score ?? 0,
    },
    readSeconds: f?.readSeconds ?? 0,
    rank: mine?.rank ?? rows.length,
    of: rows.length,
    storeRank: mineInStore?.rank ?? storeRows.length,
    storeOf: storeRows.length,
  };
};
