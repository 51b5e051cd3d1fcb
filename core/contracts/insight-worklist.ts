/**
 * A guide's day: whom to contact, why, to what end and with which words. The worklist is made each
 * morning by a timer from the reading data, coupons, gifts and points, and refreshed when new data
 * arrives; the guide records what came of each item, and HQ sees whether contacting helps.
 */
import * as z from 'zod';
import { DateRange } from './common';

/** Why a customer is on today's list (one reason per customer and day: the most valuable). */
export const REASON_KINDS = ['gift', 'coupon', 'read', 'returned', 'welcome', 'points', 'silent'] as const;
export type ReasonKind = (typeof REASON_KINDS)[number];

/** Scenes of the script library; each reason is answered with a scene's script. */
export const SCRIPT_SCENES = [
  'welcome',
  'afterReading',
  'couponReminder',
  'giftPickup',
  'pointsExpiry',
  'holiday',
  'reengagement',
] as const;
export type ScriptScene = (typeof SCRIPT_SCENES)[number];

/** What a script may say in braces; the worklist fills each for the customer. */
export const SCRIPT_PLACEHOLDERS = ['称呼', '文章', '券', '到期日', '导购'] as const;
export type ScriptPlaceholder = (typeof SCRIPT_PLACEHOLDERS)[number];

/** At most this many customers a day on one guide's list. */
export const WORKLIST_CAP = 15;

export const OUTCOMES = ['contacted', 'later', 'unfit'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const worklistItemId = z.string().regex(/^wli_[A-Za-z0-9]{6,40}$/);

export const WorklistItem = z.object({
  id: z.string(),
  openid: z.string(),
  name: z.string(),
  /** What happened, in one Chinese line: 读了《春日焕新》（护肤）2 分 10 秒. */
  reason: z.string(),
  reasonKind: z.enum(REASON_KINDS),
  /** The post's interest tag when the reason is a read. */
  tag: z.string().optional(),
  /** What the contact is for: 了解兴趣，推荐相关产品. */
  goal: z.string(),
  /** The scene's script filled for this customer, ready to paste in the chat. */
  script: z.string().optional(),
  expiresAt: z.number(),
});
export type WorklistItem = z.infer<typeof WorklistItem>;

export const WorklistOutput = z.object({
  items: z.array(WorklistItem),
  /** The Beijing day the list is for. */
  day: z.string(),
  /** Items already handled today (contacted, later or unfit). */
  done: z.number().int(),
});
export type WorklistOutput = z.infer<typeof WorklistOutput>;

export const WorklistOutcomeInput = z.strictObject({ id: worklistItemId, outcome: z.enum(OUTCOMES) });
export const WorklistOutcomeOutput = z.object({ id: z.string(), outcome: z.enum(OUTCOMES) });

/** Days after an item within which a visit, a redemption or a purchase award counts as what followed. */
export const FOLLOW_DAYS = 7;

export const EffectRow = z.object({
  id: z.string(),
  name: z.string(),
  storeName: z.string().optional(),
  made: z.number().int(),
  contacted: z.number().int(),
  /** Contacted items followed within FOLLOW_DAYS by a visit, a redemption or a purchase award. */
  contactedFollowed: z.number().int(),
  /** Items of the same reasons nobody marked contacted (no outcome, later or unfit). */
  notContacted: z.number().int(),
  notContactedFollowed: z.number().int(),
});
export type EffectRow = z.infer<typeof EffectRow>;

export const WorklistFiguresInput = DateRange.extend({ by: z.enum(['guide', 'store']) });
export const WorklistFiguresOutput = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(EffectRow),
  totals: EffectRow.omit({ id: true, name: true, storeName: true }),
});
export type WorklistFiguresOutput = z.infer<typeof WorklistFiguresOutput>;
