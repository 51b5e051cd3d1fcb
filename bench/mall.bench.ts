/**
 * mall.redeem throughput through the local cloud and the built bundles, at 1, 10 and 50 members
 * redeeming at once:
 * - hot: everyone redeems the same item (every redemption writes that item's stock, so they race);
 * - spread: each member redeems their own item (only the database and host are shared).
 * Each redemption is the whole transaction: coupon, stock, per-user counter, points and journal.
 *
 *   npx tsx bench/mall.bench.ts
 */
import { buildFunctions } from '../scripts/build-functions';
import { CONSENT, TestCloud } from '../test/support/local-cloud';
import { runWhenMain } from './support/main';

const HQ = 'o_bench_hq';
const LEVELS = [1, 10, 50] as const;
/** Redemptions per member per level: enough to outlast warm-up, short enough for a shared machine. */
const PER_MEMBER: Record<(typeof LEVELS)[number], number> = { 1: 40, 10: 8, 50: 3 };

export interface MallBenchRow {
  concurrency: number;
  mode: 'hot' | 'spread';
  redemptions: number;
  failed: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
}

const percentile = (xs: readonly number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

export async function run(): Promise<MallBenchRow[]> {
  await buildFunctions({ quiet: true, names: ['account', 'points', 'mall'] });
  const cloud = new TestCloud({ hqOpenids: [HQ] });
  await cloud.start();
  const newItem = async (title: string) =>
    (
      await cloud.ok(
        'mall',
        'saveItem',
        { title, kind: 'coupon', pointsPrice: 1, stock: 100_000, perUserLimit: 100, amountFen: 500 },
        HQ,
      )
    ).id;

  const rows: MallBenchRow[] = [];
  try {
    const members: string[] = [];
    for (let i = 0; i < Math.max(...LEVELS); i++) {
      const openid = `o_bench_member_${String(i).padStart(3, '0')}`;
      await cloud.ok('account', 'registerMember', { name: `会员${i}`, consent: CONSENT }, openid);
      await cloud.ok('points', 'adjust', { openid, delta: 100_000, reason: '压测积分' }, HQ);
      members.push(openid);
    }
    let seq = 0;
    for (const concurrency of LEVELS) {
      for (const mode of ['hot', 'spread'] as const) {
        const hot = await newItem(`热门券${concurrency}`);
        const items =
          mode === 'hot'
            ? Array(concurrency).fill(hot)
            : await Promise.all(members.slice(0, concurrency).map((_, i) => newItem(`券${concurrency}-${i}`)));
        const latencies: number[] = [];
        let failed = 0;
        const started = performance.now();
        await Promise.all(
          members.slice(0, concurrency).map(async (openid, w) => {
            for (let k = 0; k < PER_MEMBER[concurrency]; k++) {
              const t0 = performance.now();
              const r = await cloud.call(
                'mall',
                'redeem',
                { itemId: items[w] ?? hot, requestId: `bench_${process.pid}_${++seq}` },
                openid,
              );
              latencies.push(performance.now() - t0);
              if (!r.ok) failed++;
            }
          }),
        );
        const seconds = (performance.now() - started) / 1000;
        const redemptions = latencies.length - failed;
        rows.push({
          concurrency,
          mode,
          redemptions,
          failed,
          seconds: Number(seconds.toFixed(2)),
          perSecond: Number((redemptions / seconds).toFixed(1)),
          p50Ms: Math.round(percentile(latencies, 50)),
          p95Ms: Math.round(percentile(latencies, 95)),
        });
      }
    }
  } finally {
    await cloud.stop();
  }

  console.log('mall.redeem through the local cloud (one transaction per redemption)');
  console.log('concurrency  mode    ok    failed  seconds  redemptions/s  p50 ms  p95 ms');
  for (const r of rows) {
    console.log(
      `${String(r.concurrency).padStart(11)}  ${r.mode.padEnd(6)}  ${String(r.redemptions).padStart(4)}  ${String(r.failed).padStart(6)}  ${r.seconds.toFixed(2).padStart(7)}  ${r.perSecond.toFixed(1).padStart(13)}  ${String(r.p50Ms).padStart(6)}  ${String(r.p95Ms).padStart(6)}`,
    );
  }
  return rows;
}

runWhenMain(__filename, run);
