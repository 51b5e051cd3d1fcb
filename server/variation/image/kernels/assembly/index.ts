/**
 * Pixel kernels of the image engine, in AssemblyScript compiled to WebAssembly with 128-bit SIMD
 * (built by scripts/build-kernels.mjs into ../binary.ts). The caller (../index.ts) owns the memory
 * layout: every pointer is a byte offset into this module's memory, regions are padded by at least
 * 64 bytes so whole vectors may be read and written past a row's end, and rows are processed top to
 * bottom so a store that spills past its row is overwritten by the next one.
 */

/**
 * The variant's pixels: per channel `v·gain + offset`, a knee above K (slope 1 + Q·2^QS) that brings
 * every channel's white to the same level below 255 so a field on near-white does not clip, plus
 * the brightness field;
 * rounded and saturated to 0..255. Fixed point in 1/64 grey level, eight 16-bit lanes per step,
 * sixteen pixels (48 bytes, six half-vectors) per iteration.
 *
 * params: six i16x8 lane patterns each of gain − 1 (Q15) at 0, offset + the rounding half (1/64) at
 * 96, Q (Q15) at 192, then K (1/64, the rounding half included) as i16 at 288 and the shift QS
 * (0..4) applied to Q's product as i16 at 290. Lane l of half j is
 * byte 8j + l of the 48, so its channel is (8j + l) mod 3.
 * grid (f32): the field on nodes every 8 pixels, nx per row; rowNodes (nx f32) and rowField
 * (w + 32 i16) are scratch.
 */
export function render(
  src: usize,
  srcStride: i32,
  out: usize,
  w: i32,
  h: i32,
  grid: usize,
  nx: i32,
  params: usize,
  rowNodes: usize,
  rowField: usize,
): void {
  const DG0 = v128.load(params, 0);
  const DG1 = v128.load(params, 16);
  const DG2 = v128.load(params, 32);
  const DG3 = v128.load(params, 48);
  const DG4 = v128.load(params, 64);
  const DG5 = v128.load(params, 80);
  const OF0 = v128.load(params, 96);
  const OF1 = v128.load(params, 112);
  const OF2 = v128.load(params, 128);
  const OF3 = v128.load(params, 144);
  const OF4 = v128.load(params, 160);
  const OF5 = v128.load(params, 176);
  const Q0 = v128.load(params, 192);
  const Q1 = v128.load(params, 208);
  const Q2 = v128.load(params, 224);
  const Q3 = v128.load(params, 240);
  const Q4 = v128.load(params, 256);
  const Q5 = v128.load(params, 272);
  const K = i16x8.splat(load<i16>(params, 288));
  const QS = <i32>load<i16>(params, 290);
  const J0 = f32x4(0, 8, 16, 24);
  const J1 = f32x4(32, 40, 48, 56);
  for (let y = 0; y < h; y++) {
    const fy: f32 = <f32>(y & 7) * 0.125;
    const r0 = grid + (<usize>((y >> 3) * nx) << 2);
    const r1 = r0 + (<usize>nx << 2);
    for (let k = 0; k < nx; k++) {
      const g0 = load<f32>(r0 + (<usize>k << 2));
      store<f32>(rowNodes + (<usize>k << 2), (g0 + (load<f32>(r1 + (<usize>k << 2)) - g0) * fy) * 64);
    }
    // Linear between nodes 8 pixels apart, in 1/64 grey level, rounded to the nearest.
    for (let k = 0, x = 0; x < w; k++, x += 8) {
      const a = load<f32>(rowNodes + (<usize>k << 2));
      const d = f32x4.splat((load<f32>(rowNodes + (<usize>(k + 1) << 2)) - a) * 0.015625);
      const A = f32x4.splat(a);
      const lo = i32x4.trunc_sat_f32x4_s(f32x4.nearest(f32x4.add(A, f32x4.mul(d, J0))));
      const hi = i32x4.trunc_sat_f32x4_s(f32x4.nearest(f32x4.add(A, f32x4.mul(d, J1))));
      v128.store(rowField + (<usize>x << 1), i16x8.narrow_i32x4_s(lo, hi));
    }
    let i = src + <usize>y * <usize>srcStride;
    let o = out + <usize>y * <usize>(w * 3);
    let fp = rowField;
    for (let x = 0; x < w; x += 16, i += 48, o += 48, fp += 32) {
      const s0 = v128.load(i);
      const s1 = v128.load(i, 16);
      const s2 = v128.load(i, 32);
      const f0 = v128.load(fp);
      const f1 = v128.load(fp, 16);
      const h0 = tone(
        i16x8.extend_low_i8x16_u(s0),
        DG0,
        OF0,
        Q0,
        K,
        QS,
        i8x16.shuffle(f0, f1, 0, 1, 0, 1, 0, 1, 2, 3, 2, 3, 2, 3, 4, 5, 4, 5),
      );
      const h1 = tone(
        i16x8.extend_high_i8x16_u(s0),
        DG1,
        OF1,
        Q1,
        K,
        QS,
        i8x16.shuffle(f0, f1, 4, 5, 6, 7, 6, 7, 6, 7, 8, 9, 8, 9, 8, 9, 10, 11),
      );
      const h2 = tone(
        i16x8.extend_low_i8x16_u(s1),
        DG2,
        OF2,
        Q2,
        K,
        QS,
        i8x16.shuffle(f0, f1, 10, 11, 10, 11, 12, 13, 12, 13, 12, 13, 14, 15, 14, 15, 14, 15),
      );
      const h3 = tone(
        i16x8.extend_high_i8x16_u(s1),
        DG3,
        OF3,
        Q3,
        K,
        QS,
        i8x16.shuffle(f0, f1, 16, 17, 16, 17, 16, 17, 18, 19, 18, 19, 18, 19, 20, 21, 20, 21),
      );
      const h4 = tone(
        i16x8.extend_low_i8x16_u(s2),
        DG4,
        OF4,
        Q4,
        K,
        QS,
        i8x16.shuffle(f0, f1, 20, 21, 22, 23, 22, 23, 22, 23, 24, 25, 24, 25, 24, 25, 26, 27),
      );
      const h5 = tone(
        i16x8.extend_high_i8x16_u(s2),
        DG5,
        OF5,
        Q5,
        K,
        QS,
        i8x16.shuffle(f0, f1, 26, 27, 26, 27, 28, 29, 28, 29, 28, 29, 30, 31, 30, 31, 30, 31),
      );
      v128.store(o, i8x16.narrow_i16x8_u(h0, h1));
      v128.store(o, i8x16.narrow_i16x8_u(h2, h3), 16);
      v128.store(o, i8x16.narrow_i16x8_u(h4, h5), 32);
    }
  }
}

