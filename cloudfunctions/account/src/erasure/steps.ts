/**
 * The steps of a deletion's sweep: everything outside the deletion transaction that can name the
 * person (docs/privacy.md lists each). A step runs in batches of at most BATCH documents, each
 * found by a query on the field that still names the person, so a batch that has run no longer
 * matches and running it again (a resumed job, a twin runner) changes nothing more. Every query
 * uses a declared index (core/db/schema.ts).
 */
import type { CollectionName } from '@core/db/schema';
import { CouponDoc } from '@server/data/coupons';
import { CALLER_RATE_SCOPES, callerRateId, ShareLinkDoc, VisitDoc } from '@server/data/visits';
import { isDuplicateKeyError } from '@server/db/errors';
import { getDoc, parseDoc } from '@server/db/read';
import type { Condition, UpdateData } from '@server/db/types';
import { AccountDoc } from '@server/ledger';
import { keyedHex, personKey, readerKey } from '@server/privacy/keys';
import { ReferralDoc } from '@server/data/referrals';
import { notificationId } from '@server/notify';
import { deleteFiles } from '@server/storage';
import { DELETED_NAME, TransferCustomers } from '../documents';
import { BATCH, batchOf, IdOnly, type StepBatch, type Subject, type SweepIo } from './batch';
import { legacyIds } from './legacy-ids';

export { BATCH, type Subject, type SweepIo };

/** Why a coupon stopped being usable, when it was not the store or the calendar. */
export const VOIDED_BY_DELETION = 'member_deleted';

/** A step that rewrites the matching documents in place, a batch at a time. */
const rewrite =
  (name: CollectionName, where: (s: Subject) => Condition, data: (io: SweepIo, s: Subject) => UpdateData): StepBatch =>
  async (io, s) => {
    const rows = await batchOf(io.db, name, where(s), IdOnly);
    if (rows.length === 0) return false;
    const ids = rows.map((r) => r._id);
    await io.db
      .collection(name)
      .where({ ...where(s), _id: io.db.command.in(ids) })
      .update({ data: data(io, s) });
    return rows.length === BATCH;
  };

/** A step that removes the matching documents, a batch at a time. */
const drop =
  (name: CollectionName, where: (s: Subject) => Condition): StepBatch =>
  async (io, s) => {
    const rows = await batchOf(io.db, name, where(s), IdOnly);
    if (rows.length === 0) return false;
    await io.db
      .collection(name)
      .where({ _id: io.db.command.in(rows.map((r) => r._id)) })
      .remove();
    return rows.length === BATCH;
  };

/**
 * Unused coupons are voided (unused → expired, marked voided) by a conditional update, so a guide
 * verifying the same code at that moment either used it first or finds it void. Every coupon then
 * carries the anonymous id instead of the openid and loses the requestId its id was derived from:
 * used ones stay in the store's records.
 */
const coupons: StepBatch = async ({ db }, s) => {
  const c = db.collection('coupons');
  const _ = db.command;
  const rows = await batchOf(db, 'coupons', { owner: s.openid }, CouponDoc.pick({ _id: true, status: true }));
  for (const row of rows) {
    const unlinked = { owner: s.anon, requestId: _.remove() };
    if (row.status === 'unused') {
      const voided = await c.where({ _id: row._id, owner: s.openid, status: 'unused' }).update({
        data: { ...unlinked, status: 'expired', expiredAt: s.now, voided: VOIDED_BY_DELETION },
      });
      if (voided.stats.updated === 1) continue;
    }
    await c.where({ _id: row._id, owner: s.openid }).update({ data: unlinked });
  }
  return rows.length === BATCH;
};

/** The points account moves to the anonymous node with the journal, so joining again starts at zero. */
const account: StepBatch = async ({ db }, s) => {
  const c = db.collection('points_accounts');
  const { data } = await c.doc(s.openid).get();
  if (data === null || data === undefined) return false;
  const { _id: _old, ...rest } = parseDoc(AccountDoc, data, 'points_accounts');
  try {
    await c.add({ data: { ...rest, _id: s.anon } });
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e; // an interrupted run copied it already
  }
  await c.doc(s.openid).remove();
  return false;
};

/**
 * A signed-in visit's id was derived from (token, viewer, day): the visit is copied to an id that
 * derives from nothing of the person's (a keyed hash of the old id, so a rerun finds its copy) and
 * loses its viewer and reader key; the original is removed. Counts stay; who read is forgotten.
 */
const viewerVisits: StepBatch = async ({ db }, s) => {
  const c = db.collection('visits');
  const rows = await batchOf(db, 'visits', { viewer: s.openid }, VisitDoc);
  for (const row of rows) {
    const { _id: old, viewer: _viewer, reader: _reader, ...rest } = row;
    try {
      await c.add({ data: { ...rest, _id: `vst_${keyedHex('unlinked-visit', [old], 32)}` } });
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
    }
    await c.doc(old).remove();
  }
  return rows.length === BATCH;
};

/**
 * Share posters show the member's 称呼 and store: their files are deleted and the links forget
 * them; the tokens stay under the anonymous id, so the post's spread keeps its shape.
 */
const shareLinks: StepBatch = async ({ db, cloud }, s) => {
  const rows = await batchOf(db, 'share_links', { sharer: s.openid }, ShareLinkDoc.pick({ _id: true, poster: true }));
  if (rows.length === 0) return false;
  await deleteFiles(
    cloud,
    rows.flatMap((r) => (r.poster ? [r.poster.fileID] : [])),
  );
  await db
    .collection('share_links')
    .where({ sharer: s.openid, _id: db.command.in(rows.map((r) => r._id)) })
    .update({ data: { sharer: s.anon, poster: db.command.remove() } });
  return rows.length === BATCH;
};

