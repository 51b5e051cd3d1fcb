import { MAX_VISIT_SECONDS, type ReadDepth } from '@core/contracts/insight';

/** Slack for the clock difference between the phone's timer and the server's. */
export const CLOCK_SLACK_SECONDS = 5;

/**
 * The reading time to store for a visit: what the page reports, but never more than the time that
 * has really passed since the open (plus slack), never more than MAX_VISIT_SECONDS, and never less
 * than what is stored already (heartbeats may arrive out of order).
 */
export function acceptedSeconds(reported: number, stored: number, openedAt: number, now: number): number {
  const elapsed = Math.max(0, Math.ceil((now - openedAt) / 1000)) + CLOCK_SLACK_SECONDS;
  const capped = Math.min(reported, elapsed, MAX_VISIT_SECONDS);
  return Math.max(stored, Math.floor(capped));
}

/** Whether `reported` reached further than `stored`: a larger share of the text, or a later paragraph. */
export function deeper(reported: ReadDepth, stored: ReadDepth | undefined): boolean {
  if (!stored) return true;
  return reported.ratio > stored.ratio || (reported.ratio === stored.ratio && reported.paragraph > stored.paragraph);
}
