/**
 * Variation engines bench: image variant time as a ratio to a plain sharp decode+encode of
 * the same 1080×1080 JPEG and to jimp doing the same transform; text variants per second; the gate
 * figures over 500 guides × the sample posts (text) and over VARIATION_BENCH_IMAGE_GUIDES guides ×
 * the fixture images (default 200); peak RSS for one guide's 9-image post. Ratios matter more than
 * milliseconds: the machine is shared, so contenders are timed in interleaved rounds.
 *
 *   npx tsx bench/variation.bench.ts
 *   VARIATION_BENCH_ONLY=floor npx tsx bench/variation.bench.ts   (parts: speed,floor,apart,engines,profile,options,allocator,text,memory,images)
 *   VARIATION_BENCH_PROBE_METHOD=1 also runs the probe's random-field method over the images.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { FIXTURE_IMAGE_KINDS, makeFixtureImage, type FixtureImageKind } from '../test/fixtures/variation/images';
import { SAMPLE_POSTS } from '../test/fixtures/variation/posts';
import {
  IMAGE_ENGINES,
  IMAGE_GATES,
  IMAGE_POPULATION_GATES,
  TEXT_POPULATION_GATES,
  imagePopulationFigures,
  textPopulationFigures,
  variationSeed,
  varyImage,
  varyText,
  type ImageMethod,
  type Strength,
} from '@server/variation';
import type { VariantStage } from '@server/variation/image/vary';
import type { RgbImage } from '@server/variation/image/raster';
import { distribution } from '@server/variation/stats';
import { varyTextAtPlace } from '@server/variation/text/places';
import { decodeOwnJpeg, decodeRgb, encodeJpeg } from '@server/variation/image/decode';
import { tuneHeapForImages } from '@server/variation/image/heap';
import { jimpDecodeEncode, jimpVariant } from './lib/jimp-variant';
import { withComment } from './lib/jpeg-comment';
import { interleaved, loadNow, pairedRatio, type Timing } from './lib/interleave';
import { median, ms, pct, ratio } from './lib/timing';
import { runWhenMain } from './support/main';

const TEXT_GUIDES = 500;
const IMAGE_GUIDES = Number(process.env.VARIATION_BENCH_IMAGE_GUIDES ?? 200);

/**
 * Image variant time against sharp's plain decode+encode of the same JPEG (goal ≤ 1.5× wall), for the
 * poster as HQ exports it (EXIF and an sRGB profile) and for the same pixels without a profile (the
 * floor is cheaper there: sharp converts a tagged image's colours even from sRGB to sRGB, which the
 * engine skips when the profile is sRGB). A variant is timed for the first guide of an image (decode
 * and analysis included: the cache of decoded originals is emptied first) and for any further guide
 * (the pre-render timer makes one image's variants for every guide of a post in a row).
 */
