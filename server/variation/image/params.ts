/**
 * One attempt's parameters, drawn from its seed: the crop, the colour change (gains, offset, the
 * knee that keeps headroom below white), the JPEG quality, the random low-frequency field, and the
 * codeword to write. And the colour change itself, as a function and as the render kernel's lanes.
 */
import type { Rng } from '../seed';
import { ATTEMPTS_PER_STRENGTH } from '../types';
import { codewordForGuide, octads } from './codeword';
import { HASH_GRID, LOW } from './dct';
import type { ToneLanes } from './kernels';
import { BLOCK_PUSH_CAP, CODEWORD_MARGIN, NEAR_WHITE_SHARE, type Knobs } from './knobs';
import type { Rect } from './raster';
import type { Source } from './source';
import { ssimScale } from './ssim';

export interface Params {
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

export function drawParams(
  src: Source,
  knobs: Knobs,
  rng: Rng,
  guideIndex: number | undefined,
  attempt: number,
): Params {
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
export function tone(v: number, c: 0 | 1 | 2, p: Params): number {
  const lv = v * p.gains[c] + p.offset;
  const k = kneeOf(c, p);
  if (k === null || lv <= k.knee) return lv;
  return k.knee + (lv - k.knee) * k.slope;
}

/**
 * tone() of channel c with its knee worked out once, for the loops over many values (the codeword
 * predictions): the same arithmetic, without a knee lookup per value.
 */
export function toneCurve(c: 0 | 1 | 2, p: Params): (v: number) => number {
  const gain = p.gains[c];
  const offset = p.offset;
  const k = kneeOf(c, p);
  if (k === null) return (v) => v * gain + offset;
  const { knee, slope } = k;
  return (v) => {
    const lv = v * gain + offset;
    return lv <= knee ? lv : knee + (lv - knee) * slope;
  };
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

/** The tone of drawParams as the kernel's per-channel lanes: the same function as tone(). */
export function toneLanes(p: Params): ToneLanes {
  const knees = ([0, 1, 2] as const).map((c) => kneeOf(c, p));
  const knee = knees.find((k) => k !== null)?.knee ?? Infinity;
  return {
    gains: p.gains,
    offsets: [p.offset, p.offset, p.offset],
    extraSlopes: knees.map((k) => (k ? k.slope - 1 : 0)) as [number, number, number],
    knee,
  };
}
