/**
 * The guide's worklist at scale. (1) A guide with 2,000 customers and 50,000 visits: the worklist
 * page's read (insight.worklist once the morning timer made the list) must cost at most two
 * database round trips whatever the data, with p95 printed beside the existing customer list
 * (insight.myCustomers) of the same guide as the baseline measured in this run. (2) The morning
 * timer for 500 guides: each firing must stay within its budget (the function's timeout leaves room
 * above it); the guides fan out over consecutive firings, which the bench counts.
 *
 *   npx tsx bench/worklist.bench.ts        (or npm run bench -- worklist)
 */
import type { LocalCloud } from '../host/index';
import { buildFunctions } from '../scripts/build-functions';
import { postDoc } from '../test/support/documents';
import { TestCloud } from '../test/support/local-cloud';
import { runWhenMain } from './support/main';
import { percentile } from './support/stats';

const HQ = 'o_bench_hq_0001';
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** What one firing may take: the insight function's timeout (config.json). */
const FIRING_LIMIT_MS = 20_000;
const READS = 40;
/** Firings of makeWorklists in one morning (config.json: every 5 minutes, 06:00–08:55 Beijing). */
const MORNING_FIRINGS = 36;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface World {
  guides: string[];
}

/** `guides` guides of one store each serving `perGuide` customers, `visits` visits among them. */
function generate(cloud: LocalCloud, guides: number, perGuide: number, visits: number, now: number): World {
  const rand = rng(7);
  const e = cloud.engine;
  e.insertDoc('stores', { _id: 'sto_benchwl01', name: '基准门店', createdAt: now - 400 * DAY, createdBy: HQ });
  const posts = Array.from({ length: 30 }, (_, i) => `pst_benchwl${String(i).padStart(4, '0')}`);
  posts.forEach((id, i) =>
    e.insertDoc('posts', postDoc({ _id: id, title: `素材${i}`, createdBy: HQ, at: now - i * DAY })),
  );
  e.insertDoc('mall_items', {
    _id: 'itm_benchwl01',
    title: '保温杯',
    kind: 'gift',
    pointsPrice: 200,
    stock: 100,
    active: true,
    sort: 1,
  });
  const guideIds = Array.from({ length: guides }, (_, i) => `o_bench_wlguide_${i}`);
  const members: string[] = [];
  guideIds.forEach((g, gi) => {
    e.insertDoc('users', {
      _id: g,
      role: 'guide',
      name: `导购${gi}`,
      storeId: 'sto_benchwl01',
      active: true,
      createdAt: now - 300 * DAY,
    });
    for (let k = 0; k < perGuide; k++) {
      const id = `o_bench_wlm_${gi}_${k}`;
      members.push(id);
      e.insertDoc('users', {
        _id: id,
        role: 'customer',
        name: `会员${gi}-${k}`,
        guideOpenid: g,
        storeId: 'sto_benchwl01',
        createdAt: now - Math.floor(rand() * 200) * DAY - HOUR,
      });
      if (rand() < 0.3) {
        const issuedAt = now - Math.floor(rand() * 28) * DAY;
        e.insertDoc('coupons', {
          _id: `cpn_bwl${gi}x${k}`,
          code: `W${gi}X${k}`,
          owner: id,
          itemId: 'itm_benchwl01',
          kind: rand() < 0.2 ? 'gift' : 'coupon',
          title: '满100减20券',
          pointsPrice: 100,
          status: 'unused',
          requestId: `r${gi}x${k}`,
          issuedAt,
          expiresAt: issuedAt + 30 * DAY,
        });
      }
      const balance = Math.floor(rand() * 1000);
      const expiresAt = now + Math.floor(rand() * 20) * DAY;
      e.insertDoc('points_accounts', {
        _id: id,
        balance,
        seq: 1,
        lots: balance > 0 ? [{ key: 'k', amount: balance, expiresAt }] : [],
        nextExpiry: expiresAt,
        createdAt: now - 100 * DAY,
        updatedAt: now,
      });
    }
  });
  for (let i = 0; i < visits; i++) {
    const viewer = members[Math.floor(rand() * members.length)]!;
    // A tenth in the last two days (the read window), the rest over two months.
    const openedAt = rand() < 0.1 ? now - Math.floor(rand() * 47 * HOUR) : now - Math.floor(rand() * 60 * DAY);
    const postId = posts[Math.floor(rand() * posts.length)]!;
    e.insertDoc('visits', {
      _id: `vst_bwl${i}`,
      token: `T${String(i % 5000).padStart(16, '0')}`,
      viewer,
      sharer: 'o_bench_wlguide_0',
      sharerRole: 'guide',
      postId,
      tags: ['护肤'],
      anonymous: false,
      counted: true,
      openedAt,
      seconds: Math.floor(rand() * 200),
      updatedAt: openedAt,
    });
  }
  return { guides: guideIds };
}

