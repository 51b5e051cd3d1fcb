/**
 * Date ranges in Beijing days. Dashboards and leaderboards answer for whole days, named the way
 * an operator in China reads a calendar, and bucket by the Beijing day inside the database.
 */
import { MAX_RANGE_DAYS } from '@core/contracts/insight';
import { AppError } from '@core/errors';
import { dayKey, endOfDayKey } from '@server/ledger/calendar';

export const DAY_MS = 24 * 60 * 60 * 1000;
export const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

export interface Range {
  from: string;
  to: string;
  /** Inclusive start, epoch ms (Beijing midnight of `from`). */
  start: number;
  /** Exclusive end, epoch ms (Beijing midnight after `to`). */
  end: number;
}

/** A validated range: real days, from ≤ to, at most MAX_RANGE_DAYS long. */
export function parseRange(from: string, to: string): Range {
  let start: number;
  let end: number;
  try {
    start = endOfDayKey(from) - DAY_MS;
    end = endOfDayKey(to);
  } catch {
    throw new AppError('INVALID_ARGUMENT', '日期不正确', { field: 'from' });
  }
  // Date.parse rolls 2024-02-31 over to March; a day that does not round-trip is not a real day.
  if (dayKey(start) !== from || dayKey(end - 1) !== to)
    throw new AppError('INVALID_ARGUMENT', '日期不正确', { field: 'from' });
  if (end <= start) throw new AppError('INVALID_ARGUMENT', '开始日期不能晚于结束日期', { field: 'to' });
  if ((end - start) / DAY_MS > MAX_RANGE_DAYS) {
    throw new AppError('INVALID_ARGUMENT', `日期范围最长 ${MAX_RANGE_DAYS} 天`, { field: 'to' });
  }
  return { from, to, start, end };
}

/** The last `days` Beijing days up to and including today. */
export function lastDays(now: number, days: number): Range {
  const to = dayKey(now);
  const from = dayKey(now - (days - 1) * DAY_MS);
  return parseRange(from, to);
}

/** Every day key of a range, in order. */
export function daysOf(range: Range): string[] {
  const out: string[] = [];
  for (let t = range.start; t < range.end; t += DAY_MS) out.push(dayKey(t));
  return out;
}

/**
 * An aggregation expression for the Beijing midnight (epoch ms) that starts the day of `$field`:
 * field - ((field + 8h) mod 24h). Grouping on it buckets by day inside the database.
 */
export function dayStartExpr(field: string): Record<string, unknown> {
  const f = `$${field}`;
  return { $subtract: [f, { $mod: [{ $add: [f, BEIJING_OFFSET_MS] }, DAY_MS] }] };
}

export { dayKey };
