/**
 * The worklist's collections (insight writes them; account's data deletion removes a member's):
 * `worklist_items` (a guide's suggestions for one day, with the outcome the guide recorded),
 * `worklist_closed` (reasons a customer was contacted for or judged unfit for: never suggested
 * again) and `worklist_runs` (when a guide's list for a day was made or refreshed).
 */
import * as z from 'zod';
import { OUTCOMES, REASON_KINDS, SCRIPT_SCENES } from '@core/contracts/insight-worklist';
import { keyedBase62 } from '../privacy/keys';

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
  /** The guide's own scripts of the scene, filled for the customer. */
  ownScripts: z.array(z.object({ title: z.string(), script: z.string() })).optional(),
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

// Keyed (SIYU_ID_SECRET), as every id derived from a person: a plain hash of the customer's openid
// would let a copy of the database confirm a candidate openid.
const hashId = (prefix: string, ...parts: string[]) => `${prefix}_${keyedBase62(`worklist:${prefix}`, parts, 24)}`;

export const worklistItemKey = (day: string, guide: string, customer: string) => hashId('wli', day, guide, customer);
export const closedReasonKey = (customer: string, key: string) => hashId('wlc', customer, key);
export const worklistRunKey = (guide: string, day: string) => `${guide}:${day}`;