async function imageSpeed(tagged: Buffer): Promise<void> {
  console.log(
    `\nImage variant speed (1080×1080 JPEG poster; sharp.concurrency ${sharp.concurrency()} for every contender; medians of interleaved rounds; wall and CPU as ratios to each poster's own floor):`,
  );
  const untagged = await sharp(tagged).jpeg({ quality: 95 }).toBuffer();
  // 6 rounds of 5 calls in a row per contender (30 samples each).
  const rounds = Number(process.env.VARIATION_BENCH_SPEED_ROUNDS ?? 6);
  const block = 5;
  const posters = [
    ['sRGB profile and EXIF', tagged],
    ['no profile', untagged],
  ] as const;
  // Each contender against the floor measured in its own interleaved rounds.
  const line = (name: string, x: Timing, base: Timing, note = ''): void =>
    console.log(
      `  ${name.padEnd(46)} wall ${ms(x.wall).padStart(6)} ${ratio(x.wall, base.wall).padStart(6)}   CPU ${ms(x.cpu).padStart(6)} ${ratio(x.cpu, base.cpu).padStart(6)}${note}`,
    );
  // The floor is sharp's plain decode+encode at default settings (colour profile converted to sRGB,
  // metadata dropped, optimised Huffman tables, 4:2:0); the variant encodes with the same settings.
  const floorOf = (poster: Buffer) => (): Promise<Buffer> => sharp(poster).jpeg({ quality: 88 }).toBuffer();
  const furtherTimes: Record<string, Timing>[] = [];
  for (const [label, poster] of posters) {
    const decoded = await decodeRgb(poster);
    const encoded = await encodeJpeg(decoded, 88);
    // Further guides: the original is decoded and analysed (cached) before the rounds.
    await varyImage({ data: poster, strength: 'standard', seed: 1, guideIndex: 1 });
    const t = await interleaved(
      {
        floor: floorOf(poster),
        standard: (i) => varyImage({ data: poster, strength: 'standard', seed: 3000 + i, guideIndex: i + 40 }),
        subtle: (i) => varyImage({ data: poster, strength: 'subtle', seed: 1000 + i }),
        // What a further guide's checked variant must spend in libvips alone: encode, decode the released bytes.
        sharpFurther: async () => {
          await encodeJpeg(decoded, 88);
          await decodeOwnJpeg(encoded);
        },
      },
      rounds,
      block,
    );
    furtherTimes.push(t);
    console.log(`  poster with ${label}, each further guide of the image:`);
    line('sharp decode+encode (floor)', t.floor!, t.floor!);
    line('variant standard', t.standard!, t.floor!, '   goal ≤ 1.50× wall');
    line('variant subtle', t.subtle!, t.floor!);
    line('libvips alone: encode, decode', t.sharpFurther!, t.floor!, '   lower bound');
  }
  // First guide: each round a new original (the same pixels with a comment segment of its own, so
  // the cache misses as it does for a new post's image, and older originals age out of it). After
  // the further-guide series, whose timings this churn would otherwise disturb.
  const firstTimes: Record<string, Timing>[] = [];
  for (const [label, poster] of posters) {
    const decoded = await decodeRgb(poster);
    const encoded = await encodeJpeg(decoded, 88);
    const t = await interleaved(
      {
        floor: floorOf(poster),
        firstStandard: (i) =>
          varyImage({
            data: withComment(poster, `round ${i}`),
            strength: 'standard',
            seed: 2000 + i,
            guideIndex: i + 10,
          }),
        // ... and in libvips alone: decode the original, encode, decode the released bytes.
        sharpFirst: async () => {
          await decodeRgb(poster);
          await encodeJpeg(decoded, 88);
          await decodeOwnJpeg(encoded);
        },
      },
      rounds,
      block,
    );
    firstTimes.push(t);
    console.log(`  poster with ${label}, the first guide of the image (decode and analysis included):`);
    line('sharp decode+encode (floor)', t.floor!, t.floor!);
    line('variant standard', t.firstStandard!, t.floor!);
    line('libvips alone: decode, encode, decode', t.sharpFirst!, t.floor!, '   lower bound');
  }
  const figures = { ...furtherTimes[0]!, ...firstTimes[0]! };
  const j = await interleaved(
    { jimpFloor: () => jimpDecodeEncode(tagged), jimp: (i) => jimpVariant(tagged, 3000 + i) },
    3,
  );
  console.log(
    `  jimp decode+encode ${ms(j.jimpFloor!.wall)}; jimp doing the same transform ${ms(j.jimp!.wall)}: standard (first guide) is ${(j.jimp!.wall / figures.firstStandard!.wall).toFixed(1)}× faster, further guides ${(j.jimp!.wall / figures.standard!.wall).toFixed(1)}×`,
  );
  // A 9-image post (nine different images), three images at a time (the content function's pool),
  // against nine plain re-encodes: for the first guide of the post and for a further guide.
  const nine = await Promise.all(
    Array.from({ length: 9 }, (_, i) =>
      sharp(tagged)
        .modulate({ hue: 40 * i })
        .withMetadata()
        .jpeg({ quality: 92 })
        .toBuffer(),
    ),
  );
  const pool = async (fn: (i: number) => Promise<unknown>): Promise<void> => {
    let next = 0;
    await Promise.all(
      [0, 1, 2].map(async () => {
        while (next < nine.length) await fn(next++);
      }),
    );
  };
  const variant9 = (images: readonly Buffer[], r: number, guide: number): Promise<void> =>
    pool((i) =>
      varyImage({
        data: images[i]!,
        strength: 'standard',
        seed: 4000 + 10 * r + guide,
        guideIndex: guide,
        imageIndex: i,
      }),
    );
  await variant9(nine, -1, 2);
  const p = await interleaved(
    {
      floor9: () => pool((i) => sharp(nine[i]).jpeg({ quality: 88 }).toBuffer()),
      // A new post's nine images (new bytes, same pixels): the first guide decodes and analyses them.
      first9: (r) =>
        variant9(
          nine.map((b) => withComment(b, `post ${r}`)),
          r,
          1,
        ),
      further9: (r) => variant9(nine, r, 2),
    },
    5,
  );
  console.log(
    `  9 images, 3 at a time: floor ${ms(p.floor9!.wall)}; first guide ${ms(p.first9!.wall)} (${ratio(p.first9!.wall, p.floor9!.wall)} wall, ${ratio(p.first9!.cpu, p.floor9!.cpu)} CPU); further guide ${ms(p.further9!.wall)} (${ratio(p.further9!.wall, p.floor9!.wall)} wall, ${ratio(p.further9!.cpu, p.floor9!.cpu)} CPU)`,
  );
}

/** The text population gates over one post's variants. */
function textGatesHold(f: ReturnType<typeof textPopulationFigures>): boolean {
  return (
    f.distinct === f.guides &&
    f.jaccard.p95 <= TEXT_POPULATION_GATES.maxJaccardP95 &&
    f.simhashNearShare <= TEXT_POPULATION_GATES.maxSimhashNearShare &&
    f.gateFailures === 0
  );
}

function textFigures(): void {
  console.log(
    `\nText: ${TEXT_GUIDES} guides × ${SAMPLE_POSTS.length} sample posts (gates: distinct 100 %, pairwise 3-gram Jaccard p95 ≤ ${TEXT_POPULATION_GATES.maxJaccardP95}, SimHash ≤ 3 for ≤ ${pct(TEXT_POPULATION_GATES.maxSimhashNearShare, 0)} of pairs, similarity ≥ 0.6, length −5..+20 %)`,
  );
  for (const strength of ['standard', 'subtle'] as const) {
    let made = 0;
    let spent = 0;
    console.log(`  strength ${strength}:`);
    for (const post of SAMPLE_POSTS) {
      const t0 = performance.now();
      const out = Array.from({ length: TEXT_GUIDES }, (_, g) =>
        varyText({
          text: post.text,
          protectTerms: post.protectTerms,
          strength,
          seed: variationSeed(`pst_${post.id}`, `gd_${g}`),
        }),
      );
      spent += performance.now() - t0;
      made += out.length;
      const f = textPopulationFigures(
        post.text,
        out.map((o) => o.text),
        post.protectTerms,
      );
      const fellBack = out.filter((o) => o.strength !== strength).length;
      const ok = textGatesHold(f);
      console.log(
        `    ${post.id.padEnd(15)} distinct ${f.distinct}/${f.guides}  Jaccard p50 ${f.jaccard.p50.toFixed(3)} p95 ${f.jaccard.p95.toFixed(3)}  SimHash≤3 ${pct(f.simhashNearShare, 2)}  sim min ${f.similarity.min.toFixed(3)} p50 ${f.similarity.p50.toFixed(3)}  length ${pct(f.lengthChange.min)}..${pct(f.lengthChange.max)}  fell back ${fellBack}  gate failures ${f.gateFailures}  ${ok ? 'PASS' : 'FAIL'}`,
      );
    }
    console.log(`    text variants per second: ${Math.round((made / spent) * 1000)} (including gates and retries)`);
    // What guides get: the content function gives the guide at place k of the audience the k-th text
    // of a per-post series that skips near duplicates while it can (server/variation/text/places.ts).
    console.log(
      `  strength ${strength}, ${TEXT_GUIDES} guides by audience place (as the content function assigns them):`,
    );
    for (const post of SAMPLE_POSTS) {
      const t0 = performance.now();
      const texts = Array.from(
        { length: TEXT_GUIDES },
        (_, place) =>
          varyTextAtPlace({
            text: post.text,
            protectTerms: post.protectTerms,
            strength,
            series: `pst_${post.id}`,
            place,
          }).text,
      );
      const ms = performance.now() - t0;
      const f = textPopulationFigures(post.text, texts, post.protectTerms);
      const ok = textGatesHold(f);
      console.log(
        `    ${post.id.padEnd(15)} distinct ${f.distinct}/${f.guides}  Jaccard p50 ${f.jaccard.p50.toFixed(3)} p95 ${f.jaccard.p95.toFixed(3)}  SimHash≤3 ${pct(f.simhashNearShare, 2)}  sim min ${f.similarity.min.toFixed(3)} p50 ${f.similarity.p50.toFixed(3)}  gate failures ${f.gateFailures}  ${Math.round(ms)} ms for all  ${ok ? 'PASS' : 'FAIL'}`,
      );
    }
  }
}

