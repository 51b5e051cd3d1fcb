/**
 * The worklist's collections (insight writes them; account's data deletion removes a member's):
 * `worklist_items` (a guide's suggestions for one day, with the outcome the guide recorded),
 * `worklist_closed` (reasons a customer was contacted for or judged unfit for: never suggested
 * again) and `worklist_runs` (when a guide's list for a day was made or refreshed).
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { OUTCOMES, REASON_KINDS, SCRIPT_SCENES } from '@core/contracts/insight-worklist';

export const WorklistItemDoc = z.object({
  /** wli_ + a hash of (day, guide, customer): one item per customer on a guide's day. */
  _id: z.string(),
  day: z.string(),
  guideOpenid: z.string(),
  storeId: z.string(),
  customer: z.string(),
  name: z.string(),
  kind: z.enum(REASON_KINDS),
  key: z.string(),
  value: z.number(),
  reason: z.string(),
  goal: z.string(),
  scene: z.enum(SCRIPT_SCENES),
  tag: z.string().optional(),
  script: z.string(),
  expiresAt: z.number(),
  createdAt: z.number(),
  outcome: z.enum(OUTCOMES).optional(),
  outcomeAt: z.number().optional(),
});
export type WorklistItemDoc = z.infer<typeof WorklistItemDoc>;

export const WorklistRunDoc = z.object({
  /** guide + ':' + day. */
  _id: z.string(),
  guideOpenid: z.string(),
  day: z.string(),
  refreshedAt: z.number(),
});
export type WorklistRunDoc = z.infer<typeof WorklistRunDoc>;

export const ClosedReasonDoc = z.object({
  /** wlc_ + a hash of (customer, reason key). */
  _id: z.string(),
  customer: z.string(),
  key: z.string(),
  guideOpenid: z.string(),
  outcome: z.enum(OUTCOMES),
  at: z.number(),
});
export type ClosedReasonDoc = z.infer<typeof ClosedReasonDoc>;

const hashId = (prefix: string, ...parts: string[]) =>
  `${prefix}_${createHash('sha256').update(parts.join('\u0000')).digest('base64url').replace(/[-_]/g, '').slice(0, 24)}`;

export const worklistItemKey = (day: string, guide: string, customer: string) => hashId('wli', day, guide, customer);
export const closedReasonKey = (customer: string, key: string) => hashId('wlc', customer, key);
export const worklistRunKey = (guide: string, day: string) => `${guide}:${day}`;
