/**
 * Image variant: a small seeded crop (no rescale), per-channel gain and offset, a seeded
 * low-frequency brightness field (the only lever that moves perceptual hashes), re-encoded as JPEG
 * without metadata. At 'standard' the field also writes the guide's Golay codeword into the pHash
 * (see codeword.ts), and three copies of it into blockhash-256 (writeBlockCode). Every variant is
 * decoded again and checked against the gates before release.
 *
 * Speed: the decoded, analysed original is cached by content, so it is decoded once for all the
 * guides of a post (an sRGB profile is not converted from, see icc.ts); the passes over every pixel
 * (render, reductions, squared error, SSIM) are WebAssembly SIMD kernels (kernels/); the field is
 * evaluated on an 8-pixel grid and interpolated by the render; the original's side of the check
 * runs while libvips encodes; analysis planes are resampled through integral images.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { Rng } from '../seed';
import { ATTEMPTS_PER_STRENGTH, fallbackChain, type Strength, type VariationSeed } from '../types';
import { codewordForGuide, octads } from './codeword';
import * as dct from './dct';
import { decodeOwnJpeg, decodeRgb, encodeJpeg } from './decode';
import {
  fidelityFailures,
  fidelityFromMeasures,
  referenceScale,
  type ImageFidelity,
  type ImageTransform,
} from './gates';
import { bitsFromCoefficients } from './hashes';
import { ImageKernels, type SsimStats, type ToneLanes } from './kernels';
import { ssimScale } from './ssim';
import { AreaSampler, areaResample, type Rect, type RgbImage } from './raster';

export type ImageMethod = 'codeword' | 'random';

// Local copies: under a CommonJS transform (tsx, jest) an imported binding is a property read on
// each use, which made the field grid's inner loop five times slower than the bundled function's.
const { alpha, lowDct, HASH_GRID, LOW } = dct;

interface Knobs {
  /** Total crop per axis, as a fraction of the side. */
  crop: readonly [number, number];
  /** Max per-channel gain change and common offset (grey levels). */
  gain: number;
  offset: number;
  quality: readonly [number, number];
  /** Pixel RMS of the random low-frequency field (grey levels). */
  randomRms: number;
  /** Write the guide's codeword into the pHash. */
  codeword: boolean;
  /** Grey levels freed below white on near-white images so a brightening field is not clipped away. */
  headroom: number;
  /** Also write the guide's codeword into blockhash-256 (flat pushes on 72 of its blocks). */
  blockCode: boolean;
}

/** 'subtle' writes no codeword, so both methods make the same light change. */
const SUBTLE: Knobs = {
  crop: [0.006, 0.015],
  gain: 0.015,
  offset: 2,
  quality: [86, 92],
  randomRms: 1,
  codeword: false,
  headroom: 3,
  blockCode: false,
};

const KNOBS: Record<Exclude<Strength, 'off'>, Record<ImageMethod, Knobs>> = {
  subtle: { codeword: SUBTLE, random: SUBTLE },
  standard: {
    codeword: {
      crop: [0.01, 0.025],
      gain: 0.025,
      offset: 3,
      quality: [85, 91],
      randomRms: 2.5,
      codeword: true,
      headroom: 6,
      blockCode: true,
    },
    // The probe's method for comparison: a stronger random field, no codeword.
    random: {
      crop: [0.01, 0.025],
      gain: 0.025,
      offset: 3,
      quality: [85, 91],
      randomRms: 5,
      codeword: false,
      headroom: 6,
      blockCode: false,
    },
  },
};

/** How far (DCT units on the 32×32 grid) a written pHash bit is pushed past the median. */
const CODEWORD_MARGIN = 14;
/** Codeword bits live in the 24 pHash positions closest to the median: the cheapest to set. */
const CODE_LENGTH = 24;
const ANALYSIS_SCALE = 4;
/**
 * A quarter cell counts as near-white at this level in every channel; the tone knee is used when at
 * least NEAR_WHITE_SHARE of the image is. A few highlights in a photo clipping the field do not move
 * the hash; a white product background does (every positive field value there is lost).
 */
