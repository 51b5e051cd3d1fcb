/**
 * Image variant: a small seeded crop (no rescale), per-channel gain and offset, a seeded
 * low-frequency brightness field (the only lever that moves perceptual hashes), re-encoded as JPEG
 * without metadata. At 'standard' the field also writes the guide's Golay codeword into the pHash
 * (see codeword.ts), and three copies of it into blockhash-256 (writeBlockCode). Every variant is
 * decoded again and checked against the gates before release.
 *
 * Speed: one decode of the original serves every attempt; the field is evaluated on an 8-pixel grid
 * and interpolated in fixed point, applied in the same integer pass as the colour lookup table, and
 * that pass also reduces the original's crop for the check, whose remaining half of the original's
 * side runs while libvips encodes.
 */
import sharp from 'sharp';
import { Rng } from '../seed';
import { ATTEMPTS_PER_STRENGTH, fallbackChain, type Strength, type VariationSeed } from '../types';
import { codewordForGuide, octads } from './codeword';
import { alpha, HASH_GRID, LOW } from './dct';
import { decodeOwnJpeg, decodeRgb, encodeJpeg } from './decode';
import {
  fidelityFailures,
  fidelityReference,
  measureAgainst,
  referenceScale,
  type ImageFidelity,
  type ImageTransform,
} from './gates';
import { bitsFromCoefficients } from './hashes';
import { areaResample, rgbBlockMeans, type Rect, type RgbImage } from './raster';
import { lowDct } from './dct';

export type ImageMethod = 'codeword' | 'random';

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
/** The analysis only predicts pHash coefficients: every other row and column is plenty. */
const ANALYSIS_SAMPLE = 2;
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

/** Per-call analysis of the original: upright pixels, a quarter-size copy per channel, pHash layout. */
interface Source {
  full: RgbImage;
  quarter: { r: Float32Array; g: Float32Array; b: Float32Array; width: number; height: number };
  /** pHash bits of the whole original. */
  bits: Uint8Array;
  /** pHash positions carrying the codeword (AC coefficients nearest the median). */
  codePositions: number[];
  /** Share of the image that is near white (all channels ≥ NEAR_WHITE at quarter size). */
  whiteShare: number;
}

