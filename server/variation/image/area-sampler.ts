/**
 * Area averages of planes over any rectangles and grids: what areaResample computes, from each
 * plane's integral image, so each output cell costs four lookups however large it is. Built once
 * per plane, then resampled many times (every attempt of a variant resamples the same analysis
 * planes with its own crop). Exact: the integral of a piecewise-constant plane is bilinear inside each
 * pixel, so interpolating it bilinearly at fractional corners loses nothing.
 *
 * Planes of the same size (a picture's three colours) are held together, their integrals
 * interleaved, and resampled in one pass: the lookups of one corner then share their cache lines,
 * and each plane's values are the same as resampling it alone.
 */
export class AreaSampler {
  /** The integrals of every plane, interleaved: plane c at (y, x) is at (y · stride + x) · planes + c. */
  private readonly integral: Float64Array;
  private readonly stride: number;
  private readonly planes: number;

  constructor(
    planes: ArrayLike<number> | readonly ArrayLike<number>[],
    readonly width: number,
    readonly height: number,
  ) {
    const list: readonly ArrayLike<number>[] = Array.isArray(planes) ? planes : [planes as ArrayLike<number>];
    const stride = width + 1;
    const count = list.length;
    this.stride = stride;
    this.planes = count;
    const sum = new Float64Array(stride * (height + 1) * count);
    for (let c = 0; c < count; c++) {
      for (let y = 0; y < height; y++)
        integrateRow(list[c]!, y * width, width, sum, (y + 1) * stride * count + c, count);
    }
    this.integral = sum;
  }

  /**
   * The integrals over [0, x) × [0, y) at the corners (x = xs[k], y) for every k and plane, into out
   * (k · planes + c): bilinear in the integral's cell (i, j) holding the corner, i and fx per column
   * given (`cells`), j and fy here.
   */
  private cornerRow(cellI: Int32Array, cellFx: Float64Array, y: number, out: Float64Array): void {
    const j = Math.min(this.height - 1, Math.floor(y));
    const fy = y - j;
    const s = this.integral;
    const planes = this.planes;
    const below = this.stride * planes;
    const base = j * below;
    const corners = cellI.length;
    if (planes === 3) {
      for (let k = 0; k < corners; k++) {
        const fx = cellFx[k]!;
        const o = base + cellI[k]! * 3;
        const u = o + below;
        const t0 = s[o]! + (s[o + 3]! - s[o]!) * fx;
        const b0 = s[u]! + (s[u + 3]! - s[u]!) * fx;
        const t1 = s[o + 1]! + (s[o + 4]! - s[o + 1]!) * fx;
        const b1 = s[u + 1]! + (s[u + 4]! - s[u + 1]!) * fx;
        const t2 = s[o + 2]! + (s[o + 5]! - s[o + 2]!) * fx;
        const b2 = s[u + 2]! + (s[u + 5]! - s[u + 2]!) * fx;
        out[3 * k] = t0 + (b0 - t0) * fy;
        out[3 * k + 1] = t1 + (b1 - t1) * fy;
        out[3 * k + 2] = t2 + (b2 - t2) * fy;
      }
      return;
    }
    for (let k = 0; k < corners; k++) {
      const fx = cellFx[k]!;
      let o = base + cellI[k]! * planes;
      for (let c = 0; c < planes; c++, o++) {
        const top = s[o]! + (s[o + planes]! - s[o]!) * fx;
        const bottom = s[o + below]! + (s[o + below + planes]! - s[o + below]!) * fx;
        out[k * planes + c] = top + (bottom - top) * fy;
      }
    }
  }

  /** Mean over outW × outH equal cells of `src` (pixel units, default the whole plane), of the first plane. */
  resample(outW: number, outH: number, src?: { x0: number; y0: number; x1: number; y1: number }): Float32Array {
    return this.resampleAll(outW, outH, src)[0]!;
  }

  /** Mean over outW × outH equal cells of `src` (pixel units, default the whole plane), per plane. */
  resampleAll(
    outW: number,
    outH: number,
    src: { x0: number; y0: number; x1: number; y1: number } = { x0: 0, y0: 0, x1: this.width, y1: this.height },
  ): Float32Array[] {
    const planes = this.planes;
    const sx = (src.x1 - src.x0) / outW;
    const sy = (src.y1 - src.y0) / outH;
    const area = sx * sy;
    const out = Array.from({ length: planes }, () => new Float32Array(outW * outH));
    // The integral's cell and fraction of each column of corners, the same for every row of them.
    const cellI = new Int32Array(outW + 1);
    const cellFx = new Float64Array(outW + 1);
    for (let k = 0; k <= outW; k++) {
      const x = src.x0 + k * sx;
      const i = Math.min(this.width - 1, Math.floor(x));
      cellI[k] = i;
      cellFx[k] = x - i;
    }
    // The integrals along the cell corners of the row above and of this row.
    let prev = new Float64Array((outW + 1) * planes);
    let next = new Float64Array((outW + 1) * planes);
    this.cornerRow(cellI, cellFx, src.y0, prev);
    for (let o = 0; o < outH; o++) {
      this.cornerRow(cellI, cellFx, src.y0 + (o + 1) * sy, next);
      for (let c = 0; c < planes; c++) {
        const plane = out[c]!;
        for (let k = 0, at = c; k < outW; k++, at += planes) {
          plane[o * outW + k] = (next[at + planes]! - next[at]! - prev[at + planes]! + prev[at]!) / area;
        }
      }
      [prev, next] = [next, prev];
    }
    return out;
  }
}

/**
 * One row of a plane's integral image, into the interleaved integrals at o (its planes-th values):
 * the row's running sum on top of the integral row above.
 */
function integrateRow(
  plane: ArrayLike<number>,
  from: number,
  width: number,
  sum: Float64Array,
  o: number,
  planes: number,
): void {
  const above = o - (width + 1) * planes;
  let row = 0;
  for (let x = 0; x < width; x++) {
    row += plane[from + x]!;
    sum[o + (x + 1) * planes] = sum[above + (x + 1) * planes]! + row;
  }
}