const NEAR_WHITE = 245;
const NEAR_WHITE_SHARE = 0.02;
const FIELD_STEP = 8;
const MIN_SIDE = 64;

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
}

export interface VaryImageResult {
  data: Buffer;
  strength: Strength;
  attempts: number;
  metrics: ImageVariantMetrics | null;
  transform: ImageTransform | null;
}

/** Analysis of the original (cached by content): upright pixels, quarter-size planes, pHash layout. */
interface Source {
  full: RgbImage;
  quarter: { r: AreaSampler; g: AreaSampler; b: AreaSampler; width: number; height: number };
  /** pHash bits of the whole original. */
  bits: Uint8Array;
  /** pHash positions carrying the codeword (AC coefficients nearest the median). */
  codePositions: number[];
  /** Share of the image that is near white (all channels ≥ NEAR_WHITE at quarter size). */
  whiteShare: number;
  /** The original's side of the check, per block size (see sourceReference). */
  references: Map<number, SourceReference>;
}

/**
 * The original's side of the fidelity check for every crop at block size f: the whole original's
 * f×f block luma (a crop at an offset that is a multiple of f reduces to a window of it), its SSIM
 * window statistics (a window inside the crop is a window of the original) and an area sampler
 * for the crop's 32×32 thumbnail.
 */
interface SourceReference {
  stats: SsimStats;
  sampler: AreaSampler;
}

function sourceReference(src: Source, kernels: ImageKernels, f: number): SourceReference {
  let ref = src.references.get(f);
  if (!ref) {
    const whole = kernels.reference({ left: 0, top: 0, width: src.full.width, height: src.full.height }, f);
    ref = { stats: kernels.ssimStats(), sampler: new AreaSampler(whole.plane, whole.width, whole.height) };
    src.references.set(f, ref);
  }
  return ref;
}

function analyse(full: RgbImage, kernels: ImageKernels): Source {
  const quarter = kernels.sourceMeans(ANALYSIS_SCALE);
  const y = new Float32Array(quarter.width * quarter.height);
  for (let i = 0; i < y.length; i++) y[i] = 0.299 * quarter.r[i]! + 0.587 * quarter.g[i]! + 0.114 * quarter.b[i]!;
  const coefficients = lowDct(areaResample(y, quarter.width, quarter.height, HASH_GRID, HASH_GRID));
  const bits = bitsFromCoefficients(coefficients);
  const sorted = [...coefficients].sort((a, b) => a - b);
  const median = (sorted[31]! + sorted[32]!) / 2;
  const codePositions = Array.from({ length: 64 }, (_, i) => i)
    .filter((i) => i !== 0)
    .sort((a, b) => Math.abs(coefficients[a]! - median) - Math.abs(coefficients[b]! - median) || a - b)
    .slice(0, CODE_LENGTH)
    .sort((a, b) => a - b);
  let white = 0;
  for (let i = 0; i < y.length; i++) {
    if (Math.min(quarter.r[i]!, quarter.g[i]!, quarter.b[i]!) >= NEAR_WHITE) white++;
  }
  const { width, height } = quarter;
  return {
    full,
    quarter: {
      r: new AreaSampler(quarter.r, width, height),
      g: new AreaSampler(quarter.g, width, height),
      b: new AreaSampler(quarter.b, width, height),
      width,
      height,
    },
    bits,
    codePositions,
    whiteShare: white / y.length,
    references: new Map(),
  };
}

interface Params {
  crop: Rect;
  gains: [number, number, number];
  offset: number;
  /** Grey levels kept free below white (0: no knee). */
  headroom: number;
  quality: number;
  /** Field coefficients in DCT units of the 32×32 grid, index v*8+u. */
  field: Float64Array;
  /** The field on the render's node grid, evaluated once the field is final (see finalGrid). */
  grid: { grid: Float32Array; nx: number; ny: number } | undefined;
  /** Largest blockhash push (R+G+B units). */
  blockCap: number;
  /** How far past the median a written pHash bit is pushed (DCT units), less on later attempts. */
  codewordMargin: number;
  /** Blockhash pushes: node values (grey levels, every channel) at the 16×16 block centres; or null. */
  blockPush: Float64Array | null;
  codeword: number | null;
}

