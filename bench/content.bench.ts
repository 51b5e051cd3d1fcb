/**
 * content.myVariant latency for a 9-image post (1080×1080 JPEGs), through the local cloud and the
 * built function bundle, as a guide's phone would reach it:
 * - cold: the guide's first opening (text + 9 image variants made, uploaded, stored);
 * - warm: any later opening (one read + temp URLs).
 * Also the process's peak RSS above its idle level while cold variants are made (the function runs
 * in this process, so the figure bounds what one invocation adds), against config.json's memory and
 * timeout.
 *
 *   npx tsx bench/content.bench.ts
 */
import { awaitImageChecks } from '../host/seed/image-checks';
import path from 'node:path';
import { readFunctionConfig } from '@server/config/function-config';
import { buildFunctions, FUNCTIONS_DIR } from '../scripts/build-functions';
import { makeFixtureImage, type FixtureImageKind } from '../test/fixtures/variation/images';
import { TestCloud } from '../test/support/local-cloud';
import { median } from './lib/timing';
import { runWhenMain } from './support/main';

const HQ = 'o_bench_hq';
const GUIDES = 4;
const WARM_RUNS = 10;
const KINDS: FixtureImageKind[] = ['poster', 'photo', 'white-product', 'dark'];
const BODY = [
  '【山茶生活·春日焕新】玫瑰精华水会员价 ¥199，3月8日-3月15日限时。',
  '✨ 清爽不黏腻，早晚各一次，28天看得见水润光泽。',
  '#春日护肤# 详情到店咨询，营业时间 10:00-22:00。',
].join('\n');

export interface ContentBenchResult {
  images: number;
  coldMs: number[];
  warmMs: number[];
  coldMedianMs: number;
  warmMedianMs: number;
  peakRssDeltaMb: number;
  configTimeoutS: number;
  configMemoryMb: number;
}

export async function run(): Promise<ContentBenchResult> {
  await buildFunctions({ quiet: true, names: ['content', 'account'] });
  const config = readFunctionConfig(path.join(FUNCTIONS_DIR, 'content'));
  const cloud = new TestCloud({ hqOpenids: [HQ] });
  await cloud.start();
  try {
    const { storeId } = await cloud.ok('account', 'createStore', { name: '基准门店' }, HQ);
    const guides: string[] = [];
    for (let i = 0; i < GUIDES; i++) {
      const { code } = await cloud.ok('account', 'createInvite', { storeId, role: 'guide' }, HQ);
      const openid = `o_bench_guide_${i}`;
      await cloud.ok('account', 'redeemInvite', { code, name: `导购${i}` }, openid);
      guides.push(openid);
    }
    const images: string[] = [];
    for (let i = 0; i < 9; i++) {
      const bytes = await makeFixtureImage(KINDS[i % KINDS.length] ?? 'poster', { quality: 88 + (i % 3) });
      images.push(await cloud.upload(`posts/bench/${i}.jpg`, bytes));
    }
    const { id } = await cloud.ok(
      'content',
      'savePost',
      {
        title: '基准素材',
        body: BODY,
        images,
        protectTerms: ['山茶生活'],
        variation: { text: 'standard', image: 'standard' },
      },
      HQ,
    );
    await awaitImageChecks((imgs) => cloud.ok('content', 'checkImages', { images: imgs }, HQ), images);
    await cloud.ok('content', 'publishPost', { id }, HQ);

    // Idle level after setup; then sample RSS while cold variants are made.
    global.gc?.();
    const idle = process.memoryUsage().rss;
    let peak = idle;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);
    const coldMs: number[] = [];
    try {
      for (const g of guides) {
        const t0 = performance.now();
        const v = await cloud.ok('content', 'myVariant', { postId: id }, g);
        coldMs.push(performance.now() - t0);
        if (v.images.length !== 9) throw new Error(`expected 9 images, got ${v.images.length}`);
      }
    } finally {
      clearInterval(sampler);
    }
    const warmMs: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      const t0 = performance.now();
      await cloud.ok('content', 'myVariant', { postId: id }, guides[i % guides.length] ?? '');
      warmMs.push(performance.now() - t0);
    }
    const result: ContentBenchResult = {
      images: 9,
      coldMs,
      warmMs,
      coldMedianMs: median(coldMs),
      warmMedianMs: median(warmMs),
      peakRssDeltaMb: (peak - idle) / 2 ** 20,
      configTimeoutS: config.timeout,
      configMemoryMb: config.memorySize,
    };
    print(result);
    return result;
  } finally {
    await cloud.stop();
  }
}

function print(r: ContentBenchResult): void {
  const ms = (x: number) => `${Math.round(x)} ms`;
  console.log('content.myVariant, 9 × 1080² JPEG, strength standard/standard:');
  console.log(`  cold (first opening)  median ${ms(r.coldMedianMs)}  [${r.coldMs.map(ms).join(', ')}]`);
  console.log(
    `  warm (re-opening)     median ${ms(r.warmMedianMs)}  → cold/warm ${(r.coldMedianMs / Math.max(1, r.warmMedianMs)).toFixed(0)}×`,
  );
  console.log(
    `  cold vs timeout       ${((r.coldMedianMs / (r.configTimeoutS * 1000)) * 100).toFixed(0)}% of ${r.configTimeoutS} s (config.json)`,
  );
  console.log(
    `  peak RSS while cold   +${r.peakRssDeltaMb.toFixed(0)} MB over idle (config.json memory ${r.configMemoryMb} MB)`,
  );
}

runWhenMain(__filename, run);
