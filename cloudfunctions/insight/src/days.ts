/**
 * Date ranges in Beijing days. Dashboards and leaderboards answer for whole days, named the way
 * an operator in China reads a calendar, and bucket by the Beijing day inside the database.
 */
import { MAX_RANGE_DAYS } from '@core/contracts/insight';
import { dayKey, parseDayRange } from '@server/ledger/calendar';

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

/** A validated range: real days, from ≤ to, at most MAX_RANGE_DAYS long (shared with points' reports). */
export const parseRange = (from: string, to: string): Range => parseDayRange(from, to, MAX_RANGE_DAYS);

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
