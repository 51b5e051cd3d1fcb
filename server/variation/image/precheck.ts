/**
 * Refusing an attempt before its encode. The only gate attempts fail in practice is the thumbnail's
 * (1 in 7 first attempts on the poster fixture, each then paying an encode, a verifying decode and a
 * check for nothing), and the thumbnail hardly moves through the encode: over 4,252 attempts of
 * every fixture kind, both strengths, with and without a colour profile, the 32×32 means of the
 * rendered crop and of its decoded JPEG differed by at most 1.18 grey levels in any cell, and the
 * gate's figure (the largest difference from the original's) moved by −0.55 to +0.65
 * (precheck.test.ts asserts a bound on both). So an attempt whose rendered thumbnail is already more
 * than PRECHECK_MARGIN past the gate is refused there: it would have been refused after the encode,
 * so the variant released is the same, byte for byte — only the work is saved. Every attempt that is
 * not refused here is encoded, decoded and checked in full as before.
 *
 * The rendered thumbnail costs a pass over the crop's pixels (the block luma), so it is computed only
 * when a cheap prediction puts the attempt near the gate: the original's colours at 32×32 through
 * the tone curve plus the field's nodes averaged per cell. That prediction only decides where the
 * exact one is worth computing; a wrong one costs time, never changes what is released.
 *
 * Engine 2 (types.ts) also refuses an attempt that only might fail: one whose rendered thumbnail is
 * within ENCODE_RISE of the gate, so that hardly any attempt pays an encode, a verifying decode and
 * a check to be refused by the full check (on the poster about 1 in 9 first attempts did, each ≈ 1.2×
 * the floor of a variant). It changes what is released — a variant whose first attempt was that
 * near the gate comes from the next, lighter attempt — so it is a version of its own; the prediction's
 * threshold is part of it (an attempt the prediction does not put near is never refused here). The
 * full check still decides every attempt that is encoded.
 */
import { sumNodesByCell } from './field';
import { IMAGE_GATES, thumbDifference } from './gates';
import type { ImageKernels } from './kernels';
import * as knobs from './knobs';
import { toneCurve, type Params } from './params';
import { cropColours, type Source } from './source';
import type { ImageEngine } from '../types';

/** Engine 1: thumbnail difference (grey levels) past the gate's at which a rendered attempt is refused. */
export const PRECHECK_MARGIN = 2;
/** Engine 1: the cheap prediction's difference from which the rendered thumbnail is computed. */
export const PRECHECK_FROM = 19;
/**
 * Engine 2: how far the gate's figure may rise through the encode (grey levels); a rendered attempt
 * this close to the gate is refused. Measured: at most +0.65 over the 4,252 attempts above; precheck.test.ts
 * asserts the bound on its own 80 variants.
 */
export const ENCODE_RISE = 0.75;
/**
 * Engine 2: the prediction's difference from which the rendered thumbnail is computed. The
 * prediction ignores clipping and so mostly reads high: the rendered figure was at most 0.83 above it
 * over 1,014 attempts of every fixture kind, so from here every attempt within ENCODE_RISE of the
 * gate is looked at.
 */
export const PRECHECK_FROM_2 = 18;

/** Per engine: from which prediction the rendered thumbnail is computed, above which it is refused. */
export const PRECHECK_RULES: Record<ImageEngine, { from: number; refuseAbove: number }> = {
  1: { from: PRECHECK_FROM, refuseAbove: IMAGE_GATES.maxThumbDiff + PRECHECK_MARGIN },
  2: { from: PRECHECK_FROM_2, refuseAbove: IMAGE_GATES.maxThumbDiff - ENCODE_RISE },
};
const THUMB = 32;
// A local copy: under a CommonJS transform an imported binding is a property read on each use (field.ts).
const { FIELD_STEP } = knobs;

/**
 * The cheap prediction of the variant's 32×32 thumbnail: per cell, the Rec. 601 luma of the tone
 * curve applied to the crop's mean colours (from the quarter-size copy), plus the mean of the final
 * field's nodes (every FIELD_STEP pixels, pushes included) that fall in the cell. Ignores the curve's
 * curvature within a cell and clipping.
 */
export function predictedThumb(
  src: Source,
  p: Params,
  grid: Float32Array,
  nx: number,
  kernels?: ImageKernels,
): Float32Array {
  const { width: w, height: h } = p.crop;
  const { r, g, b } = cropColours(src, p.crop, THUMB);
  const sum = new Float64Array(THUMB * THUMB);
  const count = new Float64Array(THUMB * THUMB);
  // The nodes within the crop: every FIELD_STEP pixels from 0, below w and h.
  const columns = Math.min(nx, Math.ceil(w / FIELD_STEP));
  const rows = Math.min(Math.floor(grid.length / nx), Math.ceil(h / FIELD_STEP));
  const cellOfColumn = new Int32Array(columns);
  for (let kx = 0; kx < columns; kx++) cellOfColumn[kx] = Math.floor((kx * FIELD_STEP * THUMB) / w);
  const rowBase = new Int32Array(rows);
  for (let ky = 0; ky < rows; ky++) rowBase[ky] = Math.floor((ky * FIELD_STEP * THUMB) / h) * THUMB;
  sumNodesByCell(grid, nx, rowBase, cellOfColumn, columns, sum, count, kernels);
  const tr = toneCurve(0, p);
  const tg = toneCurve(1, p);
  const tb = toneCurve(2, p);
  const out = new Float32Array(THUMB * THUMB);
  for (let i = 0; i < out.length; i++) {
    const field = count[i]! > 0 ? sum[i]! / count[i]! : 0;
    out[i] = 0.299 * tr(r[i]!) + 0.587 * tg(g[i]!) + 0.114 * tb(b[i]!) + field;
  }
  return out;
}

export interface Precheck {
  /** The cheap prediction's thumbnail difference. */
  predicted: number;
  /** The rendered crop's thumbnail, when the prediction was near enough to compute it (or `always`). */
  renderedThumb: Float32Array | null;
  /** Its difference from the original's. */
  rendered: number | null;
  refused: boolean;
}

/**
 * Whether the rendered attempt (still in the kernels' output region, its grid in theirs) is refused
 * before its encode by `engine`'s rule, against `thumb`, the original's thumbnail of the same crop at
 * block size f. `always` (tests, the bench) computes the rendered thumbnail whatever the prediction;
 * the decision is the same.
 */
export function precheckAttempt(
  src: Source,
  p: Params,
  kernels: ImageKernels,
  at: { grid: Float32Array; nx: number; thumb: Float32Array; f: number },
  engine: ImageEngine,
  always = false,
): Precheck {
  const rule = PRECHECK_RULES[engine];
  const predicted = thumbDifference(predictedThumb(src, p, at.grid, at.nx, kernels), at.thumb);
  const near = predicted >= rule.from;
  if (!near && !always) return { predicted, renderedThumb: null, rendered: null, refused: false };
  const renderedThumb = kernels.outputThumb(p.crop, at.f);
  const rendered = thumbDifference(renderedThumb, at.thumb);
  return { predicted, renderedThumb, rendered, refused: near && rendered > rule.refuseAbove };
}