async function imageFigures(images: Map<FixtureImageKind, Buffer>): Promise<void> {
  console.log(
    `\nImages: ${IMAGE_GUIDES} guides × ${images.size} fixture images (gates: subtle SSIM ≥ 0.97, PSNR ≥ 28 dB, thumbnail Δ ≤ 20; MD5 all distinct; standard pHash pairwise p5 ≥ ${IMAGE_POPULATION_GATES.minPHashP5}, median ≥ ${IMAGE_POPULATION_GATES.minPHashMedian}, blockhash-256 min ≥ ${IMAGE_POPULATION_GATES.minBlockhashMin})`,
  );
  const runs: { strength: Exclude<Strength, 'off'>; method: ImageMethod; label: string }[] = [
    { strength: 'subtle', method: 'codeword', label: 'subtle' },
    { strength: 'standard', method: 'codeword', label: 'standard (codeword)' },
    // The probe's method for comparison; a third of the image part's time (which would then pass 5 min).
    ...(process.env.VARIATION_BENCH_PROBE_METHOD === '1'
      ? [
          {
            strength: 'standard' as const,
            method: 'random' as const,
            label: "standard (random field RMS 5, the probe's method)",
          },
        ]
      : []),
  ];
  for (const [kind, data] of images) {
    console.log(`  ${kind}:`);
    for (const run of runs) {
      const outs = [];
      for (let g = 0; g < IMAGE_GUIDES; g++) {
        outs.push(
          await varyImage({
            data,
            strength: run.strength,
            method: run.method,
            seed: variationSeed(`pst_${kind}`, `gd_${g}`),
            guideIndex: g,
          }),
        );
      }
      const pop = await imagePopulationFigures(outs.map((o) => o.data));
      const m = outs.filter((o) => o.metrics).map((o) => o.metrics!);
      const ssim = distribution(m.map((x) => x.ssim));
      const psnr = distribution(m.map((x) => x.psnr));
      const thumb = distribution(m.map((x) => x.thumbMaxDiff));
      const field = distribution(m.map((x) => x.fieldRms));
      const fellBack = outs.filter((o) => o.strength !== run.strength).length;
      const retried = outs.filter((o) => o.attempts > 1).length;
      const hashOk =
        pop.pHash.p5 >= IMAGE_POPULATION_GATES.minPHashP5 &&
        pop.pHash.p50 >= IMAGE_POPULATION_GATES.minPHashMedian &&
        pop.blockhash.min >= IMAGE_POPULATION_GATES.minBlockhashMin;
      const faithful =
        m.length === 0 ||
        (ssim.min >= IMAGE_GATES.minSsim && psnr.min >= IMAGE_GATES.minPsnr && thumb.max <= IMAGE_GATES.maxThumbDiff);
      const distinct = pop.md5Distinct === pop.guides;
      console.log(
        `    ${run.label}: MD5 ${pop.md5Distinct}/${pop.guides}  SSIM min ${ssim.min.toFixed(4)} p50 ${ssim.p50.toFixed(4)}  PSNR min ${psnr.min.toFixed(1)} dB  thumb Δ max ${thumb.max.toFixed(1)}  field RMS p50 ${field.p50.toFixed(2)}  second attempt ${retried}  fell back ${fellBack}  ${faithful && distinct ? 'PASS' : 'FAIL'}`,
      );
      console.log(
        `      pHash pairwise min ${pop.pHash.min} p5 ${pop.pHash.p5} p50 ${pop.pHash.p50}  blockhash min ${pop.blockhash.min} p5 ${pop.blockhash.p5} p50 ${pop.blockhash.p50}  ${run.strength === 'standard' ? (hashOk ? 'PASS' : 'FAIL') : ''}${run.method === 'random' ? ' (reference only)' : ''}`,
      );
    }
  }
}

