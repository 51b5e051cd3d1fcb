/** Pixel-plane helpers in plain typed arrays (no per-pixel allocation; these run on 1080×1080 images). */

export interface RgbImage {
  /** Always a plain Uint8Array (never a Buffer or clamped view) so hot loops stay monomorphic in V8. */
  data: Uint8Array;
  width: number;
  height: number;
  /** Always 3 here (RGB, interleaved). */
  channels: 3;
}

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Rec. 601 luma, the weights JPEG itself uses for Y. */
export function luma(img: RgbImage): Float32Array {
  const { data, width, height } = img;
  const out = new Float32Array(width * height);
  for (let p = 0, i = 0; p < out.length; p++, i += 3)
    out[p] = 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
  return out;
}

/** Copy of a rectangle of an RGB image (row memcpy). */
export function cropRgb(img: RgbImage, r: Rect): RgbImage {
  const out = new Uint8Array(r.width * r.height * 3);
  for (let y = 0; y < r.height; y++) {
    const from = ((r.top + y) * img.width + r.left) * 3;
    out.set(img.data.subarray(from, from + r.width * 3), y * r.width * 3);
  }
  return { data: out, width: r.width, height: r.height, channels: 3 };
}

/**
 * Area-average resampling of a plane (each output cell is the exact mean of the source area it
 * covers, fractional pixels weighted), optionally from a sub-rectangle in source pixel units.
 */
export function areaResample(
  plane: Float32Array,
  width: number,
  height: number,
  outW: number,
  outH: number,
  src: { x0: number; y0: number; x1: number; y1: number } = { x0: 0, y0: 0, x1: width, y1: height },
): Float32Array {
  const weights = (
    n: number,
    a0: number,
    a1: number,
    limit: number,
  ): { idx: Int32Array; w: Float32Array; start: Int32Array } => {
    const step = (a1 - a0) / n;
    const idx: number[] = [];
    const w: number[] = [];
    const start = new Int32Array(n + 1);
    for (let o = 0; o < n; o++) {
      start[o] = idx.length;
      const lo = a0 + o * step;
      const hi = lo + step;
      for (let s = Math.max(0, Math.floor(lo)); s < Math.min(limit, Math.ceil(hi)); s++) {
        const cover = Math.min(hi, s + 1) - Math.max(lo, s);
        if (cover > 0) {
          idx.push(s);
          w.push(cover / step);
        }
      }
    }
    start[n] = idx.length;
    return { idx: Int32Array.from(idx), w: Float32Array.from(w), start };
  };
  const wx = weights(outW, src.x0, src.x1, width);
  const wy = weights(outH, src.y0, src.y1, height);
  // Horizontal pass only over the source rows the vertical pass needs.
  const rowLo = wy.idx.length ? Math.min(...wy.idx) : 0;
  const rowHi = wy.idx.length ? Math.max(...wy.idx) : -1;
  const tmp = new Float32Array((rowHi - rowLo + 1) * outW);
  for (let y = rowLo; y <= rowHi; y++) {
    const base = y * width;
    const t = (y - rowLo) * outW;
    for (let o = 0; o < outW; o++) {
      let s = 0;
      for (let k = wx.start[o]!; k < wx.start[o + 1]!; k++) s += plane[base + wx.idx[k]!]! * wx.w[k]!;
      tmp[t + o] = s;
    }
  }
  const out = new Float32Array(outW * outH);
  for (let o = 0; o < outH; o++) {
    for (let k = wy.start[o]!; k < wy.start[o + 1]!; k++) {
      const t = (wy.idx[k]! - rowLo) * outW;
      const wk = wy.w[k]!;
      for (let x = 0; x < outW; x++) out[o * outW + x]! += tmp[t + x]! * wk;
    }
  }
  return out;
}

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

/**
 * Per-channel f×f block means of interleaved RGB into three planes (a trailing partial block is
 * dropped). The engine's own pass is the WebAssembly kernel; this is its reference in tests.
 */
export function rgbBlockMeans(
  img: RgbImage,
  f: number,
): { r: Float32Array; g: Float32Array; b: Float32Array; width: number; height: number } {
  const w = Math.floor(img.width / f);
  const h = Math.floor(img.height / f);
  const planes = [new Float32Array(w * h), new Float32Array(w * h), new Float32Array(w * h)] as const;
  for (let y = 0; y < h * f; y++) {
    for (let x = 0; x < w * f; x++) {
      const i = (y * img.width + x) * 3;
      const o = Math.floor(y / f) * w + Math.floor(x / f);
      planes[0][o]! += img.data[i]!;
      planes[1][o]! += img.data[i + 1]!;
      planes[2][o]! += img.data[i + 2]!;
    }
  }
  for (const p of planes) for (let i = 0; i < p.length; i++) p[i]! /= f * f;
  return { r: planes[0], g: planes[1], b: planes[2], width: w, height: h };
}

