/**
 * SSIM (Wang et al. 2004) on luma: 11×11 Gaussian window (σ 1.5), K1 0.01, K2 0.03, L 255, mean over
 * the valid region, after the reference implementation's automatic downsampling
 * (f = max(1, round(min(H, W) / 256)), f×f average then subsample) — 4 for a 1080-pixel image.
 */
import { boxDownsample } from './raster';

const RADIUS = 5;
const KERNEL = (() => {
  const k = new Float32Array(2 * RADIUS + 1);
  let s = 0;
  for (let i = -RADIUS; i <= RADIUS; i++) s += k[i + RADIUS] = Math.exp(-(i * i) / (2 * 1.5 * 1.5));
  return k.map((v) => v / s);
})();

function blurValid(src: Float32Array, w: number, h: number): Float32Array {
  const ow = w - 2 * RADIUS;
  const oh = h - 2 * RADIUS;
  const tmp = new Float32Array(ow * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < ow; x++) {
      let s = 0;
      const b = y * w + x;
      for (let k = 0; k < KERNEL.length; k++) s += src[b + k]! * KERNEL[k]!;
      tmp[y * ow + x] = s;
    }
  }
  const out = new Float32Array(ow * oh);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      let s = 0;
      for (let k = 0; k < KERNEL.length; k++) s += tmp[(y + k) * ow + x]! * KERNEL[k]!;
      out[y * ow + x] = s;
    }
  }
  return out;
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
  const w = A.width;
  const h = A.height;
  if (w <= 2 * RADIUS || h <= 2 * RADIUS) throw new Error('image too small for SSIM');
  const n = w * h;
  const aa = new Float32Array(n);
  const bb = new Float32Array(n);
  const ab = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const x = A.plane[i]!;
    const y = B.plane[i]!;
    aa[i] = x * x;
    bb[i] = y * y;
    ab[i] = x * y;
  }
  const mA = blurValid(A.plane, w, h);
  const mB = blurValid(B.plane, w, h);
  const sAA = blurValid(aa, w, h);
  const sBB = blurValid(bb, w, h);
  const sAB = blurValid(ab, w, h);
  const C1 = (0.01 * 255) ** 2;
  const C2 = (0.03 * 255) ** 2;
  let total = 0;
  for (let i = 0; i < mA.length; i++) {
    const ma = mA[i]!;
    const mb = mB[i]!;
    const va = sAA[i]! - ma * ma;
    const vb = sBB[i]! - mb * mb;
    const cov = sAB[i]! - ma * mb;
    total += ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
  }
  return total / mA.length;
}