/** One half-vector of render: (v·64)(1 + dg) + off, the knee, the field, back to grey levels. */
// @ts-ignore: decorator
@inline
function tone(v: v128, dg: v128, off: v128, q: v128, k: v128, qs: i32, field: v128): v128 {
  const v64 = i16x8.shl(v, 6);
  const lv = i16x8.add(i16x8.add(v64, v128.q15mulr_sat<i16>(v64, dg)), off);
  const over = i16x8.max_s(i16x8.sub(lv, k), i16x8.splat(0));
  return i16x8.shr_s(i16x8.add(i16x8.add(lv, i16x8.shl(v128.q15mulr_sat<i16>(over, q), qs)), field), 6);
}

/**
 * Rec. 601 luma (per mille weights 299/587/114) of the f×f block means of a w×h RGB region, a
 * trailing partial block dropped: plane (f32, floor(w/f) × floor(h/f)). Columns are summed over each
 * block row with 16-bit lanes (f ≤ 128), then folded per block. colsum: 3w + 16 u16 of scratch.
 */
export function blockLuma(img: usize, stride: i32, w: i32, h: i32, f: i32, plane: usize, colsum: usize): void {
  const lw = w / f;
  const lh = h / f;
  const n = w * 3;
  const area: i32 = 1000 * f * f;
  const scale: f64 = 1.0 / <f64>area;
  for (let by = 0; by < lh; by++) {
    sumRows(img, stride, by * f, f, n, colsum);
    const out = plane + ((<usize>(by * lw)) << 2);
    let c = colsum;
    for (let bx = 0; bx < lw; bx++) {
      let l: i32 = 0;
      for (let k = 0; k < f; k++, c += 6) {
        l += 299 * <i32>load<u16>(c) + 587 * <i32>load<u16>(c, 2) + 114 * <i32>load<u16>(c, 4);
      }
      store<f32>(out + ((<usize>bx) << 2), <f32>(<f64>l * scale));
    }
  }
}

