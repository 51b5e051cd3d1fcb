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
