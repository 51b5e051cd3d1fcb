/**
 * SSIM (Wang et al. 2004) on a reduced luma plane: 11-tap Gaussian window (σ 1.5), K1 0.01, K2 0.03,
 * L 255, mean over the valid region. ssimPrepare and ssimAgainst work in f64, two lanes per step:
 * the exact figure, bit for bit the TypeScript reference's (ssim.ts). ssimAgainstFast does the
 * variant's side in f32, four lanes per step, in half the time, within a bound of the exact figure
 * that gates.ts derives (SSIM_FAST_BOUND); the engine decides the gate on it only when it is further
 * than that from the gate, and on the exact figure otherwise. The caller passes the normalised kernel
 * taps k0..k5 (k0 outermost, k5 the centre).
 */

/** Horizontal Gaussian of `src` (w × h, f64) into dst ((w − 10) × h), two outputs per step. */
function blurRows(src: usize, dst: usize, w: i32, h: i32, t: usize): void {
  const k0 = f64x2.splat(load<f64>(t, 0));
  const k1 = f64x2.splat(load<f64>(t, 8));
  const k2 = f64x2.splat(load<f64>(t, 16));
  const k3 = f64x2.splat(load<f64>(t, 24));
  const k4 = f64x2.splat(load<f64>(t, 32));
  const k5 = f64x2.splat(load<f64>(t, 40));
  const ow = w - 10;
  for (let y = 0; y < h; y++) {
    blurRow(src + ((<usize>(y * w)) << 3), dst + ((<usize>(y * ow)) << 3), ow, k0, k1, k2, k3, k4, k5);
  }
}

/** Horizontal Gaussian of one row s (ow + 10 values, f64) into d (ow values), two outputs per step. */
// @ts-ignore: decorator
@inline
function blurRow(s: usize, d: usize, ow: i32, k0: v128, k1: v128, k2: v128, k3: v128, k4: v128, k5: v128): void {
  for (let x = 0; x < ow; x += 2) {
    const p = s + ((<usize>x) << 3);
    let v = f64x2.mul(k0, f64x2.add(v128.load(p), v128.load(p, 80)));
    v = f64x2.add(v, f64x2.mul(k1, f64x2.add(v128.load(p, 8), v128.load(p, 72))));
    v = f64x2.add(v, f64x2.mul(k2, f64x2.add(v128.load(p, 16), v128.load(p, 64))));
    v = f64x2.add(v, f64x2.mul(k3, f64x2.add(v128.load(p, 24), v128.load(p, 56))));
    v = f64x2.add(v, f64x2.mul(k4, f64x2.add(v128.load(p, 32), v128.load(p, 48))));
    v128.store(d + ((<usize>x) << 3), f64x2.add(v, f64x2.mul(k5, v128.load(p, 40))));
  }
}

/** Vertical Gaussian at p (stride st bytes) for two adjacent columns. */
// @ts-ignore: decorator
@inline
function blurColumn(p: usize, st: usize, k0: v128, k1: v128, k2: v128, k3: v128, k4: v128, k5: v128): v128 {
  let v = f64x2.mul(k0, f64x2.add(v128.load(p), v128.load(p + 10 * st)));
  v = f64x2.add(v, f64x2.mul(k1, f64x2.add(v128.load(p + st), v128.load(p + 9 * st))));
  v = f64x2.add(v, f64x2.mul(k2, f64x2.add(v128.load(p + 2 * st), v128.load(p + 8 * st))));
  v = f64x2.add(v, f64x2.mul(k3, f64x2.add(v128.load(p + 3 * st), v128.load(p + 7 * st))));
  v = f64x2.add(v, f64x2.mul(k4, f64x2.add(v128.load(p + 4 * st), v128.load(p + 6 * st))));
  return f64x2.add(v, f64x2.mul(k5, v128.load(p + 5 * st)));
}

/**
 * The original's side: from plane (f32, w × h) writes a (the plane as f64), its window means and
 * means of squares ((w − 10) × (h − 10) each). scratch: 3 · w · h f64.
 */
