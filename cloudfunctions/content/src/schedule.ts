/**
 * When each guide is suggested to post. Moments folds many posts from one author in a short time,
 * and one store's guides share many friends (the store's customers), so guides of one store are
 * spread over posting windows instead of all posting the minute HQ publishes.
 */
import { createHash } from 'node:crypto';

/** China has one time zone and no daylight saving: local time = UTC + 8 h. */
const CHINA_OFFSET_MS = 8 * 3600_000;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Starts of the windows when Moments is read most (minutes after local midnight): 8:00, 12:00, 18:00, 20:30. */
export const POSTING_WINDOWS = [8 * 60, 12 * 60, 18 * 60, 20 * 60 + 30] as const;
/** Minutes between two guides of one store inside a window. */
export const STAGGER_MINUTES = 12;
/** Guides per window before the next window is used (10 × 12 min = 2 h, the length of a window). */
export const GUIDES_PER_WINDOW = 10;
/** A guide needs a moment to open the post before the first slot. */
const LEAD_MINUTES = 10;

/** Local midnight (epoch ms) of the China calendar day containing `t`. */
export function chinaDayStart(t: number): number {
  return Math.floor((t + CHINA_OFFSET_MS) / DAY) * DAY - CHINA_OFFSET_MS;
}

export function sameChinaDay(a: number, b: number): boolean {
  return chinaDayStart(a) === chinaDayStart(b);
}

/** The n-th posting window starting at or after `t` (n = 0 is the first). */
export function windowStart(t: number, n: number): number {
  let day = chinaDayStart(t);
  let index = POSTING_WINDOWS.findIndex((m) => day + m * MINUTE >= t);
  if (index < 0) {
    day += DAY;
    index = 0;
  }
  const k = index + n;
  const dayShift = Math.floor(k / POSTING_WINDOWS.length);
  const start = POSTING_WINDOWS[k % POSTING_WINDOWS.length] ?? POSTING_WINDOWS[0];
  return day + dayShift * DAY + start * MINUTE;
}

/**
 * The order of a store's guides for one post. It is a hash of (post, guide), so the early slot
 * rotates between guides from post to post instead of always going to the same person.
 */
export function staggerOrder(postId: string, guideOpenids: readonly string[]): string[] {
  const key = (g: string) => createHash('sha256').update(`${postId}\u0000${g}`).digest('hex');
  return [...guideOpenids].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The suggested posting time of the guide at `position` in the store's order for a post published at `publishedAt`. */
export function suggestPostingTime(publishedAt: number, position: number): number {
  const p = Math.max(0, Math.floor(position));
  const window = windowStart(publishedAt + LEAD_MINUTES * MINUTE, Math.floor(p / GUIDES_PER_WINDOW));
  return window + (p % GUIDES_PER_WINDOW) * STAGGER_MINUTES * MINUTE;
}
