import sharp from 'sharp';
import { decodeRgb } from './decode';
import { isSrgbEquivalent } from './icc';

/** A colourful 96×64 JPEG carrying one of sharp's built-in profiles. */
async function tagged(profile: 'srgb' | 'p3'): Promise<Buffer> {
  const raw = Buffer.alloc(96 * 64 * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 37 + ((i / 3) | 0) * 11) & 255;
  return sharp(raw, { raw: { width: 96, height: 64, channels: 3 } })
    .withIccProfile(profile)
    .jpeg({ quality: 95 })
    .toBuffer();
}

async function profileOf(jpeg: Buffer): Promise<Buffer> {
  const { icc } = await sharp(jpeg).metadata();
  if (!icc) throw new Error('no profile');
  return icc;
}

function maxDiff(a: Uint8Array, b: Uint8Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/** The profile with one tag signature renamed (same data). */
function renameTag(icc: Buffer, from: string, to: string): Buffer {
  const out = Buffer.from(icc);
  for (let t = 0; t < out.readUInt32BE(128); t++) {
    const o = 132 + 12 * t;
    if (out.toString('latin1', o, o + 4) === from) out.write(to, o, 'latin1');
  }
  return out;
}

describe('sRGB-equivalent profiles', () => {
  it('recognise sRGB and refuse Display P3, LUT-based, altered and broken profiles', async () => {
    const srgb = await profileOf(await tagged('srgb'));
    const p3 = await profileOf(await tagged('p3'));
    expect(isSrgbEquivalent(srgb)).toBe(true);
    expect(isSrgbEquivalent(p3)).toBe(false);
    // A LUT tag would be used by the colour engine instead of the matrix.
    expect(isSrgbEquivalent(renameTag(srgb, 'cprt', 'A2B0'))).toBe(false);
    // P3's colorants under sRGB's names: still P3.
    expect(isSrgbEquivalent(renameTag(renameTag(p3, 'desc', 'xxxx'), 'cprt', 'yyyy'))).toBe(false);
    // A gamma-2.2 tone curve instead of sRGB's: the dark levels move by more than the tolerance.
    const gamma = Buffer.from(srgb);
    for (let t = 0; t < gamma.readUInt32BE(128); t++) {
      const o = 132 + 12 * t;
      if (gamma.toString('latin1', o + 1, o + 4) === 'TRC') {
        const at = gamma.readUInt32BE(o + 4);
        gamma.writeUInt16BE(0, at + 8); // parametric type 0: Y = X^g
        gamma.writeInt32BE(Math.round(2.2 * 65536), at + 12);
      }
    }
    expect(isSrgbEquivalent(gamma)).toBe(false);
    expect(isSrgbEquivalent(srgb.subarray(0, 200))).toBe(false);
    expect(isSrgbEquivalent(Buffer.from('not a profile at all, just some bytes'.repeat(10)))).toBe(false);
  });

  it('decode an sRGB-tagged image to the same pixels the colour transform gives, and still convert P3', async () => {
    const srgbJpeg = await tagged('srgb');
    const converted = await sharp(srgbJpeg).toColourspace('srgb').raw().toBuffer();
    expect(maxDiff((await decodeRgb(srgbJpeg)).data, converted)).toBeLessThanOrEqual(1);

    const p3Jpeg = await tagged('p3');
    const p3Converted = await sharp(p3Jpeg).toColourspace('srgb').raw().toBuffer();
    const p3Ignored = await sharp(p3Jpeg, { ignoreIcc: true }).toColourspace('srgb').raw().toBuffer();
    const decoded = (await decodeRgb(p3Jpeg)).data;
    expect(maxDiff(decoded, p3Converted)).toBe(0);
    // The test image is colourful enough for P3 → sRGB to move values: the conversion was not skipped.
    expect(maxDiff(decoded, p3Ignored)).toBeGreaterThan(10);
  });
});
