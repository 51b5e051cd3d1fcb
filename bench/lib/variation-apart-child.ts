/**
 * Child of the variation bench's `apart` part: one kind of work alone in a process of its own — the
 * floor (encode + verifying decode; for a first guide also the original's decode) or a further and a
 * first guide's variant at one strength — so that every collection of the garbage it leaves (a 3.5 MB
 * decoded image per call, outside the JavaScript heap) is paid by that work, not by whichever work
 * follows it in an interleaved round. Prints one JSON line: CPU per call (median and mean) for
 * further and first guides, and V8's collection pauses per call.
 *
 * The process's V8 heap setting is the content function's (tuneHeapForImages) unless APART_HEAP=v8
 * (V8's defaults, incremental marking on).
 *
 *   APART_WORK=floor|standard|subtle  APART_PROFILE=profile|none  APART_HEAP=product|v8
 *   APART_CALLS (150)  APART_FIRST (12)
 */
import { PerformanceObserver } from 'node:perf_hooks';
import sharp from 'sharp';
import { makeFixtureImage } from '../../test/fixtures/variation/images';
import { decodeOwnJpeg, decodeRgb, encodeJpeg } from '@server/variation/image/decode';
import { tuneHeapForImages } from '@server/variation/image/heap';
import { varyImage } from '@server/variation/image/vary';
import { clock } from './interleave';
import { withComment } from './jpeg-comment';
import { mean, median } from './timing';

const WARM = 20;

async function main(): Promise<void> {
  if (process.env.APART_HEAP !== 'v8') tuneHeapForImages();
  const work = process.env.APART_WORK ?? 'floor';
  if (!['floor', 'standard', 'subtle'].includes(work)) throw new Error(`unknown APART_WORK ${work}`);
  const calls = Number(process.env.APART_CALLS ?? 150);
  const firsts = Number(process.env.APART_FIRST ?? 12);
  const tagged = await makeFixtureImage('poster', { exif: true });
  const poster = process.env.APART_PROFILE === 'none' ? await sharp(tagged).jpeg({ quality: 95 }).toBuffer() : tagged;
  const decoded = await decodeRgb(poster);
  const encoded = await encodeJpeg(decoded, 88);
  const strength = work === 'floor' ? 'standard' : (work as 'standard' | 'subtle');
  const further =
    work === 'floor'
      ? async (): Promise<void> => {
          await encodeJpeg(decoded, 88);
          await decodeOwnJpeg(encoded);
        }
      : async (i: number): Promise<void> => {
          await varyImage({ data: poster, strength, seed: 7000 + i, guideIndex: i + 40 });
        };
  const first =
    work === 'floor'
      ? async (i: number): Promise<void> => {
          await decodeRgb(withComment(poster, `apart ${i}`));
          await encodeJpeg(decoded, 88);
          await decodeOwnJpeg(encoded);
        }
      : async (i: number): Promise<void> => {
          await varyImage({ data: withComment(poster, `apart ${i}`), strength, seed: 8000 + i, guideIndex: i + 10 });
        };
  // The original decoded and analysed (cached) first: the further guides' calls reuse it.
  await varyImage({ data: poster, strength, seed: 1, guideIndex: 1 });
  let pauses = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses += e.duration;
  });
  const furtherCpu: number[] = [];
  for (let i = 0; i < WARM + calls; i++) {
    if (i === WARM) gc.observe({ entryTypes: ['gc'] });
    const t = await clock(() => further(i));
    if (i >= WARM) furtherCpu.push(t.cpu);
  }
  // Entries are delivered asynchronously: let them arrive before reading the sum.
  await new Promise((resolve) => setTimeout(resolve, 10));
  const gcPerCall = pauses / calls;
  gc.disconnect();
  const firstCpu: number[] = [];
  for (let i = 0; i < firsts; i++) firstCpu.push((await clock(() => first(i))).cpu);
  console.log(
    JSON.stringify({
      furtherMedian: median(furtherCpu),
      furtherMean: mean(furtherCpu),
      firstMean: mean(firstCpu),
      gcPerCall,
    }),
  );
}

void main();
