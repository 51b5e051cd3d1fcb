/** Latency summaries and a least-squares slope, for the load and soak reports. */

export function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
}

/** Latencies and failures of one step (e.g. content.myVariant), by error code. */
export class StepStats {
  readonly latencies: number[] = [];
  readonly errors = new Map<string, number>();

  constructor(readonly name: string) {}

  record(ms: number, errorCode?: string): void {
    this.latencies.push(ms);
    if (errorCode) this.errors.set(errorCode, (this.errors.get(errorCode) ?? 0) + 1);
  }

  get errorCount(): number {
    let n = 0;
    for (const c of this.errors.values()) n += c;
    return n;
  }

  row(): string {
    const l = this.latencies;
    const errs = [...this.errors].map(([code, n]) => `${code}×${n}`).join(' ');
    return [
      this.name.padEnd(28),
      String(l.length).padStart(5),
      fmtMs(percentile(l, 50)).padStart(9),
      fmtMs(percentile(l, 95)).padStart(9),
      fmtMs(Math.max(...l)).padStart(9),
      String(this.errorCount).padStart(6),
      errs ? `  ${errs}` : '',
    ].join(' ');
  }

  static header(): string {
    return `${'step'.padEnd(28)} ${'calls'.padStart(5)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'max'.padStart(9)} ${'errors'.padStart(6)}`;
  }
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** Least-squares slope of y over x (units of y per unit of x); NaN with fewer than two points. */
export function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return Number.NaN;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += xs[i] ?? 0;
    sy += ys[i] ?? 0;
  }
  const mx = sx / n;
  const my = sy / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    num += dx * ((ys[i] ?? 0) - my);
    den += dx * dx;
  }
  return den === 0 ? Number.NaN : num / den;
}

/** Runs `n` calls with at most `width` in flight; for set-up that would otherwise flood the host. */
export async function inBatches<T>(n: number, width: number, call: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i += width) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(width, n - i) }, (_, j) => call(i + j)))));
  }
  return out;
}
