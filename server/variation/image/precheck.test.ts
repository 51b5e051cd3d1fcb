/**
 * Attempts refused before their encode (precheck.ts) save work and change nothing: the variants
 * released are byte for byte those of the engine that encodes, decodes and checks every attempt, and
 * the thumbnail the refusal reads moves through the encode by far less than the margin it keeps.
 */
import sharp from 'sharp';
import { FIXTURE_IMAGE_KINDS, makeFixtureImage } from '../../../test/fixtures/variation/images';
import { variationSeed } from '../seed';
import { IMAGE_GATES } from './gates';
import { ENCODE_RISE, PRECHECK_FROM, PRECHECK_FROM_2, PRECHECK_MARGIN } from './precheck';
import type { ImageEngine } from '../types';
import { varyImage, type ThumbReport } from './vary';

jest.setTimeout(180_000);

const seed = (post: string, g: number): number => variationSeed(post, `gd_${g}`);

it('engine 1 releases the same bytes with the precheck as without it, refusing some attempts on the way', async () => {
  const poster = await makeFixtureImage('poster', { exif: true });
  const small = await makeFixtureImage('white-product', { width: 480, height: 360, exif: true });
  let refused = 0;
  let attempts = 0;
  // These series hold refused attempts (poster guide 8, small guide 22, among others).
  const series = [
    ...Array.from({ length: 12 }, (_, g) => ({ data: poster, guideIndex: g, post: 'pst_img' })),
    ...Array.from({ length: 12 }, (_, g) => ({ data: small, guideIndex: 16 + g, post: 'pst_img' })),
  ];
  for (const { data, guideIndex, post } of series) {
    for (const strength of ['standard', 'subtle'] as const) {
      const input = { data, strength, seed: seed(post, guideIndex), guideIndex, imageIndex: guideIndex % 9 };
      const without = await varyImage({ ...input, engine: 1, precheck: false });
      const withIt = await varyImage({ ...input, engine: 1 });
      expect(without.refusedBeforeEncode).toBe(0);
      expect(withIt.data.equals(without.data)).toBe(true);
      expect([withIt.strength, withIt.attempts, withIt.metrics]).toEqual([
        without.strength,
        without.attempts,
        without.metrics,
      ]);
      refused += withIt.refusedBeforeEncode;
      attempts += withIt.attempts;
    }
  }
  expect(refused).toBeGreaterThan(0);
  console.log(`precheck: ${refused} of ${attempts} attempts refused before their encode, same bytes released`);
});

/** Every attempt's thumbnail report over 80 variants of every fixture kind, per engine. */
async function thumbReports(engine: ImageEngine): Promise<ThumbReport[]> {
  const reports: ThumbReport[] = [];
  for (const kind of FIXTURE_IMAGE_KINDS) {
    const tagged = await makeFixtureImage(kind, { exif: true });
    const plain = await sharp(tagged).jpeg({ quality: 95 }).toBuffer();
    for (const data of [tagged, plain]) {
      for (const strength of ['standard', 'subtle'] as const) {
        for (let g = 0; g < 5; g++) {
          await varyImage({
            data,
            strength,
            engine,
            seed: seed(`pst_margin_${kind}`, g),
            guideIndex: g,
            onThumb: (r) => reports.push(r),
          });
        }
      }
    }
  }
  return reports;
}

it('engine 1 keeps the margin: the rendered thumbnail moves through the encode by far less than it', async () => {
  const reports = await thumbReports(1);
  const checked = reports.filter((r) => r.released !== null);
  const refused = reports.filter((r) => r.released === null);
  expect(checked.length).toBeGreaterThanOrEqual(80);
  // Sound: a refused attempt would have failed the gate after its encode, as long as the gate's
  // figure never falls by PRECHECK_MARGIN through the encode; it fell by 0.55 at most over 4,252
  // attempts: half the margin is asserted here, and a quarter of it for the largest change of a cell.
  const fall = Math.max(...checked.map((r) => r.rendered - r.released!));
  const cell = Math.max(...checked.map((r) => r.cellDelta!));
  console.log(`precheck margin: gate figure fell by ≤ ${fall.toFixed(3)}, a cell moved by ≤ ${cell.toFixed(3)}`);
  expect(fall).toBeLessThan(PRECHECK_MARGIN / 2);
  expect(cell).toBeLessThan(PRECHECK_MARGIN * 0.75);
  for (const r of refused) {
    expect(r.rendered).toBeGreaterThan(IMAGE_GATES.maxThumbDiff + PRECHECK_MARGIN);
    expect(r.predicted).toBeGreaterThanOrEqual(PRECHECK_FROM);
  }
  // Useful: the cheap prediction sends to the exact thumbnail nearly every attempt that would be refused.
  const refusable = reports.filter((r) => r.rendered > IMAGE_GATES.maxThumbDiff + PRECHECK_MARGIN);
  expect(refused.length).toBeGreaterThanOrEqual(Math.ceil(0.9 * refusable.length));
});

it('engine 2 encodes no attempt that the thumbnail gate then refuses', async () => {
  const reports = await thumbReports(2);
  const gate = IMAGE_GATES.maxThumbDiff;
  const checked = reports.filter((r) => r.released !== null);
  const refused = reports.filter((r) => r.released === null);
  expect(refused.length).toBeGreaterThan(0);
  // What it rests on: the gate's figure rises through the encode by less than ENCODE_RISE, and the
  // prediction reads the rendered figure high, or low by less than the gap between its threshold and
  // the refusal's; so every attempt within ENCODE_RISE of the gate is looked at and refused.
  const rise = Math.max(...checked.map((r) => r.released! - r.rendered));
  const under = Math.max(...reports.map((r) => r.rendered - r.predicted));
  console.log(`engine 2: gate figure rose by ≤ ${rise.toFixed(3)}, prediction under by ≤ ${under.toFixed(3)}`);
  expect(rise).toBeLessThan(ENCODE_RISE);
  expect(under).toBeLessThan(gate - ENCODE_RISE - PRECHECK_FROM_2);
  for (const r of refused) {
    expect(r.rendered).toBeGreaterThan(gate - ENCODE_RISE);
    expect(r.predicted).toBeGreaterThanOrEqual(PRECHECK_FROM_2);
  }
  // And so: every attempt encoded passed the thumbnail gate.
  expect(checked.filter((r) => r.released! > gate)).toEqual([]);
});