function peakMemory(images: Buffer[], what = '9 different 1080² originals'): void {
  const config = JSON.parse(
    fs.readFileSync(path.join(__dirname, '..', 'cloudfunctions', 'content', 'config.json'), 'utf8'),
  ) as { memorySize?: number };
  console.log(
    `\nPeak memory, one guide's 9-image post (text + ${what} at standard), fresh process (the content function has ${config.memorySize ?? 256} MB):`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-variation-'));
  try {
    images.forEach((b, i) => fs.writeFileSync(path.join(dir, `${i + 1}.jpg`), b));
    for (const concurrency of [1, 3, 9]) {
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', path.join(__dirname, 'lib', 'variation-rss-child.ts'), String(concurrency), dir],
        { encoding: 'utf8' },
      );
      if (child.status !== 0) {
        console.log(`  concurrency ${concurrency}: child failed: ${child.stderr.slice(0, 300)}`);
        continue;
      }
      const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as {
        elapsedMs: number;
        idleRssMb: number;
        peakRssMb: number;
      };
      console.log(
        `  ${concurrency} at a time: ${ms(r.elapsedMs)}, RSS before ${r.idleRssMb.toFixed(0)} MB, peak ${r.peakRssMb.toFixed(0)} MB`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Median and spread (min–max) of a few runs' ratios. */
const spread = (xs: number[]): string =>
  `${median(xs).toFixed(2)}× (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
/** Mean CPU per call of a contender's turns (every round's turn holds the same number of calls). */
const meanCpu = (t: Timing): number => sum(t.cpuRounds) / t.cpuRounds.length;
/** All of a contender's CPU against all of the base's, over the same rounds. */
const totalRatio = (x: Timing, base: Timing): number => sum(x.cpuRounds) / sum(base.cpuRounds);

/**
 * The poster as HQ exports it (EXIF and an sRGB profile) and the same pixels without a profile, each
 * with its decode and the floor's encode of it.
 */
async function postersOf(
  tagged: Buffer,
): Promise<{ label: string; poster: Buffer; decoded: RgbImage; encoded: Buffer }[]> {
  const untagged = await sharp(tagged).jpeg({ quality: 95 }).toBuffer();
  const out = [];
  for (const [label, poster] of [
    ['sRGB profile and EXIF', tagged],
    ['no profile', untagged],
  ] as const) {
    const decoded = await decodeRgb(poster);
    out.push({ label, poster, decoded, encoded: await encodeJpeg(decoded, 88) });
  }
  return out;
}

/**
 * Variant time as a ratio to the libvips work a checked variant cannot avoid, each measured in the
 * same interleaved rounds as its floor: a further guide against an encode plus the verifying decode
 * of the released bytes; a post of 100 guides (the first guide decodes and analyses the original)
 * against the original's decode once plus 100 × (encode + verifying decode), at 'standard' and at
 * 'subtle' (a post's default) in the same rounds. Goals: ≤ 1.25× for a further guide, ≤ 1.35× per
 * post of 100. VARIATION_BENCH_FLOOR_RUNS runs (default 5) per poster of
 * VARIATION_BENCH_FLOOR_ROUNDS rounds × 5 calls each (default 8: with 4 the medians of one engine
 * moved 1.14–1.48× between runs on this VM, whose per-call CPU has a heavy upper tail),
 * with and without a colour profile; median and spread (min–max) of the runs' ratios of CPU time
 * (median per call, and its lower quartile, less moved by the load), of wall time, and paired: the
 * median over a run's rounds of the ratio of the two turns of the same round (a round's turns are
 * seconds apart, so a drift of the load cancels out of their ratio), and total: all of a run's CPU
 * against all of its floor's (what a post really costs: second attempts are in it, where a median per
 * call leaves them out; per post of 100, the first guide's mean plus 99 further guides' means against
 * the floor's). The floor is timed twice in the
 * further guide's rounds, and the ratio of the two (A/A, the same work) shows what each estimator
 * reads where there is no difference: its resolution on this machine.
 */
async function floorRatios(tagged: Buffer): Promise<void> {
  const runs = Number(process.env.VARIATION_BENCH_FLOOR_RUNS ?? 5);
  const rounds = Number(process.env.VARIATION_BENCH_FLOOR_ROUNDS ?? 8);
  console.log(
    `\nRatios to the floor (libvips work a checked variant cannot avoid), ${runs} runs of ${rounds} rounds × 5 calls, median (min–max) of the runs; sharp.concurrency ${sharp.concurrency()}; load ${loadNow()}:`,
  );
  // 'subtle' is what a post gets unless HQ chooses otherwise; 'standard' writes the guide's codeword
  // (more engine work per attempt, and the only strength whose first attempts fail the thumbnail gate).
  const strengths = ['standard', 'subtle'] as const;
  for (const { label, poster, decoded, encoded } of await postersOf(tagged)) {
    const kinds = ['cpu', 'cpuLow', 'wall'] as const;
    const empty = () => ({
      cpu: [] as number[],
      cpuLow: [] as number[],
      wall: [] as number[],
      paired: [] as number[],
      total: [] as number[],
    });
    const further = { standard: empty(), subtle: empty() };
    const post = { standard: empty(), subtle: empty() };
    const aa = empty();
    const furtherFloor = async (): Promise<void> => {
      await encodeJpeg(decoded, 88);
      await decodeOwnJpeg(encoded);
    };
    for (let run = 0; run < runs; run++) {
      // The original decoded and analysed (cached) before the further guides' rounds.
      await varyImage({ data: poster, strength: 'standard', seed: 1, guideIndex: 1 });
      const f = await interleaved(
        {
          ...Object.fromEntries(
            strengths.map((strength) => [
              strength,
              (i: number) => varyImage({ data: poster, strength, seed: 7000 + 100 * run + i, guideIndex: i + 40 }),
            ]),
          ),
          floor: furtherFloor,
          // The same work a second time: the A/A control.
          floorAgain: furtherFloor,
        },
        rounds,
        5,
      );
      // First guides after the further ones: new originals churn the cache of decoded ones.
      const first = await interleaved(
        {
          ...Object.fromEntries(
            strengths.map((strength) => [
              strength,
              (i: number) =>
                varyImage({
                  data: withComment(poster, `floor ${strength} ${run} ${i}`),
                  strength,
                  seed: 8000 + 100 * run + i,
                  guideIndex: i + 10,
                }),
            ]),
          ),
          floor: async () => {
            await decodeRgb(poster);
            await encodeJpeg(decoded, 88);
            await decodeOwnJpeg(encoded);
          },
        },
        rounds,
        5,
      );
      for (const k of kinds) aa[k].push(f.floorAgain![k] / f.floor![k]);
      aa.paired.push(pairedRatio(f.floorAgain!, f.floor!));
      aa.total.push(totalRatio(f.floorAgain!, f.floor!));
      for (const strength of strengths) {
        const [x, one] = [f[strength]!, first[strength]!];
        for (const k of kinds) {
          further[strength][k].push(x[k] / f.floor![k]);
          post[strength][k].push((one[k] + 99 * x[k]) / (first.floor![k] + 99 * f.floor![k]));
        }
        further[strength].paired.push(pairedRatio(x, f.floor!));
        further[strength].total.push(totalRatio(x, f.floor!));
        post[strength].total.push((meanCpu(one) + 99 * meanCpu(x)) / (meanCpu(first.floor!) + 99 * meanCpu(f.floor!)));
        post[strength].paired.push(
          median(
            x.cpuRounds.map(
              (c, i) => (one.cpuRounds[i]! + 99 * c) / (first.floor!.cpuRounds[i]! + 99 * f.floor!.cpuRounds[i]!),
            ),
          ),
        );
      }
    }
    const row = (name: string, x: typeof aa, goal: string): void =>
      console.log(
        `    ${name.padEnd(28)} CPU ${spread(x.cpu)}   CPU lower quartile ${spread(x.cpuLow)}   wall ${spread(x.wall)}   CPU paired ${spread(x.paired)}   CPU total ${spread(x.total)}   ${goal}`,
      );
    console.log(`  poster with ${label}:`);
    for (const strength of strengths) {
      row(`further guide, ${strength}`, further[strength], 'goal ≤ 1.25×');
      row(`per post of 100, ${strength}`, post[strength], 'goal ≤ 1.35×');
    }
    row('floor A/A', aa, '(the same work: 1.00× is exact)');
  }
  console.log(`  load after: ${loadNow()}`);
}

/**
 * Where a further guide's variant spends CPU beyond its floor: the CPU of each stage of its
 * attempts (varyImage's onStage), per variant, against the floor's encode and decode timed in the
 * same interleaved rounds; then the ratio to the floor under sharp's concurrency and cache settings.
 */
async function stageProfile(tagged: Buffer): Promise<void> {
  const cpuNow = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const stages: VariantStage[] = ['params', 'render', 'precheck', 'encode', 'decode', 'check'];
  console.log(
    `\nWhere a further guide's variant spends CPU (1080² poster, 6 rounds × 5 calls, median CPU per variant, all attempts; share of the floor = encode + verifying decode); load ${loadNow()}:`,
  );
  for (const { label, poster, decoded, encoded } of await postersOf(tagged)) {
    await varyImage({ data: poster, strength: 'standard', seed: 1, guideIndex: 1 });
    const per = new Map(stages.map((s) => [s, [] as number[]]));
    let attempts = 0;
    let refused = 0;
    let made = 0;
    const t = await interleaved(
      {
        variant: async (i) => {
          const spent = new Map(stages.map((s) => [s, 0]));
          let last = cpuNow();
          const out = await varyImage({
            data: poster,
            strength: 'standard',
            seed: 5000 + i,
            guideIndex: i + 40,
            onStage: (stage) => {
              const now = cpuNow();
              spent.set(stage, spent.get(stage)! + now - last);
              last = now;
            },
          });
          if (i < 0) return;
          for (const s of stages) per.get(s)!.push(spent.get(s)!);
          attempts += out.attempts;
          refused += out.refusedBeforeEncode;
          made++;
        },
        encode: () => encodeJpeg(decoded, 88),
        decode: () => decodeOwnJpeg(encoded),
      },
      6,
      5,
    );
    const floor = t.encode!.cpu + t.decode!.cpu;
    const share = (x: number): string => `${ms(x).padStart(7)} ${ratio(x, floor).padStart(6)}`;
    console.log(
      `  poster with ${label}: ${(attempts / made).toFixed(3)} attempts per variant, ${(refused / made).toFixed(3)} of them refused before their encode`,
    );
    console.log(`    floor: encode ${share(t.encode!.cpu)}, decode ${share(t.decode!.cpu)}`);
    for (const s of stages) console.log(`    ${s.padEnd(8)} ${share(median(per.get(s)!))}`);
    console.log(`    variant  ${share(t.variant!.cpu)}   (lower quartile ${ratio(t.variant!.cpuLow, floor)})`);
  }
  // sharp's settings: a further guide against its floor under each.
  const concurrency = sharp.concurrency();
  const settings: { label: string; concurrency: number; cache: boolean }[] = [
    { label: `concurrency ${concurrency}, cache off (the engine's)`, concurrency, cache: false },
    { label: `concurrency ${concurrency + 1}, cache off`, concurrency: concurrency + 1, cache: false },
    { label: `concurrency ${concurrency}, cache on (sharp's default)`, concurrency, cache: true },
  ];
  console.log(`  sharp settings, poster with the profile, further guide (CPU median / lower quartile, wall):`);
  const decoded = await decodeRgb(tagged);
  const encoded = await encodeJpeg(decoded, 88);
  try {
    for (const setting of settings) {
      sharp.concurrency(setting.concurrency);
      sharp.cache(setting.cache);
      const t = await interleaved(
        {
          further: (i) => varyImage({ data: tagged, strength: 'standard', seed: 6000 + i, guideIndex: i + 40 }),
          floor: async () => {
            await encodeJpeg(decoded, 88);
            await decodeOwnJpeg(encoded);
          },
        },
        6,
        5,
      );
      console.log(
        `    ${setting.label.padEnd(40)} floor ${ms(t.floor!.cpu)} CPU; variant ${ratio(t.further!.cpu, t.floor!.cpu)} / ${ratio(t.further!.cpuLow, t.floor!.cpuLow)} CPU, ${ratio(t.further!.wall, t.floor!.wall)} wall`,
      );
    }
  } finally {
    sharp.concurrency(concurrency);
    sharp.cache(false);
  }
}

/**
 * What might lower the floor without weakening the check: the floor's encode without the optimised
 * Huffman pass (lossless entropy coding: the same decoded pixels, bigger files) and the verifying
 * decode read sequentially. Each against the engine's own setting, with whether the decoded pixels
 * are identical (the check's precondition) and the size change.
 */
async function floorOptions(tagged: Buffer): Promise<void> {
  const decoded = await decodeRgb(tagged);
  const raw = Buffer.from(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength);
  const input = { raw: { width: decoded.width, height: decoded.height, channels: 3 as const } };
  const encode = (optimiseCoding: boolean) =>
    sharp(raw, input).jpeg({ quality: 88, chromaSubsampling: '4:2:0', optimiseCoding }).toBuffer();
  const optimised = await encode(true);
  const plain = await encode(false);
  const pixels = async (b: Buffer, sequentialRead = false) => await sharp(b, { sequentialRead }).raw().toBuffer();
  const t = await interleaved(
    {
      encode: () => encode(true),
      encodePlain: () => encode(false),
      decode: () => pixels(optimised),
      decodeSequential: () => pixels(optimised, true),
    },
    6,
    5,
  );
  const samePlain = (await pixels(plain)).equals(await pixels(optimised));
  const sameSeq = (await pixels(optimised, true)).equals(await pixels(optimised));
  console.log(
    '\nFloor options (1080² poster; the engine encodes with optimised Huffman tables and decodes at default):',
  );
  console.log(
    `  encode without the optimised Huffman pass: wall ${ratio(t.encodePlain!.wall, t.encode!.wall)} CPU ${ratio(t.encodePlain!.cpu, t.encode!.cpu)} of the engine's encode; file ${ratio(plain.length, optimised.length)}; decoded pixels identical: ${samePlain ? 'yes' : 'NO'}`,
  );
  console.log(
    `  verifying decode read sequentially: wall ${ratio(t.decodeSequential!.wall, t.decode!.wall)} CPU ${ratio(t.decodeSequential!.cpu, t.decode!.cpu)} of the default decode; pixels identical: ${sameSeq ? 'yes' : 'NO'}`,
  );
}

/**
 * The floor part in a process of its own with glibc's malloc thresholds fixed (the allocator part's
 * 32 MB / 64 MB), for the variant and the floor alike. Under the dynamic thresholds a buffer of a
 * few MB is now and then handed back to the kernel and faulted in again, at random in either
 * contender: the A/A control (the floor against itself) then reads 0.68–1.25× per run, so no ratio
 * resolves ±0.05 (docs/scale.md). Fixed, the control holds to about 1.00 ± 0.03 and both contenders
 * are cheaper, the floor more than the variant (its libvips work is all of it), so the ratio reads
 * higher, not lower. VARIATION_BENCH_FLOOR_DEFAULTS=1 runs the part under glibc's defaults instead.
 */
function floorWithThresholdsFixed(): void {
  const fixed = ALLOCATOR_SETTINGS[2]!;
  console.log(`
(The floor part runs in a process of its own, glibc malloc ${fixed.label}: see floorWithThresholdsFixed.)`);
  const child = spawnSync(process.execPath, ['--import', 'tsx', __filename], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    env: { ...process.env, ...fixed.env, VARIATION_BENCH_ONLY: 'floor' },
  });
  // The child's own heading is this bench's: leave it out.
  process.stdout.write(child.stdout.replace(/^== variation engines ==\n/, ''));
  if (child.status !== 0) throw new Error(`the floor part's process failed (${child.status ?? child.signal})`);
}

/**
 * glibc malloc settings the allocator part compares. glibc reads them from the environment once, at
 * process start, so each runs in a child process of its own (lib/variation-allocator-child.ts).
 */
const ALLOCATOR_SETTINGS: { label: string; env: Record<string, string> }[] = [
  { label: "glibc's defaults (dynamic thresholds)", env: {} },
  {
    label: 'mmap threshold 16 MB, trim 32 MB',
    env: { MALLOC_MMAP_THRESHOLD_: String(16 * 2 ** 20), MALLOC_TRIM_THRESHOLD_: String(32 * 2 ** 20) },
  },
  {
    label: 'mmap threshold 32 MB, trim 64 MB',
    env: { MALLOC_MMAP_THRESHOLD_: String(32 * 2 ** 20), MALLOC_TRIM_THRESHOLD_: String(64 * 2 ** 20) },
  },
];

/**
 * How much of the floor is the C allocator's: libvips and sharp take every decoded image and every
 * encoder buffer from malloc, and with glibc's dynamic thresholds a buffer of a few MB is now and
 * then handed back to the kernel and faulted in again, which on this VM doubles the call's CPU.
 * Per setting: a further guide's variant and the floor alternately (1080² poster, then a 12 MP
 * photo), CPU per call as median and mean, and the process's peak RSS (the content function has
 * 512 MB).
 */
function allocatorFigures(): void {
  console.log(`\nThe C allocator's share (glibc malloc settings, each in a fresh process); load ${loadNow()}:`);
  for (const setting of ALLOCATOR_SETTINGS) {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'lib', 'variation-allocator-child.ts')],
      { encoding: 'utf8', env: { ...process.env, ...setting.env } },
    );
    if (child.status !== 0) {
      console.log(`  ${setting.label}: child failed: ${child.stderr.slice(0, 300)}`);
      continue;
    }
    type Figures = { floorMedian: number; floorMean: number; variantMedian: number; variantMean: number };
    const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as {
      poster: Figures;
      photo12mp: Figures;
      posterPeakMb: number;
      peakMb: number;
    };
    const cell = (f: Figures): string =>
      `floor ${ms(f.floorMedian)} / ${ms(f.floorMean)}, variant ${ms(f.variantMedian)} / ${ms(f.variantMean)}, mean ratio ${ratio(f.variantMean, f.floorMean)}`;
    console.log(`  ${setting.label} (CPU median / mean per call):`);
    console.log(`    1080² poster  ${cell(r.poster)}; peak RSS ${r.posterPeakMb.toFixed(0)} MB`);
    console.log(`    12 MP photo   ${cell(r.photo12mp)}; peak RSS ${r.peakMb.toFixed(0)} MB`);
  }
}

