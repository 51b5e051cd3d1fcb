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
