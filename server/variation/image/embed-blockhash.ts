/**
 * The guide's codeword in the variant's blockhash-256, written three times as smooth pushes on the
 * blocks nearest their band medians, and those pushes laid onto the render's field grid.
 */
import { balanceOnes, nearestFirst } from './embed-phash';
import { finalGrid, sumNodesByCell } from './field';
import * as knobs from './knobs';
import type { ImageKernels } from './kernels';
import { toneCurve, type Params } from './params';
import { cropColours, type Source } from './source';

const { FIELD_STEP } = knobs;

/** Blockhash-256 geometry: 16×16 blocks, four bands of four block rows, each thresholded at its median. */
const BLOCKS = 16;
const BAND = 64;
/** Code positions per band: the blocks nearest the band's median, the cheapest to set. */
const BLOCK_CODE_PER_BAND = 18;
/** How far past the band median (R+G+B units) a written blockhash bit is pushed. */
const BLOCK_MARGIN = 6;
/**
 * Blockhash codeword: the guide's octad is written three times into the 72 blockhash blocks nearest
 * their band medians (18 per band), so any two guides differ in at least 3 × 8 = 24 blockhash bits.
 * The low-frequency pHash field cannot address 67-pixel blocks, so each block gets its own push, the
 * smallest that puts it BLOCK_MARGIN past the median (capped); the ones in each band stay at 32 (the
 * median stays put) by flipping the cheapest free blocks if needed. The pushes are laid as a smooth
 * surface through the block centres (flat squares showed as a visible grid on white backgrounds).
 * Prediction: the quarter-size copy (crop, colour) plus the field's mean over each block.
 */
export function writeBlockCode(src: Source, p: Params, kernels?: ImageKernels): void {
  if (p.codeword === null) return;
  const { width: w, height: h } = p.crop;
  const { r, g, b } = cropColours(src, p.crop, BLOCKS);
  const { grid, nx, ny } = finalGrid(p);
  const cells = BLOCKS * BLOCKS;
  const fieldSum = new Float64Array(cells);
  const fieldCount = new Float64Array(cells);
  // Every node, those past an edge counted in the edge's blocks.
  const blockOfColumn = new Int32Array(nx);
  for (let kx = 0; kx < nx; kx++) blockOfColumn[kx] = Math.floor((Math.min(w - 1, kx * FIELD_STEP) * BLOCKS) / w);
  const rowBase = new Int32Array(ny);
  for (let ky = 0; ky < ny; ky++) rowBase[ky] = Math.floor((Math.min(h - 1, ky * FIELD_STEP) * BLOCKS) / h) * BLOCKS;
  sumNodesByCell(grid, nx, rowBase, blockOfColumn, nx, fieldSum, fieldCount, kernels);
  const tr = toneCurve(0, p);
  const tg = toneCurve(1, p);
  const tb = toneCurve(2, p);
  const value = new Float64Array(cells);
  for (let i = 0; i < cells; i++) {
    value[i] = tr(r[i]!) + tg(g[i]!) + tb(b[i]!) + (3 * fieldSum[i]!) / fieldCount[i]!;
  }
  const medians = new Float64Array(4);
  const orders: Int32Array[] = [];
  for (let band = 0; band < 4; band++) {
    const sorted = value.slice(band * BAND, (band + 1) * BAND).sort();
    medians[band] = (sorted[31]! + sorted[32]!) / 2;
    // The band's blocks nearest its median first: the first BLOCK_CODE_PER_BAND carry the code.
    orders.push(nearestFirst(value, band * BAND, BAND, medians[band]!));
  }
  const target = new Uint8Array(cells);
  for (let i = 0; i < cells; i++) target[i] = value[i]! > medians[Math.floor(i / BAND)]! ? 1 : 0;
  // Code bit k of copy c sits at rank floor(m / 4) of band m % 4, m = 24c + k: copies spread over bands
  // (3 copies × 24 bits = 4 bands × BLOCK_CODE_PER_BAND positions).
  const code = new Uint8Array(cells);
  for (let m = 0; m < 4 * BLOCK_CODE_PER_BAND; m++) {
    const pos = orders[m % 4]![Math.floor(m / 4)]!;
    code[pos] = 1;
    target[pos] = target[pos]! ^ ((p.codeword >>> (m % 24)) & 1);
  }
  const push = new Float64Array(cells);
  for (let band = 0; band < 4; band++) {
    const tau = medians[band]!;
    balanceOnes(target, band * BAND, BAND, orders[band]!, code);
    for (let i = band * BAND; i < (band + 1) * BAND; i++) {
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

/**
 * Adds the bilinear surface through the block-centre nodes to the field grid (nodes every FIELD_STEP).
 * The surface's two rows around a grid row are interpolated across once per pair of block rows
 * (grid rows between the same two block centres share them): the same values as per node. The loops
 * run on the kernels when given (as the engine does), else here; the two are exact alike.
 */
export function addBlockPush(
  grid: Float32Array,
  nx: number,
  w: number,
  h: number,
  nodes: Float64Array,
  kernels?: ImageKernels,
): void {
  const ny = grid.length / nx;
  const { first: x0, weight: fx, rest: gx } = blockAxis(nx, w);
  const { first: y0, weight: fy, rest: gy } = blockAxis(ny, h);
  if (kernels) {
    kernels.addSurface(grid, nx, nodes, { x0, fx, gx }, { y0, fy, gy });
    return;
  }
  const top = new Float64Array(nx);
  const bottom = new Float64Array(nx);
  let rowsOf = -1;
  for (let ky = 0; ky < ny; ky++) {
    if (y0[ky] !== rowsOf) {
      for (let kx = 0; kx < nx; kx++) {
        const i = y0[ky]! * BLOCKS + x0[kx]!;
        top[kx] = nodes[i]! * gx[kx]! + nodes[i + 1]! * fx[kx]!;
        bottom[kx] = nodes[i + BLOCKS]! * gx[kx]! + nodes[i + BLOCKS + 1]! * fx[kx]!;
      }
      rowsOf = y0[ky]!;
    }
    const at = ky * nx;
    for (let kx = 0; kx < nx; kx++) grid[at + kx]! += top[kx]! * gy[ky]! + bottom[kx]! * fy[ky]!;
  }
}

/**
 * Along one axis of the grid (count nodes every FIELD_STEP over `side` pixels): per node the first of
 * the two block centres around it, the weight of the second and 1 − that weight.
 */
function blockAxis(count: number, side: number): { first: Int32Array; weight: Float64Array; rest: Float64Array } {
  const first = new Int32Array(count);
  const weight = new Float64Array(count);
  const rest = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const c = Math.max(0, Math.min(BLOCKS - 1, ((k * FIELD_STEP + 0.5) * BLOCKS) / side - 0.5));
    first[k] = Math.min(BLOCKS - 2, Math.floor(c));
    weight[k] = c - first[k]!;
    rest[k] = 1 - weight[k]!;
  }
  return { first, weight, rest };
}