/**
 * The floor ratios with each kind of work alone in a process of its own (lib/variation-apart-child.ts).
 * In the interleaved rounds of part `floor` the floor's calls allocate their 3.5 MB decoded images
 * outside the JavaScript heap and almost nothing inside it, so V8 collects that garbage at the next
 * allocation in the heap: in the variant's first call of its turn (measured: that call 8–9 ms dearer
 * after one turn of the floor, 17–18 ms after two, none after a turn of the other strength), which
 * the part's paired and total ratios then count as the variant's. Apart, each work pays for its own
 * collections. Processes run in the order floor, standard, subtle, floor, …; each variant process is
 * compared with the mean of the floor processes before and after it, so a drift of the machine's
 * speed over the minutes cancels to first order. Per run: a further guide's CPU per call (median
 * and mean: the mean carries the second attempts and the slow calls) and per post of 100 (the first
 * guide's mean plus 99 further guides' against the floor's the same way), under glibc's malloc
 * defaults and with its thresholds fixed (set in each child's environment: glibc reads them at
 * process start), with the content function's V8 heap setting (server/variation/image/heap.ts) and,
 * thresholds fixed, with V8's default one. VARIATION_BENCH_APART_RUNS (default 3) runs, APART_CALLS
 * (150) calls per process.
 */
