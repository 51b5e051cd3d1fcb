/**
 * Calendar arithmetic in Beijing time (UTC+8, no daylight saving): caps reset and points expire at
 * Beijing midnight, which is what a member in China reads as "today" and "this month".
 */
import { AppError } from '@core/errors';

const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of the Beijing day that contains `ms`. */
export function dayKey(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM` of the Beijing month that contains `ms`. */
export function monthKey(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 7);
}

/** The instant the Beijing day `ms` falls in ends (the next Beijing midnight), in epoch ms. */
export function endOfDay(ms: number): number {
  const local = ms + OFFSET_MS;
  return local - (((local % DAY_MS) + DAY_MS) % DAY_MS) + DAY_MS - OFFSET_MS;
}

/**
 * When points earned at `ms` expire: at the end of the Beijing day `days` days later, so points
 * earned any time on 1 March with 30 days last through 31 March. `days = 0` means never (null).
 */
export function expiryFor(ms: number, days: number): { key: string; expiresAt: number } | null {
  if (days <= 0) return null;
  const expiresAt = endOfDay(ms + days * DAY_MS);
  return { key: dayKey(expiresAt - 1), expiresAt };
}

/** The end of the Beijing day named by a `YYYY-MM-DD` key, in epoch ms. */
export function endOfDayKey(key: string): number {
  const start = Date.parse(`${key}T00:00:00+08:00`);
  if (Number.isNaN(start)) throw new RangeError(`bad day key: ${key}`);
  return start + DAY_MS;
}

/** Whole Beijing days `from`..`to` (inclusive) as [start, end) epoch ms. */
export interface DayRange {
  from: string;
  to: string;
  start: number;
  end: number;
}

/** A validated range: real days, from ≤ to, at most `maxDays` long; refusals are INVALID_ARGUMENT. */
export function parseDayRange(from: string, to: string, maxDays: number): DayRange {
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
  if ((end - start) / DAY_MS > maxDays) {
    throw new AppError('INVALID_ARGUMENT', `日期范围最长 ${maxDays} 天`, { field: 'to' });
  }
  return { from, to, start, end };
}
