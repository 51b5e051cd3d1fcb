/**
 * Seeds and the seeded random source. Everything random in the engines flows from one seed per
 * (post, guide), so re-opening a post reproduces the same variant byte for byte, on any machine:
 * no Math.random, no Date, no iteration over unordered structures.
 */
import { createHash } from 'node:crypto';
import type { VariationSeed } from './types';

/** Stable seed for a guide's copy of a post: 52 bits of SHA-256, a safe integer. */
export function variationSeed(postId: string, guideId: string): VariationSeed {
  const h = createHash('sha256').update(`siyu/variation\u0000${postId}\u0000${guideId}`).digest();
  // 52 bits: 4 bytes + 20 bits, combined without losing precision (< 2^53).
  return h.readUInt32BE(0) * 0x100000 + (h.readUInt32BE(4) >>> 12);
}

/**
 * Small fast PRNG (sfc32, passes PractRand to 2^40+), seeded from SHA-256 of the seed and a label so
 * independent streams (text vs image, attempt 0 vs attempt 1) never correlate.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: VariationSeed | string, ...labels: (string | number)[]) {
    const h = createHash('sha256')
      .update(`${seed}|${labels.join('|')}`)
      .digest();
    this.a = h.readUInt32LE(0);
    this.b = h.readUInt32LE(4);
    this.c = h.readUInt32LE(8);
    this.d = h.readUInt32LE(12);
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Magnitude uniform in [lo, hi], random sign. */
  signed(lo: number, hi: number): number {
    return (this.next() < 0.5 ? -1 : 1) * this.uniform(lo, hi);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = this.next() || 1e-12;
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Fisher–Yates on a copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }
}
