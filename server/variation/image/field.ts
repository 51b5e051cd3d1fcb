/**
 * The random low-frequency brightness field (and the codeword pushes added to it), from its DCT
 * coefficients to values on the render's node grid, every FIELD_STEP pixels.
 */
import * as dct from './dct';
import type { ImageKernels } from './kernels';
import * as knobs from './knobs';
import type { Params } from './params';

// Local copies: under a CommonJS transform (tsx, jest) an imported binding is a property read on
// each use, which made the field grid's inner loop five times slower than the bundled function's.
const { alpha, HASH_GRID, LOW } = dct;
const { FIELD_STEP } = knobs;

export function fieldRms(field: Float64Array): number {
  let e = 0;
  for (let i = 1; i < field.length; i++) e += field[i]! ** 2;
  return Math.sqrt(e) / HASH_GRID;
}

/** Nodes of the render's grid for a w×h variant: every FIELD_STEP pixels, one past each edge. */
function gridSize(w: number, h: number): { nx: number; ny: number } {
  return { nx: Math.ceil((w - 1) / FIELD_STEP) + 2, ny: Math.ceil((h - 1) / FIELD_STEP) + 2 };
}

/**
 * The field's separable terms on the node grid: by[v·ny + ky], the vertical basis of frequency v at
 * node row ky, and partial[v·nx + k] = Σ_u field[v][u]·bx[u][k] (written from zero). The grid is then
 * grid[ky][k] = Σ_v by[v][ky]·partial[v][k], summed in f64 over v in order and stored as f32: by the
 * kernels (ImageKernels.fieldGrid) or the reference below.
 */
function fieldTerms(field: Float64Array, w: number, h: number, by: Float64Array, partial: Float64Array): void {
  const { nx, ny } = gridSize(w, h);
  // Area averaging onto the 32 grid damps frequency k by sinc(πk/64); pre-compensate so the hash sees δ.
  // Plain loops (typed-array .from with a mapping function goes through the iterator protocol and
  // cost more than the whole grid).
  const basis = (n: number, out: Float64Array, at: number, count: number, k: number): void => {
    const damp = k === 0 ? 1 : Math.sin((Math.PI * k) / 64) / ((Math.PI * k) / 64);
    const scale = alpha(k) / damp;
    for (let i = 0; i < count; i++) out[at + i] = scale * Math.cos((Math.PI * k * (i * FIELD_STEP + 0.5)) / n);
  };
  const bx = new Float64Array(LOW * nx);
  for (let k = 0; k < LOW; k++) {
    basis(w, bx, k * nx, nx, k);
    basis(h, by, k * ny, ny, k);
  }
  partial.fill(0, 0, LOW * nx);
  for (let v = 0; v < LOW; v++) {
    for (let u = 0; u < LOW; u++) {
      const c = field[v * LOW + u]!;
      if (c === 0) continue;
      for (let k = 0; k < nx; k++) partial[v * nx + k]! += c * bx[u * nx + k]!;
    }
  }
}

/**
 * The final field (after writeCodeword) on the render's node grid, computed once per attempt: by the
 * kernels when given (as the engine does), else by the TypeScript reference; the two are exact alike.
 */
export function finalGrid(p: Params, kernels?: ImageKernels): { grid: Float32Array; nx: number; ny: number } {
  if (!p.grid) {
    const { width: w, height: h } = p.crop;
    const { nx, ny } = gridSize(w, h);
    p.grid = kernels
      ? { grid: kernels.fieldGrid(nx, ny, (by, partial) => fieldTerms(p.field, w, h, by, partial)), nx, ny }
      : fieldGrid(p.field, w, h);
  }
  return p.grid;
}

/** The TypeScript reference of the grid (what the kernel computes): nodes every FIELD_STEP pixels. */
export function fieldGrid(field: Float64Array, w: number, h: number): { grid: Float32Array; nx: number; ny: number } {
  const { nx, ny } = gridSize(w, h);
  const by = new Float64Array(LOW * ny);
  const partial = new Float64Array(LOW * nx);
  fieldTerms(field, w, h, by, partial);
  const grid = new Float32Array(ny * nx);
  for (let ky = 0; ky < ny; ky++) {
    for (let k = 0; k < nx; k++) {
      let s = 0;
      for (let v = 0; v < LOW; v++) s += by[v * ny + ky]! * partial[v * nx + k]!;
      grid[ky * nx + k] = s;
    }
  }
  return { grid, nx, ny };
}

/**
 * Adds the grid's nodes to the sums (and counts) of the cells they fall in: node (kx, ky), for ky
 * below rowBase.length and kx below `columns`, goes to cell rowBase[ky] + cellOfColumn[kx]
 * (cellOfColumn non-decreasing). The nodes of one row that fall in the same cell are summed in a
 * local before it is stored: the same f64 additions in the same order as adding each node to the
 * cell's sum (so the same result, bit for bit), without a store and load of the sum between them
 * (a chain of dependent store-to-load round trips took most of the loop's time). By the kernels
 * when given (as the engine does), else by this TypeScript reference; the two are exact alike.
 */
export function sumNodesByCell(
  grid: Float32Array,
  nx: number,
  rowBase: Int32Array,
  cellOfColumn: Int32Array,
  columns: number,
  sum: Float64Array,
  count: Float64Array,
  kernels?: ImageKernels,
): void {
  if (kernels) {
    kernels.cellSums(grid, nx, rowBase, cellOfColumn, columns, sum, count);
    return;
  }
  for (let ky = 0; ky < rowBase.length; ky++) {
    const row = rowBase[ky]!;
    const at = ky * nx;
    let kx = 0;
    while (kx < columns) {
      const column = cellOfColumn[kx]!;
      const cell = row + column;
      let s = sum[cell]!;
      let n = 0;
      do {
        s += grid[at + kx]!;
        n++;
        kx++;
      } while (kx < columns && cellOfColumn[kx] === column);
      sum[cell] = s;
      count[cell]! += n;
    }
  }
}
