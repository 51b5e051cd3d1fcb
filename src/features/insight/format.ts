/** Display helpers for insight screens (Chinese, Beijing time). */

const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of the Beijing day of `ms`. */
export function beijingDay(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** The last `days` Beijing days up to today, as a range. */
export function lastDaysRange(now: number, days: number): { from: string; to: string } {
  return { from: beijingDay(now - (days - 1) * DAY_MS), to: beijingDay(now) };
}

/** Reading time the way a guide says it: 13分钟, 45秒, 1小时5分. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds}秒`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 >= 30 && minutes < 10 ? `${minutes}分半` : `${minutes}分钟`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours}小时` : `${hours}小时${minutes % 60}分`;
}

/** "刚刚", "5分钟前", "昨天 20:15", "3月2日" relative to now. */
export function formatWhen(ms: number, now: number): string {
  const diff = now - ms;
  if (diff < 60_000) return '刚刚';
  if (diff < 3600_000) return `${Math.floor(diff / 60_000)}分钟前`;
  const local = new Date(ms + OFFSET_MS);
  const hm = `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
  const today = beijingDay(now);
  const day = beijingDay(ms);
  if (day === today) return `今天 ${hm}`;
  if (day === beijingDay(now - DAY_MS)) return `昨天 ${hm}`;
  return `${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${hm}`;
}
