/** The tone of a variant (vary.ts) as the render kernel reads it: per-lane fixed point in its params region. */

/**
 * Per-channel colour change: t = v·gain + offset, and above `knee` the slope changes by `extraSlope`
 * (> −1, at most 15). Gains within 1 ± 0.9.
 */
export interface ToneLanes {
  gains: readonly [number, number, number];
  offsets: readonly [number, number, number];
  extraSlopes: readonly [number, number, number];
  /** Infinity when there is no knee. */
  knee: number;
}

/** A value in −1..1 as Q15, as the kernel's rounding multiply takes it. */
function q15(v: number): number {
  if (!(v >= -1 && v < 1)) throw new Error(`Q15 value ${v} out of range`);
  return Math.round(v * 32768);
}

/** Writes the tone into the render kernel's params region at byte offset `at` of `memory`. */
export function writeToneLanes(memory: ArrayBuffer, at: number, tone: ToneLanes): void {
  // Six 8-lane patterns: lane l of half j is byte 8j + l of 48, channel (8j + l) mod 3.
  // The knee's extra slope as Q15 times 2^shift: it may exceed 1 when a channel's white lands just
  // above the knee (a steep, short segment).
  const steepest = Math.max(...tone.extraSlopes.map(Math.abs));
  const shift = steepest < 1 ? 0 : Math.ceil(Math.log2(steepest + 1e-9) + 1e-9);
  if (shift > 4) throw new Error(`knee slope ${steepest + 1} out of range`);
  const lanes = new Int16Array(memory, at, 146);
  for (let b = 0; b < 48; b++) {
    const c = b % 3;
    lanes[b] = q15(tone.gains[c]! - 1);
    lanes[48 + b] = Math.round(tone.offsets[c]! * 64) + 32;
    lanes[96 + b] = q15(tone.extraSlopes[c]! / 2 ** shift);
  }
  lanes[144] = Number.isFinite(tone.knee) ? Math.round(tone.knee * 64) + 32 : 32767;
  lanes[145] = shift;
}
