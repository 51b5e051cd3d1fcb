/**
 * The world a load or soak run starts from, made through the functions themselves (no direct
 * database writes, so it works against a cloud in another process): a few stores, guides who joined
 * through invites, members referred by those guides with points granted by HQ, a coupon in the mall,
 * and a published post of today with production-like images (1080×1080 JPEGs).
 */
import { awaitImageChecks } from '../../host/seed/image-checks';
import { MEMBER_TERMS_VERSION } from '@core/contracts/account';
import { makeFixtureImage, FIXTURE_IMAGE_KINDS } from '../../test/fixtures/variation/images';
import type { BenchCloud } from './bench-cloud';
import { inBatches } from './stats';

export const BENCH_HQ = 'o_load_hq';
/** Set-up calls in flight at once: enough to be quick, few enough not to be the load itself. */
const SETUP_WIDTH = 8;

export interface WorldSize {
  stores: number;
  guides: number;
  members: number;
  /** Points each member starts with. */
  points: number;
}

export interface World {
  storeIds: string[];
  /** Guides, in store order (guide i works in store i % stores). */
  guides: { openid: string; storeId: string }[];
  /** Members; member i joined through guide i % guides's invitation. */
  members: string[];
  /** Source images, uploaded once and shared by every post. */
  images: string[];
}

const BODY = [
  '【山茶生活·春日焕新】玫瑰精华水会员价 ¥199，3月8日-3月15日限时。',
  '✨ 清爽不黏腻，早晚各一次，28天看得见水润光泽。',
  '#春日护肤# 详情到店咨询，营业时间 10:00-22:00。',
].join('\n');

export async function makeWorld(cloud: BenchCloud, size: WorldSize, imageCount = 9): Promise<World> {
  const storeIds = await inBatches(size.stores, SETUP_WIDTH, async (i) => {
    const r = await cloud.ok('account', 'createStore', { name: `压测门店${i + 1}` }, BENCH_HQ);
    return r.storeId;
  });
  const guides = await inBatches(size.guides, SETUP_WIDTH, async (i) => {
    const storeId = storeIds[i % storeIds.length] ?? '';
    const { code } = await cloud.ok('account', 'createInvite', { storeId, role: 'guide' }, BENCH_HQ);
    const openid = `o_load_guide_${String(i).padStart(3, '0')}`;
    await cloud.ok('account', 'redeemInvite', { code, name: `导购${i + 1}` }, openid);
    return { openid, storeId };
  });
  // Each guide's invitation: a member joins by opening it first, as the join page does.
  const invitations = await inBatches(
    guides.length,
    SETUP_WIDTH,
    async (i) => (await cloud.ok('insight', 'shareLink', {}, guides[i]?.openid ?? '')).shareToken,
  );
  const members = await inBatches(size.members, SETUP_WIDTH, async (i) => {
    const openid = `o_load_member_${String(i).padStart(3, '0')}`;
    const shareToken = invitations[i % invitations.length];
    if (shareToken) await cloud.ok('insight', 'recordVisit', { shareToken, scene: 1007 }, openid);
    const joining = {
      name: `会员${i + 1}`,
      consent: { version: MEMBER_TERMS_VERSION },
      ...(shareToken ? { shareToken } : {}),
    };
    await cloud.ok('account', 'registerMember', joining, openid);
    await cloud.ok('points', 'adjust', { openid, delta: size.points, reason: '压测积分' }, BENCH_HQ);
    return openid;
  });
  const images: string[] = [];
  for (let i = 0; i < imageCount; i++) {
    const kind = FIXTURE_IMAGE_KINDS[i % FIXTURE_IMAGE_KINDS.length] ?? 'poster';
    const bytes = await makeFixtureImage(kind, { quality: 88 + (i % 3) });
    images.push(await cloud.upload(`posts/load/${i + 1}.jpg`, bytes));
  }
  return { storeIds, guides, members, images };
}

/** A post to every store, published now; answers its id. */
export async function publishPost(cloud: BenchCloud, world: World, title: string): Promise<string> {
  const { id } = await cloud.ok(
    'content',
    'savePost',
    {
      title,
      body: BODY,
      images: world.images,
      protectTerms: ['山茶生活'],
      variation: { text: 'standard', image: 'standard' },
      storeIds: world.storeIds,
    },
    BENCH_HQ,
  );
  await awaitImageChecks((images) => cloud.ok('content', 'checkImages', { images }, BENCH_HQ), world.images);
  await cloud.ok('content', 'publishPost', { id }, BENCH_HQ);
  return id;
}

/** A coupon with enough stock and per-member allowance for the whole run. */
export async function makeCoupon(cloud: BenchCloud, stock: number, perUserLimit: number): Promise<string> {
  const { id } = await cloud.ok(
    'mall',
    'saveItem',
    {
      title: '满100减20券',
      kind: 'coupon',
      pointsPrice: 100,
      stock,
      perUserLimit,
      validDays: 30,
      amountFen: 2000,
      thresholdFen: 10000,
    },
    BENCH_HQ,
  );
  return id;
}
