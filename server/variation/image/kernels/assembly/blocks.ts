/**
 * Rec. 601 luma (per mille weights 299/587/114) of the f×f block means of a w×h RGB region, a
 * trailing partial block dropped: plane (f32, floor(w/f) × floor(h/f)). Each block row's columns are
 * summed with 16-bit lanes (f ≤ 128), then weighted and folded per block: for an even f, the column
 * sums are kept in registers and weighted eight lanes at a time into pair sums (a block's 3f lanes
 * are whole pairs), for an odd f one lane at a time. Either way a block's luma is the same exact
 * integer. colsum: 3w + 16 u16 of scratch.
 */
export function blockLuma(img: usize, stride: i32, w: i32, h: i32, f: i32, plane: usize, colsum: usize): void {
  const lw = w / f;
  const lh = h / f;
  const area: i32 = 1000 * f * f;
  const scale: f64 = 1.0 / <f64>area;
  if (f & 1) {
    const n = w * 3;
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
    return;
  }
  // The weights of u16 lane l of vector v of a row: channel (8v + l) mod 3, so three patterns in turn.
  const W0 = i16x8(299, 587, 114, 299, 587, 114, 299, 587);
  const W1 = i16x8(114, 299, 587, 114, 299, 587, 114, 299);
  const W2 = i16x8(587, 114, 299, 587, 114, 299, 587, 114);
  // Bytes of whole blocks per row, pairs of lanes per block.
  const n = lw * f * 3;
  const pairs = (3 * f) >> 1;
  for (let by = 0; by < lh; by++) {
    const top = img + <usize>(by * f) * <usize>stride;
    // Per 16 bytes: the column sums over the block row's f rows, weighted, as four i32 pair sums per
    // eight lanes, stored at the pairs' place (pair j at colsum + 4j).
    let wa = W0;
    let wb = W1;
    let wc = W2;
    for (let b = 0; b < n; b += 16) {
      let lo = i16x8.splat(0);
      let hi = i16x8.splat(0);
      let row = top + <usize>b;
      for (let y = 0; y < f; y++, row += <usize>stride) {
        const s = v128.load(row);
        lo = i16x8.add(lo, i16x8.extend_low_i8x16_u(s));
        hi = i16x8.add(hi, i16x8.extend_high_i8x16_u(s));
      }
      const c = colsum + (<usize>b << 1);
      v128.store(c, i32x4.dot_i16x8_s(lo, wa));
      v128.store(c, i32x4.dot_i16x8_s(hi, wb), 16);
      // Two vectors on: the patterns rotate (0, 1, 2) → (2, 0, 1) → (1, 2, 0).
      const t = wc;
      wc = wb;
      wb = wa;
      wa = t;
    }
    const out = plane + ((<usize>(by * lw)) << 2);
    let c = colsum;
    for (let bx = 0; bx < lw; bx++) {
      let l: i32 = 0;
      for (let k = 0; k < pairs; k++, c += 4) l += load<i32>(c);
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
