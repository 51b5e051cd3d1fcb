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
