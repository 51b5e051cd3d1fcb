/**
 * Image variant: a small seeded crop (no rescale), per-channel gain and offset, a seeded
 * low-frequency brightness field (the only lever that moves perceptual hashes), re-encoded as JPEG
 * without metadata. At 'standard' the field also writes the guide's Golay codeword into the pHash
 * (codeword.ts, embed-phash.ts), and three copies of it into blockhash-256 (embed-blockhash.ts).
 * Every variant is decoded again and checked against the gates before release. The knobs per
 * strength are in knobs.ts, an attempt's parameters in params.ts, the field in field.ts.
 *
 * Speed: the decoded, analysed original is cached by content (source.ts), so it is decoded once for
 * all the guides of a post (an sRGB profile is not converted from, see icc.ts); the passes over every pixel
 * (render, reductions, squared error, SSIM) are WebAssembly SIMD kernels (kernels/); the field is
 * evaluated on an 8-pixel grid and interpolated by the render; the original's side of the check
 * runs while libvips encodes; analysis planes are resampled through integral images.
 */
import sharp from 'sharp';
import { Rng } from '../seed';
import { ATTEMPTS_PER_STRENGTH, fallbackChain, type Strength, type VariationSeed } from '../types';
import { decodeOwnJpeg, decodeRgb, encodeJpeg } from './decode';
import { addBlockPush, writeBlockCode } from './embed-blockhash';
import { writeCodeword } from './embed-phash';
import { fieldRms, finalGrid } from './field';
import {
  fidelityFailures,
  fidelityFromMeasures,
  referenceScale,
  type ImageFidelity,
  type ImageTransform,
} from './gates';
import { ImageKernels } from './kernels';
import { KNOBS, type ImageMethod } from './knobs';
import { drawParams, toneLanes, type Params } from './params';
import type { RgbImage } from './raster';
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
}

/**
 * The stages of one attempt, in order: drawing the parameters and writing the codewords; the render;
 * the encode (the original's side of the check is prepared meanwhile); the verifying decode; the
 * check (the decoded pixels copied to the kernels and measured against the original).
 */
export type VariantStage = 'params' | 'render' | 'encode' | 'decode' | 'check';

export interface VaryImageResult {
  data: Buffer;
  strength: Strength;
  attempts: number;
  metrics: ImageVariantMetrics | null;
  transform: ImageTransform | null;
}

/** The variant's pixels (tone + field over the crop), rendered by the kernels into their output region. */
function render(kernels: ImageKernels, p: Params): RgbImage {
  const { width: w, height: h } = p.crop;
  // The field into the kernels' own grid region, where the block pushes are added to it.
  const { grid: fieldOnly, nx } = finalGrid(p);
  const grid = kernels.gridView(fieldOnly.length);
  grid.set(fieldOnly);
  if (p.blockPush) addBlockPush(grid, nx, w, h, p.blockPush);
  const view = kernels.render(p.crop, toneLanes(p), grid, nx);
  return { data: new Uint8Array(view.buffer, view.byteOffset, view.byteLength), width: w, height: h, channels: 3 };
}

/** The original as a JPEG without metadata: unchanged bytes when there is nothing to strip. */
async function offVariant(data: Buffer): Promise<Buffer> {
  const meta = await sharp(data).metadata();
  const clean =
    meta.format === 'jpeg' && !meta.exif && !meta.xmp && !meta.iptc && !meta.icc && (meta.orientation ?? 1) === 1;
  if (clean) return data;
  return encodeJpeg(await decodeRgb(data), 95);
}

export async function varyImage(input: VaryImageInput): Promise<VaryImageResult> {
  const method = input.method ?? 'codeword';
  const stage = input.onStage ?? ((): void => undefined);
  let attempts = 0;
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
        if (knobs.blockCode) writeBlockCode(src, params);
        stage('params');
        const pixels = render(kernels, params);
        stage('render');
        const encoding = encodeJpeg(pixels, params.quality);
        // The original's side of the check: a window of the original's, while libvips encodes.
        const f = referenceScale(params.crop);
        const ref = sourceReference(src, kernels, f);
        const window = kernels.useReference(ref.stats, params.crop.left / f, params.crop.top / f, params.crop, f);
        const thumb = ref.sampler.resample(32, 32, window);
        const jpeg = await encoding;
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
        const fidelity = fidelityFromMeasures(thumb, m.thumb, m.ssim, m.squaredError, released.data.length);
        stage('check');
        if (fidelityFailures(fidelity).length === 0) {
          return {
            data: jpeg,
            strength,
            attempts,
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
  return { data: await offVariant(input.data), strength: 'off', attempts, metrics: null, transform: null };
}
