/**
 * SSIM (Wang et al. 2004) on a reduced luma plane: 11-tap Gaussian window (σ 1.5), K1 0.01, K2 0.03,
 * L 255, mean over the valid region; f64 throughout, two lanes per step. The caller passes the
 * normalised kernel taps k0..k5 (k0 outermost, k5 the centre).
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
    const s = src + ((<usize>(y * w)) << 3);
    const d = dst + ((<usize>(y * ow)) << 3);
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

/**
 * SSIM at two adjacent valid positions: byte offset o into the variant's (w − 10)-wide planes, om
 * into the original's means.
 */
// @ts-ignore: decorator
@inline
function ssimPair(
  o: usize,
  om: usize,
  st: usize,
  mean: usize,
  meanSq: usize,
  hB: usize,
  hBB: usize,
  hAB: usize,
  k0: v128,
  k1: v128,
  k2: v128,
  k3: v128,
  k4: v128,
  k5: v128,
): v128 {
  const C1 = f64x2.splat(0.01 * 255 * (0.01 * 255));
  const C2 = f64x2.splat(0.03 * 255 * (0.03 * 255));
  const two = f64x2.splat(2);
  const ma = v128.load(mean + om);
  const mb = blurColumn(hB + o, st, k0, k1, k2, k3, k4, k5);
  const mab = f64x2.mul(ma, mb);
  const ma2 = f64x2.mul(ma, ma);
  const mb2 = f64x2.mul(mb, mb);
  const va = f64x2.sub(v128.load(meanSq + om), ma2);
  const vb = f64x2.sub(blurColumn(hBB + o, st, k0, k1, k2, k3, k4, k5), mb2);
  const cov = f64x2.sub(blurColumn(hAB + o, st, k0, k1, k2, k3, k4, k5), mab);
  const num = f64x2.mul(f64x2.add(f64x2.mul(two, mab), C1), f64x2.add(f64x2.mul(two, cov), C2));
  const den = f64x2.mul(f64x2.add(f64x2.add(ma2, mb2), C1), f64x2.add(f64x2.add(va, vb), C2));
  return f64x2.div(num, den);
}

/**
 * Mean SSIM of plane (f32, w × h) against the prepared original, read in place as a window of a
 * larger prepared plane: a (f64) aStride values per row, mean and meanSq meanStride values per row
 * (w and w − 10 for a plane prepared at this size). scratch: 6 · w · h f64.
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
  const b = scratch;
  const bb = b + ((<usize>n) << 3);
  const ab = bb + ((<usize>n) << 3);
  const hB = ab + ((<usize>n) << 3);
  const hBB = hB + ((<usize>n) << 3);
  const hAB = hBB + ((<usize>n) << 3);
  for (let y = 0; y < h; y++) {
    const ar = a + ((<usize>(y * aStride)) << 3);
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const v = <f64>load<f32>(plane + ((<usize>i) << 2));
      store<f64>(b + ((<usize>i) << 3), v);
      store<f64>(bb + ((<usize>i) << 3), v * v);
      store<f64>(ab + ((<usize>i) << 3), v * load<f64>(ar + ((<usize>x) << 3)));
    }
  }
  blurRows(b, hB, w, h, t);
  blurRows(bb, hBB, w, h, t);
  blurRows(ab, hAB, w, h, t);
  const ow = w - 10;
  const oh = h - 10;
  const st = (<usize>ow) << 3;
  const k0 = f64x2.splat(load<f64>(t, 0));
  const k1 = f64x2.splat(load<f64>(t, 8));
  const k2 = f64x2.splat(load<f64>(t, 16));
  const k3 = f64x2.splat(load<f64>(t, 24));
  const k4 = f64x2.splat(load<f64>(t, 32));
  const k5 = f64x2.splat(load<f64>(t, 40));
  let total: f64 = 0;
  const pairs = ow & ~1;
  for (let y = 0; y < oh; y++) {
    let acc = f64x2.splat(0);
    const row = (<usize>(y * ow)) << 3;
    const rowM = (<usize>(y * meanStride)) << 3;
    for (let x = 0; x < pairs; x += 2) {
      const dx = (<usize>x) << 3;
      acc = f64x2.add(acc, ssimPair(row + dx, rowM + dx, st, mean, meanSq, hB, hBB, hAB, k0, k1, k2, k3, k4, k5));
    }
    total += f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
    // An odd valid width: the last column's pair has lane 1 past the row; take lane 0 only.
    if (pairs < ow) {
      const dx = (<usize>pairs) << 3;
      total += f64x2.extract_lane(
        ssimPair(row + dx, rowM + dx, st, mean, meanSq, hB, hBB, hAB, k0, k1, k2, k3, k4, k5),
        0,
      );
    }
  }
  return total / <f64>(ow * oh);
}
