/**
 * Soak on the local cloud: a steady mixed workload (guides reading the feed, their variants and
 * customers; customers reading points and the mall; visits recorded; redemptions and in-store
 * verifications at a modest rate) for SIYU_SOAK_MINUTES (default 10), with the cloud's memory
 * sampled every 10 s: RSS, and V8 heap right after a forced GC.
 *
 * The local database engine keeps every decoded document in memory (host/db/store.ts), so the heap
 * grows with what the workload writes (visits, coupons, journal entries); in production the
 * database is CloudBase's and none of it is in a function's memory. The soak therefore measures what
 * the stored data itself costs: a fresh cloud process is opened on a copy of the database taken
 * before the workload and again on the database after it, each sampled with no request served; the
 * difference over the documents added is the heap per stored document of the workload's own mix.
 * The heap's slope minus that cost × documents added per minute is what the workload leaves behind:
 * "no growth" only when it is at most GROWTH_THRESHOLD_MB_PER_MIN.
 *
 *   npm run soak                          # SIYU_SOAK_MINUTES=1 for a quick run; SIYU_LOAD_MODE=inproc|child
 */
import path from 'node:path';
import type { MemorySample } from './support/cloud-host';
import { modeFromEnv, startBenchCloud, type BenchCloud } from './support/bench-cloud';
import { auditDataDir } from './support/audit';
import { slope, StepStats } from './support/stats';
import { BENCH_HQ, makeCoupon, makeWorld, publishPost, type World } from './support/world';
import { runWhenMain } from './support/main';

const FUNCTIONS = ['account', 'content', 'points', 'mall', 'insight'] as const;
const SAMPLE_EVERY_MS = 10_000;
/** Callers in flight at once, each with a short pause between calls: a steady, modest load. */
const WORKERS = 6;
const THINK_MS = 40;
/**
 * Heap growth per minute, beyond what stored documents explain, still called "no growth": 0.1 MB/min
 * is 6 MB an hour, far below a 512 MB container that the platform recycles long before then, and
 * above the noise of a heap measured after a full GC on this machine.
 */
export const GROWTH_THRESHOLD_MB_PER_MIN = 0.1;

