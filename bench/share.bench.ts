/**
 * Sharing through the local cloud and the built bundles, each figure as a ratio to a baseline
 * measured in the same run (absolute times depend on the shared machine):
 * - insight.shareLink and insight.sharePoster p50/p95, cold (the first call for a token: the token
 *   is made; the poster is composed with sharp from the guide's 1080² variant image and a
 *   wxacode) and cached (the same call again: read only), against account.whoami;
 * - insight.recordVisit throughput over 10,000 opens with the dedupe (viewers opening a few shares
 *   several times each, callers in flight at once), against whoami's throughput at the same
 *   concurrency. Afterwards the stored visits must be exactly the distinct (viewer, share) pairs.
 *
 *   npx tsx bench/share.bench.ts          (or npm run bench -- share)
 */
import type { LocalCloud } from '../host/index';
import { buildFunctions } from '../scripts/build-functions';
import { makeFixtureImage } from '../test/fixtures/variation/images';
import { postDoc, variantDoc } from '../test/support/documents';
import { CONSENT, TEST_HQ, TestCloud } from '../test/support/local-cloud';
import { runWhenMain } from './support/main';
import { percentile } from './support/stats';

export interface ShareScale {
  /** Guides, each sharing their own post: one cold shareLink and one cold poster each. */
  guides: number;
  /** recordVisit calls in all, and the viewers making them. */
  visits: number;
  viewers: number;
  /** Shares the viewers open (each viewer opens two of them, in turn). */
  tokens: number;
  concurrency: number;
  /** Sequential whoami calls for the latency baseline. */
  baseline: number;
}

export const FULL: ShareScale = {
  guides: 30,
  visits: 10_000,
  viewers: 2_000,
  tokens: 20,
  concurrency: 8,
  baseline: 200,
};

interface Latency {
  name: string;
  n: number;
  p50: number;
  p95: number;
}

export interface ShareBenchResult {
  baseline: Latency;
  rows: Latency[];
  visits: {
    calls: number;
    failed: number;
    perSecond: number;
    baselinePerSecond: number;
    stored: number;
    expected: number;
  };
}

type Reply = { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } };

async function invoke(cloud: LocalCloud, fn: string, event: Record<string, unknown>, openid?: string): Promise<Reply> {
  return (await cloud.invoke(fn, event, openid === undefined ? {} : { openid })) as Reply;
}

async function must(cloud: LocalCloud, fn: string, event: Record<string, unknown>, openid: string) {
  const r = await invoke(cloud, fn, event, openid);
  if (!r.ok || !r.data) throw new Error(`${fn}.${String(event.action)}: ${r.error?.code} ${r.error?.message}`);
  return r.data;
}

/** Times each call one after another. */
async function timed(name: string, calls: (() => Promise<unknown>)[]): Promise<Latency> {
  const ms: number[] = [];
  for (const call of calls) {
    const t0 = performance.now();
    await call();
    ms.push(performance.now() - t0);
  }
  return { name, n: ms.length, p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

/** Runs `n` calls with `width` in flight; answers calls per second and how many failed. */
async function throughput(n: number, width: number, call: (i: number) => Promise<Reply>) {
  let next = 0;
  let failed = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < n; i = next++) if (!(await call(i)).ok) failed++;
    }),
  );
  return { perSecond: n / ((performance.now() - t0) / 1000), failed };
}

/** Guides with a published post each, their variant carrying its own 1080² image. */
async function world(local: TestCloud, scale: ShareScale) {
  const cloud = local.cloud;
  const storeId = await local.makeStore('分享压测门店');
  const [original, variant] = await Promise.all([
    makeFixtureImage('poster', { quality: 88 }),
    makeFixtureImage('photo', { quality: 88 }),
  ]);
  const originalId = await local.upload('posts/bench/original.jpg', original);
  const variantId = await local.upload('variants/bench/variant.jpg', variant);
  const now = Date.now();
  const guides: { openid: string; postId: string }[] = [];
  for (let i = 0; i < scale.guides; i++) {
    const openid = (await local.makeGuide(storeId, `导购${i + 1}`)).openid;
    const postId = `pst_benchshare${String(i).padStart(4, '0')}`;
    const title = `春日焕新·第 ${i + 1} 篇：玫瑰精华水会员价 ¥199`;
    cloud.engine.insertDoc('posts', postDoc({ _id: postId, title, images: [originalId], createdBy: TEST_HQ, at: now }));
    cloud.engine.insertDoc(
      'post_variants',
      variantDoc({ postId, guideOpenid: openid, storeId, text: '导购的文案', images: [variantId], at: now }),
    );
    guides.push({ openid, postId });
  }
  return guides;
}

