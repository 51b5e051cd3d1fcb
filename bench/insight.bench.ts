/**
 * Insight at scale: with 100,000 visits and 10,000 members generated, how long HQ's dashboard, the
 * leaderboards and a guide's figures take, and how many database round trips each costs. The
 * round trips must not grow with the data (aggregate pipelines group inside the database).
 *
 *   npx tsx bench/insight.bench.ts          (or through npm run bench, which calls run())
 */
import { dayKey } from '@server/ledger/calendar';
import type { LocalCloud } from '../host/index';
import { buildFunctions } from '../scripts/build-functions';
import { postDoc, variantDoc } from '../test/support/documents';
import { TestCloud } from '../test/support/local-cloud';
import { runWhenMain } from './support/main';

const HQ = 'o_bench_hq_0001';
const DAY = 86_400_000;

export interface Scale {
  stores: number;
  guides: number;
  members: number;
  visits: number;
  posts: number;
  days: number;
}

export const FULL: Scale = { stores: 20, guides: 200, members: 10_000, visits: 100_000, posts: 60, days: 60 };

/** A small deterministic generator, so two runs measure the same data. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function generate(cloud: LocalCloud, scale: Scale, now: number): { guides: string[] } {
  const rand = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const at = () => now - Math.floor(rand() * scale.days * DAY);
  const e = cloud.engine;
  const stores = Array.from({ length: scale.stores }, (_, i) => `sto_bench${String(i).padStart(6, '0')}`);
  stores.forEach((id, i) =>
    e.insertDoc('stores', { _id: id, name: `门店${i + 1}`, createdAt: now - 400 * DAY, createdBy: HQ }),
  );
  const guides = Array.from({ length: scale.guides }, (_, i) => `o_bench_guide_${i}`);
  guides.forEach((id, i) =>
    e.insertDoc('users', {
      _id: id,
      role: 'guide',
      name: `导购${i + 1}`,
      storeId: stores[i % stores.length],
      active: true,
      createdAt: now - 300 * DAY,
    }),
  );
  const posts = Array.from({ length: scale.posts }, (_, i) => `pst_bench${String(i).padStart(6, '0')}`);
  posts.forEach((id, i) => {
    const t = now - i * DAY;
    e.insertDoc('posts', postDoc({ _id: id, title: `素材${i}`, createdBy: HQ, at: t }));
    for (const g of guides) {
      if (rand() < 0.5) continue;
      e.insertDoc(
        'post_variants',
        variantDoc({ postId: id, guideOpenid: g, storeId: 'sto_x', text: '文案', at: t, copiedAt: t + 3600_000 }),
      );
    }
  });
  const members: { id: string; guide: string }[] = [];
  const guideOf = new Map<string, string>();
  for (let i = 0; i < scale.members; i++) {
    const id = `o_bench_member_${i}`;
    // Half joined through a guide, half through an earlier member (multi-hop referrals).
    const referrer = i > 10 && rand() < 0.5 ? pick(members).id : pick(guides);
    const guide = referrer.startsWith('o_bench_guide_') ? referrer : (guideOf.get(referrer) ?? pick(guides));
    const createdAt = at();
    e.insertDoc('users', {
      _id: id,
      role: 'customer',
      name: `会员${i}`,
      guideOpenid: guide,
      storeId: 'sto_x',
      referrer,
      createdAt,
    });
    e.insertDoc('referrals', { _id: id, from: referrer, to: id, createdAt });
    members.push({ id, guide });
    guideOf.set(id, guide);
    if (rand() < 0.3) {
      const issuedAt = at();
      e.insertDoc('coupons', {
        _id: `cpn_bench${i}`,
        code: `C${i}`,
        owner: id,
        itemId: 'itm_bench',
        kind: 'coupon',
        title: '券',
        pointsPrice: 100,
        status: 'used',
        requestId: `r${i}`,
        issuedAt,
        expiresAt: issuedAt + 30 * DAY,
        usedAt: issuedAt,
        usedBy: guide,
      });
      e.insertDoc('points_entries', {
        _id: `redeem:cpn_bench${i}`,
        openid: id,
        kind: 'redeem',
        amount: -100,
        seq: 2,
        balanceAfter: 0,
        createdAt: issuedAt,
      });
    }
    e.insertDoc('points_entries', {
      _id: `welcome:${id}`,
      openid: id,
      kind: 'welcome',
      amount: 100,
      seq: 1,
      balanceAfter: 100,
      createdAt,
    });
  }
  // One share token per (sharer, post), made when first opened, as insight.shareLink stores them.
  const tokens = new Map<string, string>();
  const tokenOf = (sharer: string, postId: string, sharerRole: string, openedAt: number) => {
    const key = `${sharer}|${postId}`;
    let token = tokens.get(key);
    if (token === undefined) {
      token = `T${String(tokens.size).padStart(16, '0')}`;
      tokens.set(key, token);
      e.insertDoc('share_links', {
        _id: token,
        sharer,
        sharerRole,
        postKey: postId,
        parentKey: '-',
        root: token,
        hop: 0,
        createdAt: openedAt,
      });
    }
    return token;
  };
  for (let i = 0; i < scale.visits; i++) {
    const m = pick(members);
    const sharer = rand() < 0.8 ? m.guide : pick(members).id;
    const sharerRole = sharer.startsWith('o_bench_guide_') ? 'guide' : 'customer';
    const postId = pick(posts);
    const openedAt = at();
    e.insertDoc('visits', {
      _id: `vst_bench${i}`,
      token: tokenOf(sharer, postId, sharerRole, openedAt),
      viewer: m.id,
      sharer,
      sharerRole,
      guideOpenid: m.guide,
      storeId: 'sto_x',
      postId,
      tags: [],
      scene: 1007,
      anonymous: false,
      counted: true,
      openedAt,
      seconds: Math.floor(rand() * 300),
      updatedAt: openedAt,
    });
  }
  return { guides };
}

interface Measured {
  name: string;
  ms: number[];
  roundTrips: number;
}

export async function run(scale: Scale = FULL): Promise<Measured[]> {
  await buildFunctions({ quiet: true, names: ['insight'] });
  const local = new TestCloud({ hqOpenids: [HQ] });
  await local.start();
  const cloud = local.cloud;
  try {
    const now = Date.now();
    const t0 = Date.now();
    const { guides } = generate(cloud, scale, now);
    console.log(
      `insight bench: generated ${scale.visits} visits, ${scale.members} members, ${scale.guides} guides, ${scale.posts} posts in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );

    // Every database request a function makes reaches the engine's wire handler: count them there.
    let trips = 0;
    const handle = cloud.engine.handle.bind(cloud.engine);
    cloud.engine.handle = (body) => {
      trips++;
      return handle(body);
    };

    const to = dayKey(now);
    const from = dayKey(now - 29 * DAY);
    const cases: { name: string; event: Record<string, unknown>; as: string }[] = [
      { name: 'dashboard (30 days)', event: { action: 'dashboard', from, to }, as: HQ },
      { name: 'leaderboard by guide', event: { action: 'leaderboard', from, to, by: 'guide' }, as: HQ },
      { name: 'leaderboard by store', event: { action: 'leaderboard', from, to, by: 'store' }, as: HQ },
      { name: 'myFigures (guide, 7 days)', event: { action: 'myFigures' }, as: guides[0]! },
      { name: 'myCustomers (guide)', event: { action: 'myCustomers' }, as: guides[0]! },
    ];
    const results: Measured[] = [];
    for (const c of cases) {
      const ms: number[] = [];
      let roundTrips = 0;
      for (let i = 0; i < 3; i++) {
        trips = 0;
        const started = performance.now();
        const reply = (await cloud.invoke('insight', c.event, { openid: c.as })) as {
          ok: boolean;
          error?: { message: string };
        };
        ms.push(performance.now() - started);
        if (!reply.ok) throw new Error(`${c.name}: ${reply.error?.message ?? 'failed'}`);
        roundTrips = Math.max(roundTrips, trips);
      }
      results.push({ name: c.name, ms, roundTrips });
    }
    console.log('insight bench: latency (first / median of 3) and database round trips per call');
    for (const r of results) {
      const sorted = [...r.ms].sort((a, b) => a - b);
      console.log(
        `  ${r.name.padEnd(28)} ${r.ms[0]!.toFixed(0).padStart(6)} ms / ${sorted[1]!.toFixed(0).padStart(6)} ms   ${String(r.roundTrips).padStart(3)} round trips`,
      );
    }
    return results;
  } finally {
    await local.stop();
  }
}

runWhenMain(__filename, run);