export function ssimPrepare(
  plane: usize,
  w: i32,
  h: i32,
  t: usize,
  a: usize,
  mean: usize,
  meanSq: usize,
  scratch: usize,
): void {
  const n = w * h;
  const sq = scratch;
  const hA = sq + ((<usize>n) << 3);
  const hAA = hA + ((<usize>n) << 3);
  for (let i = 0; i < n; i++) {
    const v = <f64>load<f32>(plane + ((<usize>i) << 2));
    store<f64>(a + ((<usize>i) << 3), v);
    store<f64>(sq + ((<usize>i) << 3), v * v);
  }
  blurRows(a, hA, w, h, t);
  blurRows(sq, hAA, w, h, t);
  const ow = w - 10;
  const oh = h - 10;
  const st = (<usize>ow) << 3;
  const k0 = f64x2.splat(load<f64>(t, 0));
  const k1 = f64x2.splat(load<f64>(t, 8));
  const k2 = f64x2.splat(load<f64>(t, 16));
  const k3 = f64x2.splat(load<f64>(t, 24));
  const k4 = f64x2.splat(load<f64>(t, 32));
  const k5 = f64x2.splat(load<f64>(t, 40));
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x += 2) {
      const o = (<usize>(y * ow + x)) << 3;
      v128.store(mean + o, blurColumn(hA + o, st, k0, k1, k2, k3, k4, k5));
      v128.store(meanSq + o, blurColumn(hAA + o, st, k0, k1, k2, k3, k4, k5));
    }
  }
}

/** SSIM from the window statistics: ma, E[a²] of the original; mb, E[b²], E[ab] of the variant. */
// @ts-ignore: decorator
@inline
function ssimOf(ma: v128, aa: v128, mb: v128, bb: v128, ab: v128): v128 {
  const C1 = f64x2.splat(0.01 * 255 * (0.01 * 255));
  const C2 = f64x2.splat(0.03 * 255 * (0.03 * 255));
  const two = f64x2.splat(2);
  const mab = f64x2.mul(ma, mb);
  const ma2 = f64x2.mul(ma, ma);
  const mb2 = f64x2.mul(mb, mb);
  const va = f64x2.sub(aa, ma2);
  const vb = f64x2.sub(bb, mb2);
  const cov = f64x2.sub(ab, mab);
  const num = f64x2.mul(f64x2.add(f64x2.mul(two, mab), C1), f64x2.add(f64x2.mul(two, cov), C2));
  const den = f64x2.mul(f64x2.add(f64x2.add(ma2, mb2), C1), f64x2.add(f64x2.add(va, vb), C2));
  return f64x2.div(num, den);
}

/**
 * Mean SSIM of plane (f32, w × h) against the prepared original, read in place as a window of a
 * larger prepared plane: a (f64) aStride values per row, mean and meanSq meanStride values per row
 * (w and w − 10 for a plane prepared at this size). scratch: 6 · w · h f64.
 *
 * Row by row, the variant's value, its square and its product with the original are formed two at a
 * time into three one-row buffers and blurred horizontally straight from them (no whole plane of
 * them is written and read back); each output row is then blurred vertically map by map into the
 * same buffers and its SSIM summed from them (fewer vectors live at once than all three maps per
 * position). Every value is the same IEEE operation on the same operands, in the same order, as
 * when planes were formed whole and the three maps blurred per position: the result is bit for bit
 * what it was (0.72 → 0.55 ms on a 1080² poster's 270² plane).
 */
