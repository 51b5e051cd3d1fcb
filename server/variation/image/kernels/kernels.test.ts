/**
 * The WebAssembly kernels against plain TypeScript references: the render against the tone and field
 * formulas, the reductions and SSIM against the engine's reference implementations in raster.ts and
 * ssim.ts, on sizes that are not multiples of the vector width. And the embedded binary is what
 * its source compiles to.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Rng } from '../../seed';
import { blockLuma } from '../block-luma';
import { areaResample, rgbBlockMeans, type Rect, type RgbImage } from '../raster';
import { addBlockPush } from '../embed-blockhash';
import { fieldGrid, finalGrid, sumNodesByCell } from '../field';
import type { Params } from '../params';
import { SSIM_FAST_BOUND } from '../gates';
import { ssimAgainst, ssimReference } from '../ssim';
import { ImageKernels, type ToneLanes } from './index';
import { writeToneLanes } from './tone-lanes';

function noisyImage(width: number, height: number, seed: string): RgbImage {
  const rng = new Rng(seed);
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const base = 128 + 100 * Math.sin(x / 9) * Math.cos(y / 13);
      data[i] = Math.max(0, Math.min(255, Math.round(base + rng.uniform(-30, 30))));
      data[i + 1] = Math.max(0, Math.min(255, Math.round(255 - base + rng.uniform(-30, 30))));
      // Blue saturates often, so the clamps and the knee are exercised.
      data[i + 2] = rng.next() < 0.2 ? 255 : Math.round(rng.uniform(0, 255));
    }
  }
  return { data, width, height, channels: 3 };
}

/** What render must produce, written from the formulas in index.ts and assembly/index.ts. */
function expectedRender(src: RgbImage, crop: Rect, tone: ToneLanes, grid: Float32Array, nx: number): Uint8Array {
  const out = new Uint8Array(crop.width * crop.height * 3);
  for (let y = 0; y < crop.height; y++) {
    const ky = y >> 3;
    const fy = (y & 7) / 8;
    for (let x = 0; x < crop.width; x++) {
      const k = x >> 3;
      const node = (kk: number): number => grid[ky * nx + kk]! + (grid[(ky + 1) * nx + kk]! - grid[ky * nx + kk]!) * fy;
      const field = node(k) + ((node(k + 1) - node(k)) * (x & 7)) / 8;
      for (let c = 0; c < 3; c++) {
        const v = src.data[((crop.top + y) * src.width + crop.left + x) * 3 + c]!;
        let t = v * tone.gains[c]! + tone.offsets[c]!;
        if (t > tone.knee) t += (t - tone.knee) * tone.extraSlopes[c]!;
        out[(y * crop.width + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(t + field)));
      }
    }
  }
  return out;
}

/**
 * The thumbnail kernel's arithmetic in f64, term by term (per cell: rows top to bottom, each row's
 * weighted pixels left to right, the row weighted and added, the sum scaled and rounded to f32), so a
 * change in its order of summation shows here, not as a moved gate decision much later.
 */
function exactAreaMeans(plane: Float32Array, w: number, h: number, outW: number, outH: number): Float32Array {
  const out = new Float32Array(outW * outH);
  const sx = w / outW;
  const sy = h / outH;
  const inv = 1 / (sx * sy);
  for (let oy = 0; oy < outH; oy++) {
    const y0 = oy * sy;
    const y1 = y0 + sy;
    for (let ox = 0; ox < outW; ox++) {
      const x0 = ox * sx;
      const x1 = x0 + sx;
      let sum = 0;
      for (let y = Math.floor(y0); y < Math.min(h, Math.ceil(y1)); y++) {
        const wy = Math.min(y1, y + 1) - Math.max(y0, y);
        let row = 0;
        for (let x = Math.floor(x0); x < Math.min(w, Math.ceil(x1)); x++) {
          row += (Math.min(x1, x + 1) - Math.max(x0, x)) * plane[y * w + x]!;
        }
        sum += wy * row;
      }
      out[oy * outW + ox] = sum * inv;
    }
  }
  return out;
}

