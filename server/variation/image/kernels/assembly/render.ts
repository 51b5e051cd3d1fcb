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
  const N64 = f32x4.splat(64);
  // Per lane: the length of the run of source values 0, 1, 2, … whose knee term (below) is exactly
  // 0, so a byte at most that length − 1 needs none. A lane whose value 0 already has a term has no
  // such run: then every group takes the full path.
  const ZERO = i16x8.splat(0);
  let C0 = ZERO;
  let C1 = ZERO;
  let C2 = ZERO;
  let C3 = ZERO;
  let C4 = ZERO;
  let C5 = ZERO;
  let P0 = i16x8.splat(-1);
  let P1 = P0;
  let P2 = P0;
  let P3 = P0;
  let P4 = P0;
  let P5 = P0;
  for (let v = 0; v < 256; v++) {
    const V = i16x8.splat(<i16>v);
    P0 = v128.and(P0, i16x8.eq(kneeTerm(level(V, DG0, OF0), Q0, K, QS), ZERO));
    P1 = v128.and(P1, i16x8.eq(kneeTerm(level(V, DG1, OF1), Q1, K, QS), ZERO));
    P2 = v128.and(P2, i16x8.eq(kneeTerm(level(V, DG2, OF2), Q2, K, QS), ZERO));
    P3 = v128.and(P3, i16x8.eq(kneeTerm(level(V, DG3, OF3), Q3, K, QS), ZERO));
    P4 = v128.and(P4, i16x8.eq(kneeTerm(level(V, DG4, OF4), Q4, K, QS), ZERO));
    P5 = v128.and(P5, i16x8.eq(kneeTerm(level(V, DG5, OF5), Q5, K, QS), ZERO));
    C0 = i16x8.sub(C0, P0);
    C1 = i16x8.sub(C1, P1);
    C2 = i16x8.sub(C2, P2);
    C3 = i16x8.sub(C3, P3);
    C4 = i16x8.sub(C4, P4);
    C5 = i16x8.sub(C5, P5);
  }
  const kneeFree =
    i16x8.all_true(C0) &&
    i16x8.all_true(C1) &&
    i16x8.all_true(C2) &&
    i16x8.all_true(C3) &&
    i16x8.all_true(C4) &&
    i16x8.all_true(C5);
  const ONE = i16x8.splat(1);
  const T0 = i8x16.narrow_i16x8_u(i16x8.sub(C0, ONE), i16x8.sub(C1, ONE));
  const T1 = i8x16.narrow_i16x8_u(i16x8.sub(C2, ONE), i16x8.sub(C3, ONE));
  const T2 = i8x16.narrow_i16x8_u(i16x8.sub(C4, ONE), i16x8.sub(C5, ONE));
  for (let y = 0; y < h; y++) {
    const fy: f32 = <f32>(y & 7) * 0.125;
    const r0 = grid + (<usize>((y >> 3) * nx) << 2);
    const r1 = r0 + (<usize>nx << 2);
    // Four nodes per step (the same f32 operations per node as one at a time); the grid and rowNodes
    // regions are padded, so the last step may read and write past nx.
    const FY = f32x4.splat(fy);
    for (let k = 0; k < nx; k += 4) {
      const g0 = v128.load(r0 + (<usize>k << 2));
      const g1 = v128.load(r1 + (<usize>k << 2));
      v128.store(rowNodes + (<usize>k << 2), f32x4.mul(f32x4.add(g0, f32x4.mul(f32x4.sub(g1, g0), FY)), N64));
    }
    // Linear between nodes 8 pixels apart, in 1/64 grey level, rounded to the nearest.
    for (let k = 0, x = 0; x < w; k++, x += 8) {
      const a = load<f32>(rowNodes + (<usize>k << 2));
      const d = f32x4.splat((load<f32>(rowNodes + (<usize>(k + 1) << 2)) - a) * 0.015625);
      const A = f32x4.splat(a);
      const lo = roundToInt(f32x4.add(A, f32x4.mul(d, J0)));
      const hi = roundToInt(f32x4.add(A, f32x4.mul(d, J1)));
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
      const e0 = i16x8.extend_low_i8x16_u(s0);
      const e1 = i16x8.extend_high_i8x16_u(s0);
      const e2 = i16x8.extend_low_i8x16_u(s1);
      const e3 = i16x8.extend_high_i8x16_u(s1);
      const e4 = i16x8.extend_low_i8x16_u(s2);
      const e5 = i16x8.extend_high_i8x16_u(s2);
      const g0 = i8x16.shuffle(f0, f1, 0, 1, 0, 1, 0, 1, 2, 3, 2, 3, 2, 3, 4, 5, 4, 5);
      const g1 = i8x16.shuffle(f0, f1, 4, 5, 6, 7, 6, 7, 6, 7, 8, 9, 8, 9, 8, 9, 10, 11);
      const g2 = i8x16.shuffle(f0, f1, 10, 11, 10, 11, 12, 13, 12, 13, 12, 13, 14, 15, 14, 15, 14, 15);
      const g3 = i8x16.shuffle(f0, f1, 16, 17, 16, 17, 16, 17, 18, 19, 18, 19, 18, 19, 20, 21, 20, 21);
      const g4 = i8x16.shuffle(f0, f1, 20, 21, 22, 23, 22, 23, 22, 23, 24, 25, 24, 25, 24, 25, 26, 27);
      const g5 = i8x16.shuffle(f0, f1, 26, 27, 26, 27, 28, 29, 28, 29, 28, 29, 30, 31, 30, 31, 30, 31);
      let h0: v128, h1: v128, h2: v128, h3: v128, h4: v128, h5: v128;
      // Sixteen pixels all within their lanes' knee-free runs: the knee's term is 0, left out.
      const past = v128.or(v128.or(i8x16.sub_sat_u(s0, T0), i8x16.sub_sat_u(s1, T1)), i8x16.sub_sat_u(s2, T2));
      if (kneeFree && !v128.any_true(past)) {
        h0 = toneBelowKnee(e0, DG0, OF0, g0);
        h1 = toneBelowKnee(e1, DG1, OF1, g1);
        h2 = toneBelowKnee(e2, DG2, OF2, g2);
        h3 = toneBelowKnee(e3, DG3, OF3, g3);
        h4 = toneBelowKnee(e4, DG4, OF4, g4);
        h5 = toneBelowKnee(e5, DG5, OF5, g5);
      } else {
        h0 = tone(e0, DG0, OF0, Q0, K, QS, g0);
        h1 = tone(e1, DG1, OF1, Q1, K, QS, g1);
        h2 = tone(e2, DG2, OF2, Q2, K, QS, g2);
        h3 = tone(e3, DG3, OF3, Q3, K, QS, g3);
        h4 = tone(e4, DG4, OF4, Q4, K, QS, g4);
        h5 = tone(e5, DG5, OF5, Q5, K, QS, g5);
      }
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
  const lv = level(v, dg, off);
  return i16x8.shr_s(i16x8.add(i16x8.add(lv, kneeTerm(lv, q, k, qs)), field), 6);
}

/** What the knee adds to a level lv: Q·(lv − K) past K, in 1/64 grey level. */
// @ts-ignore: decorator
@inline
function kneeTerm(lv: v128, q: v128, k: v128, qs: i32): v128 {
  const over = i16x8.max_s(i16x8.sub(lv, k), i16x8.splat(0));
  return i16x8.shl(v128.q15mulr_sat<i16>(over, q), qs);
}

/** tone() for lanes whose knee term is 0 (adding 0 to the level changes nothing, so it is left out). */
// @ts-ignore: decorator
@inline
function toneBelowKnee(v: v128, dg: v128, off: v128, field: v128): v128 {
  return i16x8.shr_s(i16x8.add(level(v, dg, off), field), 6);
}

/** (v·64)(1 + dg) + off in 1/64 grey level: the tone before the knee. */
// @ts-ignore: decorator
@inline
function level(v: v128, dg: v128, off: v128): v128 {
  const v64 = i16x8.shl(v, 6);
  return i16x8.add(i16x8.add(v64, v128.q15mulr_sat<i16>(v64, dg)), off);
}

/** 1.5 · 2^23: in f32 its unit in the last place is 1, and adding it leaves room for ±2^22 around it. */
const ROUNDER: f32 = 12582912.0;

/**
 * Each lane rounded to the nearest integer, ties to even, as i32: what trunc_sat(nearest(v)) gives for
 * |v| < 2^22 (the field is within ±2^15 in 1/64 grey level). Adding 1.5 · 2^23 rounds in the FPU's
 * default mode (nearest, ties to even; 1.5 · 2^23 is even, so a tie goes the same way), and the sum's
 * low mantissa bits are then the integer plus 2^22: two instructions instead of a rounding and a
 * saturating conversion.
 */
// @ts-ignore: decorator
@inline
function roundToInt(v: v128): v128 {
  return i32x4.sub(f32x4.add(v, f32x4.splat(ROUNDER)), i32x4.splat(0x4b400000));
}
