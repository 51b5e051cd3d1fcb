/**
 * The image engine's WebAssembly kernels (assembly/index.ts, SIMD): the variant's render, block
 * luma and squared error, the passes that read every pixel. Each variant being made holds its own
 * instance, and so its own memory, laid out once per source image (layout.ts).
 *
 * The output region is handed to sharp as the raw input of the encode (a view, not a copy), then
 * receives the decoded released bytes for the check. Memory only grows in load(), never while sharp
 * holds a view.
 */
import type { Rect, RgbImage } from '../raster';
import { SSIM_TAPS } from '../ssim';
import type { Exports, SsimKernel } from './abi';
import { KERNELS_WASM_BASE64 } from './binary';
import { MAX_CELLS, TAPS32_AT, TAPS_AT, cellsParts, gridNodes, layoutFor, type Layout } from './layout';
import { writeToneLanes, type ToneLanes } from './tone-lanes';

export type { ToneLanes } from './tone-lanes';

/** The original's SSIM side over a whole reduced plane (see ImageKernels.ssimStats). */
export interface SsimStats {
  width: number;
  height: number;
  /** The plane (f64), width × height. */
  a: Float64Array;
  /** Window means and means of squares at the valid positions, (width − 10) × (height − 10). */
  mean: Float64Array;
  meanSq: Float64Array;
}

/** A reduced luma plane copied out of the kernels' memory. */
export interface LumaPlane {
  plane: Float32Array;
  width: number;
  height: number;
}

/** Bytes in a WebAssembly memory page. */
const PAGE = 65536;
/** Idle instances kept for reuse hold at most this much memory together; others are left to the GC. */
const IDLE_BYTES = 48 * 1024 * 1024;

let compiled: WebAssembly.Module | undefined;
const idle: ImageKernels[] = [];

export class ImageKernels {
  private readonly k: Exports;
  private layout: Layout | null = null;
  /** Key of the source whose pixels the source region holds. */
  private loaded: string | null = null;
  private prepared: { width: number; height: number } | null = null;
  /** Size of the reduced plane in the plane region. */
  private reduced: { width: number; height: number } | null = null;
  /** The source statistics the SSIM regions hold whole (written by reference() or useReference()). */
  private held: SsimStats | null = null;
  /**
   * Where measure() reads the original's side: offsets (in values) of a window into the held
   * statistics, the same in their f64 regions and their f32 copies (ssimNarrow).
   */
  private window: { a: number; aStride: number; means: number; meanStride: number } | null = null;
  /** The reduced plane measure() left in the plane region, for ssimExact(); null once it is overwritten. */
  private measured: { width: number; height: number } | null = null;

  private constructor() {
    compiled ??= new WebAssembly.Module(Buffer.from(KERNELS_WASM_BASE64, 'base64'));
    this.k = new WebAssembly.Instance(compiled, {}).exports as unknown as Exports;
  }

  /** An idle instance (preferably one holding the source `key`), or a new one; give it back with release(). */
  static acquire(key?: string): ImageKernels {
    const at = key === undefined ? -1 : idle.findIndex((k) => k.loaded === key);
    if (at >= 0) return idle.splice(at, 1)[0]!;
    return idle.pop() ?? new ImageKernels();
  }

  release(): void {
    this.prepared = null;
    this.measured = null;
    const held = idle.reduce((n, k) => n + k.k.memory.buffer.byteLength, 0);
    if (held + this.k.memory.buffer.byteLength <= IDLE_BYTES) idle.push(this);
  }

  private get lay(): Layout {
    if (!this.layout) throw new Error('ImageKernels: load() a source first');
    return this.layout;
  }

  private bytes(at: number, length: number): Uint8Array {
    return new Uint8Array(this.k.memory.buffer, at, length);
  }

