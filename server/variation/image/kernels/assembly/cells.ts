/**
 * The field grid's bookkeeping passes (field.ts sumNodesByCell, embed-blockhash.ts addBlockPush),
 * each the same f64 operations in the same order as its TypeScript reference, so the same results
 * bit for bit. The grid is the field on nodes every 8 pixels (f32, nx per row).
 */

/**
 * Adds node (kx, ky) of the grid, ky < rows and kx < columns, to the sum and count (f64) of cell
 * rowBase[ky] + cellOfColumn[kx] (i32 tables, cellOfColumn non-decreasing); the nodes of a row in
 * one cell summed in a register between the cell's load and store.
 */
export function cellSums(
  grid: usize,
  nx: i32,
  rowBase: usize,
  rows: i32,
  cellOfColumn: usize,
  columns: i32,
  sum: usize,
  count: usize,
): void {
  for (let ky = 0; ky < rows; ky++) {
    const row = load<i32>(rowBase + ((<usize>ky) << 2));
    const at = grid + ((<usize>(ky * nx)) << 2);
    let kx = 0;
    while (kx < columns) {
      const column = load<i32>(cellOfColumn + ((<usize>kx) << 2));
      const cell = (<usize>(row + column)) << 3;
      let s = load<f64>(sum + cell);
      let n: f64 = 0;
      do {
        s += <f64>load<f32>(at + ((<usize>kx) << 2));
        n += 1;
        kx++;
      } while (kx < columns && load<i32>(cellOfColumn + ((<usize>kx) << 2)) == column);
      store<f64>(sum + cell, s);
      store<f64>(count + cell, load<f64>(count + cell) + n);
    }
  }
}

/**
 * Adds the bilinear surface through 16 × 16 block-centre nodes (f64) to the grid (nx × ny): per
 * grid column the first of its two node columns x0 (i32) and the weights fx and gx = 1 − fx (f64),
 * per grid row y0, fy and gy the same; the surface's two rows across are interpolated once per
 * y0 into top and bottom (nx f64 each, scratch).
 */
export function addSurface(
  grid: usize,
  nx: i32,
  ny: i32,
  nodes: usize,
  x0: usize,
  fx: usize,
  gx: usize,
  y0: usize,
  fy: usize,
  gy: usize,
  top: usize,
  bottom: usize,
): void {
  let rowsOf = -1;
  for (let ky = 0; ky < ny; ky++) {
    const y = load<i32>(y0 + ((<usize>ky) << 2));
    const wy = load<f64>(fy + ((<usize>ky) << 3));
    const vy = load<f64>(gy + ((<usize>ky) << 3));
    if (y != rowsOf) {
      for (let kx = 0; kx < nx; kx++) {
        const i = nodes + ((<usize>(y * 16 + load<i32>(x0 + ((<usize>kx) << 2)))) << 3);
        const f = load<f64>(fx + ((<usize>kx) << 3));
        const g = load<f64>(gx + ((<usize>kx) << 3));
        store<f64>(top + ((<usize>kx) << 3), load<f64>(i) * g + load<f64>(i, 8) * f);
        store<f64>(bottom + ((<usize>kx) << 3), load<f64>(i, 128) * g + load<f64>(i, 136) * f);
      }
      rowsOf = y;
    }
    const at = grid + ((<usize>(ky * nx)) << 2);
    for (let kx = 0; kx < nx; kx++) {
      const p = at + ((<usize>kx) << 2);
      const add = load<f64>(top + ((<usize>kx) << 3)) * vy + load<f64>(bottom + ((<usize>kx) << 3)) * wy;
      store<f32>(p, <f32>(<f64>load<f32>(p) + add));
    }
  }
}