/** HQ's transfer history lists customers by openid. */
const transfers: StepBatch = async ({ db }, s) => {
  const rows = await batchOf(db, 'customer_transfers', { customers: s.openid }, TransferCustomers);
  for (const row of rows) {
    await db
      .collection('customer_transfers')
      .doc(row._id)
      .update({ data: { customers: row.customers.map((id) => (id === s.openid ? s.anon : id)) } });
  }
  return rows.length === BATCH;
};

/** Counters keyed by the caller: nothing in them is worth keeping. */
const rateCounters: StepBatch = async ({ db }, s) => {
  for (const scope of CALLER_RATE_SCOPES)
    await db.collection('rate_limits').doc(callerRateId(scope, s.openid)).remove();
  return false;
};

/**
 * Opens made before the person agreed to anything carry only the reader key of the share opened.
 * The share that brought them in is known from their edge (moved to the node by then), so that key
 * goes; keys on other shares match nothing without the openid and the server's key.
 */
const joiningOpens: StepBatch = async ({ db }, s) => {
  if (s.anon === '') return false;
  const edge = await getDoc(db.collection('referrals').doc(s.anon), ReferralDoc, 'referrals');
  if (edge?.token === undefined) return false;
  await db
    .collection('visits')
    .where({ token: edge.token, reader: readerKey(edge.token, s.openid) })
    .update({ data: { reader: db.command.remove() } });
  return false;
};

/** The steps in order; a tombstone's `step` indexes this list, so append, never reorder. */
export const STEPS: readonly { name: string; batch: StepBatch }[] = [
  { name: 'coupons', batch: coupons },
  // The per-item redemption counters are keyed `itemId:openid`; joining again starts from nothing.
  { name: 'claims', batch: drop('mall_claims', (s) => ({ openid: s.openid })) },
  // The member's own journal moves to the node: amounts and balances stay as written.
  {
    name: 'journal',
    batch: rewrite(
      'points_entries',
      (s) => ({ openid: s.openid }),
      (_io, s) => ({ openid: s.anon }),
    ),
  },
  { name: 'account', batch: account },
  // Referrers' entries named the friend (by keyed hash, older ones by openid) and showed their name.
  ...[(s: Subject) => personKey(s.openid), (s: Subject) => s.openid].map((ref, i) => ({
    name: i === 0 ? 'referrer-entries' : 'referrer-entries-legacy',
    batch: rewrite(
      'points_entries',
      (s) => ({ ref: ref(s) }),
      (io) => ({ note: DELETED_NAME, ref: io.db.command.remove() }),
    ),
  })),
  { name: 'visits-read', batch: viewerVisits },
  // Opens of the member's shares keep counting for the guide, under the node.
  {
    name: 'visits-shared',
    batch: rewrite(
      'visits',
      (s) => ({ sharer: s.openid }),
      (_io, s) => ({ sharer: s.anon }),
    ),
  },
  { name: 'share-links', batch: shareLinks },
  {
    name: 'reshares',
    batch: rewrite(
      'share_links',
      (s) => ({ parentSharer: s.openid }),
      (_io, s) => ({ parentSharer: s.anon }),
    ),
  },
  // Edges the member started start at the node, so the graph keeps its shape.
  {
    name: 'referrals',
    batch: rewrite(
      'referrals',
      (s) => ({ from: s.openid }),
      (_io, s) => ({ from: s.anon }),
    ),
  },
  // Friends they brought keep their membership; nobody is rewarded any more for their first redemption.
  {
    name: 'referred',
    batch: rewrite(
      'users',
      (s) => ({ referrer: s.openid }),
      (io) => ({ referrer: io.db.command.remove() }),
    ),
  },
  // Reading time per tag is a profile of the person: removed, not moved.
  { name: 'interests', batch: drop('interests', (s) => ({ openid: s.openid })) },
  { name: 'transfers', batch: transfers },
  { name: 'rate-counters', batch: rateCounters },
  // A visitor's agreement to be recorded on the reader page, given before they joined.
  { name: 'reader-consent', batch: drop('visitor_consents', (s) => ({ _id: s.openid })) },
  // Guides' worklists, closed reasons, notes and manual tags carry the member's name and reading.
  { name: 'worklist-items', batch: drop('worklist_items', (s) => ({ customer: s.openid })) },
  { name: 'worklist-closed', batch: drop('worklist_closed', (s) => ({ customer: s.openid })) },
  { name: 'customer-notes', batch: drop('customer_notes', (s) => ({ customer: s.openid })) },
  { name: 'customer-tags', batch: drop('customer_tags', (s) => ({ _id: s.openid })) },
  // Codes for the till and reminders: nothing to keep.
  { name: 'member-codes', batch: drop('member_codes', (s) => ({ openid: s.openid })) },
  { name: 'subscribe-credits', batch: drop('subscribe_credits', (s) => ({ openid: s.openid })) },
  { name: 'notifications', batch: drop('notifications', (s) => ({ openid: s.openid })) },
  // Purchase awards stay in guides' and stores' figures, naming the anonymous node.
  {
    name: 'purchase-awards',
    batch: rewrite(
      'purchase_awards',
      (s) => ({ memberOpenid: s.openid }),
      (_io, s) => ({ memberOpenid: s.anon }),
    ),
  },
  { name: 'joining-opens', batch: joiningOpens },
  // The guide's 新会员提醒 (queued under the member's openid, hashed) carries the member's name.
  { name: 'member-joined-notice', batch: drop('notifications', (s) => ({ _id: notificationId('member', s.openid) })) },
  { name: 'legacy-entry-ids', batch: legacyIds },
];
