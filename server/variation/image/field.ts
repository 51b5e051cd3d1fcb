/**
 * The random low-frequency brightness field (and the codeword pushes added to it), from its DCT
 * coefficients to values on the render's node grid, every FIELD_STEP pixels.
 */
import * as dct from './dct';
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

/** One row of the field grid: Σ_v column[v]·partial[v][k], summed in f64 and stored once. */
function gridRow(column: Float64Array, partial: Float64Array, nx: number, grid: Float32Array, at: number): void {
  for (let k = 0; k < nx; k++) {
    let s = 0;
    for (let v = 0; v < LOW; v++) s += column[v]! * partial[v * nx + k]!;
    grid[at + k] = s;
  }
}

/** The final field (after writeCodeword) on the render's node grid, computed once per attempt. */
export function finalGrid(p: Params): { grid: Float32Array; nx: number; ny: number } {
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