interface Op {
  name: string;
  weight: number;
  run(cloud: BenchCloud, world: World, postId: string, itemId: string): Promise<{ ok: boolean }>;
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;
/** Each guide's share token of the post, made on first use (a guide shares once, many people open it). */
const shareTokens = new Map<string, Promise<string>>();
function shareTokenOf(c: BenchCloud, guide: string, postId: string): Promise<string> {
  let token = shareTokens.get(guide);
  if (!token) {
    token = c.ok('insight', 'shareLink', { postId }, guide).then((r) => r.shareToken);
    shareTokens.set(guide, token);
  }
  return token;
}
/** Coupons redeemed and not yet verified: a guide scans one now and then. */
const unusedCodes: string[] = [];
let seq = 0;

const OPS: Op[] = [
  { name: 'content.feed', weight: 3, run: (c, w) => c.call('content', 'feed', {}, pick(w.guides).openid) },
  {
    name: 'content.myVariant',
    weight: 3,
    run: (c, w, postId) => c.call('content', 'myVariant', { postId }, pick(w.guides).openid),
  },
  {
    name: 'insight.myCustomers',
    weight: 1,
    run: (c, w) => c.call('insight', 'myCustomers', {}, pick(w.guides).openid),
  },
  { name: 'points.balance', weight: 3, run: (c, w) => c.call('points', 'balance', {}, pick(w.members)) },
  { name: 'mall.listItems', weight: 2, run: (c, w) => c.call('mall', 'listItems', {}, pick(w.members)) },
  { name: 'mall.myCoupons', weight: 1, run: (c, w) => c.call('mall', 'myCoupons', {}, pick(w.members)) },
  {
    name: 'insight.recordVisit',
    weight: 2,
    run: async (c, w, postId) => {
      const token = await shareTokenOf(c, pick(w.guides).openid, postId);
      return c.call('insight', 'recordVisit', { shareToken: token, scene: 1007 }, pick(w.members));
    },
  },
  {
    name: 'mall.redeem',
    weight: 0.5,
    run: async (c, w, _postId, itemId) => {
      const r = await c.call('mall', 'redeem', { itemId, requestId: `soak_${process.pid}_${++seq}` }, pick(w.members));
      if (r.ok) unusedCodes.push(r.data.code);
      return r;
    },
  },
  {
    name: 'mall.verifyCoupon',
    weight: 0.5,
    run: async (c, w) => {
      const code = unusedCodes.shift();
      if (!code) return { ok: true };
      return c.call('mall', 'verifyCoupon', { code }, pick(w.guides).openid);
    },
  },
];
const TOTAL_WEIGHT = OPS.reduce((s, o) => s + o.weight, 0);

function chooseOp(): Op {
  let r = Math.random() * TOTAL_WEIGHT;
  for (const op of OPS) {
    r -= op.weight;
    if (r <= 0) return op;
  }
  return OPS[0] as Op;
}

export interface SoakResult {
  minutes: number;
  samples: MemorySample[];
  /** Heap bytes per stored document: fresh processes on the data before and after, over the documents added. */
  heapPerDocBytes: number;
  heapSlopeMbPerMin: number;
  docsSlopePerMin: number;
  adjustedSlopeMbPerMin: number;
  noGrowth: boolean;
  errors: number;
  problems: string[];
}

export async function run(): Promise<SoakResult> {
  const minutes = Number(process.env.SIYU_SOAK_MINUTES ?? 10);
  if (!(minutes > 0)) throw new Error('SIYU_SOAK_MINUTES must be a positive number');
  const mode = modeFromEnv(process.env.SIYU_LOAD_MODE ? process.env : { SIYU_LOAD_MODE: 'child' });
  const t0 = performance.now();
  const cloud = await startBenchCloud({ mode, functions: FUNCTIONS, hqOpenids: [BENCH_HQ] });
  const steps = new Map(OPS.map((o) => [o.name, new StepStats(o.name)]));
  const samples: MemorySample[] = [];
  let heapPerDocBytes = Number.NaN;
  const before = path.join(path.dirname(cloud.dataDir), 'data-before');
  try {
    const world = await makeWorld(cloud, { stores: 5, guides: 20, members: 50, points: 1_000_000 });
    const itemId = await makeCoupon(cloud, 100_000, 100);
    const postId = await publishPost(cloud, world, '今日素材·稳定性');
    for (let i = 0; i < 20; i++) {
      const f = await cloud.fire('content', 'prepareVariants');
      const r = f.result as { ok: boolean; data?: { remaining: number } } | undefined;
      if (!r?.ok || r.data?.remaining === 0) break;
    }
    console.log(`[${mode}] soak set up in ${((performance.now() - t0) / 1000).toFixed(0)} s; running ${minutes} min`);
    // Nothing is in flight between set-up and the workload: a consistent copy of the database.
    cloud.copyData(before);

    const origin = performance.now();
    const end = origin + minutes * 60_000;
    const sampleNow = async () => {
      const s = { at: performance.now() - origin, ...(await cloud.sample()) };
      samples.push(s);
      if (samples.length % 6 === 1)
        console.log(
          `  ${(s.at / 60_000).toFixed(1).padStart(4)} min  heap ${s.heapMb.toFixed(1)} MB  rss ${s.rssMb.toFixed(0)} MB  docs ${s.docs}`,
        );
    };
    await sampleNow();
    const sampler = setInterval(() => void sampleNow(), SAMPLE_EVERY_MS);
    try {
      await Promise.all(
        Array.from({ length: WORKERS }, async () => {
          while (performance.now() < end) {
            const op = chooseOp();
            const step = steps.get(op.name) as StepStats;
            const c0 = performance.now();
            try {
              const r = (await op.run(cloud, world, postId, itemId)) as { ok: boolean; error?: { code: string } };
              step.record(performance.now() - c0, r.ok ? undefined : (r.error?.code ?? 'FAILED'));
            } catch (err) {
              step.record(performance.now() - c0, `TRANSPORT(${(err as Error).message.slice(0, 40)})`);
            }
            await new Promise((r) => setTimeout(r, THINK_MS));
          }
        }),
      );
    } finally {
      clearInterval(sampler);
    }
    await sampleNow();
  } finally {
    await cloud.stop();
  }
  {
    const [start, end] = [await cloud.freshSample(before), await cloud.freshSample(cloud.dataDir)];
    heapPerDocBytes = ((end.heapMb - start.heapMb) * 2 ** 20) / Math.max(1, end.docs - start.docs);
    console.log(
      `fresh processes on the data: before ${start.heapMb.toFixed(1)} MB heap / ${start.docs} docs, after ${end.heapMb.toFixed(1)} MB / ${end.docs} docs → ${(heapPerDocBytes / 1024).toFixed(2)} KB per stored document`,
    );
  }
  const audit = auditDataDir(cloud.dataDir);
  cloud.dispose();
  return report(minutes, samples, heapPerDocBytes, [...steps.values()], audit.problems, t0);
}

function report(
  minutes: number,
  samples: MemorySample[],
  heapPerDocBytes: number,
  steps: StepStats[],
  problems: string[],
  t0: number,
): SoakResult {
  // The first third is warm-up (JIT, caches, module loading); the verdict is on the rest.
  const tail = samples.slice(Math.floor(samples.length / 3));
  const mins = tail.map((s) => s.at / 60_000);
  const heapSlope = slope(
    mins,
    tail.map((s) => s.heapMb),
  );
  const docsSlope = slope(
    mins,
    tail.map((s) => s.docs),
  );
  const explained = (docsSlope * heapPerDocBytes) / 2 ** 20;
  const adjusted = heapSlope - (Number.isFinite(explained) ? explained : 0);
  // One-sided: a leak shows as growth beyond the stored data; a small negative remainder is noise.
  const noGrowth = adjusted <= GROWTH_THRESHOLD_MB_PER_MIN;
  const errors = steps.reduce((s, st) => s + st.errorCount, 0);
  const calls = steps.reduce((s, st) => s + st.latencies.length, 0);
  const first = samples[0];
  const last = samples[samples.length - 1];
  const maxOf = (f: (s: MemorySample) => number) => Math.max(...samples.map(f));

  console.log(
    `\nsoak: ${calls} calls in ${minutes} min (${(calls / (minutes * 60)).toFixed(1)} calls/s), errors ${errors}`,
  );
  console.log(`  ${StepStats.header()}`);
  for (const st of steps) console.log(`  ${st.row()}`);
  console.log(`memory (${samples.length} samples, every ${SAMPLE_EVERY_MS / 1000} s, heap after forced GC):`);
  if (first && last) {
    console.log(
      `  heap  first ${first.heapMb.toFixed(1)} MB  last ${last.heapMb.toFixed(1)} MB  max ${maxOf((s) => s.heapMb).toFixed(1)} MB`,
    );
    console.log(
      `  rss   first ${first.rssMb.toFixed(0)} MB  last ${last.rssMb.toFixed(0)} MB  max ${maxOf((s) => s.rssMb).toFixed(0)} MB`,
    );
    console.log(`  docs  first ${first.docs}  last ${last.docs}`);
  }
  console.log(
    `  slope over the last two thirds: heap ${heapSlope.toFixed(3)} MB/min, documents ${docsSlope.toFixed(0)}/min × ${(heapPerDocBytes / 1024).toFixed(2)} KB = ${explained.toFixed(3)} MB/min explained by the stored data`,
  );
  console.log(
    `  observed: ${((heapSlope * 2 ** 20) / 1024 / docsSlope).toFixed(2)} KB of heap per document added during the soak`,
  );
  console.log(
    `  heap growth not explained by stored documents: ${adjusted.toFixed(3)} MB/min (threshold ${GROWTH_THRESHOLD_MB_PER_MIN}) → ${noGrowth ? 'no growth' : 'GROWTH'}`,
  );
  console.log(`invariants: ${problems.length === 0 ? 'hold' : `${problems.length} PROBLEMS`}`);
  for (const p of problems.slice(0, 20)) console.log(`  ${p}`);
  console.log(`soak took ${((performance.now() - t0) / 60_000).toFixed(1)} min in all`);
  return {
    minutes,
    samples,
    heapPerDocBytes,
    heapSlopeMbPerMin: heapSlope,
    docsSlopePerMin: docsSlope,
    adjustedSlopeMbPerMin: adjusted,
    noGrowth,
    errors,
    problems,
  };
}

runWhenMain(__filename, run, (r) => r.noGrowth && r.errors === 0 && r.problems.length === 0);
