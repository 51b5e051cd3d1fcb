/**
 * Image variant: a small seeded crop (no rescale), per-channel gain and offset, a seeded
 * low-frequency brightness field (the only lever that moves perceptual hashes), re-encoded as JPEG
 * without metadata. At 'standard' the field also writes the guide's Golay codeword into the pHash
 * (codeword.ts, embed-phash.ts), and three copies of it into blockhash-256 (embed-blockhash.ts).
 * Every variant is decoded again and checked against the gates before release. The knobs per
 * strength are in knobs.ts, an attempt's parameters in params.ts, the field in field.ts.
 *
 * An original larger than SOURCE_MAX_PIXELS is varied scaled down to it (decode.ts decodeSource), so
 * one guide's 9 images stay within the content function's time and memory whatever HQ uploads.
 *
 * Speed: the decoded, analysed original is cached by content (source.ts), so it is decoded once for
 * all the guides of a post (an sRGB profile is not converted from, see icc.ts); the passes over every pixel
 * (render, reductions, squared error, SSIM) are WebAssembly SIMD kernels (kernels/), SSIM in f32 with the
 * gate decided in f64 wherever the two could differ (gates.ts ssimForGate); the field is
 * evaluated on an 8-pixel grid and interpolated by the render; an attempt sure to fail the thumbnail
 * gate (engine 1), or near enough to it that it might (engine 2), is refused before its encode
 * (precheck.ts); analysis planes are resampled through integral images.
 */
import sharp from 'sharp';
import { Rng } from '../seed';
import {
  ATTEMPTS_PER_STRENGTH,
  CURRENT_IMAGE_ENGINE,
  fallbackChain,
  type ImageEngine,
  type Strength,
  type VariationSeed,
} from '../types';
import { decodeOwnJpeg, decodeSource, encodeJpeg, sourceSize } from './decode';
import { addBlockPush, writeBlockCode } from './embed-blockhash';
import { writeCodeword } from './embed-phash';
import { fieldRms, finalGrid } from './field';
import {
  fidelityFailures,
  fidelityFromMeasures,
  referenceScale,
  ssimForGate,
  thumbDifference,
  type ImageFidelity,
  type ImageTransform,
} from './gates';
import { ImageKernels } from './kernels';
import { KNOBS, type ImageMethod } from './knobs';
import { drawParams, toneLanes, type Params } from './params';
import type { RgbImage } from './raster';
import { precheckAttempt } from './precheck';
import { sourceOf, sourceReference } from './source';

export type { ImageMethod } from './knobs';
export { clearImageSourceCache } from './source';

export interface ImageVariantMetrics extends ImageFidelity {
  width: number;
  height: number;
  quality: number;
  /** Pixel RMS of the applied brightness field (grey levels, before clipping). */
  fieldRms: number;
  /** The Golay codeword written (24-bit), or null. */
  codeword: number | null;
}

export interface VaryImageInput {
  /** The original's bytes; not changed afterwards (its decode is cached by content, keyed per buffer). */
  data: Buffer;
  strength: Strength;
  seed: VariationSeed;
  /** The guide's index among the post's audience; gives each guide a distinct codeword. */
  guideIndex?: number;
  /** Position of the image in the post (0..8): decorrelates the crops and fields of one guide's images. */
  imageIndex?: number;
  /** For the bench: compare the codeword field with the probe's plain random field. */
  method?: ImageMethod;
  /** For the bench: called as each stage of an attempt ends, so its CPU time can be attributed. */
  onStage?: (stage: VariantStage) => void;
  /**
   * The engine's version (types.ts; default CURRENT_IMAGE_ENGINE). The content function passes the
   * post's, so a variant made again after the retention is the same bytes.
   */
  engine?: ImageEngine;
  /**
   * Engine 1 only: refuse attempts sure to fail the thumbnail gate before their encode (precheck.ts;
   * default true). Engine 1 releases the same variant either way; tests and the bench compare the two.
   * Engine 2's refusals are part of what it releases, so they cannot be switched off.
   */
  precheck?: boolean;
  /** For tests and the bench: every attempt's thumbnail gate, predicted, rendered and released. */
  onThumb?: (report: ThumbReport) => void;
}

/**
 * One attempt's thumbnail gate (grey levels): the cheap prediction's difference, the rendered
 * crop's, and the released (decoded) variant's, with the largest change of one cell between the
 * last two; the last two are null for an attempt refused before its encode.
 */
export interface ThumbReport {
  predicted: number;
  rendered: number;
  released: number | null;
  cellDelta: number | null;
}

/**
 * The stages of one attempt, in order: drawing the parameters and writing the codewords; the render;
 * the precheck (the original's side of the check, and the thumbnail gate predicted: an attempt
 * refused there ends with it); the encode; the verifying decode; the check (the decoded pixels
 * copied to the kernels and measured against the original).
 */
export type VariantStage = 'params' | 'render' | 'precheck' | 'encode' | 'decode' | 'check';

export interface VaryImageResult {
  data: Buffer;
  strength: Strength;
  /** Attempts made, including those refused before their encode. */
  attempts: number;
  /** Attempts refused before their encode by the predicted thumbnail gate (precheck.ts). */
  refusedBeforeEncode: number;
  metrics: ImageVariantMetrics | null;
  transform: ImageTransform | null;
}

/**
 * The variant's pixels (tone + field over the crop), rendered by the kernels into their output
 * region; with the final field grid (pushes included), in the kernels' grid region.
 */
