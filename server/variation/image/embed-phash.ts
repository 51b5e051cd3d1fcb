/**
 * The guide's codeword in the variant's pHash: the field gets the smallest push that sets the code
 * positions to `original bits XOR codeword`, predicted from the quarter-size copy before rendering.
 */
import { HASH_GRID, lowDct } from './dct';
import { tone, type Params } from './params';
import { cropColours, type Source } from './source';

/** pHash coefficients the variant will have before the field: crop + colour, from the quarter-size copy. */
function predictedCoefficients(src: Source, p: Params): Float64Array {
  const { r, g, b } = cropColours(src, p.crop, HASH_GRID);
  const y = new Float32Array(HASH_GRID * HASH_GRID);
  for (let i = 0; i < y.length; i++) {
    y[i] = 0.299 * tone(r[i]!, 0, p) + 0.587 * tone(g[i]!, 1, p) + 0.114 * tone(b[i]!, 2, p);
  }
  return lowDct(y);
}

/**
 * Sets bits among `free` (cheapest first: value nearest the threshold) until half of `group` is one,
 * so the group's median, which the hash thresholds at, stays where the pushes assume it is.
 */
export function balanceOnes(
  target: Uint8Array,
  group: readonly number[],
  free: readonly number[],
  value: Float64Array,
  tau: number,
): void {
  const half = group.length / 2;
  let ones = group.reduce((n, i) => n + target[i]!, 0);
  const order = [...free].sort((x, y) => Math.abs(value[x]! - tau) - Math.abs(value[y]! - tau) || x - y);
  for (const i of order) {
    if (ones === half) break;
    if (ones > half && target[i] === 1) {
      target[i] = 0;
      ones--;
    } else if (ones < half && target[i] === 0) {
      target[i] = 1;
      ones++;
    }
  }
}

/**
 * Adds to p.field the smallest push that makes the variant's pHash carry `original bits XOR codeword`
 * on the code positions, every bit at least p.codewordMargin past the median; the count of ones is kept
 * at 32 (so the median stays put) by flipping the cheapest free positions if needed.
 */
export function writeCodeword(src: Source, p: Params): void {
  if (p.codeword === null) return;
  const a = predictedCoefficients(src, p);
  for (let i = 0; i < a.length; i++) a[i]! += p.field[i]!;
  const sorted = [...a].sort((x, y) => x - y);
  const tau = (sorted[31]! + sorted[32]!) / 2;
  const target = Uint8Array.from(a, (c) => (c > tau ? 1 : 0));
  src.codePositions.forEach((pos, k) => {
    target[pos] = src.bits[pos]! ^ ((p.codeword! >>> k) & 1);
  });
  const code = new Set(src.codePositions);
  const free = Array.from({ length: 64 }, (_, i) => i).filter((i) => i !== 0 && !code.has(i));
  balanceOnes(
    target,
    Array.from({ length: 64 }, (_, i) => i),
    free,
    a,
    tau,
  );
  for (let i = 0; i < 64; i++) {
    const want = target[i] ? Math.max(a[i]!, tau + p.codewordMargin) : Math.min(a[i]!, tau - p.codewordMargin);
    p.field[i]! += want - a[i]!;
  }
}
