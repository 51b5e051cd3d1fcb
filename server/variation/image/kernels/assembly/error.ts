/** Squared error of one row of n bytes. */
// @ts-ignore: decorator
@inline
export function rowError(ra: usize, rb: usize, n: i32): i64 {
  const whole = n & ~15;
  // Per lane at most 2 · 255² per step and n / 16 steps: within i32 for rows up to ~8,000 pixels.
  let acc = i32x4.splat(0);
  for (let k = 0; k < whole; k += 16) {
    const x = v128.load(ra + <usize>k);
    const z = v128.load(rb + <usize>k);
    const dl = i16x8.sub(i16x8.extend_low_i8x16_u(x), i16x8.extend_low_i8x16_u(z));
    const dh = i16x8.sub(i16x8.extend_high_i8x16_u(x), i16x8.extend_high_i8x16_u(z));
    acc = i32x4.add(acc, i32x4.add(i32x4.dot_i16x8_s(dl, dl), i32x4.dot_i16x8_s(dh, dh)));
  }
  return lanesSum(acc) + tailError(ra, rb, whole, n);
}

// @ts-ignore: decorator
@inline
export function lanesSum(acc: v128): i64 {
  return (
    <i64>i32x4.extract_lane(acc, 0) +
    <i64>i32x4.extract_lane(acc, 1) +
    <i64>i32x4.extract_lane(acc, 2) +
    <i64>i32x4.extract_lane(acc, 3)
  );
}

/** Squared error of bytes from..n−1 of a row, one at a time (the part short of a whole vector). */
// @ts-ignore: decorator
@inline
export function tailError(ra: usize, rb: usize, from: i32, n: i32): i64 {
  let row: i64 = 0;
  for (let k = from; k < n; k++) {
    const d = <i32>load<u8>(ra + <usize>k) - <i32>load<u8>(rb + <usize>k);
    row += <i64>(d * d);
  }
  return row;
}
