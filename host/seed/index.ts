/**
 * Loads the demo world through the product's own cloud functions (never by writing documents
 * directly), so the demo data obeys every rule the product enforces: HQ's points rules first, then
 * stores, guides and members (whose welcome and referral rewards land in the journal), the mall
 * catalog, eight posts with pictures drawn at seed time, and a little history — guides opening
 * and copying their variants, members reading shared posts, redeeming and having a coupon verified.
 */
import { awaitImageChecks } from './image-checks';
import { DEMO_TAG_RULES, DEMO_VARIANT_OPENINGS, DEMO_VISITS, demoPosts } from './demo-content';
import { DEMO_BRAND_SETTINGS, DEMO_CUSTOMERS, DEMO_GUIDES, DEMO_HQ_OPENID, DEMO_STORES } from './demo-data';
import { DEMO_ADJUSTMENTS, DEMO_ITEMS, DEMO_POINTS_RULES, DEMO_REDEMPTIONS, DEMO_TIERS } from './demo-rewards';
import { makeDemoImage } from './images';
import { MEMBER_TERMS_VERSION } from '@core/contracts/account';

/** The part of the local cloud the seed needs. */
export interface SeedTarget {
  invoke(name: string, event: Record<string, unknown>, caller?: { openid?: string }): Promise<unknown>;
  engine: { findDocs(collection: string, query?: Record<string, unknown>): Record<string, unknown>[] };
  /** The bridge upload behind `POST /storage/upload` (what the HQ editor uses on H5); answers the fileID. */
  storage: { upload(cloudPath: string, bytes: Buffer): string };
}

export interface SeedReport {
  stores: number;
  guides: number;
  customers: number;
  items: number;
  /** Posts saved, of which `published` went out now (the rest stay draft or scheduled). */
  posts: number;
  published: number;
  images: number;
  adjustments: number;
  variants: number;
  /** Opens recorded: members opening their referrer's invitation, and posts shared with them. */
  visits: number;
  /** Reading time the functions accepted (capped by the real time since each open). */
  readSeconds: number;
  redemptions: number;
  verifications: number;
  ms: number;
}

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

async function call<T>(
  cloud: SeedTarget,
  fn: string,
  action: string,
  input: Record<string, unknown>,
  openid: string,
): Promise<T> {
  const reply = (await cloud.invoke(fn, { action, ...input }, { openid })) as Envelope<T>;
  if (!reply || typeof reply !== 'object' || !('ok' in reply)) {
    throw new Error(`seed: ${fn}.${action} returned no envelope`);
  }
  if (!reply.ok) throw new Error(`seed: ${fn}.${action} failed: ${reply.error.code} ${reply.error.message}`);
  return reply.data;
}

function need<T>(map: Map<string, T>, key: string, what: string): T {
  const v = map.get(key);
  if (v === undefined) throw new Error(`seed: unknown ${what} ${key}`);
  return v;
}

export function isEmpty(cloud: Pick<SeedTarget, 'engine'>): boolean {
  return cloud.engine.findDocs('stores').length === 0 && cloud.engine.findDocs('users').length === 0;
}

