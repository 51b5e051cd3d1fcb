/** Small numeric helpers for population figures (quantiles over pairwise measures). */

export interface Distribution {
  n: number;
  min: number;
  p5: number;
  p50: number;
  p95: number;
  max: number;
}

/** Nearest-rank quantile of already sorted values. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export function distribution(values: ArrayLike<number>): Distribution {
  const sorted = Float64Array.from(values).sort();
  return {
    n: sorted.length,
    min: sorted[0] ?? NaN,
    p5: quantileSorted(sorted, 0.05),
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}
