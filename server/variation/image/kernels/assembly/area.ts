/**
 * Area means of a w × h f32 plane over outW × outH equal cells (each the exact mean of the area it
 * covers, fractional pixels weighted): the 32×32 thumbnail of a reduced luma plane. out: f32.
 * scratch: 8 · (w + 3 · outW) bytes, where each column of cells keeps its pixels' weights, computed
 * once instead of once per row (the same values, so the same sums).
 */
export function areaMeans(plane: usize, w: i32, h: i32, outW: i32, outH: i32, out: usize, scratch: usize): void {
  const sx: f64 = <f64>w / <f64>outW;
  const sy: f64 = <f64>h / <f64>outH;
  const inv: f64 = 1.0 / (sx * sy);
  // Per column of cells: first pixel, pixel count, where its weights start; then the weights.
  const firsts = scratch;
  const counts = firsts + ((<usize>outW) << 2);
  const offsets = counts + ((<usize>outW) << 2);
  const weights = offsets + ((<usize>outW) << 2) + 8;
  let at = 0;
  for (let ox = 0; ox < outW; ox++) {
    const x0: f64 = <f64>ox * sx;
    const x1: f64 = x0 + sx;
    const xa = <i32>Math.floor(x0);
    const xb = min(w, <i32>Math.ceil(x1));
    store<i32>(firsts + ((<usize>ox) << 2), xa);
    store<i32>(counts + ((<usize>ox) << 2), xb - xa);
    store<i32>(offsets + ((<usize>ox) << 2), at);
    for (let x = xa; x < xb; x++, at++) {
      store<f64>(weights + ((<usize>at) << 3), min(x1, <f64>(x + 1)) - max(x0, <f64>x));
    }
  }
  for (let oy = 0; oy < outH; oy++) {
    const y0: f64 = <f64>oy * sy;
    const y1: f64 = y0 + sy;
    const ya = <i32>Math.floor(y0);
    const yb = min(h, <i32>Math.ceil(y1));
    for (let ox = 0; ox < outW; ox++) {
      const xa = load<i32>(firsts + ((<usize>ox) << 2));
      const count = load<i32>(counts + ((<usize>ox) << 2));
      const wx = weights + ((<usize>load<i32>(offsets + ((<usize>ox) << 2))) << 3);
      let sum: f64 = 0;
      for (let y = ya; y < yb; y++) {
        const wy = min(y1, <f64>(y + 1)) - max(y0, <f64>y);
        const p = plane + ((<usize>(y * w + xa)) << 2);
        let row: f64 = 0;
        for (let j = 0; j < count; j++) {
          row += load<f64>(wx + ((<usize>j) << 3)) * <f64>load<f32>(p + ((<usize>j) << 2));
        }
        sum += wy * row;
      }
      store<f32>(out + ((<usize>(oy * outW + ox)) << 2), <f32>(sum * inv));
    }
  }
}