export function ssimAgainst(
  plane: usize,
  w: i32,
  h: i32,
  t: usize,
  a: usize,
  aStride: i32,
  mean: usize,
  meanSq: usize,
  meanStride: i32,
  scratch: usize,
): f64 {
  const n = w * h;
  // One row of each (w values, and a vector's worth past it for a pair that straddles the end).
  const rowStride = (<usize>(w + 2)) << 3;
  const rB = scratch;
  const rBB = rB + rowStride;
  const rAB = rBB + rowStride;
  const hB = scratch + ((<usize>(3 * n)) << 3);
  const hBB = hB + ((<usize>n) << 3);
  const hAB = hBB + ((<usize>n) << 3);
  const k0 = f64x2.splat(load<f64>(t, 0));
  const k1 = f64x2.splat(load<f64>(t, 8));
  const k2 = f64x2.splat(load<f64>(t, 16));
  const k3 = f64x2.splat(load<f64>(t, 24));
  const k4 = f64x2.splat(load<f64>(t, 32));
  const k5 = f64x2.splat(load<f64>(t, 40));
  const ow = w - 10;
  const oh = h - 10;
  for (let y = 0; y < h; y++) {
    const pr = plane + ((<usize>(y * w)) << 2);
    const ar = a + ((<usize>(y * aStride)) << 3);
    for (let x = 0; x < w; x += 2) {
      // Two f32 values widened exactly to f64 (a pair past the row's end reads its neighbour: unused).
      const v = f64x2.promote_low_f32x4(v128.load64_zero(pr + ((<usize>x) << 2)));
      const o = (<usize>x) << 3;
      v128.store(rB + o, v);
      v128.store(rBB + o, f64x2.mul(v, v));
      v128.store(rAB + o, f64x2.mul(v, v128.load(ar + o)));
    }
    const d = (<usize>(y * ow)) << 3;
    blurRow(rB, hB + d, ow, k0, k1, k2, k3, k4, k5);
    blurRow(rBB, hBB + d, ow, k0, k1, k2, k3, k4, k5);
    blurRow(rAB, hAB + d, ow, k0, k1, k2, k3, k4, k5);
  }
  const st = (<usize>ow) << 3;
  // The vertical blurs of one output row into the row buffers (free again), each map in a loop of
  // its own, then SSIM from them: fewer vectors live at once than blurring all three per position.
  let total: f64 = 0;
  const pairs = ow & ~1;
  for (let y = 0; y < oh; y++) {
    const row = (<usize>(y * ow)) << 3;
    for (let x = 0; x < ow; x += 2) {
      const dx = (<usize>x) << 3;
      v128.store(rB + dx, blurColumn(hB + row + dx, st, k0, k1, k2, k3, k4, k5));
    }
    for (let x = 0; x < ow; x += 2) {
      const dx = (<usize>x) << 3;
      v128.store(rBB + dx, blurColumn(hBB + row + dx, st, k0, k1, k2, k3, k4, k5));
    }
    for (let x = 0; x < ow; x += 2) {
      const dx = (<usize>x) << 3;
      v128.store(rAB + dx, blurColumn(hAB + row + dx, st, k0, k1, k2, k3, k4, k5));
    }
    let acc = f64x2.splat(0);
    const m = mean + ((<usize>(y * meanStride)) << 3);
    const mm = meanSq + ((<usize>(y * meanStride)) << 3);
    for (let x = 0; x < pairs; x += 2) {
      const dx = (<usize>x) << 3;
      acc = f64x2.add(
        acc,
        ssimOf(v128.load(m + dx), v128.load(mm + dx), v128.load(rB + dx), v128.load(rBB + dx), v128.load(rAB + dx)),
      );
    }
    total += f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
    // An odd valid width: the last column's pair has lane 1 past the row; take lane 0 only.
    if (pairs < ow) {
      const dx = (<usize>pairs) << 3;
      total += f64x2.extract_lane(
        ssimOf(v128.load(m + dx), v128.load(mm + dx), v128.load(rB + dx), v128.load(rBB + dx), v128.load(rAB + dx)),
        0,
      );
    }
  }
  return total / <f64>(ow * oh);
}

/**
 * The f32 side of the original, from what ssimPrepare wrote (f64): a32 = a − 128, mean32 = the window
 * means, meanSq32 = the window means of (a − 128)², i.e. meanSq − 256·mean + 128², each rounded once
 * to f32. nA values of a, nValid of the means.
 */
export function ssimNarrow(
  a: usize,
  mean: usize,
  meanSq: usize,
  nA: i32,
  nValid: i32,
  a32: usize,
  mean32: usize,
  meanSq32: usize,
): void {
  for (let i = 0; i < nA; i++) {
    store<f32>(a32 + ((<usize>i) << 2), <f32>(load<f64>(a + ((<usize>i) << 3)) - 128));
  }
  for (let i = 0; i < nValid; i++) {
    const m = load<f64>(mean + ((<usize>i) << 3));
    store<f32>(mean32 + ((<usize>i) << 2), <f32>m);
    store<f32>(meanSq32 + ((<usize>i) << 2), <f32>(load<f64>(meanSq + ((<usize>i) << 3)) - 256 * m + 16384));
  }
}

