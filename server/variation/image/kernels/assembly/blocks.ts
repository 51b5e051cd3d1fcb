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
