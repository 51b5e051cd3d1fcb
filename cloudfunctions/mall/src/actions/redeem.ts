import type { MallContract } from '@core/contracts/mall';
import { AppError } from '@core/errors';
import { getDoc } from '@server/db/read';
import { CouponDoc } from '@server/data/coupons';
import { UserDoc } from '@server/data/users';
import type { ActionHandler } from '@server/kit';
import { RetryAttempt, entryKeys, ledgerAttempt, retryLostRaces, rewardFirstRedeem } from '@server/ledger';
import { couponIdFor, newCouponCode } from '../codes';
import { ClaimDoc, ItemDoc, StockDoc, claimId } from '../documents';
import { loadStock, shardId } from '../stock';
import { tierShortfall } from '../tiers';
import { STATE_MESSAGES, faceValue, itemState } from '../views';

const DAY_MS = 24 * 3600 * 1000;

/**
 * How long a redemption keeps retrying lost races before answering "busy, try again". Generous,
 * because giving up while stock is left sells less than HQ offered; config.json's timeout sits
 * above it so the member always gets an answer rather than a killed function.
 */
const RETRY_FOR_MS = 20_000;

/** Why the item cannot be redeemed now (`left` units in stock), or null. */
function refusal(item: ItemDoc, left: number, now: number): AppError | null {
  const state = itemState(item, left, now);
  return state === 'on' ? null : new AppError('FAILED_PRECONDITION', STATE_MESSAGES[state], { reason: state });
}

function replayOf(coupon: CouponDoc, itemId: string): { couponId: string; code: string } {
  if (coupon.itemId !== itemId) throw new AppError('ALREADY_EXISTS', '这个请求编号已用于另一次兑换');
  return { couponId: coupon._id, code: coupon.code };
}

/**
 * Redeems one item as ONE transaction over documents known by id: a stock shard of the item, the
 * member's claim counter (per-user limit), their points account and journal entry, the coupon, and
 * — on the member's first redemption — the referrer's reward. Either all of it happens or none.
 *
 * Idempotent on requestId: the coupon's id is derived from member + requestId, every attempt first
 * looks for it, and a twin that got there first makes our insert fail on the same `_id`.
 *
 * A popular item is wanted by many members at the same moment. Its stock is sharded (stock.ts),
 * and an attempt reads which shards still hold units (a sold-out item is refused there, outside
 * the race), then takes one unit from a random open shard as the transaction's FIRST write: the
 * window in which another commit can invalidate the snapshot is one round trip, a loser learns it
 * after two requests, and other members take units from other shards meanwhile. An attempt that
 * lost a race, or found its shard emptied, runs again after a jittered wait (retryLostRaces).
 */
export const redeem: ActionHandler<MallContract, 'redeem'> = async (input, ctx) => {
  const member = ctx.caller.user;
  if (member?.role !== 'customer') throw new AppError('PERMISSION_DENIED', '请先成为会员');
  const openid = member._id;
  const couponId = couponIdFor(openid, input.requestId);
  const now = ctx.now();
  const coupons = ctx.db.collection('coupons');

  // HQ's configuration of the item, read once per call; a redemption racing an edit uses the
  // version it read, like a member who tapped before the change.
  const item = await getDoc(ctx.db.collection('mall_items').doc(input.itemId), ItemDoc, 'mall_items');
  const tierRefusal = item ? await tierShortfall(ctx.db, item, member) : null;

  const attempt = async () => {
    const earlier = await getDoc(coupons.doc(couponId), CouponDoc, 'coupons');
    if (earlier) return replayOf(earlier, input.itemId);
    if (!item) throw new AppError('NOT_FOUND', '商品不存在');
    if (tierRefusal) throw tierRefusal;
    const open = (await loadStock(ctx.db, [item._id])).get(item._id)?.open ?? [];
    const refused = refusal(item, open.length, now);
    if (refused) throw refused;
    const pick = open[Math.floor(Math.random() * open.length)] as StockDoc;

    return ledgerAttempt(ctx.db, now, async (ledger, t) => {
      const shardRef = t.collection('mall_stock').doc(shardId(item._id, pick.shard));
      await shardRef.update({ data: { issued: ctx._.inc(1) } });
      const shard = await getDoc(shardRef, StockDoc, 'mall_stock');
      // Emptied by others since the read above: roll back and choose again.
      if (!shard || shard.issued > shard.stock) throw new RetryAttempt('shard emptied');

      // The member's own document is written too: a data deletion (which removes it) committing
      // meanwhile then conflicts with this redemption, even for a free item that touches no points
      // account, so a coupon never reaches a deleted member.
      // The time of this attempt, not of the call: a redemption of the same member that committed
      // within the same millisecond left the same value, which the database counts as no update
      // (and no write to conflict on); that attempt checks the member is there and runs again.
      const memberRef = t.collection('users').doc(openid);
      const touched = await memberRef.update({ data: { lastRedeemAt: ctx.now() } });
      if (touched.stats.updated !== 1) {
        if (!(await getDoc(memberRef, UserDoc, 'users'))) throw new AppError('PERMISSION_DENIED', '请先成为会员');
        throw new RetryAttempt('member written in the same millisecond');
      }

      const claimRef = t.collection('mall_claims').doc(claimId(item._id, openid));
      const claimed = (await getDoc(claimRef, ClaimDoc, 'mall_claims'))?.count ?? 0;
      if (claimed >= item.perUserLimit) {
        throw new AppError('FAILED_PRECONDITION', `每人限兑 ${item.perUserLimit} 次，你已兑过`, { reason: 'limit' });
      }
      if (item.pointsPrice > 0) {
        await ledger.debit(openid, {
          key: entryKeys.redeem(couponId),
          kind: 'redeem',
          amount: item.pointsPrice,
          note: item.title,
          ref: couponId,
        });
      }
      await claimRef.set({ data: { itemId: item._id, openid, count: claimed + 1, updatedAt: now } });
      const code = newCouponCode();
      const coupon: CouponDoc = {
        _id: couponId,
        code,
        owner: openid,
        itemId: item._id,
        ...faceValue(item),
        pointsPrice: item.pointsPrice,
        status: 'unused',
        requestId: input.requestId,
        issuedAt: now,
        expiresAt: now + item.validDays * DAY_MS,
      };
      await t.collection('coupons').add({ data: coupon });
      await rewardFirstRedeem(ledger, t, {
        friend: openid,
        friendName: member.name,
        ...(member.referrer !== undefined ? { referrer: member.referrer } : {}),
        couponId,
      });
      return { couponId, code };
    });
  };

  return retryLostRaces(attempt, { maxMs: RETRY_FOR_MS, busyMessage: '兑换的人太多了，请稍后再试' });
};