/**
 * The render kernel's arithmetic written out per byte: the tone in 16-bit fixed point (wrapping adds,
 * Q15 rounding multiplies that saturate, the knee), the field's f32 interpolation rounded half to
 * even, and the final shift saturated to a byte. Bit for bit what the kernel must give.
 */
function exactRender(src: RgbImage, crop: Rect, tone: ToneLanes, grid: Float32Array, nx: number): Uint8Array {
  const lanes = new Int16Array(146);
  writeToneLanes(lanes.buffer, 0, tone);
  const i16 = (x: number): number => (x << 16) >> 16;
  const q15mulr = (a: number, b: number): number => Math.max(-32768, Math.min(32767, (a * b + 0x4000) >> 15));
  const roundEven = (v: number): number => {
    const r = Math.round(v);
    return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
  };
  const f = Math.fround;
  const knee = lanes[144]!;
  const shift = lanes[145]!;
  const { width: w, height: h } = crop;
  const out = new Uint8Array(w * h * 3);
  const nodes = new Float32Array(nx);
  const field = new Int32Array(w + 8);
  for (let y = 0; y < h; y++) {
    const fy = f((y & 7) * 0.125);
    const r0 = (y >> 3) * nx;
    for (let k = 0; k < nx; k++) {
      nodes[k] = f(f(grid[r0 + k]! + f(f(grid[r0 + nx + k]! - grid[r0 + k]!) * fy)) * 64);
    }
    for (let k = 0, x = 0; x < w; k++, x += 8) {
      const a = nodes[k]!;
      const d = f(f(nodes[k + 1]! - a) * 0.015625);
      for (let j = 0; j < 8; j++) field[x + j] = roundEven(f(a + f(d * (8 * j))));
    }
    for (let x = 0; x < w; x++) {
      for (let c = 0; c < 3; c++) {
        const lane = (3 * x + c) % 48;
        const v64 = src.data[((crop.top + y) * src.width + crop.left + x) * 3 + c]! << 6;
        const lv = i16(i16(v64 + q15mulr(v64, lanes[lane]!)) + lanes[48 + lane]!);
        const over = Math.max(i16(lv - knee), 0);
        const bent = i16(q15mulr(over, lanes[96 + lane]!) << shift);
        out[(y * w + x) * 3 + c] = Math.max(0, Math.min(255, i16(i16(lv + bent) + field[x]!) >> 6));
      }
    }
  }
  return out;
}

/** Runs `fn` with an instance holding `src` (loaded under `key`), given back afterwards. */
function withKernels(src: RgbImage, key: string, fn: (kernels: ImageKernels) => void): void {
  const kernels = ImageKernels.acquire();
  try {
    kernels.load(src, key);
    fn(kernels);
  } finally {
    kernels.release();
  }
}

