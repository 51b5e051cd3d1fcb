/**
 * Contenders timed in turn, round after round, so each sees the same load on the shared machine:
 * wall and CPU time (all threads of this process, libvips workers included) per call.
 */
import os from 'node:os';
import { median } from './timing';

export interface Timing {
  wall: number;
  /** Median CPU time per call. */
  cpu: number;
  /**
   * Lower quartile of the CPU time per call. On a machine loaded past its cores the same call's CPU
   * time varies up to twofold (cache and scheduling losses while other processes share the cores), in
   * a skewed way: the quartile is less moved by it and the closer to what the work itself costs.
   */
  cpuLow: number;
  /** CPU time of each round's turn (its `block` calls together), in round order. */
  cpuRounds: number[];
}

/**
 * Median over the rounds of the ratio of two contenders' CPU in the same round: each ratio compares
 * turns taken seconds apart, so the load's drift over a run (which moves whole rounds) cancels out
 * of it, where a ratio of two medians keeps it.
 */
export function pairedRatio(x: Timing, base: Timing): number {
  return median(x.cpuRounds.map((c, r) => c / base.cpuRounds[r]!));
}

/** Wall and CPU time of one call. */
export async function clock(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  await fn();
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  const d = process.cpuUsage(c);
  return { wall, cpu: (d.user + d.system) / 1000 };
}

/** The value at quantile q (0..1) of `values` (nearest rank). */
export function quantile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

/**
 * Runs the contenders in turn, `rounds` times, after two warm-up calls each. With `block` > 1 each
 * turn is that many calls in a row: the garbage one contender leaves (a decoded image is megabytes
 * outside the JS heap) is then mostly collected during its own calls rather than billed to whichever
 * contender runs next. The order rotates from round to round, so no contender always follows the
 * same one: with a fixed order, the first of three identical contenders (one engine timed twice
 * beside the floor) came out 7–9 % dearer than the second; rotating, within 2 %.
 */
export async function interleaved(
  contenders: Record<string, (round: number) => Promise<unknown>>,
  rounds: number,
  block = 1,
): Promise<Record<string, Timing>> {
  const names = Object.keys(contenders);
  for (const name of names) for (let w = 0; w < 2; w++) await contenders[name]!(-1 - w);
  const samples = new Map(names.map((n) => [n, { wall: [] as number[], cpu: [] as number[], rounds: [] as number[] }]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + r) % names.length]!;
      const s = samples.get(name)!;
      let turn = 0;
      for (let b = 0; b < block; b++) {
        const t = await clock(() => contenders[name]!(r * block + b));
        s.wall.push(t.wall);
        s.cpu.push(t.cpu);
        turn += t.cpu;
      }
      s.rounds.push(turn);
    }
  }
  return Object.fromEntries(
    names.map((n) => {
      const s = samples.get(n)!;
      return [n, { wall: median(s.wall), cpu: median(s.cpu), cpuLow: quantile(s.cpu, 0.25), cpuRounds: s.rounds }];
    }),
  );
}

/** The 1-, 5- and 15-minute load averages, for the printed figures. */
export const loadNow = (): string =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
