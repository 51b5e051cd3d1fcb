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
 * Quarter-style downsample of interleaved RGB straight into three planes (f×f block means). With
 * `sample` > 1 each block is estimated from every sample-th row and column only (for predictions
 * that need block means, not exact ones, at 1/sample² of the reads).
 */
export function rgbBlockMeans(
  img: RgbImage,
  f: number,
  sample = 1,
): { r: Float32Array; g: Float32Array; b: Float32Array; width: number; height: number } {
  const w = Math.floor(img.width / f);
  const h = Math.floor(img.height / f);
  const r = new Float32Array(w * h);
  const g = new Float32Array(w * h);
  const b = new Float32Array(w * h);
  // Interleaved integer sums per block column: exact, and one typed-array write per block per row.
  const sums = new Int32Array(3 * w);
  const inv = 1 / (Math.ceil(f / sample) * Math.ceil(f / sample));
  for (let by = 0; by < h; by++) {
    sums.fill(0);
    for (let y = by * f; y < by * f + f; y += sample) rowChannelSums(img.data, y * img.width * 3, w, f, sample, sums);
    for (let bx = 0; bx < w; bx++) {
      r[by * w + bx] = sums[3 * bx]! * inv;
      g[by * w + bx] = sums[3 * bx + 1]! * inv;
      b[by * w + bx] = sums[3 * bx + 2]! * inv;
    }
  }
  return { r, g, b, width: w, height: h };
}

function rowChannelSums(d: Uint8Array, i0: number, w: number, f: number, sample: number, sums: Int32Array): void {
  for (let bx = 0; bx < w; bx++) {
    let sr = 0;
    let sg = 0;
    let sb = 0;
    const i = i0 + bx * f * 3;
    for (let k = 0; k < f; k += sample) {
      sr += d[i + 3 * k]!;
      sg += d[i + 3 * k + 1]!;
      sb += d[i + 3 * k + 2]!;
    }
    sums[3 * bx]! += sr;
    sums[3 * bx + 1]! += sg;
    sums[3 * bx + 2]! += sb;
  }
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