function drawParams(src: Source, knobs: Knobs, rng: Rng, guideIndex: number | undefined, attempt: number): Params {
  const { width: W, height: H } = src.full;
  const cx = rng.uniform(knobs.crop[0], knobs.crop[1]);
  const cy = rng.uniform(knobs.crop[0], knobs.crop[1]);
  const cutX = Math.max(1, Math.round(W * cx));
  const cutY = Math.max(1, Math.round(H * cy));
  // The offset is a multiple of the check's block size, so the crop's reduced luma is a window of
  // the original's (computed once per original, see SourceReference).
  const f = ssimScale(W - cutX, H - cutY);
  const left = f * Math.floor((Math.floor(cutX / f) + 1) * rng.next());
  const top = f * Math.floor((Math.floor(cutY / f) + 1) * rng.next());
  const crop = { left, top, width: W - cutX, height: H - cutY };
  // Later attempts lighten the random field and the codeword margins (the codewords themselves stay):
  // a variant that failed a gate, in practice the thumbnail's, failed it on the sum of the pushes.
  const lighten = 1 - attempt / ATTEMPTS_PER_STRENGTH;
  const gains: [number, number, number] = [0, 1, 2].map(() => 1 + lighten * rng.uniform(-knobs.gain, knobs.gain)) as [
    number,
    number,
    number,
  ];
  const offset = lighten * rng.uniform(-knobs.offset, knobs.offset);
  const quality = knobs.quality[0] + rng.int(knobs.quality[1] - knobs.quality[0] + 1);
  const field = new Float64Array(LOW * LOW);
  let energy = 0;
  for (let i = 1; i < field.length; i++) {
    field[i] = rng.normal();
    energy += field[i]! ** 2;
  }
  // Pixel RMS of an orthonormal-DCT field on the 32×32 grid is sqrt(Σc²)/32.
  const scale = (lighten * knobs.randomRms * HASH_GRID) / Math.sqrt(energy);
  for (let i = 1; i < field.length; i++) field[i]! *= scale;
  const codeword = knobs.codeword
    ? guideIndex !== undefined
      ? codewordForGuide(guideIndex)
      : rng.pick(octads())
    : null;
  const headroom = src.whiteShare >= NEAR_WHITE_SHARE ? knobs.headroom : 0;
  return {
    crop,
    gains,
    offset,
    headroom,
    quality,
    field,
    blockPush: null,
    // Set once the field is final; present from the start so every Params has one shape.
    grid: undefined,
    blockCap: BLOCK_PUSH_CAP,
    codewordMargin: CODEWORD_MARGIN * (1 - attempt / (2 * ATTEMPTS_PER_STRENGTH)),
    codeword,
  };
}

/**
 * Colour change of one channel value: gain and offset, then, with headroom, a knee that compresses
 * the top 2·headroom levels into headroom levels, so white lands at 255 − headroom and a field of up
 * to +headroom on it survives instead of clipping (the pHash would not see it and codewords collide).
 */
function tone(v: number, c: 0 | 1 | 2, p: Params): number {
  const lv = v * p.gains[c] + p.offset;
  const k = kneeOf(c, p);
  if (k === null || lv <= k.knee) return lv;
  return k.knee + (lv - k.knee) * k.slope;
}

/**
 * The knee of channel c: none without headroom or when the channel's white lands at or below the
 * knee; else the slope that takes its white to 255 − headroom, as for every other channel, so white
 * stays neutral whatever the channel gains (a steep slope when it lands just above the knee).
 */
function kneeOf(c: 0 | 1 | 2, p: Params): { knee: number; slope: number } | null {
  if (p.headroom === 0) return null;
  const knee = 255 - 2 * p.headroom;
  const top = 255 * p.gains[c] + p.offset;
  if (top <= knee) return null;
  // Capped (the render's fixed point holds slopes up to 16); a white within headroom/16 of the knee
  // then lands a little short of 255 − headroom.
  return { knee, slope: Math.min(16, p.headroom / (top - knee)) };
}

