/**
 * SSIM (Wang et al. 2004) on luma: 11×11 Gaussian window (σ 1.5), K1 0.01, K2 0.03, L 255, mean over
 * the valid region, after the reference implementation's automatic downsampling
 * (f = max(1, round(min(H, W) / 256)), f×f average then subsample) — 4 for a 1080-pixel image.
 *
 * Speed: the reference side (the original's mean and second moment under the window) is prepared
 * once, and can be computed while the variant is still being encoded; the variant side runs the
 * three remaining separable blurs in one fused pass, folding the symmetric kernel (6 multiplies per
 * tap pair instead of 11) and accumulating SSIM without storing the vertical results.
 */
import { boxDownsample } from './raster';

const RADIUS = 5;
const TAPS = 2 * RADIUS + 1;
const KERNEL = (() => {
  const k = new Float64Array(TAPS);
  let s = 0;
  for (let i = -RADIUS; i <= RADIUS; i++) s += k[i + RADIUS] = Math.exp(-(i * i) / (2 * 1.5 * 1.5));
  return k.map((v) => v / s);
})();
const [K0, K1, K2, K3, K4, K5] = [0, 1, 2, 3, 4, 5].map((i) => KERNEL[i]!) as [
  number,
  number,
  number,
  number,
  number,
  number,
];
/** The window's taps from the outermost to the centre (the WebAssembly kernels take them as given). */
export const SSIM_TAPS: readonly number[] = [K0, K1, K2, K3, K4, K5];
const C1 = (0.01 * 255) ** 2;
const C2 = (0.03 * 255) ** 2;

/** Horizontal Gaussian at one position: s[b..b+10], symmetric taps folded. */
function tapRow(s: Float64Array, b: number): number {
  return (
    K0 * (s[b]! + s[b + 10]!) +
    K1 * (s[b + 1]! + s[b + 9]!) +
    K2 * (s[b + 2]! + s[b + 8]!) +
    K3 * (s[b + 3]! + s[b + 7]!) +
    K4 * (s[b + 4]! + s[b + 6]!) +
    K5 * s[b + 5]!
  );
}

/** Vertical Gaussian at one position: s[b + k·stride], k = 0..10. */
function tapColumn(s: Float64Array, b: number, st: number): number {
  return (
    K0 * (s[b]! + s[b + 10 * st]!) +
    K1 * (s[b + st]! + s[b + 9 * st]!) +
    K2 * (s[b + 2 * st]! + s[b + 8 * st]!) +
    K3 * (s[b + 3 * st]! + s[b + 7 * st]!) +
    K4 * (s[b + 4 * st]! + s[b + 6 * st]!) +
    K5 * s[b + 5 * st]!
  );
}

/**
 * Scratch planes for the blur passes, reused across calls: these functions never await, so calls
 * interleaved by concurrent variants cannot share them mid-use, and a 1080-pixel image's SSIM would
 * otherwise allocate ~5 MB of temporaries per variant (off-heap, so each one pressures the GC).
 */
const scratch: Float64Array[] = [];
function scratchPlanes(count: number, length: number): Float64Array[] {
  for (let i = 0; i < count; i++) {
    if (!scratch[i] || scratch[i]!.length < length) scratch[i] = new Float64Array(length);
  }
  return scratch.slice(0, count).map((a) => a.subarray(0, length));
}

/** The original's half of SSIM at analysis scale: the plane, its local means and second moments. */
export interface SsimReference {
  width: number;
  height: number;
  plane: Float64Array;
  /** Gaussian-window mean and mean of squares over the valid region ((w−10)×(h−10)). */
  mean: Float64Array;
  meanSq: Float64Array;
}

export function ssimReference(plane: ArrayLike<number>, width: number, height: number): SsimReference {
  if (width <= 2 * RADIUS || height <= 2 * RADIUS) throw new Error('image too small for SSIM');
  const a = Float64Array.from(plane);
  const ow = width - 2 * RADIUS;
  const oh = height - 2 * RADIUS;
  const [sq, hA, hAA] = scratchPlanes(3, width * height) as [Float64Array, Float64Array, Float64Array];
  for (let i = 0; i < a.length; i++) sq[i] = a[i]! * a[i]!;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < ow; x++) {
      hA[y * ow + x] = tapRow(a, y * width + x);
      hAA[y * ow + x] = tapRow(sq, y * width + x);
    }
  }
  const mean = new Float64Array(ow * oh);
  const meanSq = new Float64Array(ow * oh);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      mean[y * ow + x] = tapColumn(hA, y * ow + x, ow);
      meanSq[y * ow + x] = tapColumn(hAA, y * ow + x, ow);
    }
  }
  return { width, height, plane: a, mean, meanSq };
}

/** Mean SSIM of a variant plane (same size as the reference, already at analysis scale). */
export function ssimAgainst(ref: SsimReference, plane: ArrayLike<number>): number {
  const { width: w, height: h, plane: a } = ref;
  if (plane.length !== w * h) throw new Error('SSIM planes differ in size');
  const ow = w - 2 * RADIUS;
  const oh = h - 2 * RADIUS;
  const [b, bb, ab, hB, hBB, hAB] = scratchPlanes(6, w * h) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  b.set(plane);
  for (let i = 0; i < b.length; i++) {
    bb[i] = b[i]! * b[i]!;
    ab[i] = b[i]! * a[i]!;
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < ow; x++) {
      const i = y * w + x;
      const o = y * ow + x;
      hB[o] = tapRow(b, i);
      hBB[o] = tapRow(bb, i);
      hAB[o] = tapRow(ab, i);
    }
  }
  let total = 0;
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      const o = y * ow + x;
      const ma = ref.mean[o]!;
      const mb = tapColumn(hB, o, ow);
      const va = ref.meanSq[o]! - ma * ma;
      const vb = tapColumn(hBB, o, ow) - mb * mb;
      const cov = tapColumn(hAB, o, ow) - ma * mb;
      total += ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
    }
  }
  return total / (ow * oh);
}

export function ssimScale(width: number, height: number): number {
  return Math.max(1, Math.round(Math.min(width, height) / 256));
}

/** Mean SSIM of two luma planes of the same size. */
export function ssim(
  a: Float32Array,
  b: Float32Array,
  width: number,
  height: number,
  scale = ssimScale(width, height),
): number {
  const A = boxDownsample(a, width, height, scale);
  const B = boxDownsample(b, width, height, scale);
  return ssimAgainst(ssimReference(A.plane, A.width, A.height), B.plane);
}
