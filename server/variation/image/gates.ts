/**
 * Faithfulness gates for one image variant, measured against the original aligned to the variant
 * (the known crop applied to it), so a deliberate 1–2 % crop is not mistaken for damage.
 */
import type { GateResult } from '../types';
import { decodeRgb, decodeSource } from './decode';
import { blockLuma } from './block-luma';
import { areaResample, wholeRect, type Rect, type RgbImage } from './raster';
import { ssimAgainst, ssimReference, ssimScale, type SsimReference } from './ssim';

export const IMAGE_GATES = { minSsim: 0.97, minPsnr: 28, maxThumbDiff: 20 } as const;

/**
 * How far the engine's f32 SSIM (kernels' ssimAgainstFast) can be from the f64 one (ssimAgainst) on
 * the same reduced planes — a bound, not a measurement (measured: 3·10⁻⁸ and less). Forward error, with
 * u = 2⁻²⁴ and the values centred (v = b − 128, |v| ≤ 128, second moments ≤ 128² = 16384):
 * - each blurred value (11 taps: pair sums, products, five additions, row then column, taps rounded
 *   to f32) is within ≈ 17u of the largest value under its window, and forming v², v·a adds 1–2u:
 *   E[v²] and E[va] within 19u · 16384 ≈ 0.019; the means within 20u · 128 ≈ 1.6·10⁻⁴;
 * - the variance and covariance subtract products of means (2 · 128 · 1.6·10⁻⁴ ≈ 0.041, plus a few
 *   u · 16384): the variant's variance within 0.061, the covariance 0.044, the original's variance
 *   (rounded once from f64) 0.009;
 * - the contrast-structure term (2·cov + C2) / (va + vb + C2), at most 1 in size, with a
 *   denominator of at least C2 = 58.5: within (2 · 0.044 + 0.002 + 0.061 + 0.009 + 0.002) / 58.4 ≈ 0.0028;
 *   the luminance term within 4 · 1.6·10⁻⁴ · max (|ma| + |mb|) / (ma² + mb² + C1) ≈ 1.8·10⁻⁴;
 * - their product, and each row's f32 sum (a few hundred terms per lane at most, ≈ 10⁻⁵): ≈ 0.003.
 * Taken as 0.005: an f32 figure further than this from a gate decides it as the f64 one would.
 */
export const SSIM_FAST_BOUND = 0.005;

/**
 * The SSIM a gate decides on: the fast (f32) figure when it lies further than SSIM_FAST_BOUND from
 * the gate, so the exact (f64) one is on the same side of it; otherwise the exact one, computed.
 * The decision is therefore always the one the f64 figure gives (variants on fixtures sit at
 * 0.985–0.999, so the exact one is hardly ever needed).
 */
export function ssimForGate(fast: number, exact: () => number): number {
  return Math.abs(fast - IMAGE_GATES.minSsim) > SSIM_FAST_BOUND ? fast : exact();
}

/** What was done to the original geometrically; enough to align it with the variant. */
export interface ImageTransform {
  /** Rectangle of the upright original that the variant shows, at full size (no rescale). */
  crop: Rect;
}

export interface ImageFidelity {
  ssim: number;
  psnr: number;
  /** Max absolute difference between 32×32 grey thumbnails (grey levels). */
  thumbMaxDiff: number;
}

export function psnr(a: RgbImage, b: RgbImage): number {
  let se = 0;
  const n = a.data.length;
  for (let i = 0; i < n; i++) {
    const d = a.data[i]! - b.data[i]!;
    se += d * d;
  }
  return psnrFromSquaredError(se, n);
}

function psnrFromSquaredError(se: number, samples: number): number {
  return se === 0 ? Infinity : 10 * Math.log10((255 * 255 * samples) / se);
}

/**
 * The original's half of the fidelity measures, aligned with the variant through the known crop:
 * prepared once per attempt, while the variant is being encoded and decoded.
 */
export interface FidelityReference {
  original: RgbImage;
  crop: Rect;
  scale: number;
  ssim: SsimReference;
  thumb: Float32Array;
}

/**
 * `luma`, when given, is the crop's block luma at the SSIM scale (see referenceScale), computed by a
 * caller that already reads every pixel of the crop (the variant's render does).
 */
