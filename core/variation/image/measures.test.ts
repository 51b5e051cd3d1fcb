import { measureFidelity, fidelityFailures, psnr } from './gates';
import { blockhash256, hamming, pHash } from './hashes';
import { areaResample, type RgbImage } from './raster';
import { ssim } from './ssim';

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
});
