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
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, startLocalCloud } from '../host/index';
import { buildFunctions } from '../scripts/build-functions';
import { makeFixtureImage, type FixtureImageKind } from '../test/fixtures/variation/images';

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

type Reply<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

export async function run(): Promise<ContentBenchResult> {
  await buildFunctions({ quiet: true, names: ['content', 'account'] });
  const config = JSON.parse(
    fs.readFileSync(path.join(__dirname, '..', 'cloudfunctions', 'content', 'config.json'), 'utf8'),
  ) as {
    timeout: number;
    memorySize: number;
  };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-bench-content-'));
  const cloud = await startLocalCloud({
    config: loadConfig({ SIYU_SEED: '0', SIYU_QUIET: '1' }),
    port: 0,
    dataDir,
    hqOpenids: [HQ],
    quiet: true,
    timers: false,
  });
  const call = async <T>(fn: string, action: string, input: Record<string, unknown>, openid: string): Promise<T> => {
    const res = await fetch(`${cloud.url}/fn/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': openid },
      body: JSON.stringify({ action, ...input }),
    });
    const reply = (await res.json()) as Reply<T>;
    if (!reply.ok) throw new Error(`${fn}.${action}: ${reply.error.code} ${reply.error.message}`);
    return reply.data;
  };
  try {
    const { storeId } = await call<{ storeId: string }>('account', 'createStore', { name: '基准门店' }, HQ);
    const guides: string[] = [];
    for (let i = 0; i < GUIDES; i++) {
      const { code } = await call<{ code: string }>('account', 'createInvite', { storeId, role: 'guide' }, HQ);
      const openid = `o_bench_guide_${i}`;
      await call('account', 'redeemInvite', { code, name: `导购${i}` }, openid);
      guides.push(openid);
    }
    const images: string[] = [];
    for (let i = 0; i < 9; i++) {
      const bytes = await makeFixtureImage(KINDS[i % KINDS.length] ?? 'poster', { quality: 88 + (i % 3) });
      const res = await fetch(`${cloud.url}/storage/upload?cloudPath=posts/bench/${i}.jpg`, {
        method: 'POST',
        body: new Uint8Array(bytes),
      });
      images.push(((await res.json()) as { data: { fileID: string } }).data.fileID);
    }
    const { id } = await call<{ id: string }>(
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
    await call('content', 'publishPost', { id }, HQ);

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
        const v = await call<{ images: unknown[] }>('content', 'myVariant', { postId: id }, g);
        coldMs.push(performance.now() - t0);
        if (v.images.length !== 9) throw new Error(`expected 9 images, got ${v.images.length}`);
      }
    } finally {
      clearInterval(sampler);
    }
    const warmMs: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      const t0 = performance.now();
      await call('content', 'myVariant', { postId: id }, guides[i % guides.length] ?? '');
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
    fs.rmSync(dataDir, { recursive: true, force: true });
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

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  run().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