  /**
   * Lays the memory out for this source and copies its pixels in, unless this instance already holds
   * the source `key` (the caller's name for these exact pixels).
   */
  load(source: RgbImage, key: string): void {
    if (this.loaded === key && this.layout?.width === source.width && this.layout.height === source.height) return;
    const lay = layoutFor(source.width, source.height);
    const have = this.k.memory.buffer.byteLength;
    if (have < lay.end) this.k.memory.grow(Math.ceil((lay.end - have) / PAGE));
    this.layout = lay;
    this.bytes(lay.src, source.data.length).set(source.data);
    this.loaded = key;
    this.held = null;
  }

  /** A view of the field grid region (render() then reads it in place), valid until the next load(). */
  gridView(length: number): Float32Array {
    const lay = this.lay;
    if (length * 4 > lay.fieldTerms - lay.grid) throw new Error('field grid larger than the layout holds');
    return new Float32Array(this.k.memory.buffer, lay.grid, length);
  }

  /**
   * The field on the render's node grid (nx × ny nodes) into the grid region, from its separable
   * terms, which `terms` writes into the views it is given (field.ts); answers a copy of the grid.
   */
  fieldGrid(nx: number, ny: number, terms: (by: Float64Array, partial: Float64Array) => void): Float32Array {
    const lay = this.lay;
    if (nx * ny * 4 > lay.fieldTerms - lay.grid - 64 || 8 * (nx + ny) * 8 > lay.rowNodes - lay.fieldTerms - 64) {
      throw new Error('field grid larger than the layout holds');
    }
    const buffer = this.k.memory.buffer;
    const partialAt = lay.fieldTerms + 8 * 8 * ny;
    terms(new Float64Array(buffer, lay.fieldTerms, 8 * ny), new Float64Array(buffer, partialAt, 8 * nx));
    this.k.fieldGrid(lay.fieldTerms, partialAt, nx, ny, lay.grid);
    return new Float32Array(buffer, lay.grid, nx * ny).slice();
  }

  /** The cells region's parts for this layout's largest grid. */
  private cellsParts(): ReturnType<typeof cellsParts> {
    const lay = this.lay;
    return cellsParts(lay.cells, gridNodes(lay.width), gridNodes(lay.height));
  }

  /**
   * Runs `kernel` on the grid in the grid region: in place when `grid` is the region's view
   * (gridView), else on a copy of it there, copied back after.
   */
  private onGrid(grid: Float32Array, kernel: () => void, writes: boolean): void {
    const lay = this.lay;
    if (grid.length * 4 > lay.fieldTerms - lay.grid - 64) throw new Error('field grid larger than the layout holds');
    const buffer = this.k.memory.buffer;
    if (grid.buffer === buffer && grid.byteOffset === lay.grid) {
      kernel();
      return;
    }
    const region = new Float32Array(buffer, lay.grid, grid.length);
    region.set(grid);
    kernel();
    if (writes) grid.set(region);
  }

  /**
   * field.ts sumNodesByCell on the kernels (the same sums, bit for bit): adds node (kx, ky) of the
   * grid (nx per row), ky < rowBase.length and kx < columns, to sum and count at rowBase[ky] +
   * cellOfColumn[kx]. Uses the grid region (a copy of `grid` unless it is its view).
   */
  cellSums(
    grid: Float32Array,
    nx: number,
    rowBase: Int32Array,
    cellOfColumn: Int32Array,
    columns: number,
    sum: Float64Array,
    count: Float64Array,
  ): void {
    const lay = this.lay;
    const rows = rowBase.length;
    const cells = sum.length;
    if (count.length !== cells || cells > MAX_CELLS) throw new Error('cell sums larger than the layout holds');
    if (nx > gridNodes(lay.width) || rows > gridNodes(lay.height) || columns > nx || columns > cellOfColumn.length) {
      throw new Error('field grid larger than the layout holds');
    }
    if (rows * nx > grid.length) throw new Error('grid smaller than its rows');
    if (rows > 0 && columns > 0 && largest(rowBase, rows) + largest(cellOfColumn, columns) >= cells) {
      throw new Error('node outside the cells');
    }
    const parts = this.cellsParts();
    const buffer = this.k.memory.buffer;
    new Int32Array(buffer, parts.rowTable, rows).set(rowBase);
    new Int32Array(buffer, parts.columnTable, columns).set(cellOfColumn.subarray(0, columns));
    const sums = new Float64Array(buffer, parts.sum, cells);
    const counts = new Float64Array(buffer, parts.count, cells);
    sums.set(sum);
    counts.set(count);
    this.onGrid(
      grid,
      () => this.k.cellSums(lay.grid, nx, parts.rowTable, rows, parts.columnTable, columns, parts.sum, parts.count),
      false,
    );
    sum.set(sums);
    count.set(counts);
  }

