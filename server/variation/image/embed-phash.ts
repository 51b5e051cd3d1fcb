/**
 * The guide's codeword in the variant's pHash: the field gets the smallest push that sets the code
 * positions to `original bits XOR codeword`, predicted from the quarter-size copy before rendering.
 */
import { HASH_GRID, lowDct } from './dct';
import { toneCurve, type Params } from './params';
import { cropColours, type Source } from './source';

/** pHash coefficients the variant will have before the field: crop + colour, from the quarter-size copy. */
function predictedCoefficients(src: Source, p: Params): Float64Array {
  const { r, g, b } = cropColours(src, p.crop, HASH_GRID);
  const tr = toneCurve(0, p);
  const tg = toneCurve(1, p);
  const tb = toneCurve(2, p);
  const y = new Float32Array(HASH_GRID * HASH_GRID);
  for (let i = 0; i < y.length; i++) y[i] = 0.299 * tr(r[i]!) + 0.587 * tg(g[i]!) + 0.114 * tb(b[i]!);
  return lowDct(y);
}

/**
 * The indices start..start+length−1 ordered by how near their value is to tau (the cheapest bits to
 * set first), ties by index. An insertion sort: the groups are 64 long.
 */
export function nearestFirst(value: Float64Array, start: number, length: number, tau: number): Int32Array {
  const order = new Int32Array(length);
  const dist = new Float64Array(length);
  for (let j = 0; j < length; j++) {
    const d = Math.abs(value[start + j]! - tau);
    let k = j;
    // Indices arrive in increasing order, so an equal distance keeps the earlier index first.
    while (k > 0 && dist[k - 1]! > d) {
      dist[k] = dist[k - 1]!;
      order[k] = order[k - 1]!;
      k--;
    }
    dist[k] = d;
    order[k] = start + j;
  }
  return order;
}

/**
 * Sets bits of the group start..start+length−1 until half of it is one, taking them in `order`
 * (cheapest first, see nearestFirst) and skipping the ones `fixed` marks (the code positions), so the
 * group's median, which the hash thresholds at, stays where the pushes assume it is.
 */
export function balanceOnes(
  target: Uint8Array,
  start: number,
  length: number,
  order: Int32Array,
  fixed: Uint8Array,
): void {
  const half = length / 2;
  let ones = 0;
  for (let i = start; i < start + length; i++) ones += target[i]!;
  for (const i of order) {
    if (ones === half) break;
    if (fixed[i]) continue;
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
  const sorted = Float64Array.from(a).sort();
  const tau = (sorted[31]! + sorted[32]!) / 2;
  const target = new Uint8Array(64);
  for (let i = 0; i < 64; i++) target[i] = a[i]! > tau ? 1 : 0;
  // The DC term and the code positions are not free to balance the ones with.
  const fixed = new Uint8Array(64);
  fixed[0] = 1;
  src.codePositions.forEach((pos, k) => {
    target[pos] = src.bits[pos]! ^ ((p.codeword! >>> k) & 1);
    fixed[pos] = 1;
  });
  balanceOnes(target, 0, 64, nearestFirst(a, 0, 64, tau), fixed);
  for (let i = 0; i < 64; i++) {
    const want = target[i] ? Math.max(a[i]!, tau + p.codewordMargin) : Math.min(a[i]!, tau - p.codewordMargin);
    p.field[i]! += want - a[i]!;
  }
}
