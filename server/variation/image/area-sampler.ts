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

  /**
   * The integral over [0, x) × [0, y) at the corners (x = xs[k], y) for every k, into out: bilinear in
   * the integral's cell (i, j) holding the corner, i and fx per column given (`cells`), j and fy here.
   */
  private cornerRow(cells: { i: Int32Array; fx: Float64Array }, y: number, out: Float64Array): void {
    const j = Math.min(this.height - 1, Math.floor(y));
    const fy = y - j;
    const s = this.integral;
    const stride = this.stride;
    const base = j * stride;
    for (let k = 0; k < out.length; k++) {
      const o = base + cells.i[k]!;
      const fx = cells.fx[k]!;
      const top = s[o]! + (s[o + 1]! - s[o]!) * fx;
      const bottom = s[o + stride]! + (s[o + stride + 1]! - s[o + stride]!) * fx;
      out[k] = top + (bottom - top) * fy;
    }
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
    // The integral's cell and fraction of each column of corners, the same for every row of them.
    const cells = { i: new Int32Array(outW + 1), fx: new Float64Array(outW + 1) };
    for (let k = 0; k <= outW; k++) {
      const x = src.x0 + k * sx;
      const i = Math.min(this.width - 1, Math.floor(x));
      cells.i[k] = i;
      cells.fx[k] = x - i;
    }
    // The integral along the cell corners of the row above and of this row.
    let prev = new Float64Array(outW + 1);
    let next = new Float64Array(outW + 1);
    this.cornerRow(cells, src.y0, prev);
    for (let o = 0; o < outH; o++) {
      this.cornerRow(cells, src.y0 + (o + 1) * sy, next);
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
