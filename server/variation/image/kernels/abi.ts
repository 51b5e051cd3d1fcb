/** What the kernels' WebAssembly module exports (assembly/index.ts): every pointer a byte offset into its memory. */

/** The SSIM preparation kernel: (plane, width, height, taps, original plane, means, means of squares, scratch). */
export type SsimKernel<R> = (
  plane: number,
  w: number,
  h: number,
  taps: number,
  a: number,
  mean: number,
  meanSq: number,
  scratch: number,
) => R;

/** As SsimKernel, with the original's planes read as a window: a aStride values per row, the means meanStride. */
export type SsimAgainstKernel = (
  plane: number,
  w: number,
  h: number,
  taps: number,
  a: number,
  aStride: number,
  mean: number,
  meanSq: number,
  meanStride: number,
  scratch: number,
) => number;

export interface Exports {
  memory: WebAssembly.Memory;
  render(
    src: number,
    srcStride: number,
    out: number,
    w: number,
    h: number,
    grid: number,
    nx: number,
    params: number,
    rowNodes: number,
    rowField: number,
  ): void;
  blockLuma(img: number, stride: number, w: number, h: number, f: number, plane: number, colsum: number): void;
  squaredError(a: number, aStride: number, b: number, bStride: number, w: number, h: number): number;
  ssimPrepare: SsimKernel<void>;
  blockMeansRgb(
    img: number,
    stride: number,
    w: number,
    h: number,
    f: number,
    r: number,
    g: number,
    b: number,
    colsum: number,
  ): void;
  ssimAgainst: SsimAgainstKernel;
  /** ssimAgainst in f32 (assembly/ssim.ts), against what ssimNarrow wrote; taps as 6 f32. */
  ssimAgainstFast: SsimAgainstKernel;
  /** The original's f32 side for ssimAgainstFast from ssimPrepare's f64 one. */
  ssimNarrow(
    a: number,
    mean: number,
    meanSq: number,
    nA: number,
    nValid: number,
    a32: number,
    mean32: number,
    meanSq32: number,
  ): void;
  areaMeans(plane: number, w: number, h: number, outW: number, outH: number, out: number, scratch: number): void;
  fieldGrid(by: number, partial: number, nx: number, ny: number, grid: number): void;
  cellSums(
    grid: number,
    nx: number,
    rowBase: number,
    rows: number,
    cellOfColumn: number,
    columns: number,
    sum: number,
    count: number,
  ): void;
  addSurface(
    grid: number,
    nx: number,
    ny: number,
    nodes: number,
    x0: number,
    fx: number,
    gx: number,
    y0: number,
    fy: number,
    gy: number,
    top: number,
    bottom: number,
  ): void;
}