function apartRatios(): void {
  const runs = Number(process.env.VARIATION_BENCH_APART_RUNS ?? 3);
  console.log(
    `\nRatios to the floor, each work alone in its own process (${runs} runs; floor processes before and after each variant's), median (min–max) of the runs; load ${loadNow()}:`,
  );
  type Figures = { furtherMedian: number; furtherMean: number; firstMean: number; gcPerCall: number };
  const child = (work: string, profile: string, env: Record<string, string>): Figures => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'lib', 'variation-apart-child.ts')],
      {
        encoding: 'utf8',
        env: { ...process.env, ...env, APART_WORK: work, APART_PROFILE: profile },
      },
    );
    if (r.status !== 0) throw new Error(`apart child (${work}, ${profile}) failed: ${r.stderr.slice(0, 300)}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as Figures;
  };
  const settings = [
    { ...ALLOCATOR_SETTINGS[0]!, label: `${ALLOCATOR_SETTINGS[0]!.label}, the content function's heap setting` },
    { ...ALLOCATOR_SETTINGS[2]!, label: `${ALLOCATOR_SETTINGS[2]!.label}, the content function's heap setting` },
    {
      label: `${ALLOCATOR_SETTINGS[2]!.label}, V8's default heap setting (incremental marking on)`,
      env: { ...ALLOCATOR_SETTINGS[2]!.env, APART_HEAP: 'v8' },
    },
  ];
  for (const setting of settings) {
    console.log(`  ${setting.label}:`);
    for (const profile of ['profile', 'none']) {
      const floors = [child('floor', profile, setting.env)];
      const rows = {
        standard: { median: [] as number[], mean: [] as number[], post: [] as number[], gc: [] as number[] },
        subtle: { median: [] as number[], mean: [] as number[], post: [] as number[], gc: [] as number[] },
      };
      const variants: { standard: Figures; subtle: Figures }[] = [];
      for (let run = 0; run < runs; run++) {
        variants.push({
          standard: child('standard', profile, setting.env),
          subtle: child('subtle', profile, setting.env),
        });
        floors.push(child('floor', profile, setting.env));
      }
      variants.forEach((v, run) => {
        const [a, b] = [floors[run]!, floors[run + 1]!];
        const base = {
          furtherMedian: (a.furtherMedian + b.furtherMedian) / 2,
          furtherMean: (a.furtherMean + b.furtherMean) / 2,
          firstMean: (a.firstMean + b.firstMean) / 2,
        };
        for (const strength of ['standard', 'subtle'] as const) {
          const x = v[strength];
          rows[strength].median.push(x.furtherMedian / base.furtherMedian);
          rows[strength].mean.push(x.furtherMean / base.furtherMean);
          rows[strength].post.push((x.firstMean + 99 * x.furtherMean) / (base.firstMean + 99 * base.furtherMean));
          rows[strength].gc.push(x.gcPerCall);
        }
      });
      const floorMs = floors.map((f) => f.furtherMedian);
      console.log(
        `    poster with ${profile === 'profile' ? 'sRGB profile and EXIF' : 'no profile'}: floor ${ms(median(floorMs))} CPU per call (median; processes ${ms(Math.min(...floorMs))}–${ms(Math.max(...floorMs))}), collection pauses ${median(floors.map((f) => f.gcPerCall)).toFixed(2)} ms per call`,
      );
      for (const strength of ['standard', 'subtle'] as const) {
        const r = rows[strength];
        console.log(
          `      ${strength.padEnd(9)} further guide: CPU median ${spread(r.median)}, mean ${spread(r.mean)}  goal ≤ 1.25×;  per post of 100: ${spread(r.post)}  goal ≤ 1.35×;  pauses ${median(r.gc).toFixed(2)} ms per call`,
        );
      }
    }
  }
}

