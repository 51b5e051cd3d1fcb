/** The image engine's tunables: per strength and method, and the constants its parts share. */
import type { Strength } from '../types';

export type ImageMethod = 'codeword' | 'random';

export interface Knobs {
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

const STANDARD: Knobs = {
  crop: [0.01, 0.025],
  gain: 0.025,
  offset: 3,
  quality: [85, 91],
  randomRms: 2.5,
  codeword: true,
  headroom: 6,
  blockCode: true,
};

export const KNOBS: Record<Exclude<Strength, 'off'>, Record<ImageMethod, Knobs>> = {
  subtle: { codeword: SUBTLE, random: SUBTLE },
  standard: {
    codeword: STANDARD,
    // The probe's method for comparison: a stronger random field, no codeword.
    random: { ...STANDARD, randomRms: 5, codeword: false, blockCode: false },
  },
};

/** How far (DCT units on the 32×32 grid) a written pHash bit is pushed past the median. */
export const CODEWORD_MARGIN = 14;
/** The analysis copy of the original is this many times smaller per side. */
export const ANALYSIS_SCALE = 4;
/**
 * A quarter cell counts as near-white at this level in every channel; the tone knee is used when at
 * least NEAR_WHITE_SHARE of the image is. A few highlights in a photo clipping the field do not move
 * the hash; a white product background does (every positive field value there is lost).
 */
export const NEAR_WHITE = 245;
export const NEAR_WHITE_SHARE = 0.02;
/** The brightness field is evaluated on nodes this many pixels apart and interpolated by the render. */
export const FIELD_STEP = 8;
/**
 * Largest change of a block's mean (R+G+B units, so 5 grey levels): a code bit that needs more is left
 * short rather than paint a visible patch; the octad copies' spare distance (24 vs the gate's 20) absorbs it.
 */
export const BLOCK_PUSH_CAP = 15;