  /**
   * embed-blockhash.ts addBlockPush's loops on the kernels (the same values, bit for bit): adds the
   * bilinear surface through the 16 × 16 block-centre nodes to the grid (nx per row), given per grid
   * column the first node column x0 and its weights fx, gx = 1 − fx, per grid row y0, fy and gy.
   */
  addSurface(
    grid: Float32Array,
    nx: number,
    nodes: Float64Array,
    x: { x0: Int32Array; fx: Float64Array; gx: Float64Array },
    y: { y0: Int32Array; fy: Float64Array; gy: Float64Array },
  ): void {
    const lay = this.lay;
    const ny = y.y0.length;
    if (nodes.length !== 256) throw new Error('block push needs 16 × 16 nodes');
    if (nx > gridNodes(lay.width) || ny > gridNodes(lay.height) || nx * ny > grid.length) {
      throw new Error('field grid larger than the layout holds');
    }
    if (x.x0.length < nx || x.fx.length < nx || x.gx.length < nx || y.fy.length < ny || y.gy.length < ny) {
      throw new Error('block push tables shorter than the grid');
    }
    if (!within(x.x0, nx, 0, 14) || !within(y.y0, ny, 0, 14)) throw new Error('block push node out of range');
    const parts = this.cellsParts();
    const buffer = this.k.memory.buffer;
    new Float64Array(buffer, parts.nodes, 256).set(nodes);
    // The row table holds y0 and the column table x0 (i32), the weights their f64 parts.
    new Int32Array(buffer, parts.columnTable, nx).set(x.x0.subarray(0, nx));
    new Float64Array(buffer, parts.fx, nx).set(x.fx.subarray(0, nx));
    new Float64Array(buffer, parts.gx, nx).set(x.gx.subarray(0, nx));
    new Int32Array(buffer, parts.rowTable, ny).set(y.y0);
    new Float64Array(buffer, parts.fy, ny).set(y.fy.subarray(0, ny));
    new Float64Array(buffer, parts.gy, ny).set(y.gy.subarray(0, ny));
    this.onGrid(
      grid,
      () =>
        this.k.addSurface(
          lay.grid,
          nx,
          ny,
          parts.nodes,
          parts.columnTable,
          parts.fx,
          parts.gx,
          parts.rowTable,
          parts.fy,
          parts.gy,
          parts.top,
          parts.bottom,
        ),
      true,
    );
  }

  /**
   * Per-channel f×f block means of the whole source (a trailing partial block dropped). Uses the
   * output region as scratch, so call it before render().
   */
  sourceMeans(f: number): { r: Float32Array; g: Float32Array; b: Float32Array; width: number; height: number } {
    const lay = this.lay;
    if (!Number.isInteger(f) || f < 2 || f > 128) throw new Error(`block size ${f} out of range`);
    const w = Math.floor(lay.width / f);
    const h = Math.floor(lay.height / f);
    const n = w * h;
    // Three planes of n f32: at most 3/4 of the output region's w·h·3 bytes for f ≥ 2.
    this.k.blockMeansRgb(
      lay.src,
      lay.width * 3,
      lay.width,
      lay.height,
      f,
      lay.out,
      lay.out + 4 * n,
      lay.out + 8 * n,
      lay.colsum,
    );
    const plane = (at: number): Float32Array => new Float32Array(this.k.memory.buffer, at, n).slice();
    return { r: plane(lay.out), g: plane(lay.out + 4 * n), b: plane(lay.out + 8 * n), width: w, height: h };
  }