/** Mean of each f×f block (integer factor; a trailing partial block is dropped), as in Wang's ssim.m. */
export function boxDownsample(
  plane: Float32Array,
  width: number,
  height: number,
  f: number,
): { plane: Float32Array; width: number; height: number } {
  if (f <= 1) return { plane, width, height };
  const w = Math.floor(width / f);
  const h = Math.floor(height / f);
  const out = new Float32Array(w * h);
  const inv = 1 / (f * f);
  for (let y = 0; y < h * f; y++) {
    const row = Math.floor(y / f) * w;
    const base = y * width;
    for (let x = 0; x < w; x++) {
      let s = 0;
      const b = base + x * f;
      for (let k = 0; k < f; k++) s += plane[b + k]!;
      out[row + x]! += s * inv;
    }
  }
  return { plane: out, width: w, height: h };
}

export function wholeRect(img: { width: number; height: number }): Rect {
  return { left: 0, top: 0, width: img.width, height: img.height };
}

/**
 * Rec. 601 luma of the f×f block means of a rectangle of `img` (a trailing partial block is dropped),
 * and, when `against` is given (a rectangle of the same size in another image), the squared error
 * between the two over every RGB sample: one pass, since each reads the whole image. Integer weights 299/587/114 per
 * mille keep the block sums exact; the row loops live in small functions V8 optimises on their own.
 */
export function blockLuma(
  img: RgbImage,
  r: Rect,
  f: number,
  against?: { img: RgbImage; r: Rect },
): { plane: Float32Array; width: number; height: number; squaredError: number } {
  const w = Math.floor(r.width / f);
  const h = Math.floor(r.height / f);
  const plane = new Float32Array(w * h);
  const sums = new Int32Array(w);
  const scale = 1 / (1000 * f * f);
  const rowLength = r.width * 3;
  const blocked = w * f * 3;
  let squaredError = 0;
  for (let y = 0; y < r.height; y++) {
    const i = ((r.top + y) * img.width + r.left) * 3;
    const o = against ? ((against.r.top + y) * against.img.width + against.r.left) * 3 : 0;
    if (y < h * f) {
      if (against) {
        squaredError += rowBlockLumaAndError(img.data, i, against.img.data, o, w, f, sums);
        squaredError += rowError(img.data, i + blocked, against.img.data, o + blocked, rowLength - blocked);
      } else {
        rowBlockLuma(img.data, i, w, f, sums);
      }
      if (y % f === f - 1) {
        const row = ((y + 1) / f - 1) * w;
        for (let bx = 0; bx < w; bx++) plane[row + bx] = sums[bx]! * scale;
        sums.fill(0);
      }
    } else if (against) {
      squaredError += rowError(img.data, i, against.img.data, o, rowLength);
    }
  }
  return { plane, width: w, height: h, squaredError };
}

function rowBlockLuma(d: Uint8Array, i: number, w: number, f: number, sums: Int32Array): void {
  for (let bx = 0; bx < w; bx++) {
    let l = 0;
    for (let k = 0; k < f; k++, i += 3) l += 299 * d[i]! + 587 * d[i + 1]! + 114 * d[i + 2]!;
    sums[bx]! += l;
  }
}

function rowBlockLumaAndError(
  d: Uint8Array,
  i: number,
  e: Uint8Array,
  o: number,
  w: number,
  f: number,
  sums: Int32Array,
): number {
  let se = 0;
  for (let bx = 0; bx < w; bx++) {
    let l = 0;
    for (let k = 0; k < f; k++, i += 3, o += 3) {
      const r = d[i]!;
      const g = d[i + 1]!;
      const b = d[i + 2]!;
      l += 299 * r + 587 * g + 114 * b;
      const dr = r - e[o]!;
      const dg = g - e[o + 1]!;
      const db = b - e[o + 2]!;
      se += dr * dr + dg * dg + db * db;
    }
    sums[bx]! += l;
  }
  return se;
}

function rowError(d: Uint8Array, i: number, e: Uint8Array, o: number, n: number): number {
  let se = 0;
  for (let k = 0; k < n; k++) {
    const x = d[i + k]! - e[o + k]!;
    se += x * x;
  }
  return se;
}
