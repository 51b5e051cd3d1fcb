/**
 * Monthly targets HQ sets per store and per guide, and progress against them. Progress counts the
 * same records the figures count: members who joined (users.createdAt), posts whose copy the guide
 * took to post (post_variants.copiedAt) and purchase points awarded (purchase_awards, reversed ones
 * not counted).
 */
import * as z from 'zod';
import { openid, prefixedId } from './common';

export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 YYYY-MM' });

const amount = z.number().int().min(0).max(10_000_000);
export const TargetFigures = z.strictObject({ newMembers: amount, postsShared: amount, purchasePoints: amount });
export type TargetFigures = z.infer<typeof TargetFigures>;

export const TargetEntry = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('store'), id: prefixedId('sto'), target: TargetFigures }),
  z.strictObject({ scope: z.literal('guide'), id: openid, target: TargetFigures }),
]);

export const MAX_TARGETS = 500;

export const SetTargetsInput = z
  .strictObject({ month, targets: z.array(TargetEntry).min(1).max(MAX_TARGETS) })
  .refine((v) => new Set(v.targets.map((t) => `${t.scope}:${t.id}`)).size === v.targets.length, {
    message: '同一门店或导购只能设置一个目标',
    path: ['targets'],
  });
export const SetTargetsOutput = z.object({ saved: z.number().int() });

export const TargetProgressInput = z.strictObject({ month });
const Figures3 = z.object({ newMembers: z.number(), postsShared: z.number(), purchasePoints: z.number() });
export const TargetRow = z.object({
  scope: z.enum(['store', 'guide']),
  id: z.string(),
  name: z.string(),
  target: Figures3,
  actual: Figures3,
  /** actual − the share of the target due by now (the month's elapsed fraction); negative is behind. */
  deviation: Figures3,
  behind: z.boolean(),
});
export type TargetRow = z.infer<typeof TargetRow>;
export const TargetProgressOutput = z.object({
  month: z.string(),
  /** Fraction of the month elapsed (0..1) the deviation is measured against. */
  elapsed: z.number(),
  rows: z.array(TargetRow),
});
export type TargetProgressOutput = z.infer<typeof TargetProgressOutput>;