export function fidelityReference(
  original: RgbImage,
  crop: Rect,
  luma?: { plane: Float32Array; width: number; height: number },
): FidelityReference {
  const f = referenceScale(crop);
  const a = luma ?? blockLuma(original, crop, f);
  return {
    original,
    crop,
    scale: f,
    ssim: ssimReference(a.plane, a.width, a.height),
    thumb: areaResample(a.plane, a.width, a.height, 32, 32),
  };
}

/** Block size of the reduced luma that SSIM and the thumbnails are measured on. */
export function referenceScale(crop: Rect): number {
  return ssimScale(crop.width, crop.height);
}

/**
 * Fidelity of `variant` against the reference. SSIM runs at the reference implementation's scale; the
 * 32×32 thumbnails are area averages of that same reduced luma (a trailing partial block of at most
 * f−1 pixels is left out); PSNR is over every RGB sample at full size.
 */
export function measureAgainst(ref: FidelityReference, variant: RgbImage): ImageFidelity {
  const { crop } = ref;
  if (crop.width !== variant.width || crop.height !== variant.height) {
    throw new Error(`size mismatch ${crop.width}×${crop.height} vs ${variant.width}×${variant.height}`);
  }
  // The variant is reduced and compared with the original's crop in one pass.
  const b = blockLuma(variant, wholeRect(variant), ref.scale, { img: ref.original, r: crop });
  return fidelityFromMeasures(
    ref.thumb,
    areaResample(b.plane, b.width, b.height, 32, 32),
    ssimAgainst(ref.ssim, b.plane),
    b.squaredError,
    variant.data.length,
  );
}

/**
 * Fidelity from measures however they were computed: the 32×32 thumbnails of the original's and the
 * variant's reduced luma (same scale), SSIM, and the squared error over `samples` RGB samples.
 */
export function fidelityFromMeasures(
  thumb: Float32Array,
  variantThumb: Float32Array,
  ssim: number,
  squaredError: number,
  samples: number,
): ImageFidelity {
  return {
    ssim,
    psnr: psnrFromSquaredError(squaredError, samples),
    thumbMaxDiff: thumbDifference(thumb, variantThumb),
  };
}

/** The thumbnail gate's figure: the largest absolute difference between two 32×32 thumbnails. */
export function thumbDifference(a: Float32Array, b: Float32Array): number {
  let d = 0;
  for (let i = 0; i < b.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

/** Fidelity of `variant` against `aligned` (same size). */
export function measureFidelity(aligned: RgbImage, variant: RgbImage): ImageFidelity {
  return measureAgainst(fidelityReference(aligned, wholeRect(aligned)), variant);
}

export function fidelityFailures(f: ImageFidelity): string[] {
  const failures: string[] = [];
  if (!(f.ssim >= IMAGE_GATES.minSsim)) failures.push(`SSIM ${f.ssim.toFixed(4)} below ${IMAGE_GATES.minSsim}`);
  if (!(f.psnr >= IMAGE_GATES.minPsnr)) failures.push(`PSNR ${f.psnr.toFixed(2)} dB below ${IMAGE_GATES.minPsnr}`);
  if (!(f.thumbMaxDiff <= IMAGE_GATES.maxThumbDiff))
    failures.push(`thumbnail difference ${f.thumbMaxDiff.toFixed(1)} above ${IMAGE_GATES.maxThumbDiff}`);
  return failures;
}

/** Decodes both images, aligns the original with the known crop, and checks the gates. */
export async function checkImageGates(
  original: Buffer,
  variant: Buffer,
  transform: ImageTransform,
): Promise<GateResult<ImageFidelity>> {
  const [o, v] = await Promise.all([decodeSource(original), decodeRgb(variant)]);
  const { crop } = transform;
  if (crop.left < 0 || crop.top < 0 || crop.left + crop.width > o.width || crop.top + crop.height > o.height) {
    return { ok: false, failures: ['crop outside the original'], metrics: { ssim: NaN, psnr: NaN, thumbMaxDiff: NaN } };
  }
  if (v.width !== crop.width || v.height !== crop.height) {
    return {
      ok: false,
      failures: [`variant is ${v.width}×${v.height}, expected ${crop.width}×${crop.height}`],
      metrics: { ssim: NaN, psnr: NaN, thumbMaxDiff: NaN },
    };
  }
  const metrics = measureAgainst(fidelityReference(o, crop), v);
  const failures = fidelityFailures(metrics);
  return { ok: failures.length === 0, failures, metrics };
}