/** pHash coefficients the variant will have before the field: crop + colour, from the quarter-size copy. */
function predictedCoefficients(src: Source, p: Params): Float64Array {
  const q = src.quarter;
  const rect = {
    x0: p.crop.left / ANALYSIS_SCALE,
    y0: p.crop.top / ANALYSIS_SCALE,
    x1: Math.min(q.width, (p.crop.left + p.crop.width) / ANALYSIS_SCALE),
    y1: Math.min(q.height, (p.crop.top + p.crop.height) / ANALYSIS_SCALE),
  };
  const r = q.r.resample(HASH_GRID, HASH_GRID, rect);
  const g = q.g.resample(HASH_GRID, HASH_GRID, rect);
  const b = q.b.resample(HASH_GRID, HASH_GRID, rect);
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
function balanceOnes(
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
function writeCodeword(src: Source, p: Params): void {
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

/** Blockhash-256 geometry: 16×16 blocks, four bands of four block rows, each thresholded at its median. */
const BLOCKS = 16;
const BAND = 64;
/** Code positions per band: the blocks nearest the band's median, the cheapest to set. */
const BLOCK_CODE_PER_BAND = 18;
/** How far past the band median (R+G+B units) a written blockhash bit is pushed. */
const BLOCK_MARGIN = 6;
/**
 * Largest change of a block's mean (R+G+B units, so 5 grey levels): a code bit that needs more is left
 * short rather than paint a visible patch; the octad copies' spare distance (24 vs the gate's 20) absorbs it.
 */
const BLOCK_PUSH_CAP = 15;

/**
 * Blockhash codeword: the guide's octad is written three times into the 72 blockhash blocks nearest
 * their band medians (18 per band), so any two guides differ in at least 3 × 8 = 24 blockhash bits.
 * The low-frequency pHash field cannot address 67-pixel blocks, so each block gets its own push, the
 * smallest that puts it BLOCK_MARGIN past the median (capped); the ones in each band stay at 32 (the
 * median stays put) by flipping the cheapest free blocks if needed. The pushes are laid as a smooth
 * surface through the block centres (flat squares showed as a visible grid on white backgrounds).
 * Prediction: the quarter-size copy (crop, colour) plus the field's mean over each block.
 */
function writeBlockCode(src: Source, p: Params): void {
  if (p.codeword === null) return;
  const { width: w, height: h } = p.crop;
  const q = src.quarter;
  const rect = {
    x0: p.crop.left / ANALYSIS_SCALE,
    y0: p.crop.top / ANALYSIS_SCALE,
    x1: Math.min(q.width, (p.crop.left + w) / ANALYSIS_SCALE),
    y1: Math.min(q.height, (p.crop.top + h) / ANALYSIS_SCALE),
  };
  const r = q.r.resample(BLOCKS, BLOCKS, rect);
  const g = q.g.resample(BLOCKS, BLOCKS, rect);
  const b = q.b.resample(BLOCKS, BLOCKS, rect);
  const { grid, nx, ny } = finalGrid(p);
  const fieldSum = new Float64Array(BLOCKS * BLOCKS);
  const fieldCount = new Float64Array(BLOCKS * BLOCKS);
  for (let ky = 0; ky < ny; ky++) {
    const by = Math.floor((Math.min(h - 1, ky * FIELD_STEP) * BLOCKS) / h);
    for (let kx = 0; kx < nx; kx++) {
      const bx = Math.floor((Math.min(w - 1, kx * FIELD_STEP) * BLOCKS) / w);
      fieldSum[by * BLOCKS + bx]! += grid[ky * nx + kx]!;
      fieldCount[by * BLOCKS + bx]!++;
    }
  }
  const value = Float64Array.from(
    { length: BLOCKS * BLOCKS },
    (_, i) => tone(r[i]!, 0, p) + tone(g[i]!, 1, p) + tone(b[i]!, 2, p) + (3 * fieldSum[i]!) / fieldCount[i]!,
  );
  const push = new Float64Array(BLOCKS * BLOCKS);
  const positions: number[][] = [];
  const medians: number[] = [];
  for (let band = 0; band < 4; band++) {
    const ids = Array.from({ length: BAND }, (_, j) => band * BAND + j);
    const sorted = ids.map((i) => value[i]!).sort((x, y) => x - y);
    const tau = (sorted[31]! + sorted[32]!) / 2;
    medians.push(tau);
    positions.push(
      [...ids]
        .sort((x, y) => Math.abs(value[x]! - tau) - Math.abs(value[y]! - tau) || x - y)
        .slice(0, BLOCK_CODE_PER_BAND),
    );
  }
  // Code bit k of copy c sits at rank floor(m / 4) of band m % 4, m = 24c + k: copies spread over bands.
  const target = Uint8Array.from(value, (v, i) => (v > medians[Math.floor(i / BAND)]! ? 1 : 0));
  const code = new Set<number>();
  for (let m = 0; m < 3 * 24; m++) {
    const pos = positions[m % 4]![Math.floor(m / 4)]!;
    code.add(pos);
    target[pos] = target[pos]! ^ ((p.codeword >>> (m % 24)) & 1);
  }
  for (let band = 0; band < 4; band++) {
    const tau = medians[band]!;
    const ids = Array.from({ length: BAND }, (_, j) => band * BAND + j);
    balanceOnes(
      target,
      ids,
      ids.filter((i) => !code.has(i)),
      value,
      tau,
    );
    for (const i of ids) {
      const v = value[i]!;
      const want = target[i] ? Math.max(v, tau + BLOCK_MARGIN) : Math.min(v, tau - BLOCK_MARGIN);
      push[i] = Math.max(-p.blockCap, Math.min(p.blockCap, want - v)) / 3;
    }
  }
  p.blockPush = smoothPushNodes(push);
}

/**
 * Smooth block pushes: node values at the 16×16 block centres such that the bilinear surface between
 * them has the wanted mean over each block. A tent between centres gives a block 3/4 of its own node
 * and 1/8 of each neighbour per axis (7/8 + 1/8 at an edge, where the surface is held flat); a few
 * Jacobi steps invert that (the operator is diagonally dominant).
 */
function smoothPushNodes(want: Float64Array): Float64Array {
  const nodes = Float64Array.from(want);
  const across = new Float64Array(want.length);
  const mean = new Float64Array(want.length);
  // One axis of the block-mean operator: stride 1 along rows, BLOCKS along columns.
  const tent = (src: Float64Array, out: Float64Array, step: number, stride: number): void => {
    for (let a = 0; a < BLOCKS; a++) {
      for (let i = 0; i < BLOCKS; i++) {
        const at = a * stride + i * step;
        const before = i > 0 ? src[at - step]! : src[at]!;
        const after = i < BLOCKS - 1 ? src[at + step]! : src[at]!;
        out[at] = 0.75 * src[at]! + 0.125 * (before + after);
      }
    }
  };
  for (let it = 0; it < 12; it++) {
    tent(nodes, across, 1, BLOCKS);
    tent(across, mean, BLOCKS, 1);
    for (let i = 0; i < nodes.length; i++) nodes[i]! += want[i]! - mean[i]!;
  }
  return nodes;
}

/** Adds the bilinear surface through the block-centre nodes to the field grid (nodes every FIELD_STEP). */
function addBlockPush(grid: Float32Array, nx: number, w: number, h: number, nodes: Float64Array): void {
  const ny = grid.length / nx;
  // Per grid column: the two block centres around it and the weight of the second.
  const x0 = new Int32Array(nx);
  const fx = new Float64Array(nx);
  for (let kx = 0; kx < nx; kx++) {
    const c = Math.max(0, Math.min(BLOCKS - 1, ((kx * FIELD_STEP + 0.5) * BLOCKS) / w - 0.5));
    x0[kx] = Math.min(BLOCKS - 2, Math.floor(c));
    fx[kx] = c - x0[kx]!;
  }
  for (let ky = 0; ky < ny; ky++) {
    const c = Math.max(0, Math.min(BLOCKS - 1, ((ky * FIELD_STEP + 0.5) * BLOCKS) / h - 0.5));
    const y0 = Math.min(BLOCKS - 2, Math.floor(c));
    const fy = c - y0;
    for (let kx = 0; kx < nx; kx++) {
      const i = y0 * BLOCKS + x0[kx]!;
      const f = fx[kx]!;
      const top = nodes[i]! * (1 - f) + nodes[i + 1]! * f;
      const bottom = nodes[i + BLOCKS]! * (1 - f) + nodes[i + BLOCKS + 1]! * f;
      grid[ky * nx + kx]! += top * (1 - fy) + bottom * fy;
    }
  }
}

function fieldRms(field: Float64Array): number {
  let e = 0;
  for (let i = 1; i < field.length; i++) e += field[i]! ** 2;
  return Math.sqrt(e) / HASH_GRID;
}

/** One row of the field grid: Σ_v column[v]·partial[v][k], summed in f64 and stored once. */
function gridRow(column: Float64Array, partial: Float64Array, nx: number, grid: Float32Array, at: number): void {
  for (let k = 0; k < nx; k++) {
    let s = 0;
    for (let v = 0; v < LOW; v++) s += column[v]! * partial[v * nx + k]!;
    grid[at + k] = s;
  }
}

/** The final field (after writeCodeword) on the render's node grid, computed once per attempt. */
function finalGrid(p: Params): { grid: Float32Array; nx: number; ny: number } {
  p.grid ??= fieldGrid(p.field, p.crop.width, p.crop.height);
  return p.grid;
}

/** The field on nodes every FIELD_STEP pixels of a w×h variant (one node past each edge). */
function fieldGrid(field: Float64Array, w: number, h: number): { grid: Float32Array; nx: number; ny: number } {
  // Area averaging onto the 32 grid damps frequency k by sinc(πk/64); pre-compensate so the hash sees δ.
  // Nodes every FIELD_STEP pixels, one past each edge; plain loops (typed-array .from with a mapping
  // function goes through the iterator protocol and cost more than the whole grid).
  const basis = (n: number, count: number, k: number): Float64Array => {
    const damp = k === 0 ? 1 : Math.sin((Math.PI * k) / 64) / ((Math.PI * k) / 64);
    const scale = alpha(k) / damp;
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) out[i] = scale * Math.cos((Math.PI * k * (i * FIELD_STEP + 0.5)) / n);
    return out;
  };
  const nx = Math.ceil((w - 1) / FIELD_STEP) + 2;
  const ny = Math.ceil((h - 1) / FIELD_STEP) + 2;
  const bx: Float64Array[] = [];
  const by: Float64Array[] = [];
  for (let k = 0; k < LOW; k++) {
    bx.push(basis(w, nx, k));
    by.push(basis(h, ny, k));
  }
  const partial = new Float64Array(LOW * nx); // Σ_u field[v][u]·bx[u][kx]
  for (let v = 0; v < LOW; v++) {
    for (let u = 0; u < LOW; u++) {
      const c = field[v * LOW + u]!;
      if (c === 0) continue;
      const bu = bx[u]!;
      for (let k = 0; k < nx; k++) partial[v * nx + k]! += c * bu[k]!;
    }
  }
  const grid = new Float32Array(ny * nx);
  const column = new Float64Array(LOW);
  for (let ky = 0; ky < ny; ky++) {
    for (let v = 0; v < LOW; v++) column[v] = by[v]![ky]!;
    gridRow(column, partial, nx, grid, ky * nx);
  }
  return { grid, nx, ny };
}

/** The tone of drawParams as the kernel's per-channel lanes: the same function as tone(). */
function toneLanes(p: Params): ToneLanes {
  const knees = ([0, 1, 2] as const).map((c) => kneeOf(c, p));
  const knee = knees.find((k) => k !== null)?.knee ?? Infinity;
  return {
    gains: p.gains,
    offsets: [p.offset, p.offset, p.offset],
    extraSlopes: knees.map((k) => (k ? k.slope - 1 : 0)) as [number, number, number],
    knee,
  };
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

/**
 * Decoded and analysed originals, by content: the content function makes one image's variants for
 * every guide of a post in a row (the pre-render timer), and only the first needs to decode and
 * analyse it. Bounded by the bytes the decoded pixels and analysis planes hold, oldest out first.
 */
const SOURCE_CACHE_BYTES = 64 * 1024 * 1024;
const sources = new Map<string, { source: Promise<Source | null>; bytes: number }>();

/** Empties the cache of decoded originals (benches measure the first guide's variant with it). */
export function clearImageSourceCache(): void {
  sources.clear();
}

/** Content keys of the buffers seen, so a caller passing the same buffer for each guide hashes it once. */
const keys = new WeakMap<Buffer, string>();

/** The decoded, analysed original; null when it is too small to vary (icons, stickers). */
function sourceOf(data: Buffer): { key: string; source: Promise<Source | null> } {
  let key = keys.get(data);
  if (key === undefined) {
    key = createHash('sha1').update(data).digest('base64');
    keys.set(data, key);
  }
  const hit = sources.get(key);
  if (hit) {
    sources.delete(key);
    sources.set(key, hit);
    return { key, source: hit.source };
  }
  const entry = { bytes: 0, source: Promise.resolve<Source | null>(null) };
  entry.source = (async () => {
    const full = await decodeRgb(data);
    // Too small to crop, hash or measure meaningfully: keep the original.
    if (Math.min(full.width, full.height) < MIN_SIDE) return null;
    const kernels = ImageKernels.acquire();
    try {
      kernels.load(full, key);
      const source = analyse(full, kernels);
      // Pixels, three quarter-size integral images (f64), and the check's statistics at the usual
      // block size f (four f64 planes of the reduced size: luma, window means, means of squares,
      // the thumbnail sampler's integral).
      const f = ssimScale(full.width, full.height);
      entry.bytes =
        full.data.length +
        3 * 8 * (source.quarter.width + 1) * (source.quarter.height + 1) +
        4 * 8 * Math.ceil(full.width / f) * Math.ceil(full.height / f);
      evictSources();
      return source;
    } finally {
      kernels.release();
    }
  })();
  entry.source.catch(() => sources.delete(key));
  sources.set(key, entry);
  return { key, source: entry.source };
}

function evictSources(): void {
  let total = 0;
  for (const e of sources.values()) total += e.bytes;
  for (const [key, e] of sources) {
    if (total <= SOURCE_CACHE_BYTES || sources.size <= 1) break;
    sources.delete(key);
    total -= e.bytes;
  }
}

export async function varyImage(input: VaryImageInput): Promise<VaryImageResult> {
  const method = input.method ?? 'codeword';
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
        if (knobs.blockCode) writeBlockCode(src, params);
        const pixels = render(kernels, params);
        const encoding = encodeJpeg(pixels, params.quality);
        // The original's side of the check: a window of the original's, while libvips encodes.
        const f = referenceScale(params.crop);
        const ref = sourceReference(src, kernels, f);
        const window = kernels.useReference(ref.stats, params.crop.left / f, params.crop.top / f, params.crop, f);
        const thumb = ref.sampler.resample(32, 32, window);
        const jpeg = await encoding;
        const released = await decodeOwnJpeg(jpeg);
        if (released.width !== params.crop.width || released.height !== params.crop.height) {
          throw new Error(
            `released variant is ${released.width}×${released.height}, expected ${params.crop.width}×${params.crop.height}`,
          );
        }
        kernels.putVariant(released);
        const m = kernels.measure(params.crop, f);
        const fidelity = fidelityFromMeasures(thumb, m.thumb, m.ssim, m.squaredError, released.data.length);
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