function analyse(full: RgbImage): Source {
  const quarter = rgbBlockMeans(full, ANALYSIS_SCALE, ANALYSIS_SAMPLE);
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
  return { full, quarter, bits, codePositions, whiteShare: white / y.length };
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
  const left = Math.round(cutX * rng.next());
  const top = Math.round(cutY * rng.next());
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
  if (p.headroom === 0) return lv;
  const knee = 255 - 2 * p.headroom;
  const top = 255 * p.gains[c] + p.offset;
  if (lv <= knee || top <= knee) return lv;
  return knee + ((lv - knee) * p.headroom) / (top - knee);
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
  const r = areaResample(q.r, q.width, q.height, HASH_GRID, HASH_GRID, rect);
  const g = areaResample(q.g, q.width, q.height, HASH_GRID, HASH_GRID, rect);
  const b = areaResample(q.b, q.width, q.height, HASH_GRID, HASH_GRID, rect);
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
  const r = areaResample(q.r, q.width, q.height, BLOCKS, BLOCKS, rect);
  const g = areaResample(q.g, q.width, q.height, BLOCKS, BLOCKS, rect);
  const b = areaResample(q.b, q.width, q.height, BLOCKS, BLOCKS, rect);
  const { grid, nx, ny } = fieldGrid(p.field, w, h);
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

/** The field on nodes every FIELD_STEP pixels of a w×h variant (one node past each edge). */
function fieldGrid(field: Float64Array, w: number, h: number): { grid: Float32Array; nx: number; ny: number } {
  // Area averaging onto the 32 grid damps frequency k by sinc(πk/64); pre-compensate so the hash sees δ.
  const basis = (n: number, nodes: number[], k: number): Float64Array => {
    const damp = k === 0 ? 1 : Math.sin((Math.PI * k) / 64) / ((Math.PI * k) / 64);
    return Float64Array.from(nodes, (x) => (alpha(k) / damp) * Math.cos((Math.PI * k * (x + 0.5)) / n));
  };
  const nodesX = Array.from({ length: Math.ceil((w - 1) / FIELD_STEP) + 2 }, (_, k) => k * FIELD_STEP);
  const nodesY = Array.from({ length: Math.ceil((h - 1) / FIELD_STEP) + 2 }, (_, k) => k * FIELD_STEP);
  const bx = Array.from({ length: LOW }, (_, u) => basis(w, nodesX, u));
  const by = Array.from({ length: LOW }, (_, v) => basis(h, nodesY, v));
  const nx = nodesX.length;
  const partial = new Float64Array(LOW * nx); // Σ_u field[v][u]·bx[u][kx]
  for (let v = 0; v < LOW; v++) {
    for (let u = 0; u < LOW; u++) {
      const c = field[v * LOW + u]!;
      if (c === 0) continue;
      const bu = bx[u]!;
      for (let k = 0; k < nx; k++) partial[v * nx + k]! += c * bu[k]!;
    }
  }
  const grid = new Float32Array(nodesY.length * nx);
  for (let ky = 0; ky < nodesY.length; ky++) {
    for (let v = 0; v < LOW; v++) {
      const byv = by[v]![ky]!;
      for (let k = 0; k < nx; k++) grid[ky * nx + k]! += byv * partial[v * nx + k]!;
    }
  }
  return { grid, nx, ny: nodesY.length };
}

/**
 * The variant's pixels: colour LUT + interpolated field, in one pass over the crop. The same pass
 * sums the crop's luma in f×f blocks: the original's side of the fidelity check, without reading
 * the image again.
 */
function render(
  src: Source,
  p: Params,
  f: number,
): { pixels: RgbImage; luma: Float32Array; lumaWidth: number; lumaHeight: number } {
  const { full } = src;
  const { left, top, width: w, height: h } = p.crop;
  const { grid, nx } = fieldGrid(p.field, w, h);
  if (p.blockPush) addBlockPush(grid, nx, w, h, p.blockPush);
  // Fixed point, 1/256 grey level: the LUT carries gain, offset and the rounding half, the field is
  // interpolated incrementally along each row; the pixel loop is integer adds, a shift and a clamp.
  const lut = new Int32Array(768);
  for (let c = 0; c < 3; c++)
    for (let v = 0; v < 256; v++) lut[c * 256 + v] = Math.round(tone(v, c as 0 | 1 | 2, p) * 256) + 128;

  const out = new Uint8Array(w * h * 3);
  const lw = Math.floor(w / f);
  const lh = Math.floor(h / f);
  const luma = new Float32Array(lw * lh);
  const sums = new Int32Array(lw);
  const lumaScale = 1 / (1000 * f * f);
  const rowNodes = new Int32Array(nx);
  const row = new Int32Array(w + FIELD_STEP);
  const data = full.data;
  for (let y = 0; y < h; y++) {
    const ky = y >> 3;
    const fy = (y & 7) / FIELD_STEP;
    for (let k = 0; k < nx; k++) {
      const g0 = grid[ky * nx + k]!;
      rowNodes[k] = Math.round((g0 + (grid[(ky + 1) * nx + k]! - g0) * fy) * 256);
    }
    // Linear between nodes 8 pixels apart: 8× the value advances by the node difference per pixel.
    for (let k = 0, x = 0; x < w; k++) {
      let acc = rowNodes[k]! * FIELD_STEP;
      const d = rowNodes[k + 1]! - rowNodes[k]!;
      for (let j = 0; j < FIELD_STEP; j++, x++, acc += d) row[x] = acc >> 3;
    }

    const i = ((top + y) * full.width + left) * 3;
    if (y < lh * f) {
      renderRowWithLuma(data, i, out, y * w * 3, lw, f, row, lut, sums);
      const done = lw * f;
      renderRow(data, i + 3 * done, out, (y * w + done) * 3, w - done, row, done, lut);
      if (y % f === f - 1) {
        const by = (y + 1) / f - 1;
        for (let bx = 0; bx < lw; bx++) luma[by * lw + bx] = sums[bx]! * lumaScale;
        sums.fill(0);
      }
    } else {
      renderRow(data, i, out, y * w * 3, w, row, 0, lut);
    }
  }
  return { pixels: { data: out, width: w, height: h, channels: 3 }, luma, lumaWidth: lw, lumaHeight: lh };
}

/** Part of an output row: colour LUT plus field (from field[x0]), clamped. */
function renderRow(
  data: Uint8Array,
  i: number,
  out: Uint8Array,
  o: number,
  n: number,
  field: Int32Array,
  x0: number,
  lut: Int32Array,
): void {
  for (let x = x0; x < x0 + n; x++, i += 3, o += 3) {
    const f = field[x]!;
    // Clamp by hand: Uint8ClampedArray stores are much slower in V8.
    const r = (lut[data[i]!]! + f) >> 8;
    const g = (lut[256 + data[i + 1]!]! + f) >> 8;
    const b = (lut[512 + data[i + 2]!]! + f) >> 8;
    out[o] = r < 0 ? 0 : r > 255 ? 255 : r;
    out[o + 1] = g < 0 ? 0 : g > 255 ? 255 : g;
    out[o + 2] = b < 0 ? 0 : b > 255 ? 255 : b;
  }
}

/** renderRow over whole f-blocks, adding the original's luma (per mille weights) to each block's sum. */
function renderRowWithLuma(
  data: Uint8Array,
  i: number,
  out: Uint8Array,
  o: number,
  blocks: number,
  f: number,
  field: Int32Array,
  lut: Int32Array,
  sums: Int32Array,
): void {
  for (let bx = 0, x = 0; bx < blocks; bx++) {
    let l = 0;
    for (let k = 0; k < f; k++, x++, i += 3, o += 3) {
      const sr = data[i]!;
      const sg = data[i + 1]!;
      const sb = data[i + 2]!;
      l += 299 * sr + 587 * sg + 114 * sb;
      const v = field[x]!;
      const r = (lut[sr]! + v) >> 8;
      const g = (lut[256 + sg]! + v) >> 8;
      const b = (lut[512 + sb]! + v) >> 8;
      out[o] = r < 0 ? 0 : r > 255 ? 255 : r;
      out[o + 1] = g < 0 ? 0 : g > 255 ? 255 : g;
      out[o + 2] = b < 0 ? 0 : b > 255 ? 255 : b;
    }
    sums[bx]! += l;
  }
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
  let src: Source | undefined;
  let attempts = 0;
  for (const strength of fallbackChain(input.strength)) {
    if (strength === 'off') break;
    src ??= analyse(await decodeRgb(input.data));
    // Too small to crop, hash or measure meaningfully (icons, stickers): keep the original.
    if (Math.min(src.full.width, src.full.height) < MIN_SIDE) break;
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
      const rendered = render(src, params, referenceScale(params.crop));
      const encoding = encodeJpeg(rendered.pixels, params.quality);
      // The original's side of the check runs here, on this thread, while libvips encodes.
      const reference = fidelityReference(src.full, params.crop, {
        plane: rendered.luma,
        width: rendered.lumaWidth,
        height: rendered.lumaHeight,
      });
      const jpeg = await encoding;
      const fidelity = measureAgainst(reference, await decodeOwnJpeg(jpeg));
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
  return { data: await offVariant(input.data), strength: 'off', attempts, metrics: null, transform: null };
}
