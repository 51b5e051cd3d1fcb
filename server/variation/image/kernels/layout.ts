/**
 * Where each region lives in an instance's memory, laid out once per source image:
 *
 *   params, SSIM taps | field grid | field terms | row scratch | column sums | luma plane | SSIM planes | source | output
 */
import { ssimScale } from '../ssim';

/** Bytes a kernel may read or write past the end of a region. */
const PAD = 64;
/** Where the SSIM taps (6 f64) sit in the params region, after the tone lanes. */
export const TAPS_AT = 320;

const align = (n: number): number => (n + 63) & ~63;

export interface Layout {
  width: number;
  height: number;
  params: number;
  grid: number;
  /** The field's separable terms (8 × ny then 8 × nx f64, see field.ts), for fieldGrid. */
  fieldTerms: number;
  rowNodes: number;
  rowField: number;
  colsum: number;
  thumb: number;
  /** The thumbnail's column weights (areaMeans), for reduced planes up to areaWidth wide. */
  areaScratch: number;
  areaWidth: number;
  /** Largest reduced plane (values) the regions hold. */
  planeCapacity: number;
  plane: number;
  ssimA: number;
  ssimMean: number;
  ssimMeanSq: number;
  ssimScratch: number;
  src: number;
  out: number;
  end: number;
}

/** The regions of an instance for a width × height source; `end` is the memory it needs. */
export function layoutFor(width: number, height: number): Layout {
  const nodes = (side: number): number => Math.ceil(side / 8) + 2;
  let at = 0;
  const take = (bytes: number): number => {
    const start = at;
    at = align(at + bytes + PAD);
    return start;
  };
  const params = take(384); // tone lanes at 0 (292 bytes), SSIM taps (6 f64) at TAPS_AT
  const grid = take(nodes(width) * nodes(height) * 4);
  const fieldTerms = take(8 * (nodes(width) + nodes(height)) * 8);
  const rowNodes = take(nodes(width) * 4);
  const rowField = take((width + 32) * 2);
  const colsum = take((3 * width + 32) * 2);
  const thumb = take(32 * 32 * 4);
  // A crop keeps at least 90 % of each side, so its SSIM scale is at least the scale of that.
  const fLow = ssimScale(Math.ceil(0.9 * width), Math.ceil(0.9 * height));
  const planeCapacity = Math.ceil(width / fLow) * Math.ceil(height / fLow);
  const areaWidth = Math.ceil(width / fLow);
  const areaScratch = take(8 * (areaWidth + 3 * 32));
  const plane = take(planeCapacity * 4);
  const ssimA = take(planeCapacity * 8);
  const ssimMean = take(planeCapacity * 8);
  const ssimMeanSq = take(planeCapacity * 8);
  const ssimScratch = take(6 * planeCapacity * 8);
  const src = take(width * height * 3);
  const out = take(width * height * 3);
  return {
    width,
    height,
    params,
    grid,
    fieldTerms,
    rowNodes,
    rowField,
    colsum,
    thumb,
    areaScratch,
    areaWidth,
    planeCapacity,
    plane,
    ssimA,
    ssimMean,
    ssimMeanSq,
    ssimScratch,
    src,
    out,
    end: at,
  };
}
