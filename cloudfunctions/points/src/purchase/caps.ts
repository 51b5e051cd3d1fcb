/**
 * The daily caps on purchase points, per member and per guide, and the first-purchase reward.
 * Counters are documents read and written by id inside the award's transaction (a CloudBase
 * transaction cannot query), so awards racing for the last points of a cap conflict on the same
 * counter and the loser reruns against the winner's count: the cap holds exactly.
 */
import type { PointsRules } from '@core/contracts/points';
import { AppError } from '@core/errors';
import { CounterDoc, counterIds } from '@server/data/purchase-awards';
import type { CustomerDoc } from '@server/data/users';
import { UserDoc } from '@server/data/users';
import { getDoc } from '@server/db/read';
import type { Transaction } from '@server/db/types';
import { entryKeys, legacyEntryKeys, recorded, type LedgerTx } from '@server/ledger';
import { personKey } from '@server/privacy/keys';

interface CapCheck {
  member: string;
  guide: string;
  day: string;
  points: number;
}

async function counter(t: Transaction, id: string): Promise<number> {
  return (await getDoc(t.collection('purchase_counters').doc(id), CounterDoc, 'purchase_counters'))?.points ?? 0;
}

/**
 * Refuses an award that would pass either cap, naming what is left today; otherwise answers a
 * writer that adds the award's points to both counters.
 */
export async function checkDailyCaps(
  t: Transaction,
  rules: Pick<PointsRules, 'purchaseMemberDailyCap' | 'purchaseGuideDailyCap'>,
  c: CapCheck,
): Promise<{ write: () => Promise<void> }> {
  const memberId = counterIds.member(c.member, c.day);
  const guideId = counterIds.guide(c.guide, c.day);
  const [memberSoFar, guideSoFar] = [await counter(t, memberId), await counter(t, guideId)];
  const memberCap = rules.purchaseMemberDailyCap;
  if (memberCap !== null && memberSoFar + c.points > memberCap) {
    const remaining = Math.max(0, memberCap - memberSoFar);
    throw new AppError(
      'FAILED_PRECONDITION',
      `该会员今日消费积分已接近上限（每日 ${memberCap} 分），今日还可获得 ${remaining} 分`,
      { reason: 'member_daily_cap', remaining },
    );
  }
  const guideCap = rules.purchaseGuideDailyCap;
  if (guideCap !== null && guideSoFar + c.points > guideCap) {
    const remaining = Math.max(0, guideCap - guideSoFar);
    throw new AppError(
      'FAILED_PRECONDITION',
      `你今日发放的消费积分已接近上限（每日 ${guideCap} 分），今日还可发放 ${remaining} 分`,
      { reason: 'guide_daily_cap', remaining },
    );
  }
  return {
    write: async () => {
      const col = t.collection('purchase_counters');
      await col.doc(memberId).set({ data: { points: memberSoFar + c.points, day: c.day } });
      await col.doc(guideId).set({ data: { points: guideSoFar + c.points, day: c.day } });
    },
  };
}

/** Takes an award's points back off the counters of the day it was given (a reversed award does not count). */
export async function releaseDailyCaps(t: Transaction, c: CapCheck): Promise<void> {
  const col = t.collection('purchase_counters');
  for (const id of [counterIds.member(c.member, c.day), counterIds.guide(c.guide, c.day)]) {
    const soFar = await counter(t, id);
    if (soFar > 0) await col.doc(id).set({ data: { points: Math.max(0, soFar - c.points), day: c.day } });
  }
}

/**
 * `referralFirstPurchase` to the member who brought `friend`, on the friend's first purchase in
 * store (a deep action). Off while HQ leaves it at 0; capped like the other referral rewards;
 * keyed on the friend (by keyed hash, as a referrer's journal must not spell the friend's openid;
 * an event journaled before under the openid is found too), so it pays once. Kept when the purchase is later reversed: the reward is
 * for the friend coming to the store, which happened.
 */
export async function rewardFirstPurchase(ledger: LedgerTx, t: Transaction, friend: CustomerDoc): Promise<number> {
  const referrer = friend.referrer;
  if (!referrer || referrer === friend._id) return 0;
  const rules = await ledger.rules();
  if (rules.referralFirstPurchase <= 0) return 0;
  const key = entryKeys.referralFirstPurchase(friend._id);
  if (await recorded(ledger, key, legacyEntryKeys.referralFirstPurchase(friend._id))) return 0;
  const user = await getDoc(t.collection('users').doc(referrer), UserDoc, 'users');
  if (user?.role !== 'customer' || user.deletedAt !== undefined) return 0;
  const entry = await ledger.reward(referrer, {
    key,
    kind: 'referralFirstPurchase',
    amount: rules.referralFirstPurchase,
    note: friend.name,
    ref: personKey(friend._id),
  });
  return entry.amount;
}
