/**
 * The database the fuzzer attacks: the demo seed (stores, guides, members in referral chains,
 * points, catalog, posts, variants, visits, coupons — all made through the functions), plus the
 * states the demo lacks (an inactive guide, an archived post, an expired coupon, an inactive item).
 * Also the callers, and the pool of real strings (ids, openids, codes) the generators draw from.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULTS } from '../../host/config';
import { DEMO_HQ_OPENID, seed } from '../../host/seed/index';
import { dataOf, newOpenid, TEST_HQ, TestCloud } from '../support/local-cloud';
import { makeCaller, type Who } from '../support/role-matrix';
import type { Pool } from './schema';

export type Doc = Record<string, unknown>;

export interface World {
  cloud: TestCloud;
  /** Openid per kind of caller (undefined = no openid at all). */
  callers: Record<Who, string | undefined>;
  pool: Pool;
  /** Timer trigger names from the functions' config.json (a client must never reach them). */
  triggers: string[];
  seedMs: number;
}

/**
 * A cloud that knows both the test HQ and the demo seed's HQ. Its functions run inside this
 * process (host/functions/worker/inline.ts): the fuzz is about replies and the database, and tens of
 * thousands of calls each crossing into an instance process cost minutes on two cores.
 */
export function fuzzCloud(): TestCloud {
  return new TestCloud({ hqOpenids: [TEST_HQ, DEMO_HQ_OPENID], isolation: 'inline' });
}

export function docs(cloud: TestCloud, collection: string, query?: Doc): Doc[] {
  return cloud.cloud.engine.findDocs(collection, query);
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Every string in the database up to a few levels deep (ids, openids, codes, names), deduplicated. */
export function harvestStrings(cloud: TestCloud, maxLength = 200): string[] {
  const seen = new Set<string>();
  const walk = (v: unknown, depth: number): void => {
    if (typeof v === 'string') {
      if (v.length > 0 && v.length <= maxLength) seen.add(v);
    } else if (depth < 4 && typeof v === 'object' && v !== null) {
      for (const x of Object.values(v)) walk(x, depth + 1);
    }
  };
  for (const name of cloud.cloud.engine.collectionNames()) for (const d of docs(cloud, name)) walk(d, 0);
  return [...seen].sort();
}

async function hq<T>(cloud: TestCloud, fn: string, action: string, input: Doc): Promise<T> {
  return dataOf((await cloud.callRaw(fn, { ...input, action }, TEST_HQ)) as Parameters<typeof dataOf<T>>[0]);
}

/** Seeds the demo world and the extra states; answers the callers and the pool. */
export async function buildWorld(cloud: TestCloud): Promise<World> {
  const t0 = Date.now();
  await seed(cloud.cloud);

  // An archived post, an inactive catalog item and an expired coupon: states refusals depend on.
  const { id: archived } = await hq<{ id: string }>(cloud, 'content', 'savePost', {
    title: '已下架的旧活动',
    body: '去年冬季的活动，已经结束。',
  });
  await hq(cloud, 'content', 'publishPost', { id: archived });
  await hq(cloud, 'content', 'archivePost', { id: archived });
  await hq(cloud, 'mall', 'saveItem', {
    title: '已下架礼品',
    kind: 'gift',
    pointsPrice: 10,
    stock: 5,
    active: false,
  });
  const coupon = docs(cloud, 'coupons', { status: 'unused' })[0];
  if (coupon) {
    // Written directly: an expired coupon is what time leaves behind, not something an action makes.
    const past = Date.now() - 86_400_000;
    cloud.cloud.engine.insertDoc('coupons', {
      ...coupon,
      _id: `cpn_expired${String(coupon._id).slice(4, 14)}`,
      code: 'XEXPRD234567',
      issuedAt: past - 30 * 86_400_000,
      expiresAt: past,
    });
  }

  // An anonymous open (Moments' single-page mode): a visit no signed-in caller may report on.
  const someShare = docs(cloud, 'share_links').find((l) => l.postKey !== '-');
  if (someShare)
    await cloud.cloud.invoke('insight', { action: 'recordVisit', shareToken: someShare._id, scene: 1154 }, {});

  // Today's worklists, as the morning timer makes them: real item ids to name, and a guide's
  // worklist read that writes nothing.
  await cloud.cloud.timers.fire('insight', 'makeWorklists');
  await hq(cloud, 'insight', 'saveScript', { scene: 'welcome', title: '欢迎', text: '{称呼}，欢迎加入会员～' });

  const guides = docs(cloud, 'users', { role: 'guide' });
  const owners = new Set(docs(cloud, 'coupons').map((c) => str(c.owner)));
  const customers = docs(cloud, 'users', { role: 'customer' });
  const customer = customers.find((c) => owners.has(str(c._id))) ?? customers[0];
  const callers: Record<Who, string | undefined> = {
    hq: TEST_HQ,
    guide: str(guides[0]?._id) || (await makeCaller.guide(cloud)),
    customer: str(customer?._id) || (await makeCaller.customer(cloud)),
    visitor: newOpenid('o_visitor'),
    'inactive guide': await makeCaller['inactive guide'](cloud),
    'no openid': undefined,
  };

  // A member code used by an award and one past its window: states an award is refused in.
  // A member of their own (no referrer), so no fuzz caller's balance changes.
  const member = { _id: await makeCaller.customer(cloud) };
  const guideId = str(docs(cloud, 'users', { role: 'guide' })[0]?._id);
  if (member._id && guideId) {
    const { code } = dataOf(
      (await cloud.callRaw('account', { action: 'memberCode' }, str(member._id))) as Parameters<
        typeof dataOf<{ code: string }>
      >[0],
    );
    await cloud.callRaw(
      'points',
      { action: 'awardPurchase', memberCode: code, amountFen: 12800, requestId: 'fuzz_world_award1' },
      guideId,
    );
    cloud.cloud.engine.insertDoc('member_codes', {
      _id: '100000000001',
      openid: member._id,
      createdAt: Date.now() - 120_000,
      expiresAt: Date.now() - 60_000,
    });
  }

  const triggers = new Set<string>();
  for (const name of cloud.cloud.runtime.list()) {
    for (const t of cloud.cloud.runtime.config(name).triggers) triggers.add(t.name);
  }
  return {
    cloud,
    callers,
    pool: { strings: harvestStrings(cloud) },
    triggers: [...triggers].sort(),
    seedMs: Date.now() - t0,
  };
}

/** Names, sizes and times of every stored file: equal before and after means storage was not written. */
export function storageFingerprint(cloud: TestCloud): string {
  const root = path.join(cloud.cloud.dataDir, DEFAULTS.filesDir);
  const out: string[] = [];
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const st = fs.statSync(full);
        out.push(`${path.relative(root, full)} ${st.size} ${st.mtimeMs}`);
      }
    }
  };
  walk(root);
  return out.join('\n');
}
