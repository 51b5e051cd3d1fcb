import {
  IMAGE_GATES,
  SSIM_FAST_BOUND,
  fidelityReference,
  measureAgainst,
  measureFidelity,
  fidelityFailures,
  psnr,
  ssimForGate,
} from './gates';
import { blockhash256, hamming, pHash } from './hashes';
import { AreaSampler } from './area-sampler';
import { blockLuma } from './block-luma';
import { areaResample, cropRgb, luma, rgbBlockMeans, type RgbImage } from './raster';
import { ssim, ssimScale } from './ssim';

function gradient(width: number, height: number, shift = 0): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const v = Math.round(40 + 150 * (x / width) + 40 * Math.sin(y / 17) + 10 * Math.sin((x * y) / 400));
      data[i] = Math.min(255, Math.max(0, v + shift));
      data[i + 1] = Math.min(255, Math.max(0, 255 - v + shift));
      data[i + 2] = Math.min(255, Math.max(0, (v * 7) % 255));
    }
  }
  return { data, width, height, channels: 3 };
}

describe('image measures', () => {
  const a = gradient(300, 260);

  it('decide the SSIM gate on the f32 figure only where the f64 one is surely on the same side', () => {
    let asked = 0;
    const exact = (): number => {
      asked++;
      return IMAGE_GATES.minSsim - 1e-4;
    };
    // Far from the gate either way: the fast figure decides, the exact one is not computed.
    expect(ssimForGate(0.995, exact)).toBe(0.995);
    expect(ssimForGate(0.9, exact)).toBe(0.9);
    expect(ssimForGate(IMAGE_GATES.minSsim + SSIM_FAST_BOUND * 1.01, exact)).toBe(
      IMAGE_GATES.minSsim + SSIM_FAST_BOUND * 1.01,
    );
    expect(asked).toBe(0);
    // Within the bound on either side (or not a number): the exact figure, which may decide otherwise.
    for (const fast of [
      IMAGE_GATES.minSsim + SSIM_FAST_BOUND * 0.99,
      IMAGE_GATES.minSsim,
      IMAGE_GATES.minSsim - SSIM_FAST_BOUND * 0.99,
      Number.NaN,
    ]) {
      expect(ssimForGate(fast, exact)).toBe(IMAGE_GATES.minSsim - 1e-4);
    }
    expect(asked).toBe(4);
  });

  it('score an image against itself as perfect', () => {
    const f = measureFidelity(a, a);
    expect(f.ssim).toBeCloseTo(1, 6);
    expect(f.psnr).toBe(Infinity);
    expect(f.thumbMaxDiff).toBe(0);
    expect(hamming(pHash(a), pHash(a))).toBe(0);
    expect(hamming(blockhash256(a), blockhash256(a))).toBe(0);
  });

  it('fail a visibly different image on every gate', () => {
    const b = gradient(300, 260, 45);
    const f = measureFidelity(a, b);
    expect(f.psnr).toBeLessThan(28);
    expect(f.thumbMaxDiff).toBeGreaterThan(20);
    expect(fidelityFailures(f).length).toBeGreaterThanOrEqual(2);
  });

  it('computes PSNR from mean squared error', () => {
    const b: RgbImage = { ...a, data: a.data.map((v) => (v < 250 ? v + 2 : v - 2)) };
    expect(psnr(a, b)).toBeCloseTo(10 * Math.log10((255 * 255) / 4), 6);
  });

  it('drops SSIM for structural noise', () => {
    const n = a.width * a.height;
    const x = new Float32Array(n).map((_, i) => (i * 37) % 255);
    const y = x.map((v, i) => (i % 2 ? v : 255 - v));
    expect(ssim(x, y, a.width, a.height, 1)).toBeLessThan(0.5);
  });

  it('area-resamples exactly (mean preserved, constant stays constant)', () => {
    const plane = new Float32Array(100 * 70).fill(12.5);
    const out = areaResample(plane, 100, 70, 32, 32);
    for (const v of out) expect(v).toBeCloseTo(12.5, 4);
    const ramp = Float32Array.from({ length: 99 * 99 }, (_, i) => i % 99);
    const mean = (p: Float32Array): number => p.reduce((s, v) => s + v, 0) / p.length;
    expect(mean(areaResample(ramp, 99, 99, 32, 32))).toBeCloseTo(mean(ramp), 3);
  });

  it('sample areas through the integral image exactly as area resampling does, sub-rectangles included', () => {
    const w = 97;
    const h = 83;
    const plane = Float32Array.from({ length: w * h }, (_, i) => (i * 7919) % 256);
    const sampler = new AreaSampler(plane, w, h);
    const cases = [
      { outW: 32, outH: 32, rect: undefined },
      { outW: 16, outH: 16, rect: { x0: 2.75, y0: 1.5, x1: 94.25, y1: 80 } },
      { outW: 7, outH: 5, rect: { x0: 10, y0: 20, x1: 30, y1: 21 } },
    ];
    for (const { outW, outH, rect } of cases) {
      const want = areaResample(plane, w, h, outW, outH, rect);
      const got = sampler.resample(outW, outH, rect);
      for (let i = 0; i < want.length; i++) expect(got[i]!).toBeCloseTo(want[i]!, 3);
    }
  });

  it('sample three planes held together bit for bit as each alone', () => {
    const w = 61;
    const h = 47;
    const planes = [11, 13, 17].map((k) => Float32Array.from({ length: w * h }, (_, i) => ((i * 7919 * k) % 256) / 3));
    const together = new AreaSampler(planes, w, h);
    for (const rect of [undefined, { x0: 1.25, y0: 3.5, x1: 58.75, y1: 44.2 }]) {
      const all = together.resampleAll(16, 12, rect);
      expect(all).toHaveLength(3);
      planes.forEach((plane, c) => {
        const alone = new AreaSampler(plane, w, h).resample(16, 12, rect);
        expect(Array.from(all[c]!)).toEqual(Array.from(alone));
      });
    }
  });

  it('measure a crop in place exactly as on a copied crop, trailing partial blocks included', () => {
    const big = gradient(611, 547);
    const crop = { left: 7, top: 11, width: 593, height: 529 };
    expect(ssimScale(crop.width, crop.height)).toBe(2);
    const aligned = cropRgb(big, crop);
    const variant = gradient(593, 529, 3);
    const inPlace = measureAgainst(fidelityReference(big, crop), variant);
    const copied = measureFidelity(aligned, variant);
    expect(inPlace.ssim).toBe(copied.ssim);
    expect(inPlace.thumbMaxDiff).toBe(copied.thumbMaxDiff);
    expect(inPlace.psnr).toBeCloseTo(psnr(aligned, variant), 10);
    expect(inPlace.ssim).toBeLessThan(1);
  });

  it('compute SSIM as the windowed definition does (11×11 Gaussian σ 1.5 at every valid position)', () => {
    const w = 37;
    const h = 31;
    const x = Float32Array.from({ length: w * h }, (_, i) => 100 + 60 * Math.sin(i / 7) + ((i * 13) % 17));
    const y = x.map((v, i) => v + 20 * Math.cos(i / 5));
    const g = Array.from({ length: 11 }, (_, i) => Math.exp(-((i - 5) ** 2) / (2 * 1.5 * 1.5)));
    const gs = g.reduce((a, b) => a + b, 0);
    const C1 = (0.01 * 255) ** 2;
    const C2 = (0.03 * 255) ** 2;
    let total = 0;
    let n = 0;
    for (let py = 5; py < h - 5; py++) {
      for (let px = 5; px < w - 5; px++) {
        let ma = 0;
        let mb = 0;
        let saa = 0;
        let sbb = 0;
        let sab = 0;
        for (let dy = -5; dy <= 5; dy++) {
          for (let dx = -5; dx <= 5; dx++) {
            const k = (g[dy + 5]! * g[dx + 5]!) / (gs * gs);
            const a = x[(py + dy) * w + px + dx]!;
            const b = y[(py + dy) * w + px + dx]!;
            ma += k * a;
            mb += k * b;
            saa += k * a * a;
            sbb += k * b * b;
            sab += k * a * b;
          }
        }
        const va = saa - ma * ma;
        const vb = sbb - mb * mb;
        total += ((2 * ma * mb + C1) * (2 * (sab - ma * mb) + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
        n++;
      }
    }
    expect(ssim(x, y, w, h, 1)).toBeCloseTo(total / n, 10);
  });

  it('reduce to block luma exactly (integer per-mille weights) and to per-channel block means', () => {
    const img = gradient(64, 48);
    const reduced = blockLuma(img, { left: 0, top: 0, width: 64, height: 48 }, 4);
    const plane = luma(img);
    let expected = 0;
    for (let y = 4; y < 8; y++) for (let x = 8; x < 12; x++) expected += plane[y * 64 + x]!;
    expect(reduced.plane[1 * 16 + 2]!).toBeCloseTo(expected / 16, 3);
    const means = rgbBlockMeans(img, 4);
    let red = 0;
    for (let y = 4; y < 8; y++) for (let x = 8; x < 12; x++) red += img.data[(y * 64 + x) * 3]!;
    expect(means.r[1 * 16 + 2]!).toBeCloseTo(red / 16, 5);
  });
});
