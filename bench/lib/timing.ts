/** Timing helpers for benches: medians of repeated runs, printed as ratios (the machine is shared). */

export async function timeMedian(fn: (i: number) => Promise<unknown>, runs: number, warmup = 2): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(times);
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The arithmetic mean (NaN for none). */
export const mean = (values: readonly number[]): number => values.reduce((s, x) => s + x, 0) / values.length;

export const ms = (x: number): string => `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`;
export const ratio = (x: number, base: number): string => `${(x / base).toFixed(2)}×`;
export const pct = (x: number, digits = 1): string => `${(x * 100).toFixed(digits)} %`;

/**
 * Median CPU time (user + system, all threads of this process, including libvips workers) per run.
 * Less sensitive than wall time to other work on a shared machine.
 */
export async function cpuMedian(fn: (i: number) => Promise<unknown>, runs: number, warmup = 2): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    await fn(i);
    const d = process.cpuUsage(c);
    times.push((d.user + d.system) / 1000);
  }
  return median(times);
}
