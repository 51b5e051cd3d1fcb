/**
 * Perceptual hashes used to measure how far guides' images are apart:
 * - pHash (64 bits): luma → 32×32 area average → DCT → low 8×8 (DC included) → above the median
 *   (the imagehash.phash definition);
 * - blockhash-256: 16×16 area-average blocks of R+G+B, each quarter of the rows thresholded at its own
 *   median (blockhash.io's method, with its tie rule).
 */
import { lowDct, HASH_GRID } from './dct';
import { areaResample, luma, type RgbImage } from './raster';

export type Bits = Uint8Array;

function median(values: ArrayLike<number>): number {
  const s = Float64Array.from(values).sort();
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

export function pHashCoefficients(lumaPlane: Float32Array, width: number, height: number): Float64Array {
  return lowDct(areaResample(lumaPlane, width, height, HASH_GRID, HASH_GRID));
}

export function bitsFromCoefficients(coefficients: Float64Array): Bits {
  const m = median(coefficients);
  return Uint8Array.from(coefficients, (c) => (c > m ? 1 : 0));
}

export function pHash(img: RgbImage): Bits {
  return bitsFromCoefficients(pHashCoefficients(luma(img), img.width, img.height));
}

export function blockhash256(img: RgbImage): Bits {
  const { data, width, height } = img;
  const sum = new Float32Array(width * height);
  for (let p = 0, i = 0; p < sum.length; p++, i += 3) sum[p] = data[i]! + data[i + 1]! + data[i + 2]!;
  const blocks = areaResample(sum, width, height, 16, 16);
  const bits = new Uint8Array(256);
  const half = (256 * 3) / 2;
  for (let band = 0; band < 4; band++) {
    const slice = blocks.subarray(band * 64, band * 64 + 64);
    const m = median(slice);
    for (let j = 0; j < 64; j++) {
      const v = slice[j]!;
      bits[band * 64 + j] = v > m || (Math.abs(v - m) < 1 && m > half) ? 1 : 0;
    }
  }
  return bits;
}

export function hamming(a: Bits, b: Bits): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
  return d;
}