describe('image kernels (WebAssembly)', () => {
  it('embed exactly what assembly/index.ts compiles to', () => {
    const root = path.resolve(__dirname, '../../../..');
    const out = execFileSync(process.execPath, [path.join(root, 'scripts/build-kernels.mjs'), '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(out).toMatch(/matches its source/);
  });

  it.each([
    ['no knee', { gains: [1.02, 0.985, 1.0], offsets: [1.5, 1.5, 1.5], extraSlopes: [0, 0, 0], knee: Infinity }],
    [
      'a knee on two channels',
      { gains: [1.01, 1.025, 0.98], offsets: [-2, -2, -2], extraSlopes: [-0.45, -0.5, 0], knee: 190 },
    ],
    [
      'a steep knee (a white just above it)',
      { gains: [0.99, 1.02, 0.985], offsets: [1, 1, 1], extraSlopes: [11.5, -0.6, 2.25], knee: 236 },
    ],
  ] as const)('render tone and field as the formulas say (%s)', (_name, tone) => {
    const src = noisyImage(101, 77, 'render');
    const crop = { left: 3, top: 5, width: 93, height: 69 };
    const nx = Math.ceil((crop.width - 1) / 8) + 2;
    const ny = Math.ceil((crop.height - 1) / 8) + 2;
    const rng = new Rng('grid');
    // A field that reaches the clamps on its own at the extremes, mostly a few levels.
    const grid = Float32Array.from({ length: nx * ny }, () =>
      rng.next() < 0.1 ? rng.uniform(-40, 40) : rng.uniform(-3, 3),
    );
    withKernels(src, 'render-test', (kernels) => {
      const got = kernels.render(crop, tone, grid, nx);
      const want = expectedRender(src, crop, tone, grid, nx);
      expect(got.length).toBe(want.length);
      let worst = 0;
      let off = 0;
      for (let i = 0; i < want.length; i++) {
        const d = Math.abs(got[i]! - want[i]!);
        worst = Math.max(worst, d);
        if (d) off++;
      }
      // Fixed point (1/64 grey level, Q15 gains) moves a value by one level only at rounding edges.
      expect(worst).toBeLessThanOrEqual(1);
      expect(off / want.length).toBeLessThan(0.02);
    });
  });

  it('reduce, compare and score SSIM exactly as the TypeScript references do', () => {
    const src = noisyImage(203, 181, 'measure');
    const crop = { left: 6, top: 3, width: 190, height: 172 };
    const f = 3;
    withKernels(src, 'measure-test', (kernels) => {
      const means = kernels.sourceMeans(4);
      const js = rgbBlockMeans(src, 4);
      expect([means.width, means.height]).toEqual([js.width, js.height]);
      for (const c of ['r', 'g', 'b'] as const) {
        for (let i = 0; i < js[c].length; i++) expect(Math.abs(means[c][i]! - js[c][i]!)).toBeLessThan(1e-4);
      }

      const reduced = kernels.reference(crop, f);
      const jsReduced = blockLuma(src, crop, f);
      expect([reduced.width, reduced.height]).toEqual([jsReduced.width, jsReduced.height]);
      expect(Array.from(reduced.plane)).toEqual(Array.from(jsReduced.plane));

      // A "released" variant: the crop with noise, as the decode of a JPEG would differ.
      const rng = new Rng('variant');
      const variant = new Uint8Array(crop.width * crop.height * 3);
      for (let y = 0; y < crop.height; y++) {
        for (let x = 0; x < crop.width * 3; x++) {
          const v = src.data[((crop.top + y) * src.width + crop.left) * 3 + x]!;
          variant[y * crop.width * 3 + x] = Math.max(0, Math.min(255, v + Math.round(rng.uniform(-9, 9))));
        }
      }
      const released: RgbImage = { data: variant, width: crop.width, height: crop.height, channels: 3 };
      kernels.putVariant(released);
      const m = kernels.measure(crop, f);
      const js2 = blockLuma(released, { left: 0, top: 0, width: crop.width, height: crop.height }, f, {
        img: src,
        r: crop,
      });
      expect(Array.from(kernels.lastPlane())).toEqual(Array.from(js2.plane));
      expect(m.squaredError).toBe(js2.squaredError);
      const ref = ssimReference(jsReduced.plane, jsReduced.width, jsReduced.height);
      const jsSsim = ssimAgainst(ref, js2.plane);
      expect(jsSsim).toBeLessThan(0.999);
      // The exact figure (f64) as the reference computes it; measure()'s own (f32) far within the bound
      // the gates allow it (gates.ts SSIM_FAST_BOUND).
      expect(Math.abs(kernels.ssimExact() - jsSsim)).toBeLessThan(1e-12);
      expect(Math.abs(m.ssim - jsSsim)).toBeLessThan(SSIM_FAST_BOUND / 1000);
      const jsThumb = areaResample(js2.plane, js2.width, js2.height, 32, 32);
      for (let i = 0; i < jsThumb.length; i++) expect(Math.abs(m.thumb[i]! - jsThumb[i]!)).toBeLessThan(1e-3);
      // Bit for bit the sums the released engine made (its gates decided on them).
      expect(Array.from(m.thumb)).toEqual(Array.from(exactAreaMeans(js2.plane, js2.width, js2.height, 32, 32)));
    });
  });

  it('score SSIM in f32 within a small part of the bound the gates allow, on the planes hardest for it', () => {
    // Luma planes built to stress f32: flat areas (variance 0, so the variance is a difference of two
    // equal large numbers), black and white (the largest second moments), full-contrast checkers, and
    // the variant far from the original (covariance of either sign). Widths not multiples of four.
    const size = { width: 157, height: 93 };
    const planes: Record<string, (x: number, y: number) => [number, number]> = {
      'flat, levels apart': () => [250, 5],
      'white against black checkers': (x, y) => [255, (x + y) % 2 === 0 ? 0 : 255],
      checkers: (x, y) => [(x + y) % 2 === 0 ? 0 : 255, (x + y) % 2 === 0 ? 0 : 255],
      'checkers inverted': (x, y) => [(x + y) % 2 === 0 ? 0 : 255, (x + y) % 2 === 0 ? 255 : 0],
      'dark gradient, slightly moved': (x, y) => [(x + y) / 25, (x + y + 3) / 25],
      'bright noise': (x, y) => [250 + ((x * 7 + y * 13) % 6), 249 + ((x * 11 + y * 5) % 7)],
      'half black, half white': (x) => [x < 78 ? 0 : 255, x < 80 ? 0 : 255],
    };
    const grey = (fill: (x: number, y: number) => number): RgbImage => {
      const data = new Uint8Array(size.width * size.height * 3);
      for (let y = 0; y < size.height; y++) {
        for (let x = 0; x < size.width; x++)
          data.fill(fill(x, y), (y * size.width + x) * 3, (y * size.width + x) * 3 + 3);
      }
      return { data, ...size, channels: 3 };
    };
    const crop = { left: 0, top: 0, ...size };
    let worst = 0;
    for (const [name, fill] of Object.entries(planes)) {
      withKernels(
        grey((x, y) => fill(x, y)[0]),
        `fast-ssim ${name}`,
        (kernels) => {
          kernels.reference(crop, 1);
          kernels.putVariant(grey((x, y) => fill(x, y)[1]));
          const fast = kernels.measure(crop, 1).ssim;
          const exact = kernels.ssimExact();
          expect([name, Number.isFinite(fast)]).toEqual([name, true]);
          worst = Math.max(worst, Math.abs(fast - exact));
        },
      );
    }
    expect(worst).toBeLessThan(SSIM_FAST_BOUND / 100);
  });

  it('reduce to block luma exactly as the TypeScript reference for even and odd block sizes', () => {
    // Even sizes take the eight-lane weighting, odd ones the per-block one: both must be exact.
    const src = noisyImage(211, 97, 'block-sizes');
    const crop = { left: 5, top: 2, width: 203, height: 93 };
    withKernels(src, 'block-sizes-test', (kernels) => {
      for (const f of [1, 2, 3, 4, 5, 6, 7, 8]) {
        const reduced = kernels.reference(crop, f);
        const js = blockLuma(src, crop, f);
        expect([f, reduced.width, reduced.height]).toEqual([f, js.width, js.height]);
        expect(Array.from(reduced.plane)).toEqual(Array.from(js.plane));
      }
    });
  });

  it('render bit for bit as its fixed-point arithmetic written out, above, below and across the knee', () => {
    // A smooth picture (a ramp across, a wave down) so that whole 16-pixel groups lie below the knee,
    // others above it and some across; plus the noisy one, where most groups straddle it.
    const smooth: RgbImage = { data: new Uint8Array(160 * 90 * 3), width: 160, height: 90, channels: 3 };
    for (let y = 0; y < 90; y++) {
      for (let x = 0; x < 160; x++) {
        const i = (y * 160 + x) * 3;
        smooth.data[i] = Math.min(255, Math.round((x * 255) / 150));
        smooth.data[i + 1] = Math.round(128 + 120 * Math.sin(y / 11));
        smooth.data[i + 2] = Math.min(255, Math.round(((159 - x) * 255) / 140));
      }
    }
    // Every grey level as whole flat 16-pixel groups (eight times each), the crop aligned to them: the
    // first level past the knee must take the full path.
    const levels: RgbImage = { data: new Uint8Array(512 * 64 * 3), width: 512, height: 64, channels: 3 };
    for (let y = 0; y < 64; y++) {
      for (let x = 0; x < 512; x++)
        levels.data.fill((y * 32 + (x >> 4)) % 256, (y * 512 + x) * 3, (y * 512 + x) * 3 + 3);
    }
    const rng = new Rng('exact-render');
    for (const [name, src, crop] of [
      ['smooth', smooth, { left: 3, top: 2, width: 153, height: 85 }],
      ['noisy', noisyImage(101, 77, 'render'), { left: 3, top: 2, width: 94, height: 72 }],
      ['levels', levels, { left: 0, top: 0, width: 512, height: 64 }],
    ] as const) {
      const nx = Math.ceil((crop.width - 1) / 8) + 2;
      const ny = Math.ceil((crop.height - 1) / 8) + 2;
      const grid = Float32Array.from({ length: nx * ny }, () => rng.uniform(-6, 6));
      for (const tone of [
        { gains: [1.02, 0.985, 1.0], offsets: [1.5, 1.5, 1.5], extraSlopes: [0, 0, 0], knee: Infinity },
        { gains: [1.01, 1.025, 0.98], offsets: [-2, -2, -2], extraSlopes: [-0.45, -0.5, 0], knee: 190 },
        { gains: [0.99, 1.02, 0.985], offsets: [1, 1, 1], extraSlopes: [11.5, -0.6, 2.25], knee: 236 },
        { gains: [1, 1, 1], offsets: [-3, 2, 0], extraSlopes: [-0.3, -0.3, -0.3], knee: 0 },
        // No knee yet slopes given: a dark level minus K wraps in 16 bits, and the kernel keeps that.
        { gains: [1, 1, 1], offsets: [-3, -3, -3], extraSlopes: [-0.3, 0.2, -0.3], knee: Infinity },
      ] as const) {
        withKernels(src, `exact-${name}`, (kernels) => {
          const got = kernels.render(crop, tone, grid, nx);
          const want = exactRender(src, crop, tone, grid, nx);
          let first = -1;
          for (let i = 0; i < want.length && first < 0; i++) if (got[i] !== want[i]) first = i;
          expect({ image: name, knee: tone.knee, firstDifference: first }).toEqual({
            image: name,
            knee: tone.knee,
            firstDifference: -1,
          });
        });
      }
    }
  });

  it('round the field to 1/64 grey level half to even, as the released engine did', () => {
    const src = noisyImage(40, 24, 'ties');
    const crop = { left: 0, top: 0, width: 40, height: 24 };
    const nx = Math.ceil((crop.width - 1) / 8) + 2;
    const ny = Math.ceil((crop.height - 1) / 8) + 2;
    const identity = { gains: [1, 1, 1], offsets: [0, 0, 0], extraSlopes: [0, 0, 0], knee: Infinity } as const;
    withKernels(src, 'ties-test', (kernels) => {
      // A flat field exactly halfway between two 1/64 levels, where a pixel is v·64 + 32 before it:
      // 31.5 → 32 (even) lifts every pixel by one; truncating would not. −32.5 → −32 (even) leaves it;
      // rounding away from zero would lower it.
      for (const [sixtyFourths, lift] of [
        [31.5, 1],
        [-32.5, 0],
      ] as const) {
        const grid = new Float32Array(nx * ny).fill(sixtyFourths / 64);
        const got = kernels.render(crop, identity, grid, nx);
        for (let i = 0; i < got.length; i++) expect(got[i]).toBe(Math.min(255, src.data[i]! + lift));
      }
    });
  });

  it('evaluate the field on the node grid exactly as the TypeScript reference, odd and even node counts', () => {
    const src = noisyImage(200, 180, 'grid');
    withKernels(src, 'grid-test', (kernels) => {
      const rng = new Rng('grid-field');
      // Crops giving odd and even node counts across, with zero and non-zero coefficients.
      for (const [width, height] of [
        [200, 180],
        [193, 171],
        [185, 166],
        [64, 64],
      ] as const) {
        const field = new Float64Array(64);
        for (let i = 0; i < 64; i++) field[i] = rng.next() < 0.3 ? 0 : rng.uniform(-40, 40);
        const p = { field, crop: { left: 0, top: 0, width, height }, grid: undefined } as unknown as Params;
        const made = finalGrid(p, kernels);
        const reference = fieldGrid(field, width, height);
        expect([made.nx, made.ny]).toEqual([reference.nx, reference.ny]);
        expect(made.grid).toEqual(reference.grid);
        // A wrong coefficient row (or order) shows: the grid is not flat.
        expect(new Set(made.grid).size).toBeGreaterThan(made.nx);
      }
    });
  });

  it('sum the field per cell and add the block push exactly as the TypeScript references, in place and on a copy', () => {
    const src = noisyImage(200, 180, 'cells');
    withKernels(src, 'cells-test', (kernels) => {
      const rng = new Rng('cells');
      for (const [width, height] of [
        [200, 180],
        [193, 171],
        [64, 64],
      ] as const) {
        const nx = Math.ceil((width - 1) / 8) + 2;
        const ny = Math.ceil((height - 1) / 8) + 2;
        const grid = Float32Array.from({ length: nx * ny }, () => rng.uniform(-20, 20));
        // As the thumbnail's prediction sums (32 × 32, nodes within the crop) and the block code's
        // (16 × 16, every node, those past an edge in the edge's cells).
        for (const [across, columns, rows] of [
          [32, Math.ceil(width / 8), Math.ceil(height / 8)],
          [16, nx, ny],
        ] as const) {
          const cellOfColumn = Int32Array.from({ length: columns }, (_, kx) =>
            Math.floor((Math.min(width - 1, kx * 8) * across) / width),
          );
          const rowBase = Int32Array.from(
            { length: rows },
            (_, ky) => Math.floor((Math.min(height - 1, ky * 8) * across) / height) * across,
          );
          const sums = (on: Float32Array, k?: ImageKernels): number[][] => {
            const sum = new Float64Array(across * across);
            const count = new Float64Array(across * across);
            sumNodesByCell(on, nx, rowBase, cellOfColumn, columns, sum, count, k);
            return [Array.from(sum), Array.from(count)];
          };
          const want = sums(grid);
          expect(want[1]!.reduce((a, b) => a + b, 0)).toBe(rows * columns);
          expect(sums(grid, kernels)).toEqual(want);
          const view = kernels.gridView(grid.length);
          view.set(grid);
          expect(sums(view, kernels)).toEqual(want);
        }
        const nodes = Float64Array.from({ length: 256 }, () => rng.uniform(-6, 6));
        const reference = grid.slice();
        addBlockPush(reference, nx, width, height, nodes);
        expect(Array.from(reference)).not.toEqual(Array.from(grid));
        const copy = grid.slice();
        addBlockPush(copy, nx, width, height, nodes, kernels);
        expect(Array.from(copy)).toEqual(Array.from(reference));
        const view = kernels.gridView(grid.length);
        view.set(grid);
        addBlockPush(view, nx, width, height, nodes, kernels);
        expect(Array.from(view)).toEqual(Array.from(reference));
      }
      // A table pointing past the cells is refused before the kernel writes anywhere.
      const grid = new Float32Array(27 * 25);
      expect(() =>
        kernels.cellSums(
          grid,
          27,
          Int32Array.of(0, 16),
          Int32Array.of(0, 15),
          2,
          new Float64Array(16),
          new Float64Array(16),
        ),
      ).toThrow(/outside the cells/);
    });
  });

  it('measure a crop against a window of the whole original exactly as against the crop itself', () => {
    const src = noisyImage(160, 150, 'window');
    const f = 2;
    const crop = { left: 6, top: 10, width: 149, height: 137 };
    const rng = new Rng('window-variant');
    const variant: RgbImage = {
      data: Uint8Array.from({ length: crop.width * crop.height * 3 }, (_, i) => {
        const y = Math.floor(i / (crop.width * 3));
        const v = src.data[(crop.top + y) * src.width * 3 + crop.left * 3 + (i % (crop.width * 3))]!;
        return Math.max(0, Math.min(255, v + Math.round(rng.uniform(-12, 12))));
      }),
      width: crop.width,
      height: crop.height,
      channels: 3,
    };
    withKernels(src, 'window-test', (kernels) => {
      kernels.reference(crop, f);
      kernels.putVariant(variant);
      const direct = kernels.measure(crop, f);

      kernels.reference({ left: 0, top: 0, width: src.width, height: src.height }, f);
      const stats = kernels.ssimStats();
      const window = kernels.useReference(stats, crop.left / f, crop.top / f, crop, f);
      expect(window).toEqual({ x0: 3, y0: 5, x1: 3 + 74, y1: 5 + 68 });
      kernels.putVariant(variant);
      const viaWindow = kernels.measure(crop, f);
      expect(viaWindow.ssim).toBe(direct.ssim);
      const exactViaWindow = kernels.ssimExact();
      kernels.reference(crop, f);
      kernels.putVariant(variant);
      kernels.measure(crop, f);
      expect(exactViaWindow).toBe(kernels.ssimExact());
      expect(viaWindow.squaredError).toBe(direct.squaredError);
      expect(() => kernels.useReference(stats, 1.5, 0, crop, f)).toThrow(/grid/);
      expect(() => kernels.useReference(stats, 10, 0, crop, f)).toThrow(/outside/);
    });
  });

  it("take the rendered crop's thumbnail in place exactly as measure() takes a decoded variant's", () => {
    const src = noisyImage(190, 170, 'output-thumb');
    const crop = { left: 4, top: 6, width: 181, height: 159 };
    const f = 2;
    const tone = { gains: [1.02, 0.99, 1.0], offsets: [2, 2, 2], extraSlopes: [0, 0, 0], knee: Infinity } as const;
    const nx = Math.ceil((crop.width - 1) / 8) + 2;
    const ny = Math.ceil((crop.height - 1) / 8) + 2;
    const rng = new Rng('output-thumb-grid');
    const grid = Float32Array.from({ length: nx * ny }, () => rng.uniform(-6, 6));
    withKernels(src, 'output-thumb-test', (kernels) => {
      const rendered = Uint8Array.from(kernels.render(crop, tone, grid, nx));
      kernels.reference(crop, f);
      const inPlace = kernels.outputThumb(crop, f);
      kernels.putVariant({ data: rendered, width: crop.width, height: crop.height, channels: 3 });
      const measured = kernels.measure(crop, f).thumb;
      expect(Array.from(inPlace)).toEqual(Array.from(measured));
      // The thumbnail is the variant's, not the original's: the field moved it.
      const original = kernels.reference(crop, f);
      const originalThumb = areaResample(original.plane, original.width, original.height, 32, 32);
      expect(Math.max(...Array.from(inPlace, (v, i) => Math.abs(v - originalThumb[i]!)))).toBeGreaterThan(1);
    });
  });

  it('refuse crops outside the source and a measure without its reference', () => {
    const src = noisyImage(64, 64, 'refuse');
    withKernels(src, 'refuse-test', (kernels) => {
      const grid = new Float32Array(100 * 100);
      const tone = { gains: [1, 1, 1], offsets: [0, 0, 0], extraSlopes: [0, 0, 0], knee: Infinity } as const;
      expect(() => kernels.render({ left: 10, top: 0, width: 60, height: 60 }, tone, grid, 10)).toThrow(/outside/);
      expect(() => kernels.measure({ left: 0, top: 0, width: 60, height: 60 }, 2)).toThrow(/reference/);
    });
  });

  it('reuse an instance that already holds a source instead of copying it again', () => {
    const src = noisyImage(80, 80, 'reuse');
    const first = ImageKernels.acquire('reuse-test');
    first.load(src, 'reuse-test');
    const before = first.reference({ left: 0, top: 0, width: 80, height: 80 }, 1).plane;
    first.release();
    const again = ImageKernels.acquire('reuse-test');
    expect(again).toBe(first);
    // Same key: the pixels are not copied again, so a changed buffer under the same key is not seen.
    const changed: RgbImage = { ...src, data: new Uint8Array(src.data.length) };
    again.load(changed, 'reuse-test');
    expect(Array.from(again.reference({ left: 0, top: 0, width: 80, height: 80 }, 1).plane)).toEqual(
      Array.from(before),
    );
    again.load(changed, 'another-key');
    expect(again.reference({ left: 0, top: 0, width: 80, height: 80 }, 1).plane[0]).toBe(0);
    again.release();
  });
});
