/**
 * Fixtures for the insight tests: the state other domains own (published posts, variants, coupons),
 * written straight into the local cloud's database in the shape their functions store, because the
 * insight tests are about reading them, not about how they are made.
 */
import { EJSON } from 'bson';
import { postDoc, variantDoc } from '../support/documents';
import { readerKey } from '@server/privacy/keys';
import { newOpenid, TEST_HQ, type TestCloud } from '../support/local-cloud';

let seq = 0;
const id = (prefix: string) =>
  `${prefix}_${(Date.now() + seq++).toString(36)}${Math.random().toString(36).slice(2, 10)}`;

/** A published post as the content function stores it. */
export function seedPost(
  cloud: TestCloud,
  over: { title?: string; body?: string; publishedAt?: number; status?: string; images?: string[] } = {},
): string {
  const postId = id('pst');
  cloud.cloud.engine.insertDoc(
    'posts',
    postDoc({
      _id: postId,
      title: over.title ?? '春日焕新',
      body: over.body ?? '玫瑰精华水会员价 ¥199，3月8日起。',
      ...over,
      createdBy: TEST_HQ,
      at: Date.now(),
    }),
  );
  return postId;
}

/** A guide's stored variant of a post, optionally copied at `copiedAt`. */
export function seedVariant(
  cloud: TestCloud,
  postId: string,
  guide: { openid: string; storeId: string },
  text: string,
  copiedAt?: number,
  images: string[] = [],
): void {
  cloud.cloud.engine.insertDoc(
    'post_variants',
    variantDoc({
      postId,
      guideOpenid: guide.openid,
      storeId: guide.storeId,
      text,
      images,
      at: Date.now(),
      ...(copiedAt !== undefined ? { copiedAt } : {}),
    }),
  );
}

/** A coupon the mall issued to `owner`, used in store by `usedBy` when given. */
export function seedCoupon(
  cloud: TestCloud,
  owner: string,
  over: { title?: string; issuedAt?: number; usedBy?: string } = {},
): string {
  const couponId = id('cpn');
  const issuedAt = over.issuedAt ?? Date.now();
  cloud.cloud.engine.insertDoc('coupons', {
    _id: couponId,
    code: newOpenid('C')
      .replace(/[^A-Z0-9]/gi, '')
      .slice(-12)
      .toUpperCase(),
    owner,
    itemId: 'itm_test000001',
    kind: 'coupon',
    title: over.title ?? '满100减20券',
    pointsPrice: 100,
    status: over.usedBy ? 'used' : 'unused',
    requestId: couponId,
    issuedAt,
    expiresAt: issuedAt + 30 * 86_400_000,
    ...(over.usedBy ? { usedAt: issuedAt, usedBy: over.usedBy } : {}),
  });
  return couponId;
}

/** Moves a document's time fields into the past, as if it had been written then. */
export function backdate(cloud: TestCloud, collection: string, docId: string, fields: Record<string, number>): void {
  const reply = cloud.cloud.engine.handle({
    action: 'database.modifyDocument',
    collectionName: collection,
    queryType: 'DOC',
    query: EJSON.stringify({ _id: docId }, { relaxed: false }),
    data: EJSON.stringify({ $set: fields }, { relaxed: false }),
    multi: false,
    merge: true,
  });
  if (typeof reply.code === 'string') throw new Error(`backdate ${collection}/${docId}: ${String(reply.message)}`);
}

export function docsOf(cloud: TestCloud, collection: string, query?: Record<string, unknown>) {
  return cloud.cloud.engine.findDocs(collection, query);
}

/** `sharer`'s share token for `postId` (no post: an invitation), made through insight.shareLink. */
export async function shareOf(cloud: TestCloud, sharer: string, postId?: string): Promise<string> {
  return (await cloud.ok('insight', 'shareLink', postId !== undefined ? { postId } : {}, sharer)).shareToken;
}

/** `viewer` opens `sharer`'s share of `postId` (undefined viewer: no openid at all). */
export async function openShare(
  cloud: TestCloud,
  sharer: string,
  postId: string | undefined,
  viewer: string | undefined,
  scene?: number,
) {
  const shareToken = await shareOf(cloud, sharer, postId);
  const reply = await cloud.ok('insight', 'recordVisit', { shareToken, ...(scene ? { scene } : {}) }, viewer);
  return { ...reply, shareToken };
}

/** The stored visit of an open that must have been recorded. */
export function visitOf(cloud: TestCloud, visitId: string | undefined): Record<string, unknown> {
  if (visitId === undefined) throw new Error('the open was not recorded');
  const [visit] = docsOf(cloud, 'visits', { _id: visitId });
  if (!visit) throw new Error(`visit ${visitId} not stored`);
  return visit;
}

/**
 * Moves every visit `viewer` made to `at`, as if they had opened those shares then: those kept
 * under their openid, and the open of the share that brought them in, which was made before they
 * agreed to anything and so carries no openid.
 */
export function backdateVisitsOf(cloud: TestCloud, viewer: string, at: number): void {
  const token = docsOf(cloud, 'referrals', { _id: viewer })[0]?.token;
  cloud.adoptIdSecret();
  const before = typeof token === 'string' ? docsOf(cloud, 'visits', { token, reader: readerKey(token, viewer) }) : [];
  const ids = new Set([...docsOf(cloud, 'visits', { viewer }), ...before].map((v) => String(v._id)));
  for (const id of ids) backdate(cloud, 'visits', id, { openedAt: at });
}
