/**
 * Load on the local cloud: 100 guides open today's post at once (content.feed, then
 * content.myVariant, as the guide pages do) while 100 members redeem a coupon at once (mall.redeem),
 * all over the HTTP bridge. Twice: with every variant cold (the first opening makes text + 9 image
 * variants), then for a second post after the content.prepareVariants timer has pre-rendered them.
 * Prints p50/p95/max per step, errors, throughput, and the invariants read back from the database.
 *
 *   npm run load                          # SIYU_LOAD_MODE=child|inproc|both (default child)
 *   SIYU_LOAD_GUIDES=20 npm run load      # smaller world for a quick look
 *   SIYU_LOAD_OPENERS=0 npm run load      # the guides do not open the post: redemptions beside the
 *                                         # publish's own fan-out only (a control for the cold phase)
 *
 * The machine is shared (2 cores, other work running): absolute figures are noisy; compare phases.
 */
import { CLOUD_MODES, startBenchCloud, type BenchCloud, type CloudMode } from './support/bench-cloud';
import { auditDataDir, type AuditResult } from './support/audit';
import { fmtMs, StepStats } from './support/stats';
import { BENCH_HQ, makeCoupon, makeWorld, publishPost, type World } from './support/world';
import { runWhenMain } from './support/main';

// insight: the world's members join through their guide's invitation (insight.shareLink).
const FUNCTIONS = ['account', 'content', 'insight', 'points', 'mall'] as const;
/** How long the bench fires the pre-render timer before it gives up waiting for it to finish. */
const PRERENDER_LIMIT_MS = 5 * 60_000;
/**
 * The pause after a firing that made nothing while variants remain: their batches are held by a
 * runner still at work or by one that died (a timed-out invocation), whose lease (LEASE_MS, 30 s)
 * must expire before a firing can claim them again. The schedule fires every minute; the bench fires
 * back to back while firings make progress, and waits this long between firings that find nothing.
 */
const IDLE_FIRING_PAUSE_MS = 2_000;

interface Settings {
  modes: CloudMode[];
  guides: number;
  /** How many of the guides open the post in each burst (all by default). */
  openers: number;
  members: number;
  stores: number;
}

function settings(env: NodeJS.ProcessEnv = process.env): Settings {
  const m = env.SIYU_LOAD_MODE ?? 'child';
  const modes = m === 'both' ? [...CLOUD_MODES] : [m];
  for (const mode of modes) {
    if (mode !== 'inproc' && mode !== 'child') throw new Error(`SIYU_LOAD_MODE: inproc, child or both, not ${m}`);
  }
  const int = (name: string, fallback: number, least = 1) => {
    const v = Number(env[name] ?? fallback);
    if (!Number.isInteger(v) || v < least) throw new Error(`${name} must be an integer of at least ${least}`);
    return v;
  };
  const guides = int('SIYU_LOAD_GUIDES', 100);
  return {
    modes: modes as CloudMode[],
    guides,
    openers: Math.min(guides, int('SIYU_LOAD_OPENERS', guides, 0)),
    members: int('SIYU_LOAD_MEMBERS', 100),
    stores: int('SIYU_LOAD_STORES', 5),
  };
}

export interface PhaseResult {
  name: string;
  seconds: number;
  calls: number;
  steps: StepStats[];
  errors: number;
}

export interface PrerenderResult {
  firings: number;
  seconds: number;
  made: number;
  /** Variants the firings' batches failed to make (a batch is tried again; a healthy run has none). */
  failed: number;
  remaining: number;
}

export interface LoadResult {
  mode: CloudMode;
  setupSeconds: number;
  phases: PhaseResult[];
  prerender?: PrerenderResult;
  audit: AuditResult;
}

/** Why a reply failed, with a timeout told apart from other INTERNAL replies. */
function failure(reply: { ok: boolean; error?: { code: string; message: string } }): string | undefined {
  if (reply.ok || !reply.error) return undefined;
  return reply.error.message.includes('超时') ? 'TIMEOUT' : reply.error.code;
}

/** Times one call; a thrown transport error counts as a failure too. */
async function timed<T extends { ok: boolean }>(step: StepStats, call: () => Promise<T>): Promise<T | undefined> {
  const t0 = performance.now();
  try {
    const reply = await call();
    step.record(performance.now() - t0, failure(reply));
    return reply;
  } catch (err) {
    step.record(performance.now() - t0, `TRANSPORT(${(err as Error).message.slice(0, 40)})`);
    return undefined;
  }
}

