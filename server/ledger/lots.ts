/**
 * Points lots: credits grouped by the day they expire, so a debit takes the oldest points first
 * (FIFO) and expiry removes exactly what was earned and not yet spent. Lots live inside the account
 * document, because a CloudBase transaction may only touch documents by id; grouping by expiry day
 * keeps the array at most one entry per day of the expiry window.
 *
 * Invariant: an account's balance equals the sum of its lots' amounts, and every amount is a
 * positive integer.
 */
import * as z from 'zod';

/** Key of a lot that never expires (expiry days = 0 when it was earned). */
export const NEVER = 'never';

export const Lot = z.object({
  /** Expiry day `YYYY-MM-DD` (Beijing), or `never`. */
  key: z.string(),
  amount: z.number().int().positive(),
  expiresAt: z.number().nullable(),
});
export type Lot = z.infer<typeof Lot>;

export class InsufficientPointsError extends Error {
  override name = 'InsufficientPointsError';
  constructor(
    readonly available: number,
    readonly needed: number,
  ) {
    super(`insufficient points: ${available} < ${needed}`);
  }
}

function order(a: Lot, b: Lot): number {
  if (a.expiresAt === b.expiresAt) return 0;
  if (a.expiresAt === null) return 1;
  if (b.expiresAt === null) return -1;
  return a.expiresAt - b.expiresAt;
}

export function sumLots(lots: readonly Lot[]): number {
  return lots.reduce((s, l) => s + l.amount, 0);
}

/** Adds `amount` to the lot expiring at `expiresAt` (creating it), keeping lots ordered oldest first. */
export function addToLots(
  lots: readonly Lot[],
  amount: number,
  expiry: { key: string; expiresAt: number } | null,
): Lot[] {
  if (!Number.isInteger(amount) || amount <= 0)
    throw new RangeError(`lot amount must be a positive integer: ${amount}`);
  const key = expiry?.key ?? NEVER;
  const expiresAt = expiry?.expiresAt ?? null;
  const out = lots.map((l) => ({ ...l }));
  const same = out.find((l) => l.key === key);
  if (same) same.amount += amount;
  else out.push({ key, amount, expiresAt });
  return out.sort(order);
}

/**
 * Takes `amount` points, oldest lot first; `preferKey` (the lot a reversed credit went into) is
 * drained first. Throws InsufficientPointsError when the lots hold less.
 */
export function takeFromLots(lots: readonly Lot[], amount: number, preferKey?: string): { lots: Lot[]; taken: Lot[] } {
  if (!Number.isInteger(amount) || amount <= 0) throw new RangeError(`amount must be a positive integer: ${amount}`);
  const available = sumLots(lots);
  if (available < amount) throw new InsufficientPointsError(available, amount);
  const work = lots.map((l) => ({ ...l })).sort(order);
  const queue = preferKey
    ? [...work.filter((l) => l.key === preferKey), ...work.filter((l) => l.key !== preferKey)]
    : work;
  const taken: Lot[] = [];
  let left = amount;
  for (const lot of queue) {
    if (left === 0) break;
    const t = Math.min(lot.amount, left);
    lot.amount -= t;
    left -= t;
    taken.push({ key: lot.key, amount: t, expiresAt: lot.expiresAt });
  }
  return { lots: work.filter((l) => l.amount > 0), taken };
}

/** Splits lots into those still valid at `now` and those that have expired (expiresAt <= now). */
export function splitExpired(lots: readonly Lot[], now: number): { live: Lot[]; expired: Lot[] } {
  const live: Lot[] = [];
  const expired: Lot[] = [];
  for (const l of lots) (l.expiresAt !== null && l.expiresAt <= now ? expired : live).push({ ...l });
  return { live: live.sort(order), expired: expired.sort(order) };
}

/** The earliest expiry among the lots, for the expiry timer's index. */
export function nextExpiry(lots: readonly Lot[]): number | null {
  let next: number | null = null;
  for (const l of lots) if (l.expiresAt !== null && (next === null || l.expiresAt < next)) next = l.expiresAt;
  return next;
}
