/**
 * Pixel kernels of the image engine, in AssemblyScript compiled to WebAssembly with 128-bit SIMD
 * (built by scripts/build-kernels.mjs into ../binary.ts). The caller (../index.ts) owns the memory
 * layout: every pointer is a byte offset into this module's memory, regions are padded by at least
 * 64 bytes so whole vectors may be read and written past a row's end, and rows are processed top to
 * bottom so a store that spills past its row is overwritten by the next one.
 */

// The module's exports: the one entry the build compiles (scripts/build-kernels.mjs), re-exporting
// each kernel from the file that holds it and its inlined helpers.
export { render } from './render';
export { blockLuma, blockMeansRgb } from './blocks';
export { squaredError } from './error';
export { ssimPrepare, ssimAgainst, ssimNarrow, ssimAgainstFast } from './ssim';
export { areaMeans } from './area';
export { fieldGrid } from './grid';
export { cellSums, addSurface } from './cells';
