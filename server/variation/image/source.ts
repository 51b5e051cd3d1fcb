/**
 * The original, decoded and analysed once for all the guides of a post: upright pixels, the
 * quarter-size colour planes the codewords are predicted from, its pHash and the positions that
 * carry a codeword, how much of it is near white, and its side of the fidelity check per block
 * size. Cached by content, bounded by the bytes it holds.
 */
import { createHash } from 'node:crypto';
import * as dct from './dct';
import { decodeSource } from './decode';
import { bitsFromCoefficients } from './hashes';
import { ImageKernels, type SsimStats } from './kernels';
import * as knobs from './knobs';
import { AreaSampler } from './area-sampler';
import { areaResample, type Rect, type RgbImage } from './raster';
import { ssimScale } from './ssim';

// Local copies: under a CommonJS transform (tsx, jest) an imported binding is a property read on
// each use, which the per-cell loops here would pay (see field.ts).
const { lowDct, HASH_GRID } = dct;
const { ANALYSIS_SCALE, NEAR_WHITE } = knobs;

/** Codeword bits live in the 24 pHash positions closest to the median: the cheapest to set. */
const CODE_LENGTH = 24;
/** Smaller originals (icons, stickers) are too small to crop, hash or measure meaningfully. */
const MIN_SIDE = 64;

/** Analysis of the original (cached by content): upright pixels, quarter-size planes, pHash layout. */
export interface Source {
  full: RgbImage;
  /** The quarter-size copy's colour planes (r, g, b), for cropColours. */
  quarter: { colours: AreaSampler; width: number; height: number };
  /** pHash bits of the whole original. */
  bits: Uint8Array;
  /** pHash positions carrying the codeword (AC coefficients nearest the median). */
  codePositions: number[];
  /** Share of the image that is near white (all channels ≥ NEAR_WHITE at quarter size). */
  whiteShare: number;
  /** The original's side of the check, per block size (see sourceReference). */
  references: Map<number, SourceReference>;
  /** The last few cropColours results (see there), by crop and grid. */
  colours: Map<string, CropColours>;
}

type CropColours = { readonly r: Float32Array; readonly g: Float32Array; readonly b: Float32Array };
/** cropColours results kept per original: an attempt asks for at most two grids, three variants run at once. */
const COLOURS_KEPT = 6;

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

export function sourceReference(src: Source, kernels: ImageKernels, f: number): SourceReference {
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
      colours: new AreaSampler([quarter.r, quarter.g, quarter.b], width, height),
      width,
      height,
    },
    bits,
    codePositions,
    whiteShare: white / y.length,
    references: new Map(),
    colours: new Map(),
  };
}

/**
 * The original's colour planes over `crop`, area-averaged onto n × n cells (from the quarter-size
 * copy). The pHash codeword and the thumbnail's prediction both ask for the same crop at 32 × 32 in
 * every attempt, so the last few results are kept on the source and handed out again: the callers
 * only read them.
 */
export function cropColours(src: Source, crop: Rect, n: number): CropColours {
  const key = `${crop.left},${crop.top},${crop.width},${crop.height},${n}`;
  const kept = src.colours.get(key);
  if (kept) return kept;
  const q = src.quarter;
  const rect = {
    x0: crop.left / ANALYSIS_SCALE,
    y0: crop.top / ANALYSIS_SCALE,
    x1: Math.min(q.width, (crop.left + crop.width) / ANALYSIS_SCALE),
    y1: Math.min(q.height, (crop.top + crop.height) / ANALYSIS_SCALE),
  };
  const [r, g, b] = q.colours.resampleAll(n, n, rect);
  const made = { r: r!, g: g!, b: b! };
  if (src.colours.size >= COLOURS_KEPT) src.colours.delete(src.colours.keys().next().value!);
  src.colours.set(key, made);
  return made;
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
export function sourceOf(data: Buffer): { key: string; source: Promise<Source | null> } {
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
    const full = await decodeSource(data);
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
