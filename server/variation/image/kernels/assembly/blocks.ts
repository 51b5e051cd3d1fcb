import { lanesSum, rowError, tailError } from './error';

/**
 * Rec. 601 luma (per mille weights 299/587/114) of the f×f block means of a w×h RGB region, a
 * trailing partial block dropped: plane (f32, floor(w/f) × floor(h/f)). Columns are summed over each
 * block row with 16-bit lanes (f ≤ 128), then folded per block. colsum: 3w + 16 u16 of scratch.
 */
export function blockLuma(img: usize, stride: i32, w: i32, h: i32, f: i32, plane: usize, colsum: usize): void {
  const lh = h / f;
  for (let by = 0; by < lh; by++) {
    sumRows(img, stride, by * f, f, w * 3, colsum);
    foldLuma(colsum, w / f, f, plane + ((<usize>(by * (w / f))) << 2));
  }
}

/**
 * blockLuma of a w×h RGB region and, in the same pass over its rows, the sum of squared differences
 * against a second w×h region over every byte (the trailing partial blocks included): the check
 * then reads the decoded variant once. The sum is exact (integers), so it equals squaredError's.
 */
export function blockLumaError(
  img: usize,
  stride: i32,
  w: i32,
  h: i32,
  f: i32,
  plane: usize,
  colsum: usize,
  ref: usize,
  refStride: i32,
): f64 {
  const lw = w / f;
  const lh = h / f;
  const n = w * 3;
  let total: f64 = 0;
  for (let by = 0; by < lh; by++) {
    memory.fill(colsum, 0, <usize>(n + 16) << 1);
    for (let y = by * f; y < by * f + f; y++) {
      total += <f64>rowSumsAndError(img + <usize>y * <usize>stride, ref + <usize>y * <usize>refStride, n, colsum);
    }
    foldLuma(colsum, lw, f, plane + ((<usize>(by * lw)) << 2));
  }
  for (let y = lh * f; y < h; y++) {
    total += <f64>rowError(img + <usize>y * <usize>stride, ref + <usize>y * <usize>refStride, n);
  }
  return total;
}

/** One block row's luma from its column sums: f×f means, Rec. 601 per mille weights. */
// @ts-ignore: decorator
@inline
function foldLuma(colsum: usize, lw: i32, f: i32, out: usize): void {
  const scale: f64 = 1.0 / <f64>(1000 * f * f);
  let c = colsum;
  for (let bx = 0; bx < lw; bx++) {
    let l: i32 = 0;
    for (let k = 0; k < f; k++, c += 6) {
      l += 299 * <i32>load<u16>(c) + 587 * <i32>load<u16>(c, 2) + 114 * <i32>load<u16>(c, 4);
    }
    store<f32>(out + ((<usize>bx) << 2), <f32>(<f64>l * scale));
  }
}

/** Adds a row (n bytes) to the column sums and answers its squared error against `ref`'s row. */
// @ts-ignore: decorator
@inline
function rowSumsAndError(row: usize, ref: usize, n: i32, colsum: usize): i64 {
  const whole = n & ~15;
  // Per lane at most 2 · 255² per step and n / 16 steps: within i32 for rows up to ~8,000 pixels.
  let acc = i32x4.splat(0);
  for (let b = 0; b < n; b += 16) {
    const s = v128.load(row + <usize>b);
    const c = colsum + (<usize>b << 1);
    const sl = i16x8.extend_low_i8x16_u(s);
    const sh = i16x8.extend_high_i8x16_u(s);
    v128.store(c, i16x8.add(v128.load(c), sl));
    v128.store(c, i16x8.add(v128.load(c, 16), sh), 16);
    if (b < whole) {
      const z = v128.load(ref + <usize>b);
      const dl = i16x8.sub(sl, i16x8.extend_low_i8x16_u(z));
      const dh = i16x8.sub(sh, i16x8.extend_high_i8x16_u(z));
      acc = i32x4.add(acc, i32x4.add(i32x4.dot_i16x8_s(dl, dl), i32x4.dot_i16x8_s(dh, dh)));
    }
  }
  return lanesSum(acc) + tailError(row, ref, whole, n);
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