let requestSeq = 0;

/** The first `openers` guides open the post while every member redeems the coupon, all started at once. */
async function burst(cloud: BenchCloud, world: World, name: string, postId: string, itemId: string, openers: number) {
  const feed = new StepStats('content.feed');
  const variant = new StepStats('content.myVariant');
  const open = new StepStats('guide open (feed+variant)');
  const redeem = new StepStats('mall.redeem');
  const started = performance.now();
  await Promise.all([
    ...world.guides.slice(0, openers).map(async (g) => {
      const t0 = performance.now();
      const list = await timed(feed, () => cloud.call('content', 'feed', {}, g.openid));
      const today = list?.ok ? list.data.posts.find((p) => p.id === postId && p.today) : undefined;
      if (!today) {
        open.record(performance.now() - t0, list?.ok ? 'NOT_IN_FEED' : 'FEED_FAILED');
        return;
      }
      const v = await timed(variant, () => cloud.call('content', 'myVariant', { postId }, g.openid));
      const bad = v?.ok && v.data.images.length !== world.images.length ? 'WRONG_IMAGE_COUNT' : undefined;
      open.record(performance.now() - t0, v?.ok ? bad : 'VARIANT_FAILED');
    }),
    ...world.members.map((openid) =>
      timed(redeem, () =>
        cloud.call('mall', 'redeem', { itemId, requestId: `load_${process.pid}_${++requestSeq}` }, openid),
      ),
    ),
  ]);
  const seconds = (performance.now() - started) / 1000;
  const steps = [feed, variant, open, redeem];
  return {
    name,
    seconds,
    calls: feed.latencies.length + variant.latencies.length + redeem.latencies.length,
    steps,
    errors: feed.errorCount + variant.errorCount + redeem.errorCount,
  };
}

/**
 * Fires the pre-render timer until nothing is left to make (as the every-minute schedule would: back
 * to back while firings make variants, pausing while the batches left are held under a lease).
 */
async function prerender(cloud: BenchCloud): Promise<PrerenderResult> {
  const t0 = performance.now();
  let made = 0;
  let failed = 0;
  let remaining = Number.NaN;
  let firings = 0;
  while (performance.now() - t0 < PRERENDER_LIMIT_MS) {
    firings++;
    const f = await cloud.fire('content', 'prepareVariants');
    const reply = f.result as
      { ok: true; data: { made: number; failed: number; remaining: number } } | { ok: false } | undefined;
    if (!f.ok || !reply?.ok) {
      const why = f.error ?? JSON.stringify(reply);
      // On a busy machine a firing can outlive the function's timeout; the next minute's firing
      // reclaims its batch once the lease expires. Only a firing that fails for another reason stops.
      if (!why.includes('timed out')) throw new Error(`prepareVariants failed: ${why}`);
      console.log(`  prepareVariants firing ${firings} timed out; firing again`);
      continue;
    }
    const r = reply.data;
    made += r.made;
    failed += r.failed;
    remaining = r.remaining;
    if (remaining === 0) break;
    if (r.made === 0) await new Promise((resolve) => setTimeout(resolve, IDLE_FIRING_PAUSE_MS));
  }
  return { firings, seconds: (performance.now() - t0) / 1000, made, failed, remaining };
}

