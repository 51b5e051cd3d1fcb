/**
 * `purchase_awards`: one document per purchase a guide gave points for (points writes; reports
 * and the worklist read). `_id` derives from (guide, requestId), so a retried award finds the
 * first one. A reversed award keeps its document, with `reversedAt` set, and no longer counts.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { personKey } from '../privacy/keys';

export const AwardDoc = z.object({
  _id: z.string(),
  requestId: z.string(),
  memberOpenid: z.string(),
  guideOpenid: z.string(),
  storeId: z.string(),
  amountFen: z.number().int(),
  points: z.number().int(),
  createdAt: z.date(),
  reversedAt: z.date().optional(),
  reversedBy: z.string().optional(),
});
export type AwardDoc = z.infer<typeof AwardDoc>;

export function awardIdFor(guideOpenid: string, requestId: string): string {
  return `pur_${createHash('sha256').update(`${guideOpenid}:${requestId}`).digest('hex').slice(0, 32)}`;
}

/**
 * `purchase_counters`: purchase points per member and per guide per Beijing day, the daily caps'
 * state. `_id` = `m:<person key>:<day>` or `g:<person key>:<day>` (a keyed hash, never the openid: a
 * deleted member's counters then name nobody); read and written by id inside the award's
 * transaction, so two awards racing for the last points of a cap conflict and one reruns.
 */
export const CounterDoc = z.object({ _id: z.string(), points: z.number().int().min(0), day: z.string() });
export type CounterDoc = z.infer<typeof CounterDoc>;

export const counterIds = {
  member: (openid: string, day: string) => `m:${personKey(openid)}:${day}`,
  guide: (openid: string, day: string) => `g:${personKey(openid)}:${day}`,
};