/** Horizontal Gaussian of one f32 row s (ow + 10 values) into d (ow values), four outputs per step. */
// @ts-ignore: decorator
@inline
function blurRow32(s: usize, d: usize, ow: i32, k0: v128, k1: v128, k2: v128, k3: v128, k4: v128, k5: v128): void {
  for (let x = 0; x < ow; x += 4) {
    const p = s + ((<usize>x) << 2);
    let v = f32x4.mul(k0, f32x4.add(v128.load(p), v128.load(p, 40)));
    v = f32x4.add(v, f32x4.mul(k1, f32x4.add(v128.load(p, 4), v128.load(p, 36))));
    v = f32x4.add(v, f32x4.mul(k2, f32x4.add(v128.load(p, 8), v128.load(p, 32))));
    v = f32x4.add(v, f32x4.mul(k3, f32x4.add(v128.load(p, 12), v128.load(p, 28))));
    v = f32x4.add(v, f32x4.mul(k4, f32x4.add(v128.load(p, 16), v128.load(p, 24))));
    v128.store(d + ((<usize>x) << 2), f32x4.add(v, f32x4.mul(k5, v128.load(p, 20))));
  }
}

/** Vertical Gaussian at p (stride st bytes) for four adjacent f32 columns. */
// @ts-ignore: decorator
@inline
function blurColumn32(p: usize, st: usize, k0: v128, k1: v128, k2: v128, k3: v128, k4: v128, k5: v128): v128 {
  let v = f32x4.mul(k0, f32x4.add(v128.load(p), v128.load(p + 10 * st)));
  v = f32x4.add(v, f32x4.mul(k1, f32x4.add(v128.load(p + st), v128.load(p + 9 * st))));
  v = f32x4.add(v, f32x4.mul(k2, f32x4.add(v128.load(p + 2 * st), v128.load(p + 8 * st))));
  v = f32x4.add(v, f32x4.mul(k3, f32x4.add(v128.load(p + 3 * st), v128.load(p + 7 * st))));
  v = f32x4.add(v, f32x4.mul(k4, f32x4.add(v128.load(p + 4 * st), v128.load(p + 6 * st))));
  return f32x4.add(v, f32x4.mul(k5, v128.load(p + 5 * st)));
}

/**
 * SSIM in f32 from the window statistics: ma, mb the means (grey levels); aa, bb, ab the second
 * moments of the values less 128 (so they stay within 128², where f32 keeps four times the precision
 * it has at 255²).
 */
// @ts-ignore: decorator
@inline
function ssimOf32(ma: v128, aa: v128, mb: v128, bb: v128, ab: v128): v128 {
  const C1 = f32x4.splat(<f32>(0.01 * 255 * (0.01 * 255)));
  const C2 = f32x4.splat(<f32>(0.03 * 255 * (0.03 * 255)));
  const two = f32x4.splat(2);
  const centre = f32x4.splat(128);
  const mac = f32x4.sub(ma, centre);
  const mbc = f32x4.sub(mb, centre);
  const va = f32x4.sub(aa, f32x4.mul(mac, mac));
  const vb = f32x4.sub(bb, f32x4.mul(mbc, mbc));
  const cov = f32x4.sub(ab, f32x4.mul(mac, mbc));
  const num = f32x4.mul(f32x4.add(f32x4.mul(two, f32x4.mul(ma, mb)), C1), f32x4.add(f32x4.mul(two, cov), C2));
  const den = f32x4.mul(
    f32x4.add(f32x4.add(f32x4.mul(ma, ma), f32x4.mul(mb, mb)), C1),
    f32x4.add(f32x4.add(va, vb), C2),
  );
  return f32x4.div(num, den);
}

/**
 * ssimAgainst in f32, four lanes per step, against what ssimNarrow wrote (a32 aStride values per
 * row, the means meanStride), with the f32 taps at t. The sum of each output row is kept in f64.
 * Within SSIM_FAST_BOUND of ssimAgainst's value (gates.ts derives the bound; the gate decides in f64
 * whenever the two could fall on different sides of it). scratch: 6 · w · h f32 and three rows.
 */
