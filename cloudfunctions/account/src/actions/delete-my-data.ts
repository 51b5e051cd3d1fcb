import type { AccountContract, DeleteMyDataOutput } from '@core/contracts/account';
import { ReferralDoc } from '@server/data/referrals';
import { type CustomerDoc, UserDoc } from '@server/data/users';
import { getDoc } from '@server/db/read';
import type { ActionHandler, TimerHandler } from '@server/kit';
import { entryKeys, runLedger } from '@server/ledger';
import { seal } from '@server/privacy/keys';
import { DELETED_NAME, ErasureDoc } from '../documents';
import { anonId, erasureId } from '../erasure/keys';
import { loadTomb, resumeSweeps, runSweep } from '../erasure/sweep';
import { clearVisitorData } from '../erasure/visitor';

const NOTHING: DeleteMyDataOutput = { status: 'none', forfeitedPoints: 0, voidedCoupons: 0, keptCoupons: 0 };

/**
 * How long a call sweeps before answering; the `resumeErasures` timer finishes the rest. The
 * function's timeout (config.json) sits well above it.
 */
export const CALL_SWEEP_MS = 4000;
const TIMER_SWEEP_MS = 8000;

function answer(tomb: ErasureDoc): DeleteMyDataOutput {
  return {
    status: 'deleted',
    forfeitedPoints: tomb.forfeitedPoints,
    voidedCoupons: tomb.voidedCoupons,
    keptCoupons: tomb.keptCoupons,
    deletedAt: tomb.deletedAt,
  };
}

/**
 * A member deletes their data (docs/privacy.md has the whole picture). One transaction, rerun
 * when it loses a race:
 * - the points account is closed: a `forfeit` entry takes the balance, so balance = sum(journal) = 0;
 * - the member document is removed (the openid is a visitor from the next call on) and an
 *   anonymous node `anon_*` named 已注销用户 takes its place for the guide's counts and the graph;
 * - the member's referral edge moves to that node;
 * - the tombstone `era_*` records the deletion under a keyed hash of the openid, so joining again
 *   starts from zero without a second welcome bonus, and holds the job of sweeping the rest.
 * Then the sweep (erasure/sweep.ts) runs as long as the call may, and a timer finishes it.
 *
 * Idempotent by the person, not by the request: asking again (any requestId, the caller now a
 * visitor) resumes an unfinished sweep and answers what the deletion recorded. A visitor who never
 * was a member has their reading records cleared instead (erasure/visitor.ts).
 */
export const deleteMyData: ActionHandler<AccountContract, 'deleteMyData'> = async (_input, ctx) => {
  const openid = ctx.caller.openid;
  const now = ctx.now();
  const tombId = erasureId(openid);
  const io = { db: ctx.db, cloud: ctx.cloud };
  const sweep = (tomb: ErasureDoc) => runSweep(io, tomb, { deadline: Date.now() + CALL_SWEEP_MS, now, log: ctx.log });

  if (ctx.caller.role !== 'customer') {
    await clearVisitorData(io, openid);
    const tomb = await loadTomb(ctx.db, tombId);
    return tomb ? answer(await sweep(tomb)) : NOTHING;
  }

  const tomb = await runLedger(ctx.db, now, async (ledger, t) => {
    const users = t.collection('users');
    const member = await getDoc(users.doc(openid), UserDoc, 'users');
    const earlier = await getDoc(t.collection('erasures').doc(tombId), ErasureDoc, 'erasures');
    // A twin of this call won the race: answer from what it recorded.
    if (member?.role !== 'customer') return earlier;
    const n = (earlier?.count ?? 0) + 1;
    const anon = anonId(openid, n);
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
      // A reward still pending for bringing them in is not paid any more.
      const { rewardPending: _pending, ...kept } = edge;
      const moved: ReferralDoc = { ...kept, _id: anon, to: anon };
      await t.collection('referrals').add({ data: moved });
    }

    const record: ErasureDoc = {
      _id: tombId,
      count: n,
      anon,
      forfeitedPoints: forfeited,
      voidedCoupons: 0,
      keptCoupons: 0,
      deletedAt: now,
      swept: false,
      step: 0,
      batches: 0,
      subject: seal(openid),
    };
    const { _id: _ignored, ...data } = record;
    await t.collection('erasures').doc(tombId).set({ data });
    return record;
  });
  // Only reachable when the caller was a member a moment ago, so a tomb exists.
  return tomb ? answer(await sweep(tomb)) : NOTHING;
};

/** Finishes the sweeps that calls left unfinished (a call out of time, a function killed). */
export const resumeErasures: TimerHandler = (ctx) =>
  resumeSweeps(
    { db: ctx.db, cloud: ctx.cloud },
    { deadline: Date.now() + TIMER_SWEEP_MS, now: ctx.now(), log: ctx.log },
  );
