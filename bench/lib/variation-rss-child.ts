/**
 * Child process for the variation bench: one guide's whole variant of a 9-image post (text + 9 ×
 * 1080² JPEG), in a fresh process so the peak RSS is this work alone. Prints one JSON line.
 * Usage: node --import tsx bench/lib/variation-rss-child.ts <concurrency> <dir with 1.jpg … 9.jpg>
 */
import fs from 'node:fs';
import path from 'node:path';
import { SAMPLE_POSTS } from '../../test/fixtures/variation/posts';
import { varyImage } from '@server/variation/image/vary';
import { varyText } from '@server/variation/text/vary';

/**
 * This process's peak RSS. On Linux from VmHWM, which starts afresh at exec: getrusage's maxRSS
 * keeps the pre-exec peak of the forked parent, so a child of a bench that had grown to 450 MB
 * reported 450 MB whatever it did.
 */
function peakRssKb(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}

async function main(): Promise<void> {
  const concurrency = Math.max(1, Number(process.argv[2] ?? 1));
  const dir = process.argv[3] ?? '.';
  const images = Array.from({ length: 9 }, (_, i) => fs.readFileSync(path.join(dir, `${i + 1}.jpg`)));
  const idle = process.memoryUsage().rss;
  const t0 = performance.now();
  const post = SAMPLE_POSTS[0]!;
  varyText({ text: post.text, protectTerms: post.protectTerms, strength: 'standard', seed: 1 });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < images.length) {
      const i = next++;
      await varyImage({ data: images[i]!, strength: 'standard', seed: 1, guideIndex: 1, imageIndex: i });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = performance.now() - t0;
  const peakKb = peakRssKb();
  console.log(JSON.stringify({ concurrency, elapsedMs: elapsed, idleRssMb: idle / 2 ** 20, peakRssMb: peakKb / 1024 }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