  private cropAt(r: Rect): number {
    const { src, width } = this.lay;
    if (r.left < 0 || r.top < 0 || r.left + r.width > width || r.top + r.height > this.lay.height) {
      throw new Error('crop outside the source');
    }
    return src + (r.top * width + r.left) * 3;
  }

  /**
   * Renders the crop with the tone and the field (grid: nodes every 8 pixels, nx per row, at least
   * ((h − 1) >> 3) + 2 rows) into the output region; answers a view of it for the encoder, valid until
   * the next call on this instance.
   */
  render(crop: Rect, tone: ToneLanes, grid: Float32Array, nx: number): Buffer {
    const lay = this.lay;
    if (nx < Math.ceil(crop.width / 8) + 1 || grid.length < nx * (((crop.height - 1) >> 3) + 2)) {
      throw new Error('field grid too small for the crop');
    }
    writeToneLanes(this.k.memory.buffer, lay.params, tone);
    if (grid.buffer !== this.k.memory.buffer || grid.byteOffset !== lay.grid) {
      new Float32Array(this.k.memory.buffer, lay.grid, grid.length).set(grid);
    }
    this.k.render(
      this.cropAt(crop),
      lay.width * 3,
      lay.out,
      crop.width,
      crop.height,
      lay.grid,
      nx,
      lay.params,
      lay.rowNodes,
      lay.rowField,
    );
    const length = crop.width * crop.height * 3;
    return Buffer.from(this.k.memory.buffer, lay.out, length);
  }

  /**
   * The original's side of the check: the crop's block luma (f×f means, Rec. 601) and its SSIM
   * window statistics, kept for measure(). Answers the plane.
   */
  reference(crop: Rect, f: number): LumaPlane {
    const lay = this.lay;
    const reduced = this.luma(this.cropAt(crop), lay.width * 3, crop.width, crop.height, f);
    const plane = this.lastPlane();
    this.writeTaps();
    this.ssim(this.k.ssimPrepare, reduced);
    this.narrow(reduced.width, reduced.height);
    this.prepared = { width: reduced.width, height: reduced.height };
    this.held = null;
    this.window = { a: 0, aStride: reduced.width, means: 0, meanStride: reduced.width - 10 };
    return { plane, ...reduced };
  }

  /** Copies out what reference() prepared, to be reused for any window of it (useReference). */
  ssimStats(): SsimStats {
    if (!this.prepared) throw new Error('ssimStats() needs reference() first');
    const { width, height } = this.prepared;
    const valid = (width - 10) * (height - 10);
    const f64 = (at: number, n: number): Float64Array => new Float64Array(this.k.memory.buffer, at, n).slice();
    const stats = {
      width,
      height,
      a: f64(this.lay.ssimA, width * height),
      mean: f64(this.lay.ssimMean, valid),
      meanSq: f64(this.lay.ssimMeanSq, valid),
    };
    // The regions hold exactly these: a later useReference() of them needs no copy.
    this.held = stats;
    return stats;
  }

