/**
 * Where each region lives in an instance's memory, laid out once per source image:
 *
 *   params, SSIM taps | field grid | field terms | row scratch | column sums | thumbnail | cells |
 *   luma plane | SSIM planes | source | output
 */
import { ssimScale } from '../ssim';

/** Bytes a kernel may read or write past the end of a region. */
const PAD = 64;
/** Where the SSIM taps (6 f64) sit in the params region, after the tone lanes. */
export const TAPS_AT = 320;
/** Where the same taps as f32 (for ssimAgainstFast) sit, after them. */
export const TAPS32_AT = TAPS_AT + 48;

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
  /** The field grid's per-cell sums and block-push tables (cellSums, addSurface): CELLS_BYTES + per node. */
  cells: number;
  /** The thumbnail's column weights (areaMeans), for reduced planes up to areaWidth wide. */
  areaScratch: number;
  areaWidth: number;
  /** Largest reduced plane (values) the regions hold. */
  planeCapacity: number;
  plane: number;
  ssimA: number;
  ssimMean: number;
  ssimMeanSq: number;
  /** The original's side as f32 for ssimAgainstFast (ssimNarrow): a − 128, means, centred means of squares. */
  ssimA32: number;
  ssimMean32: number;
  ssimMeanSq32: number;
  /** Scratch of either SSIM kernel (6 planes of f64, or of f32 and three rows). */
  ssimScratch: number;
  src: number;
  out: number;
  end: number;
}

/** The regions of an instance for a width × height source; `end` is the memory it needs. */
export function layoutFor(width: number, height: number): Layout {
  const nodes = gridNodes;
  let at = 0;
  const take = (bytes: number): number => {
    const start = at;
    at = align(at + bytes + PAD);
    return start;
  };
  const params = take(416); // tone lanes at 0 (292 bytes), SSIM taps (6 f64) at TAPS_AT, 6 f32 at TAPS32_AT
  const grid = take(nodes(width) * nodes(height) * 4);
  const fieldTerms = take(8 * (nodes(width) + nodes(height)) * 8);
  const rowNodes = take(nodes(width) * 4);
  const rowField = take((width + 32) * 2);
  const colsum = take((3 * width + 32) * 2);
  const thumb = take(32 * 32 * 4);
  const cells = take(cellsBytes(nodes(width), nodes(height)));
  // A crop keeps at least 90 % of each side, so its SSIM scale is at least the scale of that.
  const fLow = ssimScale(Math.ceil(0.9 * width), Math.ceil(0.9 * height));
  const planeCapacity = Math.ceil(width / fLow) * Math.ceil(height / fLow);
  const areaWidth = Math.ceil(width / fLow);
  const areaScratch = take(8 * (areaWidth + 3 * 32));
  const plane = take(planeCapacity * 4);
  const ssimA = take(planeCapacity * 8);
  const ssimMean = take(planeCapacity * 8);
  const ssimMeanSq = take(planeCapacity * 8);
  const ssimA32 = take(planeCapacity * 4);
  const ssimMean32 = take(planeCapacity * 4);
  const ssimMeanSq32 = take(planeCapacity * 4);
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
    cells,
    areaScratch,
    areaWidth,
    planeCapacity,
    plane,
    ssimA,
    ssimMean,
    ssimMeanSq,
    ssimA32,
    ssimMean32,
    ssimMeanSq32,
    ssimScratch,
    src,
    out,
    end: at,
  };
}

/** Field grid nodes along a side of `side` pixels that the regions hold (every 8 pixels, one past each edge). */
export function gridNodes(side: number): number {
  return Math.ceil(side / 8) + 2;
}

/** Cells the per-cell sums hold at most (the 32 × 32 thumbnail). */
export const MAX_CELLS = 32 * 32;

/**
 * Where the cells region's parts sit, for a grid of nx × ny nodes: sums and counts (MAX_CELLS f64
 * each), the 16 × 16 push nodes (f64), row and column tables (i32) and the push's per-column and
 * per-row weights and rows across (f64).
 */
export function cellsParts(
  at: number,
  nx: number,
  ny: number,
): Record<
  'sum' | 'count' | 'nodes' | 'rowTable' | 'columnTable' | 'fx' | 'gx' | 'fy' | 'gy' | 'top' | 'bottom',
  number
> {
  let o = at;
  const part = (bytes: number): number => {
    const start = o;
    o += (bytes + 7) & ~7;
    return start;
  };
  return {
    sum: part(MAX_CELLS * 8),
    count: part(MAX_CELLS * 8),
    nodes: part(256 * 8),
    rowTable: part(ny * 4),
    columnTable: part(nx * 4),
    fx: part(nx * 8),
    gx: part(nx * 8),
    fy: part(ny * 8),
    gy: part(ny * 8),
    top: part(nx * 8),
    bottom: part(nx * 8),
  };
}

function cellsBytes(nx: number, ny: number): number {
  const parts = cellsParts(0, nx, ny);
  return parts.bottom + nx * 8;
}
