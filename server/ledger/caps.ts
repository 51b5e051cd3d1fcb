/**
 * Daily and monthly caps on referral rewards. Counters live in the account document and reset
 * when the Beijing day or month changes; a reward over the cap is cut to what is left (possibly 0),
 * never carried over, as the rules page states.
 */
import * as z from 'zod';
import type { PointsRules } from '@core/contracts/points';
import { dayKey, monthKey } from './calendar';

export const EarnedCounters = z.object({
  day: z.string(),
  dayAmount: z.number().int().min(0),
  month: z.string(),
  monthAmount: z.number().int().min(0),
});
export type EarnedCounters = z.infer<typeof EarnedCounters>;

export function grantWithinCaps(
  earned: EarnedCounters | undefined,
  rules: Pick<PointsRules, 'dailyCap' | 'monthlyCap'>,
  amount: number,
  now: number,
): { granted: number; capped: boolean; earned: EarnedCounters } {
  const day = dayKey(now);
  const month = monthKey(now);
  const dayAmount = earned?.day === day ? earned.dayAmount : 0;
  const monthAmount = earned?.month === month ? earned.monthAmount : 0;
  let granted = amount;
  if (rules.dailyCap !== null) granted = Math.min(granted, Math.max(0, rules.dailyCap - dayAmount));
  if (rules.monthlyCap !== null) granted = Math.min(granted, Math.max(0, rules.monthlyCap - monthAmount));
  return {
    granted,
    capped: granted < amount,
    earned: { day, dayAmount: dayAmount + granted, month, monthAmount: monthAmount + granted },
  };
}
