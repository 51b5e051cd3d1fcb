/**
 * Member tiers: HQ names a few tiers with a threshold each, on one basis for all of them — points
 * earned in the last 12 months, or the amount of purchases in store in the last 12 months. A member
 * is in the highest tier whose threshold they reach; below the first threshold they are in the base
 * tier (no tier stored). Free of zod, so the app ranks tiers the way the server does.
 */

export const TIER_BASES = ['points', 'purchase'] as const;
export type TierBasis = (typeof TIER_BASES)[number];

/** Most tiers HQ may define (the base tier not counted). */
export const MAX_TIERS = 8;
/** The window both bases are measured over. */
export const TIER_WINDOW_DAYS = 365;
/** Name of the tier a member is in below every threshold. */
export const BASE_TIER_NAME = '普通会员';

export interface TierDef {
  id: string;
  name: string;
  /** Threshold: points, or fen of purchases, depending on the basis. */
  min: number;
}

export interface TierConfig {
  basis: TierBasis;
  /** Ordered by `min`, lowest first. */
  tiers: readonly TierDef[];
}

/** The highest tier `value` reaches, or null (the base tier). */
export function tierFor(value: number, tiers: readonly TierDef[]): TierDef | null {
  let found: TierDef | null = null;
  for (const t of tiers) if (value >= t.min && (found === null || t.min > found.min)) found = t;
  return found;
}

/** The first tier above `value`, or null when the member is at the top. */
export function nextTier(value: number, tiers: readonly TierDef[]): TierDef | null {
  let found: TierDef | null = null;
  for (const t of tiers) if (t.min > value && (found === null || t.min < found.min)) found = t;
  return found;
}

/** Rank of a tier id: 0 for the base tier (or an id HQ has since removed), 1.. by threshold. */
export function tierRank(id: string | undefined, tiers: readonly TierDef[]): number {
  if (id === undefined) return 0;
  const sorted = [...tiers].sort((a, b) => a.min - b.min);
  return sorted.findIndex((t) => t.id === id) + 1;
}

/** "128 积分" or "¥1,280.00": a threshold or a distance in the basis' unit. */
export function formatTierAmount(value: number, basis: TierBasis): string {
  if (basis === 'points') return `${value} 积分`;
  return `¥${(value / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export const TIER_BASIS_LABELS: Record<TierBasis, string> = {
  points: '近 12 个月获得的积分',
  purchase: '近 12 个月门店消费金额',
};
