/**
 * Area averages of one plane over any rectangles and grids: what areaResample computes, from the
 * plane's integral image, so each output cell costs four lookups however large it is. Built once
 * per plane, then resampled many times (every attempt of a variant resamples the same analysis
 * planes with its own crop). Exact: the integral of a piecewise-constant plane is bilinear inside each
 * pixel, so interpolating it bilinearly at fractional corners loses nothing.
 */
export class AreaSampler {
  private readonly integral: Float64Array;
  private readonly stride: number;

  constructor(
    plane: ArrayLike<number>,
    readonly width: number,
    readonly height: number,
  ) {
    const stride = width + 1;
    this.stride = stride;
    const sum = new Float64Array(stride * (height + 1));
    for (let y = 0; y < height; y++) integrateRow(plane, y * width, width, sum, (y + 1) * stride);
    this.integral = sum;
  }

  /** The integral over [0, x) × [0, y), for real x in 0..width and y in 0..height. */
  private at(x: number, y: number): number {
    const i = Math.min(this.width - 1, Math.floor(x));
    const j = Math.min(this.height - 1, Math.floor(y));
    const fx = x - i;
    const fy = y - j;
    const s = this.integral;
    const o = j * this.stride + i;
    const top = s[o]! + (s[o + 1]! - s[o]!) * fx;
    const bottom = s[o + this.stride]! + (s[o + this.stride + 1]! - s[o + this.stride]!) * fx;
    return top + (bottom - top) * fy;
  }

  /** Mean over outW × outH equal cells of `src` (pixel units, default the whole plane). */
  resample(
    outW: number,
    outH: number,
    src: { x0: number; y0: number; x1: number; y1: number } = { x0: 0, y0: 0, x1: this.width, y1: this.height },
  ): Float32Array {
    const sx = (src.x1 - src.x0) / outW;
    const sy = (src.y1 - src.y0) / outH;
    const out = new Float32Array(outW * outH);
    // The integral along the cell corners of the row above and of this row.
    let prev = new Float64Array(outW + 1);
    let next = new Float64Array(outW + 1);
    for (let k = 0; k <= outW; k++) prev[k] = this.at(src.x0 + k * sx, src.y0);
    for (let o = 0; o < outH; o++) {
      const y = src.y0 + (o + 1) * sy;
      for (let k = 0; k <= outW; k++) next[k] = this.at(src.x0 + k * sx, y);
      for (let k = 0; k < outW; k++) {
        out[o * outW + k] = (next[k + 1]! - next[k]! - prev[k + 1]! + prev[k]!) / (sx * sy);
      }
      [prev, next] = [next, prev];
    }
    return out;
  }
}

/** One row of the integral image: the row's running sum on top of the integral row above. */
function integrateRow(plane: ArrayLike<number>, from: number, width: number, sum: Float64Array, o: number): void {
  const above = o - width - 1;
  let row = 0;
  for (let x = 0; x < width; x++) {
    row += plane[from + x]!;
    sum[o + x + 1] = sum[above + x + 1]! + row;
  }
}
