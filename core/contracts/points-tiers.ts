/** Member tiers: HQ's definitions and what a member sees of theirs (core/points/tiers.ts has the rules). */
import * as z from 'zod';
import { MAX_TIERS, TIER_BASES } from '../points/tiers';
import { text } from './common';

export { BASE_TIER_NAME, MAX_TIERS, TIER_BASES, type TierBasis } from '../points/tiers';

/** `base` is reserved: the customer list's filter uses it for members without a tier. */
export const tierId = z
  .string()
  .regex(/^[a-z][a-z0-9]{1,19}$/, { message: '等级编号应为小写字母开头的字母或数字' })
  .refine((v) => v !== 'base', { message: '等级编号不能为 base' });

export const TierDefSchema = z.strictObject({
  id: tierId,
  name: text(10),
  /** Points, or fen of purchases; the base tier is below the lowest threshold. */
  min: z.number().int().min(1).max(10_000_000_000),
});

export const SetTiersInput = z
  .strictObject({ basis: z.enum(TIER_BASES), tiers: z.array(TierDefSchema).max(MAX_TIERS) })
  .superRefine((v, ctx) => {
    if (new Set(v.tiers.map((t) => t.id)).size !== v.tiers.length) {
      ctx.addIssue({ code: 'custom', path: ['tiers'], message: '等级编号不能重复' });
    }
    if (new Set(v.tiers.map((t) => t.name)).size !== v.tiers.length) {
      ctx.addIssue({ code: 'custom', path: ['tiers'], message: '等级名称不能重复' });
    }
    if (v.tiers.some((t, i) => i > 0 && t.min <= (v.tiers[i - 1]?.min ?? 0))) {
      ctx.addIssue({ code: 'custom', path: ['tiers'], message: '门槛需从低到高依次递增' });
    }
  });
export type SetTiersInput = z.infer<typeof SetTiersInput>;

export const TiersOutput = z.object({
  basis: z.enum(TIER_BASES),
  tiers: z.array(z.object({ id: z.string(), name: z.string(), min: z.number().int() })),
  version: z.number().int(),
  updatedAt: z.number().optional(),
});
export type TiersOutput = z.infer<typeof TiersOutput>;

export const MyTierOutput = z.object({
  /** The tier the last computation placed the member in; null = the base tier. */
  tier: z.object({ id: z.string(), name: z.string(), since: z.number() }).nullable(),
  basis: z.enum(TIER_BASES),
  /** The member's figure on the basis now (points, or fen). */
  value: z.number().int(),
  next: z.object({ id: z.string(), name: z.string(), min: z.number().int(), needed: z.number().int() }).nullable(),
});
export type MyTierOutput = z.infer<typeof MyTierOutput>;

export const tierActions = {
  tiers: { input: z.strictObject({}), output: TiersOutput, roles: ['hq', 'guide', 'customer', 'visitor'] },
  setTiers: { input: SetTiersInput, output: TiersOutput, roles: ['hq'] },
  myTier: { input: z.strictObject({}), output: MyTierOutput, roles: ['customer'] },
} as const;
