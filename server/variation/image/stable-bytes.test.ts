/**
 * Stored variants are deleted after the retention and made again when opened, and must come back
 * byte for byte the same: whatever makes the engine cheaper must not change what it releases. The
 * digests below were recorded from each version of the engine (types.ts) when it became one; a change
 * that moves one changes stored images, and needs a new version while the old ones still remake
 * their old bytes.
 */
import { createHash } from 'node:crypto';
import { FIXTURE_IMAGE_KINDS, makeFixtureImage, type FixtureImageKind } from '../../../test/fixtures/variation/images';
import { variationSeed } from '../seed';
import { IMAGE_ENGINES, type ImageEngine } from '../types';
import { IMAGE_GATES } from './gates';
import { ENCODE_RISE } from './precheck';
import { varyImage } from './vary';

jest.setTimeout(120_000);

/**
 * Per engine version (types.ts), the digest of what it released when it became a version: engine 1
 * made the variants stored before versions were recorded (and still makes them for those posts).
 * Over this series engine 2 releases what engine 1 did (none of its first attempts lands within
 * ENCODE_RISE of the thumbnail gate); PARTING below holds variants where the two differ.
 */
const RELEASED_DIGESTS: Record<ImageEngine, string> = {
  1: '262e4639426a643d23553c12ffe28d38889bac0302b04ed60a39837e43471a86',
  2: '262e4639426a643d23553c12ffe28d38889bac0302b04ed60a39837e43471a86',
};

it.each(IMAGE_ENGINES)(
  'engine %i releases the same bytes as it did, first attempts and retries alike',
  async (engine) => {
    const digest = createHash('sha256');
    let retried = 0;
    let refused = 0;
    for (const kind of FIXTURE_IMAGE_KINDS) {
      const image = await makeFixtureImage(kind, { exif: true });
      for (let g = 0; g < 8; g++) {
        for (const strength of ['standard', 'subtle'] as const) {
          const out = await varyImage({ ...input(image, kind, g, strength), engine });
          if (out.attempts > 1) retried++;
          refused += out.refusedBeforeEncode;
          digest.update(`${kind} ${g} ${strength} ${out.strength} ${out.attempts}\n`).update(out.data);
        }
      }
    }
    // The series covers the retry path (a first attempt refused by the check), and an attempt refused
    // before its encode (precheck.ts): engine 1's digest was recorded before there was a precheck.
    expect(retried).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
    expect(digest.digest('hex')).toBe(RELEASED_DIGESTS[engine]);
  },
);

/**
 * Guides whose first attempt at 'standard' passes every gate but lands within ENCODE_RISE of the
 * thumbnail's: engine 1 releases it, engine 2 refuses it before its encode and releases the next.
 */
const PARTING: { kind: FixtureImageKind; g: number }[] = [
  { kind: 'photo', g: 22 },
  { kind: 'white-product', g: 11 },
  { kind: 'dark', g: 45 },
];
const PARTING_DIGESTS: Record<ImageEngine, string> = {
  1: 'e6ffec8cf36b473bc8e9bb3f9e3d63c7b0f781fa76d4bb70c18ea8b65727b22b',
  2: '320d15111d9563ef42ae041f4e3fbe62d84d3d07e6317680071a5a3492424847',
};

it('engines 1 and 2 part where a first attempt lands near the thumbnail gate, each as it did', async () => {
  const digests = { 1: createHash('sha256'), 2: createHash('sha256') };
  for (const { kind, g } of PARTING) {
    const image = await makeFixtureImage(kind, { exif: true });
    const one = await varyImage({ ...input(image, kind, g, 'standard'), engine: 1 });
    const two = await varyImage({ ...input(image, kind, g, 'standard'), engine: 2 });
    expect([one.attempts, one.refusedBeforeEncode]).toEqual([1, 0]);
    expect(one.metrics!.thumbMaxDiff).toBeGreaterThan(IMAGE_GATES.maxThumbDiff - ENCODE_RISE);
    expect([two.attempts, two.refusedBeforeEncode, two.strength]).toEqual([2, 1, 'standard']);
    expect(two.metrics!.thumbMaxDiff).toBeLessThan(one.metrics!.thumbMaxDiff);
    digests[1].update(one.data);
    digests[2].update(two.data);
  }
  expect({ 1: digests[1].digest('hex'), 2: digests[2].digest('hex') }).toEqual(PARTING_DIGESTS);
});

function input(image: Buffer, kind: FixtureImageKind, g: number, strength: 'standard' | 'subtle') {
  return {
    data: image,
    strength,
    seed: variationSeed(`pst_bytes_${kind}`, `gd_${g}`),
    guideIndex: g,
    imageIndex: g % 9,
  };
}
