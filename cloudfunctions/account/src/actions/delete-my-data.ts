import type { AccountContract, DeleteMyDataOutput } from '@core/contracts/account';
import { ReferralDoc } from '@server/data/referrals';
import { type CustomerDoc, UserDoc } from '@server/data/users';
import { getDoc } from '@server/db/read';
import type { Database } from '@server/db/types';
import type { ActionContext, ActionHandler } from '@server/kit';
import { entryKeys, runLedger } from '@server/ledger';
import { DELETED_NAME, ErasureDoc } from '../documents';
import { anonId, erasureId, erasureKey, findErasureKey } from '../erasure/keys';
import { sweepMemberData } from '../erasure/sweep';

const NOTHING: DeleteMyDataOutput = { status: 'none', forfeitedPoints: 0, voidedCoupons: 0, keptCoupons: 0 };

function answer(tomb: ErasureDoc): DeleteMyDataOutput {
  return {
    status: 'deleted',
    forfeitedPoints: tomb.forfeitedPoints,
    voidedCoupons: tomb.voidedCoupons,
    keptCoupons: tomb.keptCoupons,
    deletedAt: tomb.deletedAt,
  };
}

const loadTomb = (db: Database, id: string) => getDoc(db.collection('erasures').doc(id), ErasureDoc, 'erasures');

/** Runs (or finishes, after an interrupted call) the query-based rewrites, then records them done. */
async function finish(ctx: ActionContext, openid: string, tomb: ErasureDoc, now: number): Promise<DeleteMyDataOutput> {
  if (tomb.swept) return answer(tomb);
  const swept = await sweepMemberData(ctx.db, ctx.cloud, openid, tomb.anon, now);
  await ctx.db
    .collection('erasures')
    .doc(tomb._id)
    .update({ data: { ...swept, swept: true } });
  return answer({ ...tomb, ...swept, swept: true });
}

/**
 * A member deletes their data (docs/privacy.md has the whole picture). One transaction, rerun
 * when it loses a race:
 * - the points account is closed: a `forfeit` entry takes the balance, so balance = sum(journal) = 0;
 * - the member document is removed (the openid is a visitor from the next call on) and an
 *   anonymous node `anon_*` named 已注销用户 takes its place for the guide's counts and the graph;
 * - the member's referral edge moves to that node;
 * - the tombstone `era_*` records the deletion under an HMAC of the openid, so joining again
 *   starts from zero without a second welcome bonus.
 * Then sweep.ts voids unused coupons and rewrites everything else that names the openid.
 *
 * Idempotent: a replay (same requestId, the caller now a visitor), a double tap racing itself, or
 * a call interrupted half-way all end with the same answer and the same database.
 */
export const deleteMyData: ActionHandler<AccountContract, 'deleteMyData'> = async (input, ctx) => {
  const openid = ctx.caller.openid;
  const now = ctx.now();

  if (ctx.caller.role !== 'customer') {
    // Read only: a visitor who never was a member leaves no trace by asking.
    const known = await findErasureKey(ctx.db);
    const tomb = known === null ? null : await loadTomb(ctx.db, erasureId(known, openid));
    return tomb?.lastRequestId === input.requestId ? finish(ctx, openid, tomb, now) : NOTHING;
  }

  const key = await erasureKey(ctx.db, now);
  const tombId = erasureId(key, openid);

  const tomb = await runLedger(ctx.db, now, async (ledger, t) => {
    const users = t.collection('users');
    const member = await getDoc(users.doc(openid), UserDoc, 'users');
    const earlier = await getDoc(t.collection('erasures').doc(tombId), ErasureDoc, 'erasures');
    // A twin of this call won the race: answer from what it recorded.
    if (member?.role !== 'customer') return earlier;
    const n = (earlier?.count ?? 0) + 1;
    const anon = anonId(key, openid, n);
    const { forfeited } = await ledger.close(openid, entryKeys.forfeit(openid, n));

    await users.doc(openid).remove();
    const node: CustomerDoc = {
      _id: anon,
      role: 'customer',
      name: DELETED_NAME,
      ...(member.guideOpenid !== undefined ? { guideOpenid: member.guideOpenid } : {}),
      ...(member.storeId !== undefined ? { storeId: member.storeId } : {}),
      createdAt: member.createdAt,
      deletedAt: now,
    };
    await users.add({ data: node });

    const edgeRef = t.collection('referrals').doc(openid);
    const edge = await getDoc(edgeRef, ReferralDoc, 'referrals');
    if (edge) {
      await edgeRef.remove();
      const moved: ReferralDoc = { ...edge, _id: anon, to: anon };
      await t.collection('referrals').add({ data: moved });
    }

    const record: ErasureDoc = {
      _id: tombId,
      count: n,
      lastRequestId: input.requestId,
      anon,
      forfeitedPoints: forfeited,
      voidedCoupons: 0,
      keptCoupons: 0,
      deletedAt: now,
      swept: false,
    };
    const { _id: _ignored, ...data } = record;
    await t.collection('erasures').doc(tombId).set({ data });
    return record;
  });
  // Only reachable when the caller was a member a moment ago, so a tomb exists.
  return tomb ? finish(ctx, openid, tomb, now) : NOTHING;
};