async function runMode(mode: CloudMode, s: Settings): Promise<LoadResult> {
  const cloud = await startBenchCloud({ mode, functions: FUNCTIONS, hqOpenids: [BENCH_HQ] });
  let result: Omit<LoadResult, 'audit'>;
  try {
    const t0 = performance.now();
    const world = await makeWorld(cloud, { stores: s.stores, guides: s.guides, members: s.members, points: 10_000 });
    const itemId = await makeCoupon(cloud, s.members * 10, 10);
    const coldPost = await publishPost(cloud, world, '今日素材·冷启动');
    const setupSeconds = (performance.now() - t0) / 1000;
    console.log(
      `[${mode}] world ready in ${setupSeconds.toFixed(1)} s: ${s.stores} stores, ${s.guides} guides (${s.openers} open the post), ${s.members} members, ${world.images.length} images`,
    );

    const phases: PhaseResult[] = [];
    let killed = await timeouts(cloud);
    phases.push(await burst(cloud, world, 'cold (no pre-render)', coldPost, itemId, s.openers));
    printPhase(mode, phases[0]);
    // Stragglers of a timed-out cold burst still run in the cloud; let them drain before the next phase.
    await settle(cloud);
    killed = await printTimeouts(mode, cloud, 'the cold phase', killed);

    const warmPost = await publishPost(cloud, world, '今日素材·预生成');
    const pre = await prerender(cloud);
    console.log(
      `[${mode}] pre-render: ${pre.made} variants in ${pre.firings} firings, ${pre.seconds.toFixed(1)} s (${fmtMs((pre.seconds * 1000) / Math.max(1, pre.made))} each), ${pre.failed} failed, ${pre.remaining} left`,
    );
    killed = await printTimeouts(mode, cloud, 'the pre-render', killed);
    phases.push(await burst(cloud, world, 'after pre-render', warmPost, itemId, s.openers));
    printPhase(mode, phases[1]);
    await printTimeouts(mode, cloud, 'the phase after it', killed);
    result = { mode, setupSeconds, phases, prerender: pre };
  } finally {
    await cloud.stop();
  }
  const audit = auditDataDir(cloud.dataDir);
  cloud.dispose();
  console.log(
    `[${mode}] invariants: ${audit.problems.length === 0 ? 'hold' : `${audit.problems.length} PROBLEMS`} — ${audit.accounts} accounts = journal sums (${audit.entries} entries), ${audit.coupons} coupons with distinct codes = stock issued, ${audit.counts.post_variants ?? 0} stored variants`,
  );
  for (const p of audit.problems.slice(0, 20)) console.log(`  ${p}`);
  return { ...result, audit };
}

/** Invocations killed by their function's timeout so far, by function and lane. */
async function timeouts(cloud: BenchCloud): Promise<Record<string, number>> {
  const stats = await cloud.stats();
  return Object.fromEntries(Object.entries(stats).map(([pool, s]) => [pool, s.timedOut]));
}

/**
 * Prints the invocations the timeout killed since `before` (a runner of the fan-out, 'content<-scf',
 * leaves its batch under a lease until it expires), and answers the counts now.
 */
async function printTimeouts(
  mode: CloudMode,
  cloud: BenchCloud,
  what: string,
  before: Record<string, number>,
): Promise<Record<string, number>> {
  const now = await timeouts(cloud);
  const killed = Object.entries(now)
    .map(([pool, n]) => [pool, n - (before[pool] ?? 0)] as const)
    .filter(([, n]) => n > 0);
  const list = killed.map(([pool, n]) => `${pool} ${n}`).join(', ');
  console.log(`[${mode}] invocations killed by the timeout during ${what}: ${list || 'none'}`);
  return now;
}

/** Waits until a cheap call answers quickly again, i.e. the cloud is no longer busy with leftovers. */
async function settle(cloud: BenchCloud): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    await cloud.call('account', 'whoami', {}, BENCH_HQ);
    if (performance.now() - t0 < 200) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

function printPhase(mode: CloudMode, p: PhaseResult | undefined): void {
  if (!p) return;
  console.log(
    `\n[${mode}] ${p.name}: ${p.calls} calls in ${p.seconds.toFixed(1)} s → ${(p.calls / p.seconds).toFixed(1)} calls/s, errors ${p.errors}`,
  );
  console.log(`  ${StepStats.header()}`);
  for (const step of p.steps) console.log(`  ${step.row()}`);
}

export async function run(): Promise<LoadResult[]> {
  const s = settings();
  const results: LoadResult[] = [];
  for (const mode of s.modes) results.push(await runMode(mode, s));
  return results;
}

/** Fails when an invariant broke or anything failed after pre-render (cold errors are the finding, reported). */
export function verdict(results: readonly LoadResult[]): boolean {
  return results.every(
    (r) =>
      r.audit.problems.length === 0 &&
      r.phases.slice(1).every((p) => p.errors === 0) &&
      r.prerender?.remaining === 0 &&
      r.prerender.failed === 0,
  );
}

const started = performance.now();
runWhenMain(__filename, run, (results) => {
  const ok = verdict(results);
  console.log(`\nload: ${ok ? 'PASS' : 'FAIL'} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return ok;
});