export async function run(
  scale: ShareScale = FULL,
  log: (line: string) => void = console.log,
): Promise<ShareBenchResult> {
  await buildFunctions({ quiet: true, names: ['account', 'insight'] });
  const local = new TestCloud();
  await local.start();
  const cloud = local.cloud;
  try {
    const guides = await world(local, scale);
    const member = `o_bench_member_share`;
    await must(cloud, 'account', { action: 'registerMember', name: '压测会员', consent: CONSENT }, member);
    // Warm both functions (module load, sharp, the first wxacode) outside the measured calls.
    for (let i = 0; i < 5; i++) await must(cloud, 'account', { action: 'whoami' }, member);
    await must(cloud, 'insight', { action: 'sharePoster' }, member);

    const whoami = await timed(
      'account.whoami (baseline)',
      Array.from({ length: scale.baseline }, () => () => must(cloud, 'account', { action: 'whoami' }, member)),
    );
    const share = (g: { openid: string; postId: string }, action: string) => () =>
      must(cloud, 'insight', { action, postId: g.postId }, g.openid);
    const rows: Latency[] = [];
    for (const action of ['shareLink', 'sharePoster']) {
      for (const when of ['cold', 'cached'])
        rows.push(
          await timed(
            `${action} ${when}`,
            guides.map((g) => share(g, action)),
          ),
        );
    }

    const tokens: string[] = [];
    for (const g of guides.slice(0, scale.tokens)) {
      tokens.push(
        String((await must(cloud, 'insight', { action: 'shareLink', postId: g.postId }, g.openid)).shareToken),
      );
    }
    const baseline = await throughput(scale.visits / 5, scale.concurrency, () =>
      invoke(cloud, 'account', { action: 'whoami' }, member),
    );
    // Viewer v opens shares v and v+1 (mod tokens), alternately: every open after the first two
    // of a viewer is a reopen the dedupe must absorb.
    const viewerOf = (i: number) => `o_bench_viewer_${i % scale.viewers}`;
    const tokenOf = (i: number) => tokens[((i % scale.viewers) + (Math.floor(i / scale.viewers) % 2)) % tokens.length]!;
    const pairs = new Set(Array.from({ length: scale.visits }, (_, i) => `${viewerOf(i)}|${tokenOf(i)}`));
    const visits = await throughput(scale.visits, scale.concurrency, (i) =>
      invoke(cloud, 'insight', { action: 'recordVisit', shareToken: tokenOf(i), scene: 1007 }, viewerOf(i)),
    );
    // The viewers are visitors who agreed to nothing: their visits carry a reader key, not their openid,
    // and nobody else opens these shares signed in.
    const benchTokens = new Set(tokens);
    const stored = cloud.engine
      .findDocs('visits')
      .filter((v) => benchTokens.has(String(v.token)) && v.anonymous === false && v.viewer === undefined);
    const result: ShareBenchResult = {
      baseline: whoami,
      rows,
      visits: {
        calls: scale.visits,
        failed: visits.failed,
        perSecond: visits.perSecond,
        baselinePerSecond: baseline.perSecond,
        stored: stored.filter((v) => v.counted === true).length,
        expected: pairs.size,
      },
    };
    print(result, scale, log);
    return result;
  } finally {
    await local.stop();
  }
}

function print(r: ShareBenchResult, scale: ShareScale, log: (line: string) => void): void {
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  log(
    `share bench: ${scale.guides} guides; ratios to ${r.baseline.name} p50 ${ms(r.baseline.p50)}, p95 ${ms(r.baseline.p95)}`,
  );
  log(`  ${'call'.padEnd(20)} ${'n'.padStart(4)}  ${'p50'.padStart(9)} ${'p95'.padStart(9)}  p50/whoami  p95/whoami`);
  for (const row of r.rows) {
    log(
      `  ${row.name.padEnd(20)} ${String(row.n).padStart(4)}  ${ms(row.p50).padStart(9)} ${ms(row.p95).padStart(9)}  ${(row.p50 / r.baseline.p50).toFixed(1).padStart(9)}×  ${(row.p95 / r.baseline.p95).toFixed(1).padStart(9)}×`,
    );
  }
  const v = r.visits;
  log(
    `  recordVisit: ${v.calls} opens by ${scale.viewers} viewers on ${scale.tokens} shares, ${scale.concurrency} at once: ` +
      `${v.perSecond.toFixed(0)}/s = ${(v.perSecond / v.baselinePerSecond).toFixed(2)}× whoami's ${v.baselinePerSecond.toFixed(0)}/s; ` +
      `${v.failed} refused; counted visits ${v.stored} of ${v.expected} distinct (viewer, share) pairs, ` +
      `${v.calls - v.expected} reopens absorbed`,
  );
}

/** The bench passes when every open was answered and the dedupe stored exactly one visit per pair. */
export const passed = (r: ShareBenchResult): boolean => r.visits.failed === 0 && r.visits.stored === r.visits.expected;

runWhenMain(__filename, () => run(), passed);
