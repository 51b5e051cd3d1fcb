/**
 * Quiet hours: nobody is messaged between QUIET_FROM_HOUR and QUIET_TO_HOUR Beijing time. A message
 * due then waits and goes out when the quiet ends.
 */
import { QUIET_FROM_HOUR, QUIET_TO_HOUR } from '@core/limits';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** China has one time zone and no daylight saving: local time = UTC + 8 h. */
const BEIJING = 8 * HOUR;

function beijingHour(t: number): number {
  return Math.floor(((((t + BEIJING) % DAY) + DAY) % DAY) / HOUR);
}

export function isQuiet(t: number): boolean {
  const h = beijingHour(t);
  return h >= QUIET_FROM_HOUR || h < QUIET_TO_HOUR;
}

/** When the quiet containing `t` ends (t itself when it is not quiet). */
export function quietEnds(t: number): number {
  if (!isQuiet(t)) return t;
  const dayStart = Math.floor((t + BEIJING) / DAY) * DAY - BEIJING;
  const morning = dayStart + QUIET_TO_HOUR * HOUR;
  return morning > t ? morning : morning + DAY;
}
