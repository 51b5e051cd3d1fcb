import type { MallContract } from '../../../../core/contracts/mall';
import { AppError } from '../../../../core/errors';
import { getDoc } from '../../../../server/db/read';
import type { ActionHandler } from '../../../../server/kit';
import { entryKeys, rewardFirstRedeem, runLedger } from '../../../../server/ledger';
import { couponIdFor, newCouponCode } from '../codes';
import { ClaimDoc, CouponDoc, ItemDoc, claimId } from '../documents';
import { STATE_MESSAGES, itemState } from '../views';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Many members race for the same item document: each loser of a write conflict reruns the whole
 * transaction after a short random wait, and once the stock is gone a rerun fails fast without
 * writing. The attempts are sized so a sale of a popular item completes within the function timeout.
 */
const ATTEMPTS = 40;

/**
 * Redeems one item as ONE transaction over documents known by id: the coupon (its id derived from
 * member + requestId makes the call idempotent), the item (stock), the member's claim counter
 * (per-user limit), the member's points account and journal entry, and — on the member's first
 * redemption — the referrer's reward. Either all of it happens or none.
 */
export const redeem: ActionHandler<MallContract, 'redeem'> = async (input, ctx) => {
  const member = ctx.caller.user;
  if (member?.role !== 'customer') throw new AppError('PERMISSION_DENIED', '请先成为会员');
  const openid = member._id;
  const couponId = couponIdFor(openid, input.requestId);
  const now = ctx.now();

  return runLedger(
    ctx.db,
    now,
    async (ledger, t) => {
      const earlier = await getDoc(t.collection('coupons').doc(couponId), CouponDoc, 'coupons');
      if (earlier) {
        if (earlier.itemId !== input.itemId) throw new AppError('ALREADY_EXISTS', '这个请求编号已用于另一次兑换');
        return { couponId, code: earlier.code };
      }

      const itemRef = t.collection('mall_items').doc(input.itemId);
      const item = await getDoc(itemRef, ItemDoc, 'mall_items');
      if (!item) throw new AppError('NOT_FOUND', '商品不存在');
      const state = itemState(item, now);
      if (state !== 'on') throw new AppError('FAILED_PRECONDITION', STATE_MESSAGES[state], { reason: state });

      const claimRef = t.collection('mall_claims').doc(claimId(item._id, openid));
      const claimed = (await getDoc(claimRef, ClaimDoc, 'mall_claims'))?.count ?? 0;
      if (claimed >= item.perUserLimit) {
        throw new AppError('FAILED_PRECONDITION', `每人限兑 ${item.perUserLimit} 次，你已兑过`, { reason: 'limit' });
      }

      // The contended write first: a loser learns it before doing the rest of the work.
      await itemRef.update({ data: { issued: item.issued + 1 } });
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
        kind: item.kind,
        title: item.title,
        ...(item.amountFen !== undefined ? { amountFen: item.amountFen } : {}),
        ...(item.thresholdFen !== undefined ? { thresholdFen: item.thresholdFen } : {}),
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
    },
    { attempts: ATTEMPTS, busyMessage: '兑换的人太多了，请稍后再试' },
  );
};