/** Column sums (16-bit lanes) of rows y0..y0+f−1 of a region n bytes wide, into colsum (n + 16 u16). */
function sumRows(img: usize, stride: i32, y0: i32, f: i32, n: i32, colsum: usize): void {
  memory.fill(colsum, 0, <usize>(n + 16) << 1);
  for (let y = y0; y < y0 + f; y++) {
    const row = img + <usize>y * <usize>stride;
    for (let b = 0; b < n; b += 16) {
      const s = v128.load(row + <usize>b);
      const c = colsum + (<usize>b << 1);
      v128.store(c, i16x8.add(v128.load(c), i16x8.extend_low_i8x16_u(s)));
      v128.store(c, i16x8.add(v128.load(c, 16), i16x8.extend_high_i8x16_u(s)), 16);
    }
  }
}

/**
 * Per-channel f×f block means of a w×h RGB region (a trailing partial block dropped) into three f32
 * planes of floor(w/f) × floor(h/f). colsum: 3w + 16 u16 of scratch.
 */
export function blockMeansRgb(
  img: usize,
  stride: i32,
  w: i32,
  h: i32,
  f: i32,
  r: usize,
  g: usize,
  b: usize,
  colsum: usize,
): void {
  const lw = w / f;
  const lh = h / f;
  const area: i32 = f * f;
  const inv: f64 = 1.0 / <f64>area;
  for (let by = 0; by < lh; by++) {
    sumRows(img, stride, by * f, f, w * 3, colsum);
    let c = colsum;
    for (let bx = 0; bx < lw; bx++) {
      let sr: i32 = 0;
      let sg: i32 = 0;
      let sb: i32 = 0;
      for (let k = 0; k < f; k++, c += 6) {
        sr += <i32>load<u16>(c);
        sg += <i32>load<u16>(c, 2);
        sb += <i32>load<u16>(c, 4);
      }
      const o = <usize>(by * lw + bx) << 2;
      store<f32>(r + o, <f32>(<f64>sr * inv));
      store<f32>(g + o, <f32>(<f64>sg * inv));
      store<f32>(b + o, <f32>(<f64>sb * inv));
    }
  }
}

/** Sum of squared differences over every byte of two w×h RGB regions. */
export function squaredError(a: usize, aStride: i32, b: usize, bStride: i32, w: i32, h: i32): f64 {
  const n = w * 3;
  const whole = n & ~15;
  let total: f64 = 0;
  for (let y = 0; y < h; y++) {
    const ra = a + <usize>y * <usize>aStride;
    const rb = b + <usize>y * <usize>bStride;
    // Per lane at most 2 · 255² per step and n / 16 steps: within i32 for rows up to ~8,000 pixels.
    let acc = i32x4.splat(0);
    for (let k = 0; k < whole; k += 16) {
      const x = v128.load(ra + <usize>k);
      const z = v128.load(rb + <usize>k);
      const dl = i16x8.sub(i16x8.extend_low_i8x16_u(x), i16x8.extend_low_i8x16_u(z));
      const dh = i16x8.sub(i16x8.extend_high_i8x16_u(x), i16x8.extend_high_i8x16_u(z));
      acc = i32x4.add(acc, i32x4.add(i32x4.dot_i16x8_s(dl, dl), i32x4.dot_i16x8_s(dh, dh)));
    }
    let row: i64 =
      <i64>i32x4.extract_lane(acc, 0) +
      <i64>i32x4.extract_lane(acc, 1) +
      <i64>i32x4.extract_lane(acc, 2) +
      <i64>i32x4.extract_lane(acc, 3);
    for (let k = whole; k < n; k++) {
      const d = <i32>load<u8>(ra + <usize>k) - <i32>load<u8>(rb + <usize>k);
      row += <i64>(d * d);
    }
    total += <f64>row;
  }
  return total;
}

// SSIM (Wang et al. 2004) on a reduced luma plane: 11-tap Gaussian window (σ 1.5), K1 0.01, K2 0.03,
// L 255, mean over the valid region; f64 throughout, two lanes per step. The caller passes the
// normalised kernel taps k0..k5 (k0 outermost, k5 the centre).

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

