import type { Rect, RgbImage } from './raster';

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