  /**
   * Prepares measure() for a crop whose reduced plane is the window of `stats` at block (x0, y0):
   * the crop's offset is a multiple of f. Answers the window in the plane's units.
   */
  useReference(
    stats: SsimStats,
    x0: number,
    y0: number,
    crop: Rect,
    f: number,
  ): { x0: number; y0: number; x1: number; y1: number } {
    const w = Math.floor(crop.width / f);
    const h = Math.floor(crop.height / f);
    if (!Number.isInteger(x0) || !Number.isInteger(y0) || x0 < 0 || y0 < 0) throw new Error('window off the grid');
    if (x0 + w > stats.width || y0 + h > stats.height) throw new Error('window outside the reference');
    if (w * h > this.lay.planeCapacity) throw new Error('reduced plane larger than the layout holds');
    if (w <= 10 || h <= 10) throw new Error('image too small for SSIM');
    const lay = this.lay;
    const buffer = this.k.memory.buffer;
    if (this.held !== stats) {
      // The whole statistics, once per instance and source: measure() reads its window in place.
      if (stats.width * stats.height > lay.planeCapacity) throw new Error('reference larger than the layout holds');
      new Float64Array(buffer, lay.ssimA, stats.a.length).set(stats.a);
      new Float64Array(buffer, lay.ssimMean, stats.mean.length).set(stats.mean);
      new Float64Array(buffer, lay.ssimMeanSq, stats.meanSq.length).set(stats.meanSq);
      this.narrow(stats.width, stats.height);
      this.held = stats;
    }
    this.window = {
      a: y0 * stats.width + x0,
      aStride: stats.width,
      means: y0 * (stats.width - 10) + x0,
      meanStride: stats.width - 10,
    };
    this.writeTaps();
    this.prepared = { width: w, height: h };
    return { x0, y0, x1: x0 + w, y1: y0 + h };
  }

  /**
   * The 32×32 thumbnail of the rendered crop still in the output region (render() first), at the
   * reference's scale: what measure() computes from the decoded variant, before the encode.
   */
  outputThumb(crop: Rect, f: number): Float32Array {
    const lay = this.lay;
    const reduced = this.luma(lay.out, crop.width * 3, crop.width, crop.height, f);
    if (reduced.width > lay.areaWidth) throw new Error('reduced plane wider than the layout holds');
    this.k.areaMeans(lay.plane, reduced.width, reduced.height, 32, 32, lay.thumb, lay.areaScratch);
    return new Float32Array(this.k.memory.buffer, lay.thumb, 32 * 32).slice();
  }

  /** Copies decoded variant pixels (w×h RGB) into the output region, for measure(). */
  putVariant(img: RgbImage): void {
    if (img.data.length > this.lay.width * this.lay.height * 3) throw new Error('variant larger than its source');
    this.bytes(this.lay.out, img.data.length).set(img.data);
  }

  /**
   * The variant's side (putVariant first): its block luma at the reference's scale, SSIM against the
   * reference, and the squared error against the original's crop over every RGB sample.
   */
  measure(
    crop: Rect,
    f: number,
  ): { width: number; height: number; ssim: number; squaredError: number; thumb: Float32Array } {
    const lay = this.lay;
    const reduced = this.luma(lay.out, crop.width * 3, crop.width, crop.height, f);
    if (!this.prepared || this.prepared.width !== reduced.width || this.prepared.height !== reduced.height) {
      throw new Error('measure() needs reference() of the same crop and scale');
    }
    const ssim = this.against(reduced, 'f32');
    const squaredError = this.k.squaredError(
      lay.out,
      crop.width * 3,
      this.cropAt(crop),
      lay.width * 3,
      crop.width,
      crop.height,
    );
    // The 32×32 thumbnail of the reduced plane.
    if (reduced.width > lay.areaWidth) throw new Error('reduced plane wider than the layout holds');
    this.k.areaMeans(lay.plane, reduced.width, reduced.height, 32, 32, lay.thumb, lay.areaScratch);
    const thumb = new Float32Array(this.k.memory.buffer, lay.thumb, 32 * 32).slice();
    this.measured = { ...reduced };
    return { ...reduced, ssim, squaredError, thumb };
  }

  /**
   * The SSIM of the variant the last measure() measured, in f64 (ssimAgainst): what measure()'s f32
   * figure approximates within SSIM_FAST_BOUND (gates.ts), for a gate that figure cannot decide.
   */
  ssimExact(): number {
    if (!this.measured) throw new Error('ssimExact() needs measure() first');
    return this.against(this.measured, 'f64');
  }

