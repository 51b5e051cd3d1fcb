/**
 * The field on the render's node grid (field.ts): grid[ky][k] = Σ_v by[v][ky] · partial[v][k], the
 * low-frequency field's separable evaluation. f64 products summed over v = 0..7 in order from 0,
 * two nodes per step, then rounded to f32 — what the TypeScript reference computes.
 *
 * by: 8 × ny f64 (row v, node ky); partial: 8 × nx f64 (row v, node k), readable 16 bytes past its
 * end; grid: ny × nx f32, writable 8 bytes past its end (an odd nx writes one value past a row,
 * which the next row overwrites).
 */
export function fieldGrid(by: usize, partial: usize, nx: i32, ny: i32, grid: usize): void {
  const rowBytes = (<usize>nx) << 3;
  for (let ky = 0; ky < ny; ky++) {
    const c0 = f64x2.splat(load<f64>(by + ((<usize>ky) << 3)));
    const c1 = f64x2.splat(load<f64>(by + ((<usize>(ny + ky)) << 3)));
    const c2 = f64x2.splat(load<f64>(by + ((<usize>(2 * ny + ky)) << 3)));
    const c3 = f64x2.splat(load<f64>(by + ((<usize>(3 * ny + ky)) << 3)));
    const c4 = f64x2.splat(load<f64>(by + ((<usize>(4 * ny + ky)) << 3)));
    const c5 = f64x2.splat(load<f64>(by + ((<usize>(5 * ny + ky)) << 3)));
    const c6 = f64x2.splat(load<f64>(by + ((<usize>(6 * ny + ky)) << 3)));
    const c7 = f64x2.splat(load<f64>(by + ((<usize>(7 * ny + ky)) << 3)));
    const out = grid + ((<usize>(ky * nx)) << 2);
    for (let k = 0; k < nx; k += 2) {
      const p = partial + ((<usize>k) << 3);
      let s = f64x2.add(f64x2.splat(0), f64x2.mul(c0, v128.load(p)));
      s = f64x2.add(s, f64x2.mul(c1, v128.load(p + rowBytes)));
      s = f64x2.add(s, f64x2.mul(c2, v128.load(p + 2 * rowBytes)));
      s = f64x2.add(s, f64x2.mul(c3, v128.load(p + 3 * rowBytes)));
      s = f64x2.add(s, f64x2.mul(c4, v128.load(p + 4 * rowBytes)));
      s = f64x2.add(s, f64x2.mul(c5, v128.load(p + 5 * rowBytes)));
      s = f64x2.add(s, f64x2.mul(c6, v128.load(p + 6 * rowBytes)));
      s = f64x2.add(s, f64x2.mul(c7, v128.load(p + 7 * rowBytes)));
      v128.store64_lane(out + ((<usize>k) << 2), f32x4.demote_f64x2_zero(s), 0);
    }
  }
}