/** SSIM at two adjacent valid positions (byte offset o into the (w − 10)-wide planes). */
// @ts-ignore: decorator
@inline
function ssimPair(
  o: usize,
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
  const ma = v128.load(mean + o);
  const mb = blurColumn(hB + o, st, k0, k1, k2, k3, k4, k5);
  const mab = f64x2.mul(ma, mb);
  const ma2 = f64x2.mul(ma, ma);
  const mb2 = f64x2.mul(mb, mb);
  const va = f64x2.sub(v128.load(meanSq + o), ma2);
  const vb = f64x2.sub(blurColumn(hBB + o, st, k0, k1, k2, k3, k4, k5), mb2);
  const cov = f64x2.sub(blurColumn(hAB + o, st, k0, k1, k2, k3, k4, k5), mab);
  const num = f64x2.mul(f64x2.add(f64x2.mul(two, mab), C1), f64x2.add(f64x2.mul(two, cov), C2));
  const den = f64x2.mul(f64x2.add(f64x2.add(ma2, mb2), C1), f64x2.add(f64x2.add(va, vb), C2));
  return f64x2.div(num, den);
}

/** Mean SSIM of plane (f32, w × h) against the prepared original. scratch: 6 · w · h f64. */
export function ssimAgainst(
  plane: usize,
  w: i32,
  h: i32,
  t: usize,
  a: usize,
  mean: usize,
  meanSq: usize,
  scratch: usize,
): f64 {
  const n = w * h;
  const b = scratch;
  const bb = b + ((<usize>n) << 3);
  const ab = bb + ((<usize>n) << 3);
  const hB = ab + ((<usize>n) << 3);
  const hBB = hB + ((<usize>n) << 3);
  const hAB = hBB + ((<usize>n) << 3);
  for (let i = 0; i < n; i++) {
    const v = <f64>load<f32>(plane + ((<usize>i) << 2));
    store<f64>(b + ((<usize>i) << 3), v);
    store<f64>(bb + ((<usize>i) << 3), v * v);
    store<f64>(ab + ((<usize>i) << 3), v * load<f64>(a + ((<usize>i) << 3)));
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
    for (let x = 0; x < pairs; x += 2) {
      const o = (<usize>(y * ow + x)) << 3;
      acc = f64x2.add(acc, ssimPair(o, st, mean, meanSq, hB, hBB, hAB, k0, k1, k2, k3, k4, k5));
    }
    total += f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
    // An odd valid width: the last column's pair has lane 1 past the row; take lane 0 only.
    if (pairs < ow) {
      const o = (<usize>(y * ow + pairs)) << 3;
      total += f64x2.extract_lane(ssimPair(o, st, mean, meanSq, hB, hBB, hAB, k0, k1, k2, k3, k4, k5), 0);
    }
  }
  return total / <f64>(ow * oh);
}

/**
 * Area means of a w × h f32 plane over outW × outH equal cells (each the exact mean of the area it
 * covers, fractional pixels weighted): the 32×32 thumbnail of a reduced luma plane. out: f32.
 */
export function areaMeans(plane: usize, w: i32, h: i32, outW: i32, outH: i32, out: usize): void {
  const sx: f64 = <f64>w / <f64>outW;
  const sy: f64 = <f64>h / <f64>outH;
  const inv: f64 = 1.0 / (sx * sy);
  for (let oy = 0; oy < outH; oy++) {
    const y0: f64 = <f64>oy * sy;
    const y1: f64 = y0 + sy;
    for (let ox = 0; ox < outW; ox++) {
      const x0: f64 = <f64>ox * sx;
      const x1: f64 = x0 + sx;
      let sum: f64 = 0;
      const ya = <i32>Math.floor(y0);
      const yb = min(h, <i32>Math.ceil(y1));
      const xa = <i32>Math.floor(x0);
      const xb = min(w, <i32>Math.ceil(x1));
      for (let y = ya; y < yb; y++) {
        const wy = min(y1, <f64>(y + 1)) - max(y0, <f64>y);
        let row: f64 = 0;
        for (let x = xa; x < xb; x++) {
          const wx = min(x1, <f64>(x + 1)) - max(x0, <f64>x);
          row += wx * <f64>load<f32>(plane + (<usize>(y * w + x) << 2));
        }
        sum += wy * row;
      }
      store<f32>(out + (<usize>(oy * outW + ox) << 2), <f32>(sum * inv));
    }
  }
}