/**
 * The image engine's versions side by side (server/variation/types.ts): a further guide's variant at
 * 'standard' by each engine, for the same guides, against the floor in the same interleaved rounds,
 * on every fixture kind. Engine 2 refuses before the encode every attempt near the thumbnail gate,
 * where engine 1 encoded, decoded and checked most of the attempts that then failed. Per engine: the
 * median per call and the total (all CPU against all of the floor's, second attempts included),
 * attempts per variant, and attempts that paid an encode and were refused by the full check.
 */
async function engineRatios(images: Map<FixtureImageKind, Buffer>): Promise<void> {
  const rounds = Number(process.env.VARIATION_BENCH_ENGINE_ROUNDS ?? 12);
  console.log(
    `\nImage engines, a further guide at 'standard' (${rounds} rounds × 5 guides, the same guides for each engine; CPU against the floor of the same rounds); load ${loadNow()}:`,
  );
  for (const kind of FIXTURE_IMAGE_KINDS) {
    const image = images.get(kind)!;
    const decoded = await decodeRgb(image);
    const encoded = await encodeJpeg(decoded, 88);
    const floor = async (): Promise<void> => {
      await encodeJpeg(decoded, 88);
      await decodeOwnJpeg(encoded);
    };
    await varyImage({ data: image, strength: 'standard', seed: 1, guideIndex: 1 });
    const tally = new Map(IMAGE_ENGINES.map((e) => [e, { variants: 0, attempts: 0, refused: 0, failed: 0 }]));
    const contenders: Record<string, (i: number) => Promise<unknown>> = { floor, floorAgain: floor };
    for (const engine of IMAGE_ENGINES) {
      contenders[`engine ${engine}`] = async (i) => {
        const out = await varyImage({ data: image, strength: 'standard', engine, seed: 7000 + i, guideIndex: i + 40 });
        if (i < 0) return;
        const t = tally.get(engine)!;
        t.variants++;
        t.attempts += out.attempts;
        t.refused += out.refusedBeforeEncode;
        // Attempts encoded and then refused by the full check: all but the one released.
        t.failed += out.attempts - out.refusedBeforeEncode - (out.strength === 'off' ? 0 : 1);
      };
    }
    const t = await interleaved(contenders, rounds, 5);
    console.log(`  ${kind}:`);
    for (const name of Object.keys(contenders).filter((n) => n !== 'floor')) {
      const engine = IMAGE_ENGINES.find((e) => name === `engine ${e}`);
      const n = engine ? tally.get(engine)! : null;
      console.log(
        `    ${name.padEnd(10)} CPU median ${(t[name]!.cpu / t.floor!.cpu).toFixed(2)}×   total ${totalRatio(t[name]!, t.floor!).toFixed(2)}×` +
          (n
            ? `   attempts per variant ${(n.attempts / n.variants).toFixed(3)}   refused before the encode ${n.refused}   encoded and refused by the check ${n.failed}`
            : '   (the same work as the floor: 1.00× is exact)'),
      );
    }
  }
}

