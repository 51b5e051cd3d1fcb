/** Orthonormal 2-D DCT-II of a 32×32 plane, low 8×8 block only (what pHash reads). */

export const HASH_GRID = 32;
export const LOW = 8;

const COS = (() => {
  const t = new Float64Array(LOW * HASH_GRID);
  for (let k = 0; k < LOW; k++)
    for (let x = 0; x < HASH_GRID; x++) t[k * HASH_GRID + x] = Math.cos((Math.PI * k * (2 * x + 1)) / (2 * HASH_GRID));
  return t;
})();

export function alpha(k: number): number {
  return k === 0 ? Math.sqrt(1 / HASH_GRID) : Math.sqrt(2 / HASH_GRID);
}

/** coefficients[v * 8 + u]: u horizontal frequency, v vertical. */
export function lowDct(plane: Float32Array): Float64Array {
  const rows = new Float64Array(HASH_GRID * LOW); // per row y, horizontal frequency u
  for (let y = 0; y < HASH_GRID; y++) {
    for (let u = 0; u < LOW; u++) {
      let s = 0;
      for (let x = 0; x < HASH_GRID; x++) s += plane[y * HASH_GRID + x]! * COS[u * HASH_GRID + x]!;
      rows[y * LOW + u] = s;
    }
  }
  const out = new Float64Array(LOW * LOW);
  for (let v = 0; v < LOW; v++) {
    for (let u = 0; u < LOW; u++) {
      let s = 0;
      for (let y = 0; y < HASH_GRID; y++) s += rows[y * LOW + u]! * COS[v * HASH_GRID + y]!;
      out[v * LOW + u] = s * alpha(u) * alpha(v);
    }
  }
  return out;
}