function render(kernels: ImageKernels, p: Params): { pixels: RgbImage; grid: Float32Array; nx: number } {
  const { width: w, height: h } = p.crop;
  // The field into the kernels' own grid region, where the block pushes are added to it.
  const { grid: fieldOnly, nx } = finalGrid(p);
  const grid = kernels.gridView(fieldOnly.length);
  grid.set(fieldOnly);
  if (p.blockPush) addBlockPush(grid, nx, w, h, p.blockPush, kernels);
  const view = kernels.render(p.crop, toneLanes(p), grid, nx);
  const pixels: RgbImage = {
    data: new Uint8Array(view.buffer, view.byteOffset, view.byteLength),
    width: w,
    height: h,
    channels: 3,
  };
  return { pixels, grid, nx };
}

/**
 * The original as a JPEG without metadata, at most the size variants are made at (decodeSource):
 * unchanged bytes when there is nothing to strip or scale.
 */
async function offVariant(data: Buffer): Promise<Buffer> {
  const meta = await sharp(data).metadata();
  const { width = 0, height = 0 } = meta;
  const fits = sourceSize(width, height).width === width;
  const clean =
    fits &&
    meta.format === 'jpeg' &&
    !meta.exif &&
    !meta.xmp &&
    !meta.iptc &&
    !meta.icc &&
    (meta.orientation ?? 1) === 1;
  if (clean) return data;
  return encodeJpeg(await decodeSource(data), 95);
}

export async function varyImage(input: VaryImageInput): Promise<VaryImageResult> {
  const method = input.method ?? 'codeword';
  const stage = input.onStage ?? ((): void => undefined);
  const engine = input.engine ?? CURRENT_IMAGE_ENGINE;
  const precheck = input.precheck ?? true;
  if (!precheck && engine !== 1) throw new Error(`engine ${engine} cannot vary without its precheck`);
  let attempts = 0;
  let refusedBeforeEncode = 0;
  let kernels: ImageKernels | undefined;
  try {
    for (const strength of fallbackChain(input.strength)) {
      if (strength === 'off') break;
      const { key, source } = sourceOf(input.data);
      const src = await source;
      if (!src) break;
      if (!kernels) {
        kernels = ImageKernels.acquire(key);
        kernels.load(src.full, key);
      }
      const knobs = KNOBS[strength][method];
      for (let attempt = 0; attempt < ATTEMPTS_PER_STRENGTH; attempt++) {
        attempts++;
        const rng = new Rng(
          input.seed,
          'image',
          ...(input.imageIndex !== undefined ? [input.imageIndex] : []),
          strength,
          attempt,
        );
        const params = drawParams(src, knobs, rng, input.guideIndex, attempt);
        writeCodeword(src, params);
        // The final field on the render's grid, by the kernels (the block code's prediction reads it).
        finalGrid(params, kernels);
        if (knobs.blockCode) writeBlockCode(src, params, kernels);
        stage('params');
        const { pixels, grid, nx } = render(kernels, params);
        stage('render');
        // The original's side of the check (a window of the original's), then the thumbnail gate
        // predicted: an attempt sure to fail it is refused before its encode (precheck.ts).
        const f = referenceScale(params.crop);
        const ref = sourceReference(src, kernels, f);
        const window = kernels.useReference(ref.stats, params.crop.left / f, params.crop.top / f, params.crop, f);
        const thumb = ref.sampler.resample(32, 32, window);
        const pre = precheck
          ? precheckAttempt(src, params, kernels, { grid, nx, thumb, f }, engine, input.onThumb !== undefined)
          : null;
        stage('precheck');
        if (pre?.refused) {
          refusedBeforeEncode++;
          input.onThumb?.({ predicted: pre.predicted, rendered: pre.rendered!, released: null, cellDelta: null });
          continue;
        }
        const jpeg = await encodeJpeg(pixels, params.quality);
        stage('encode');
        const released = await decodeOwnJpeg(jpeg);
        stage('decode');
        if (released.width !== params.crop.width || released.height !== params.crop.height) {
          throw new Error(
            `released variant is ${released.width}×${released.height}, expected ${params.crop.width}×${params.crop.height}`,
          );
        }
        kernels.putVariant(released);
        const m = kernels.measure(params.crop, f);
        // SSIM in f32, decided in f64 where the two could fall on either side of the gate (gates.ts).
        const ssim = ssimForGate(m.ssim, () => kernels!.ssimExact());
        const fidelity = fidelityFromMeasures(thumb, m.thumb, ssim, m.squaredError, released.data.length);
        stage('check');
        if (pre?.renderedThumb && input.onThumb) {
          input.onThumb({
            predicted: pre.predicted,
            rendered: pre.rendered!,
            released: fidelity.thumbMaxDiff,
            cellDelta: thumbDifference(pre.renderedThumb, m.thumb),
          });
        }
        if (fidelityFailures(fidelity).length === 0) {
          return {
            data: jpeg,
            strength,
            attempts,
            refusedBeforeEncode,
            transform: { crop: params.crop },
            metrics: {
              ...fidelity,
              width: params.crop.width,
              height: params.crop.height,
              quality: params.quality,
              fieldRms: fieldRms(params.field),
              codeword: params.codeword,
            },
          };
        }
      }
    }
  } finally {
    kernels?.release();
  }
  return {
    data: await offVariant(input.data),
    strength: 'off',
    attempts,
    refusedBeforeEncode,
    metrics: null,
    transform: null,
  };
}