export function ssimAgainstFast(
  plane: usize,
  w: i32,
  h: i32,
  t: usize,
  a: usize,
  aStride: i32,
  mean: usize,
  meanSq: usize,
  meanStride: i32,
  scratch: usize,
): f64 {
  const n = w * h;
  // One row of each (w values, and a vector's worth past it for a step that straddles the end).
  const rowStride = (<usize>(w + 4)) << 2;
  const rB = scratch;
  const rBB = rB + rowStride;
  const rAB = rBB + rowStride;
  const hB = scratch + ((<usize>(3 * n)) << 2);
  const hBB = hB + ((<usize>n) << 2);
  const hAB = hBB + ((<usize>n) << 2);
  const k0 = f32x4.splat(load<f32>(t, 0));
  const k1 = f32x4.splat(load<f32>(t, 4));
  const k2 = f32x4.splat(load<f32>(t, 8));
  const k3 = f32x4.splat(load<f32>(t, 12));
  const k4 = f32x4.splat(load<f32>(t, 16));
  const k5 = f32x4.splat(load<f32>(t, 20));
  const centre = f32x4.splat(128);
  const ow = w - 10;
  const oh = h - 10;
  for (let y = 0; y < h; y++) {
    const pr = plane + ((<usize>(y * w)) << 2);
    const ar = a + ((<usize>(y * aStride)) << 2);
    for (let x = 0; x < w; x += 4) {
      // A step past the row's end reads its neighbours: those lanes are never used.
      const o = (<usize>x) << 2;
      const v = f32x4.sub(v128.load(pr + o), centre);
      v128.store(rB + o, v);
      v128.store(rBB + o, f32x4.mul(v, v));
      v128.store(rAB + o, f32x4.mul(v, v128.load(ar + o)));
    }
    const d = (<usize>(y * ow)) << 2;
    blurRow32(rB, hB + d, ow, k0, k1, k2, k3, k4, k5);
    blurRow32(rBB, hBB + d, ow, k0, k1, k2, k3, k4, k5);
    blurRow32(rAB, hAB + d, ow, k0, k1, k2, k3, k4, k5);
  }
  const st = (<usize>ow) << 2;
  let total: f64 = 0;
  const quads = ow & ~3;
  for (let y = 0; y < oh; y++) {
    const row = (<usize>(y * ow)) << 2;
    for (let x = 0; x < ow; x += 4) {
      const dx = (<usize>x) << 2;
      v128.store(rB + dx, f32x4.add(blurColumn32(hB + row + dx, st, k0, k1, k2, k3, k4, k5), centre));
      v128.store(rBB + dx, blurColumn32(hBB + row + dx, st, k0, k1, k2, k3, k4, k5));
      v128.store(rAB + dx, blurColumn32(hAB + row + dx, st, k0, k1, k2, k3, k4, k5));
    }
    let acc = f32x4.splat(0);
    const m = mean + ((<usize>(y * meanStride)) << 2);
    const mm = meanSq + ((<usize>(y * meanStride)) << 2);
    for (let x = 0; x < quads; x += 4) {
      const dx = (<usize>x) << 2;
      acc = f32x4.add(
        acc,
        ssimOf32(v128.load(m + dx), v128.load(mm + dx), v128.load(rB + dx), v128.load(rBB + dx), v128.load(rAB + dx)),
      );
    }
    let sum: f64 =
      <f64>f32x4.extract_lane(acc, 0) +
      <f64>f32x4.extract_lane(acc, 1) +
      <f64>f32x4.extract_lane(acc, 2) +
      <f64>f32x4.extract_lane(acc, 3);
    // A valid width not a multiple of four: its last columns one at a time (lane 0 of each).
    for (let x = quads; x < ow; x++) {
      const dx = (<usize>x) << 2;
      sum += <f64>(
        f32x4.extract_lane(
          ssimOf32(v128.load(m + dx), v128.load(mm + dx), v128.load(rB + dx), v128.load(rBB + dx), v128.load(rAB + dx)),
          0,
        )
      );
    }
    total += sum;
  }
  return total / <f64>(ow * oh);
}
