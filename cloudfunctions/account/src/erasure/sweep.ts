/**
 * The part of a deletion that needs queries, which CloudBase transactions do not allow. It runs
 * after the deletion transaction has removed the member, so nothing new can be written under the
 * openid by a member action; each step is a conditional update or a keyed copy, so running the
 * whole sweep again (a retried request) changes nothing more.
 */
import { isDuplicateKeyError } from '@server/db/errors';
import { getAll } from '@server/db/read';
import type { Database } from '@server/db/types';
import type { CollectionName } from '@core/db/schema';
import { CALLER_RATE_SCOPES, callerRateId, InterestDoc, interestId, ShareLinkDoc } from '@server/data/visits';
import type { Cloud } from '@server/kit/types';
import { deleteFiles } from '@server/storage';
import { DELETED_NAME, TransferCustomers } from '../documents';

export interface SweepResult {
  voidedCoupons: number;
  keptCoupons: number;
}

/** Why a coupon stopped being usable, when it was not the store or the calendar. */
export const VOIDED_BY_DELETION = 'member_deleted';

/**
 * Unused coupons are voided (unused → expired, marked voided) in one conditional update, so a
 * guide verifying the same code at that moment either used it first or finds it void. Every
 * coupon then carries the anonymous id instead of the openid: used ones stay in the store's records.
 */
async function coupons(db: Database, openid: string, anon: string, now: number): Promise<SweepResult> {
  const c = db.collection('coupons');
  await c
    .where({ owner: openid, status: 'unused' })
    .update({ data: { status: 'expired', expiredAt: now, voided: VOIDED_BY_DELETION, owner: anon } });
  await c.where({ owner: openid }).update({ data: { owner: anon } });
  const [voided, all] = await Promise.all([
    c.where({ owner: anon, voided: VOIDED_BY_DELETION }).count(),
    c.where({ owner: anon }).count(),
  ]);
  return { voidedCoupons: voided.total, keptCoupons: all.total - voided.total };
}

/** Interest tags are keyed `openid:tag`: copy each to `anon:tag`, then drop the original. */
async function interests(db: Database, openid: string, anon: string): Promise<void> {
  const c = db.collection('interests');
  const rows = await getAll(c.where({ openid }), InterestDoc, 'interests');
  for (const row of rows) {
    const { _id: _old, ...rest } = row;
    try {
      await c.add({ data: { ...rest, _id: interestId(anon, row.tag), openid: anon } });
    } catch (e) {
      // A retried sweep copied it already.
      if (!isDuplicateKeyError(e)) throw e;
    }
    await c.doc(row._id).remove();
  }
}

/**
 * Share posters show the member's 称呼 and store: their files are deleted and the links forget
 * them (the tokens stay, renamed below, so the post's spread keeps its shape).
 */
async function posters(db: Database, cloud: Cloud, openid: string): Promise<void> {
  const c = db.collection('share_links');
  const _ = db.command;
  const rows = await getAll(
    c.where({ sharer: openid, poster: _.exists(true) }).field({ _id: true, poster: true }),
    ShareLinkDoc.pick({ _id: true, poster: true }),
    'share_links',
    { pageSize: 1000, max: 100_000 },
  );
  await deleteFiles(
    cloud,
    rows.flatMap((r) => (r.poster ? [r.poster.fileID] : [])),
  );
  if (rows.length > 0) await c.where({ sharer: openid }).update({ data: { poster: _.remove() } });
}

/** HQ's transfer history lists customers by openid. */
async function transfers(db: Database, openid: string, anon: string): Promise<void> {
  const c = db.collection('customer_transfers');
  const rows = await getAll(
    c.where({ customers: openid }).field({ customers: true }),
    TransferCustomers,
    'customer_transfers',
  );
  for (const row of rows) {
    await c.doc(row._id).update({ data: { customers: row.customers.map((id) => (id === openid ? anon : id)) } });
  }
}

/**
 * Fields that name the member by openid and name the anonymous node from now on: the graph keeps
 * its shape (edges the member started start at the node), visits and share links their counts.
 */
const RENAMED: readonly (readonly [CollectionName, string])[] = [
  ['referrals', 'from'],
  ['visits', 'viewer'],
  ['visits', 'sharer'],
  ['share_links', 'sharer'],
  ['share_links', 'parentSharer'],
];

export async function sweepMemberData(
  db: Database,
  cloud: Cloud,
  openid: string,
  anon: string,
  now: number,
): Promise<SweepResult> {
  const result = await coupons(db, openid, anon, now);
  await posters(db, cloud, openid);
  for (const [collection, field] of RENAMED) {
    await db
      .collection(collection)
      .where({ [field]: openid })
      .update({ data: { [field]: anon } });
  }
  // Friends they brought keep their membership; nobody is rewarded any more for their first redemption.
  await db
    .collection('users')
    .where({ referrer: openid })
    .update({ data: { referrer: db.command.remove() } });
  await interests(db, openid, anon);
  // Rate-limit counters name the caller in their key and hold nothing worth keeping.
  for (const scope of CALLER_RATE_SCOPES) await db.collection('rate_limits').doc(callerRateId(scope, openid)).remove();
  await transfers(db, openid, anon);
  // Referrers' journal entries named the friend; amounts, sequence and balances stay as written.
  await db
    .collection('points_entries')
    .where({ ref: openid })
    .update({ data: { note: DELETED_NAME, ref: anon } });
  return result;
}