async function withCloud<T>(
  work: (cloud: LocalCloud, trips: () => number, reset: () => void) => Promise<T>,
): Promise<T> {
  const local = new TestCloud({ hqOpenids: [HQ] });
  await local.start();
  const cloud = local.cloud;
  let trips = 0;
  const handle = cloud.engine.handle.bind(cloud.engine);
  cloud.engine.handle = (body) => {
    trips++;
    return handle(body);
  };
  try {
    return await work(
      cloud,
      () => trips,
      () => (trips = 0),
    );
  } finally {
    await local.stop();
  }
}

async function timed(cloud: LocalCloud, event: Record<string, unknown>, openid: string): Promise<number> {
  const t0 = performance.now();
  const reply = (await cloud.invoke('insight', event, { openid })) as { ok: boolean; error?: { message: string } };
  if (!reply.ok) throw new Error(`${String(event.action)}: ${reply.error?.message ?? 'failed'}`);
  return performance.now() - t0;
}

export interface WorklistBench {
  pageRoundTrips: number;
  pageP95: number;
  baselineP95: number;
  firings: number;
  slowestFiringMs: number;
}

export async function run(): Promise<WorklistBench> {
  await buildFunctions({ quiet: true, names: ['insight'] });
  const big = await withCloud(async (cloud, trips, reset) => {
    const now = Date.now();
    const t0 = Date.now();
    const { guides } = generate(cloud, 1, 2000, 50_000, now);
    const guide = guides[0]!;
    console.log(
      `worklist bench: 1 guide, 2,000 customers, 50,000 visits generated in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    reset();
    const f0 = performance.now();
    const firing = await cloud.timers.fire('insight', 'makeWorklists');
    const reply = firing.result as { ok?: boolean } | undefined;
    if (!firing.ok || reply?.ok !== true) throw new Error(`makeWorklists: ${firing.error ?? JSON.stringify(reply)}`);
    console.log(
      `  making the list (timer, 1 guide): ${trips()} round trips, ${(performance.now() - f0).toFixed(0)} ms`,
    );
    const page: number[] = [];
    const base: number[] = [];
    let pageTrips = 0;
    for (let i = 0; i < READS; i++) {
      reset();
      page.push(await timed(cloud, { action: 'worklist' }, guide));
      pageTrips = Math.max(pageTrips, trips());
      base.push(await timed(cloud, { action: 'myCustomers' }, guide));
    }
    const pageP95 = percentile(page, 95);
    const baselineP95 = percentile(base, 95);
    console.log(
      `  insight.worklist (page)     p50 ${percentile(page, 50).toFixed(1)} ms  p95 ${pageP95.toFixed(1)} ms  ${pageTrips} round trips (limit 2)`,
    );
    console.log(
      `  insight.myCustomers (base)  p50 ${percentile(base, 50).toFixed(1)} ms  p95 ${baselineP95.toFixed(1)} ms`,
    );
    console.log(`  ratio worklist / myCustomers p95: ${(pageP95 / baselineP95).toFixed(3)}`);
    return { pageRoundTrips: pageTrips, pageP95, baselineP95 };
  });

  const morning = await withCloud(async (cloud) => {
    const now = Date.now();
    const t0 = Date.now();
    generate(cloud, 500, 20, 50_000, now);
    console.log(
      `worklist bench: 500 guides × 20 customers, 50,000 visits generated in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    let firings = 0;
    let slowest = 0;
    let made = 0;
    const started = performance.now();
    for (;;) {
      const f0 = performance.now();
      const firing = await cloud.timers.fire('insight', 'makeWorklists');
      const ms = performance.now() - f0;
      const reply = firing.result as { ok?: boolean; data?: { made: number; remaining: number } } | undefined;
      if (!firing.ok || reply?.ok !== true || !reply.data) {
        throw new Error(`makeWorklists: ${firing.error ?? JSON.stringify(reply)}`);
      }
      const result = reply.data;
      firings++;
      slowest = Math.max(slowest, ms);
      made += result.made;
      console.log(`  firing ${firings}: made ${result.made}, remaining ${result.remaining}, ${ms.toFixed(0)} ms`);
      if (result.remaining === 0 || firings >= MORNING_FIRINGS) break;
    }
    const total = performance.now() - started;
    console.log(
      `  500 guides: ${made} lists in ${firings} of the morning's ${MORNING_FIRINGS} firings, ${(total / 1000).toFixed(1)} s in all, ${(total / Math.max(1, made)).toFixed(1)} ms per guide; slowest firing ${slowest.toFixed(0)} ms (limit ${FIRING_LIMIT_MS} ms)`,
    );
    return { firings, slowestFiringMs: slowest, made };
  });
  const ok = big.pageRoundTrips <= 2 && morning.slowestFiringMs <= FIRING_LIMIT_MS && morning.made === 500;
  console.log(`worklist bench: ${ok ? 'within limits' : 'OVER LIMITS'}`);
  if (!ok) throw new Error('worklist bench over its limits');
  return { ...big, firings: morning.firings, slowestFiringMs: morning.slowestFiringMs };
}

runWhenMain(__filename, run);
