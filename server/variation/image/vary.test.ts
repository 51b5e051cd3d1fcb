import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { makeFixtureImage } from '../../../test/fixtures/variation/images';
import { variationSeed } from '../seed';
import { checkImageGates, IMAGE_GATES } from './gates';
import { decodeRgb, SOURCE_MAX_PIXELS, sourceSize } from './decode';
import { blockhash256, hamming, pHash } from './hashes';
import { clearImageSourceCache, varyImage } from './vary';

const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');
const seed = (g: number): number => variationSeed('pst_img', `gd_${g}`);

// Each variant is tens of milliseconds alone; the CI machine is shared, so allow for contention.
jest.setTimeout(60_000);

let poster: Buffer;
let small: Buffer;

beforeAll(async () => {
  poster = await makeFixtureImage('poster', { exif: true });
  small = await makeFixtureImage('white-product', { width: 480, height: 360, exif: true });
}, 30_000);

describe('varyImage', () => {
  it('is byte-identical for the same (post, guide) and differs between guides at every strength above off', async () => {
    const a = await varyImage({ data: small, strength: 'standard', seed: seed(1), guideIndex: 1 });
    const b = await varyImage({ data: small, strength: 'standard', seed: seed(1), guideIndex: 1 });
    expect(md5(b.data)).toBe(md5(a.data));
    for (const strength of ['subtle', 'standard'] as const) {
      const outs = await Promise.all(
        [0, 1, 2, 3, 4, 5].map((g) => varyImage({ data: small, strength, seed: seed(g), guideIndex: g })),
      );
      expect(outs.every((o) => o.strength === strength)).toBe(true);
      expect(new Set(outs.map((o) => md5(o.data))).size).toBe(6);
    }
  });

  it('gives the same bytes from a cached original as from a fresh decode, whichever buffer carries it', async () => {
    const fresh = async (data: Buffer, g: number): Promise<string> => {
      clearImageSourceCache();
      return md5((await varyImage({ data, strength: 'standard', seed: seed(g), guideIndex: g })).data);
    };
    const first = await varyImage({ data: poster, strength: 'standard', seed: seed(7), guideIndex: 7 });
    // Concurrent guides of one image share one decode; each gets its own kernels.
    const cached = await Promise.all(
      [7, 8, 9].map((g) =>
        varyImage({ data: Buffer.from(poster), strength: 'standard', seed: seed(g), guideIndex: g }),
      ),
    );
    expect(md5(cached[0]!.data)).toBe(md5(first.data));
    expect(md5(cached[1]!.data)).toBe(await fresh(poster, 8));
    expect(md5(cached[2]!.data)).toBe(await fresh(Buffer.from(poster), 9));
  });

  it('strips EXIF and other metadata and returns a JPEG', async () => {
    expect((await sharp(small).metadata()).exif).toBeDefined();
    const out = await varyImage({ data: small, strength: 'subtle', seed: seed(2) });
    const meta = await sharp(out.data).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
  });

  it('honours EXIF orientation before cropping (the variant is upright)', async () => {
    const rotated = await sharp(small).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const out = await varyImage({ data: rotated, strength: 'subtle', seed: seed(3) });
    const meta = await sharp(out.data).metadata();
    expect(meta.height).toBeGreaterThan(meta.width);
    expect(meta.orientation ?? 1).toBe(1);
  });

  it('varies an original larger than SOURCE_MAX_PIXELS at that many pixels, aspect kept, whatever its shape', () => {
    expect(sourceSize(1080, 1080)).toEqual({ width: 1080, height: 1080 });
    expect(sourceSize(1920, 1440)).toEqual({ width: 1920, height: 1440 });
    expect(sourceSize(1080, 2560)).toEqual({ width: 1080, height: 2560 });
    expect(sourceSize(4032, 3024)).toEqual({ width: 1920, height: 1440 });
    expect(sourceSize(3024, 4032)).toEqual({ width: 1440, height: 1920 });
    for (const [w, h] of [
      [6000, 4000],
      [1080, 6000],
      [1080, 20000],
      [8000, 8000],
    ] as const) {
      const s = sourceSize(w, h);
      expect(s.width * s.height).toBeLessThanOrEqual(SOURCE_MAX_PIXELS);
      expect(s.width * s.height).toBeGreaterThan(SOURCE_MAX_PIXELS * 0.99);
      expect(s.width / s.height).toBeCloseTo(w / h, 2);
    }
  });

  it('makes a phone camera photo (12 MP, turned by EXIF) into an upright variant of at most 1440 × 1920 that passes the gates, the same bytes twice', async () => {
    const camera = await sharp(poster)
      .resize(4032, 3024, { fit: 'fill' })
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 92 })
      .toBuffer();
    const make = () => varyImage({ data: camera, strength: 'standard', seed: seed(4), guideIndex: 4 });
    const out = await make();
    expect(out.strength).toBe('standard');
    const meta = await sharp(out.data).metadata();
    expect(meta.width).toBeLessThanOrEqual(1440);
    expect(meta.height).toBeLessThanOrEqual(1920);
    expect(meta.height).toBeGreaterThan(meta.width);
    expect(meta.width).toBeGreaterThan(1300);
    const gate = await checkImageGates(camera, out.data, out.transform!);
    expect(gate.failures).toEqual([]);
    expect(gate.metrics.ssim).toBeCloseTo(out.metrics!.ssim, 6);
    clearImageSourceCache();
    expect(md5((await make()).data)).toBe(md5(out.data));
  });

  it.each(['subtle', 'standard'] as const)(
    '%s variants pass the gates when re-measured from the JPEG bytes',
    async (strength) => {
      for (const g of [0, 1, 2]) {
        const out = await varyImage({ data: poster, strength, seed: seed(g), guideIndex: g });
        expect(out.strength).toBe(strength);
        const gate = await checkImageGates(poster, out.data, out.transform!);
        expect(gate.failures).toEqual([]);
        expect(gate.metrics.ssim).toBeGreaterThanOrEqual(IMAGE_GATES.minSsim);
        expect(gate.metrics.psnr).toBeGreaterThanOrEqual(IMAGE_GATES.minPsnr);
        expect(gate.metrics.thumbMaxDiff).toBeLessThanOrEqual(IMAGE_GATES.maxThumbDiff);
        // The engine's own measurement is the one the independent check repeats.
        expect(gate.metrics.ssim).toBeCloseTo(out.metrics!.ssim, 6);
      }
    },
    30_000,
  );

  it('standard keeps guides apart in pHash: codewords put every pair ≥ 8 bits apart on the poster', async () => {
    const hashes = [];
    for (let g = 0; g < 12; g++) {
      const out = await varyImage({ data: poster, strength: 'standard', seed: seed(g), guideIndex: g });
      hashes.push(pHash(await decodeRgb(out.data)));
    }
    const d: number[] = [];
    for (let i = 0; i < hashes.length; i++)
      for (let j = i + 1; j < hashes.length; j++) d.push(hamming(hashes[i]!, hashes[j]!));
    d.sort((x, y) => x - y);
    expect(d[Math.floor(d.length * 0.05)]!).toBeGreaterThanOrEqual(8);
    expect(d[Math.floor(d.length / 2)]!).toBeGreaterThanOrEqual(10);
  }, 30_000);

  it('keeps guides apart in pHash on a white-background product: headroom below white keeps the field from clipping', async () => {
    const white = await makeFixtureImage('white-product', { width: 540, height: 540 });
    const hashes = [];
    for (let g = 0; g < 12; g++) {
      const out = await varyImage({ data: white, strength: 'standard', seed: seed(g), guideIndex: g });
      expect(out.strength).toBe('standard');
      hashes.push(pHash(await decodeRgb(out.data)));
    }
    const d: number[] = [];
    for (let i = 0; i < hashes.length; i++)
      for (let j = i + 1; j < hashes.length; j++) d.push(hamming(hashes[i]!, hashes[j]!));
    // Every pair carries octads 8+ bits apart; without headroom the white background ate them (min 2).
    expect(Math.min(...d)).toBeGreaterThanOrEqual(8);
  }, 30_000);

  it('keeps guides apart in blockhash-256 on a dark scene: three octad copies put every pair ≥ 20 bits apart', async () => {
    const dark = await makeFixtureImage('dark', { width: 540, height: 540 });
    const hashes = [];
    for (let g = 0; g < 12; g++) {
      const out = await varyImage({ data: dark, strength: 'standard', seed: seed(g), guideIndex: g });
      expect(out.strength).toBe('standard');
      hashes.push(blockhash256(await decodeRgb(out.data)));
    }
    const d: number[] = [];
    for (let i = 0; i < hashes.length; i++)
      for (let j = i + 1; j < hashes.length; j++) d.push(hamming(hashes[i]!, hashes[j]!));
    expect(Math.min(...d)).toBeGreaterThanOrEqual(20);
  }, 30_000);

  it('falls back to off when no variant can pass (pure noise cannot survive JPEG at PSNR 28 dB)', async () => {
    const noise = Buffer.alloc(256 * 256 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    const png = await sharp(noise, { raw: { width: 256, height: 256, channels: 3 } })
      .png()
      .toBuffer();
    const out = await varyImage({ data: png, strength: 'standard', seed: seed(4) });
    expect(out.strength).toBe('off');
    expect(out.attempts).toBe(8);
    expect((await sharp(out.data).metadata()).format).toBe('jpeg');
  });

  it('keeps tiny images as they are and returns clean originals unchanged for off', async () => {
    const tiny = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#c33' } })
      .jpeg()
      .toBuffer();
    const t = await varyImage({ data: tiny, strength: 'standard', seed: seed(5) });
    expect(t.strength).toBe('off');
    expect(t.data.equals(tiny)).toBe(true);
    const off = await varyImage({ data: small, strength: 'off', seed: seed(5) });
    expect(off.attempts).toBe(0);
    expect((await sharp(off.data).metadata()).exif).toBeUndefined();
  });

  it('accepts PNG with transparency (flattened on white) and gives a JPEG', async () => {
    const png = await sharp({
      create: { width: 200, height: 160, channels: 4, background: { r: 20, g: 120, b: 200, alpha: 0.5 } },
    })
      .png()
      .toBuffer();
    const out = await varyImage({ data: png, strength: 'subtle', seed: seed(6) });
    expect(out.strength).toBe('subtle');
    expect((await sharp(out.data).metadata()).format).toBe('jpeg');
  });

  it('decorrelates the images of one guide through imageIndex', async () => {
    const a = await varyImage({ data: small, strength: 'subtle', seed: seed(7), imageIndex: 0 });
    const b = await varyImage({ data: small, strength: 'subtle', seed: seed(7), imageIndex: 1 });
    expect(a.transform).not.toEqual(b.transform);
  });

  it('reports the stages of every attempt in order, once each (the bench attributes CPU time with them)', async () => {
    const full = ['params', 'render', 'precheck', 'encode', 'decode', 'check'];
    const refused = full.slice(0, 3);
    const cases = [
      { data: small, strength: 'standard' as const, seed: seed(4), guideIndex: 4 },
      { data: small, strength: 'subtle' as const, seed: seed(4), guideIndex: 4 },
      // An attempt refused before its encode, then one made in full (see precheck.test.ts).
      { data: small, strength: 'standard' as const, seed: seed(22), guideIndex: 22 },
    ];
    let seenRefused = 0;
    for (const c of cases) {
      const stages: string[] = [];
      const out = await varyImage({ ...c, onStage: (s) => stages.push(s) });
      expect(out.attempts).toBeGreaterThan(0);
      // Split into attempts at each 'params': each is the full sequence or ends at the precheck.
      const attempts: string[][] = [];
      for (const s of stages) {
        if (s === 'params') attempts.push([s]);
        else attempts[attempts.length - 1]!.push(s);
      }
      expect(attempts).toHaveLength(out.attempts);
      for (const a of attempts) expect([full, refused]).toContainEqual(a);
      expect(attempts.filter((a) => a.length === refused.length)).toHaveLength(out.refusedBeforeEncode);
      seenRefused += out.refusedBeforeEncode;
    }
    expect(seenRefused).toBeGreaterThan(0);
  });
});