  /** SSIM of the reduced plane in the plane region against the window of the held statistics. */
  private against(plane: { width: number; height: number }, precision: 'f32' | 'f64'): number {
    const lay = this.lay;
    const win = this.window!;
    const [kernel, taps, size, a, mean, meanSq] =
      precision === 'f32'
        ? [this.k.ssimAgainstFast, TAPS32_AT, 4, lay.ssimA32, lay.ssimMean32, lay.ssimMeanSq32]
        : [this.k.ssimAgainst, TAPS_AT, 8, lay.ssimA, lay.ssimMean, lay.ssimMeanSq];
    return kernel(
      lay.plane,
      plane.width,
      plane.height,
      lay.params + taps,
      a + size * win.a,
      win.aStride,
      mean + size * win.means,
      meanSq + size * win.means,
      win.meanStride,
      lay.ssimScratch,
    );
  }

  /** The SSIM taps into the params region, as f64 (ssimPrepare, ssimAgainst) and f32 (ssimAgainstFast). */
  private writeTaps(): void {
    const buffer = this.k.memory.buffer;
    new Float64Array(buffer, this.lay.params + TAPS_AT, 6).set(SSIM_TAPS);
    new Float32Array(buffer, this.lay.params + TAPS32_AT, 6).set(SSIM_TAPS);
  }

  /** The f32 copy of the SSIM regions' statistics of a width × height plane (ssimNarrow). */
  private narrow(width: number, height: number): void {
    const lay = this.lay;
    this.k.ssimNarrow(
      lay.ssimA,
      lay.ssimMean,
      lay.ssimMeanSq,
      width * height,
      (width - 10) * (height - 10),
      lay.ssimA32,
      lay.ssimMean32,
      lay.ssimMeanSq32,
    );
  }

  /** Runs the SSIM preparation on the luma plane region (w × h) into the instance's SSIM regions. */
  private ssim<R>(kernel: SsimKernel<R>, plane: { width: number; height: number }): R {
    const lay = this.lay;
    return kernel(
      lay.plane,
      plane.width,
      plane.height,
      lay.params + TAPS_AT,
      lay.ssimA,
      lay.ssimMean,
      lay.ssimMeanSq,
      lay.ssimScratch,
    );
  }

  /** A copy of the reduced plane the last reference() or measure() computed. */
  lastPlane(): Float32Array {
    if (!this.reduced) throw new Error('no reduced plane yet');
    return new Float32Array(this.k.memory.buffer, this.lay.plane, this.reduced.width * this.reduced.height).slice();
  }

  private luma(at: number, stride: number, w: number, h: number, f: number): { width: number; height: number } {
    if (!Number.isInteger(f) || f < 1 || f > 128) throw new Error(`block size ${f} out of range`);
    const lw = Math.floor(w / f);
    const lh = Math.floor(h / f);
    if (lw * lh > this.lay.planeCapacity) throw new Error('reduced plane larger than the layout holds');
    if (lw <= 10 || lh <= 10) throw new Error('image too small for SSIM');
    this.k.blockLuma(at, stride, w, h, f, this.lay.plane, this.lay.colsum);
    this.reduced = { width: lw, height: lh };
    this.measured = null;
    return this.reduced;
  }
}

// Loops, not spreads into arrays: these checks run on every attempt.

/** The largest of the first n values. */
function largest(values: Int32Array, n: number): number {
  let m = -Infinity;
  for (let i = 0; i < n; i++) if (values[i]! > m) m = values[i]!;
  return m;
}

/** Whether the first n values all lie in lo..hi. */
function within(values: Int32Array, n: number, lo: number, hi: number): boolean {
  for (let i = 0; i < n; i++) if (values[i]! < lo || values[i]! > hi) return false;
  return true;
}