/** Seeds the demo world; the caller must have made DEMO_HQ_OPENID an HQ openid. */
export async function seed(cloud: SeedTarget, log: (line: string) => void = () => {}): Promise<SeedReport> {
  const t0 = Date.now();
  const hq = DEMO_HQ_OPENID;

  // The brand through the console's own settings: nothing in the app names it.
  await call(cloud, 'account', 'saveBrand', { ...DEMO_BRAND_SETTINGS }, hq);

  // Rules before anyone joins: otherwise the welcome bonus and referral rewards are 0 and unrecorded.
  await call(cloud, 'points', 'setRules', { ...DEMO_POINTS_RULES }, hq);
  await call(
    cloud,
    'points',
    'setTiers',
    { basis: DEMO_TIERS.basis, tiers: DEMO_TIERS.tiers.map((t) => ({ ...t })) },
    hq,
  );

  const storeIds = new Map<string, string>();
  for (const s of DEMO_STORES) {
    const { storeId } = await call<{ storeId: string }>(
      cloud,
      'account',
      'createStore',
      { name: s.name, city: s.city, address: s.address, location: s.location },
      hq,
    );
    storeIds.set(s.key, storeId);
  }
  log(`seed: ${storeIds.size} stores`);

  for (const g of DEMO_GUIDES) {
    const storeId = need(storeIds, g.store, 'store');
    const { code } = await call<{ code: string }>(cloud, 'account', 'createInvite', { storeId, role: 'guide' }, hq);
    await call(cloud, 'account', 'redeemInvite', { code, name: g.name }, g.openid);
  }
  log(`seed: ${DEMO_GUIDES.length} guides`);

  // Each demo member opened their referrer's invitation, then joined through its token and ticked
  // the join page's agreement, as a real one must: the server credits the referrer from the token.
  const invitations = new Map<string, string>();
  for (const c of DEMO_CUSTOMERS) {
    let shareToken = invitations.get(c.referrer);
    if (shareToken === undefined) {
      shareToken = (await call<{ shareToken: string }>(cloud, 'insight', 'shareLink', {}, c.referrer)).shareToken;
      invitations.set(c.referrer, shareToken);
    }
    await call(cloud, 'insight', 'recordVisit', { shareToken, scene: 1007 }, c.openid);
    await call(
      cloud,
      'account',
      'registerMember',
      { name: c.name, shareToken, consent: { version: MEMBER_TERMS_VERSION } },
      c.openid,
    );
  }
  for (const a of DEMO_ADJUSTMENTS) {
    await call(
      cloud,
      'points',
      'adjust',
      { openid: a.openid, delta: a.delta, reason: a.reason, requestId: a.requestId },
      hq,
    );
  }
  log(`seed: ${DEMO_CUSTOMERS.length} customers, ${DEMO_ADJUSTMENTS.length} points adjustments`);

  const itemIds = new Map<string, string>();
  for (const { key, ...item } of DEMO_ITEMS) {
    const { id } = await call<{ id: string }>(cloud, 'mall', 'saveItem', { ...item }, hq);
    itemIds.set(key, id);
  }
  log(`seed: ${itemIds.size} catalog items`);

  const now = Date.now();
  const posts = demoPosts(now);
  const postIds = new Map<string, string>();
  let images = 0;
  let published = 0;
  await call(cloud, 'insight', 'setTagRules', { rules: DEMO_TAG_RULES }, hq);
  for (const [i, p] of posts.entries()) {
    const fileIds: string[] = [];
    for (const [j, spec] of p.images.entries()) {
      const bytes = await makeDemoImage(spec);
      fileIds.push(cloud.storage.upload(`posts/demo/${String(i + 1).padStart(2, '0')}-${p.key}-${j + 1}.jpg`, bytes));
      images += 1;
    }
    const { id } = await call<{ id: string }>(
      cloud,
      'content',
      'savePost',
      {
        title: p.title,
        body: p.body,
        images: fileIds,
        protectTerms: p.protectTerms,
        storeIds: p.stores.map((k) => need(storeIds, k, 'store')),
      },
      hq,
    );
    postIds.set(p.key, id);
    await call(cloud, 'insight', 'setPostTags', { postId: id, tags: p.tags }, hq);
    if (p.state !== 'draft') {
      await awaitImageChecks((images) => call(cloud, 'content', 'checkImages', { images }, hq), fileIds);
    }
    if (p.state === 'published') {
      await call(cloud, 'content', 'publishPost', { id }, hq);
      published += 1;
    } else if (p.state !== 'draft') {
      await call(cloud, 'content', 'publishPost', { id, publishAt: now + p.state.scheduleInDays * 86_400_000 }, hq);
    }
  }
  log(`seed: ${posts.length} posts (${published} published), ${images} images`);

  // Members open what was shared with them through its share token, as the read page does; a
  // reshare passes on the token the resharer opened. The visits open here and end after the rest
  // of the seed: endVisit caps reading time at the real time since the open (plus a little slack),
  // so this gap is all the reading there is.
  const links = new Map<string, string>();
  const openVisits: { visitId: string; viewer: string; seconds: number }[] = [];
  for (const v of DEMO_VISITS) {
    const postId = need(postIds, v.post, 'post');
    const linkKey = `${v.sharer}|${postId}`;
    let shareToken = links.get(linkKey);
    if (shareToken === undefined) {
      const parent = v.via !== undefined ? need(links, `${v.via}|${postId}`, 'share') : undefined;
      const input = { postId, ...(parent !== undefined ? { parent } : {}) };
      shareToken = (await call<{ shareToken: string }>(cloud, 'insight', 'shareLink', input, v.sharer)).shareToken;
      links.set(linkKey, shareToken);
    }
    const { visitId } = await call<{ visitId?: string }>(
      cloud,
      'insight',
      'recordVisit',
      { shareToken, scene: 1007 },
      v.viewer,
    );
    if (visitId === undefined) throw new Error(`seed: ${v.viewer}'s open of ${v.post} was not recorded`);
    openVisits.push({ visitId, viewer: v.viewer, seconds: v.seconds });
  }

  for (const o of DEMO_VARIANT_OPENINGS) {
    const postId = need(postIds, o.post, 'post');
    await call(cloud, 'content', 'myVariant', { postId }, o.guide);
    if (o.copied) await call(cloud, 'content', 'recordOutcome', { postId, outcome: 'copied' }, o.guide);
    if (o.saved) await call(cloud, 'content', 'recordOutcome', { postId, outcome: 'saved' }, o.guide);
  }
  log(`seed: ${DEMO_VARIANT_OPENINGS.length} variants opened`);

  let verifications = 0;
  for (const r of DEMO_REDEMPTIONS) {
    const itemId = need(itemIds, r.item, 'item');
    const { code } = await call<{ code: string }>(
      cloud,
      'mall',
      'redeem',
      { itemId, requestId: r.requestId },
      r.openid,
    );
    if (r.verifiedBy) {
      await call(cloud, 'mall', 'verifyCoupon', { code }, r.verifiedBy);
      verifications += 1;
    }
  }
  log(`seed: ${DEMO_REDEMPTIONS.length} redemptions, ${verifications} verified in store`);

  let readSeconds = 0;
  for (const v of openVisits) {
    readSeconds += (
      await call<{ seconds: number }>(
        cloud,
        'insight',
        'endVisit',
        { visitId: v.visitId, seconds: v.seconds },
        v.viewer,
      )
    ).seconds;
  }
  log(`seed: ${openVisits.length} visits, ${readSeconds} s of reading accepted`);

  return {
    stores: storeIds.size,
    guides: DEMO_GUIDES.length,
    customers: DEMO_CUSTOMERS.length,
    items: itemIds.size,
    posts: postIds.size,
    published,
    images,
    adjustments: DEMO_ADJUSTMENTS.length,
    variants: DEMO_VARIANT_OPENINGS.length,
    visits: DEMO_CUSTOMERS.length + DEMO_VISITS.length,
    readSeconds,
    redemptions: DEMO_REDEMPTIONS.length,
    verifications,
    ms: Date.now() - t0,
  };
}

/** Seeds only a database that has no stores and no users yet, so restarts keep the user's own data. */
export async function seedIfEmpty(
  cloud: SeedTarget,
  log: (line: string) => void = console.log,
): Promise<SeedReport | null> {
  if (!isEmpty(cloud)) {
    log('seed: database already has data, skipped');
    return null;
  }
  const report = await seed(cloud, log);
  log(`seed: done in ${report.ms} ms`);
  return report;
}

export { DEMO_HQ_OPENID };