/** VARIATION_BENCH_ONLY=speed,floor,apart,engines,profile,options,allocator,text,memory,images runs a subset (all by default). */
const PARTS = new Set(
  (process.env.VARIATION_BENCH_ONLY ?? 'speed,floor,apart,engines,profile,options,allocator,text,memory,images').split(
    ',',
  ),
);

export async function run(): Promise<void> {
  console.log('== variation engines ==');
  // Every part runs under the content function's V8 heap setting, as the variants are made in production.
  tuneHeapForImages();
  const images = new Map<FixtureImageKind, Buffer>();
  for (const kind of FIXTURE_IMAGE_KINDS) images.set(kind, await makeFixtureImage(kind, { exif: true }));
  if (PARTS.has('speed')) await imageSpeed(images.get('poster')!);
  if (PARTS.has('floor')) {
    if (process.env.MALLOC_MMAP_THRESHOLD_ === undefined && process.env.VARIATION_BENCH_FLOOR_DEFAULTS !== '1') {
      floorWithThresholdsFixed();
    } else {
      await floorRatios(images.get('poster')!);
    }
  }
  if (PARTS.has('engines')) await engineRatios(images);
  if (PARTS.has('profile')) await stageProfile(images.get('poster')!);
  if (PARTS.has('options')) await floorOptions(images.get('poster')!);
  if (PARTS.has('allocator')) allocatorFigures();
  if (PARTS.has('apart')) apartRatios();
  if (PARTS.has('text')) textFigures();
  if (PARTS.has('memory')) {
    // Nine different originals (four kinds, each with a comment of its own): nine decodes, as a real post.
    const nine = Array.from({ length: 9 }, (_, i) =>
      withComment(images.get(FIXTURE_IMAGE_KINDS[i % FIXTURE_IMAGE_KINDS.length]!)!, `image ${i + 1}`),
    );
    peakMemory(nine);
    // A phone camera's photos as HQ might upload them: varied at SOURCE_MAX_PIXELS (decode.ts).
    const camera = await Promise.all(
      nine.map((b) => sharp(b).resize(4032, 3024, { fit: 'fill' }).jpeg({ quality: 92 }).toBuffer()),
    );
    peakMemory(camera, '9 different 12 MP (4032 × 3024) originals');
  }
  if (PARTS.has('images')) {
    const t0 = performance.now();
    await imageFigures(images);
    console.log(`  (image figures took ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
}

runWhenMain(__filename, run);
