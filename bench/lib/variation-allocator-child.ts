/**
 * Child of the variation bench's allocator part: started with glibc malloc settings in its
 * environment (glibc reads them once, at process start), it times a further guide's variant and
 * the floor (encode + verifying decode) alternately on a 1080² poster, then the same on a 12 MP
 * photo (4032 × 3024, a phone camera's size, varied at SOURCE_MAX_PIXELS), and prints one JSON
 * line: CPU per call (median and mean: the mean carries the second attempts and the allocator's
 * slow calls) and peak RSS.
 */
import sharp from 'sharp';
import { makeFixtureImage } from '../../test/fixtures/variation/images';
import { decodeOwnJpeg, decodeSource, encodeJpeg } from '@server/variation/image/decode';
import { tuneHeapForImages } from '@server/variation/image/heap';
import { varyImage } from '@server/variation/image/vary';
import { clock } from './interleave';
import { mean, median } from './timing';

sharp.concurrency(1);
// The content function's heap setting, as in production.
tuneHeapForImages();

interface Figures {
  floorMedian: number;
  floorMean: number;
  variantMedian: number;
  variantMean: number;
}

async function measure(original: Buffer, pairs: number, warm: number, seed: number): Promise<Figures> {
  // The floor at the size the variants are made at (a 12 MP original is varied at SOURCE_MAX_PIXELS).
  const decoded = await decodeSource(original);
  const encoded = await encodeJpeg(decoded, 88);
  // The original decoded and analysed (cached) first: what follows are further guides.
  await varyImage({ data: original, strength: 'standard', seed, guideIndex: 1 });
  const floor: number[] = [];
  const variant: number[] = [];
  for (let i = 0; i < warm + pairs; i++) {
    const v = await clock(() =>
      varyImage({ data: original, strength: 'standard', seed: seed + i, guideIndex: i + 40 }),
    );
    const f = await clock(async () => {
      await encodeJpeg(decoded, 88);
      await decodeOwnJpeg(encoded);
    });
    if (i < warm) continue;
    variant.push(v.cpu);
    floor.push(f.cpu);
  }
  return {
    floorMedian: median(floor),
    floorMean: mean(floor),
    variantMedian: median(variant),
    variantMean: mean(variant),
  };
}

async function main(): Promise<void> {
  let peak = 0;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const poster = await makeFixtureImage('poster', { exif: true });
  const small = await measure(poster, Number(process.env.ALLOCATOR_PAIRS ?? 120), 20, 7000);
  const posterPeakMb = Math.max(peak, process.memoryUsage.rss()) / 2 ** 20;
  // Made only now: freeing its 36 MB decode raises glibc's dynamic threshold, which would change
  // how the poster's buffers are served had it come first.
  const photo = await sharp(await makeFixtureImage('photo'))
    .resize(4032, 3024, { fit: 'fill' })
    .jpeg({ quality: 92 })
    .toBuffer();
  const large = await measure(photo, Number(process.env.ALLOCATOR_LARGE_PAIRS ?? 12), 3, 9000);
  clearInterval(sample);
  peak = Math.max(peak, process.memoryUsage.rss());
  console.log(JSON.stringify({ poster: small, photo12mp: large, posterPeakMb, peakMb: peak / 2 ** 20 }));
}

void main();
