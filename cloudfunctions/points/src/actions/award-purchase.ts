import type { PointsContract } from '@core/contracts/points';
import { AppError } from '@core/errors';
import { pointsForPurchase } from '@core/points/purchase';
import { MemberCodeDoc } from '@server/data/member-codes';
import { AwardDoc, awardIdFor } from '@server/data/purchase-awards';
import { UserDoc } from '@server/data/users';
import { getDoc } from '@server/db/read';
import type { ActionHandler } from '@server/kit';
import { dayKey, entryKeys, runLedger } from '@server/ledger';
import { formatYuan } from '../purchase/money';
import { checkDailyCaps, rewardFirstPurchase } from '../purchase/caps';

/** Awards race on the guide's daily counter; waiting longer than the default keeps a busy till from failing. */
const AWARD_RETRY_MS = 8000;

/**
 * A guide gives points for a purchase in store, by the code the member shows. One transaction
 * reads the award (a retried requestId answers the first result), the code (unknown, expired or
 * used codes are refused), the member, the rules and both daily counters, then writes the journal
 * entry, the award, the counters and the used code together. The member's first award links a
 * member without a store to the guide's store (and guide) and may reward their referrer.
 */
export const awardPurchase: ActionHandler<PointsContract, 'awardPurchase'> = async (input, ctx) => {
  const guide = ctx.caller.user;
  if (guide?.role !== 'guide') throw new AppError('PERMISSION_DENIED', '只有导购可以发放消费积分');
  const now = ctx.now();
  const id = awardIdFor(guide._id, input.requestId);
  return runLedger(
    ctx.db,
    now,
    async (ledger, t) => {
      const awards = t.collection('purchase_awards');
      const earlier = await getDoc(awards.doc(id), AwardDoc, 'purchase_awards');
      if (earlier) {
        if (earlier.amountFen !== input.amountFen) {
          throw new AppError('ALREADY_EXISTS', '这个请求编号已用于另一笔消费');
        }
        const name = await getDoc(t.collection('users').doc(earlier.memberOpenid), UserDoc, 'users');
        return {
          points: earlier.points,
          balance: await ledger.balance(earlier.memberOpenid),
          awardId: id,
          ...(name ? { memberName: name.name } : {}),
        };
      }
      const codeRef = t.collection('member_codes').doc(input.memberCode);
      const code = await getDoc(codeRef, MemberCodeDoc, 'member_codes');
      if (!code) throw new AppError('NOT_FOUND', '会员码无效，请核对或请会员刷新会员码');
      if (code.expiresAt <= now) throw new AppError('FAILED_PRECONDITION', '会员码已过期，请会员刷新后重新出示');
      if (code.usedAt !== undefined) throw new AppError('FAILED_PRECONDITION', '会员码已使用，请会员刷新后重新出示');
      const member = await getDoc(t.collection('users').doc(code.openid), UserDoc, 'users');
      if (member?.role !== 'customer' || member.deletedAt !== undefined) {
        throw new AppError('NOT_FOUND', '找不到这位会员');
      }
      const rules = await ledger.rules();
      if (rules.purchasePerYuan <= 0) throw new AppError('FAILED_PRECONDITION', '总部尚未开启消费积分');
      if (input.amountFen < rules.purchaseMinFen) {
        throw new AppError('FAILED_PRECONDITION', `消费满 ${formatYuan(rules.purchaseMinFen)} 才可获得积分`);
      }
      const points = pointsForPurchase(input.amountFen, rules.purchasePerYuan);
      if (points <= 0) throw new AppError('FAILED_PRECONDITION', '该金额不足以获得 1 积分');
      const day = dayKey(now);
      const counters = await checkDailyCaps(t, rules, { member: member._id, guide: guide._id, day, points });

      const entry = await ledger.credit(member._id, {
        key: entryKeys.purchase(id),
        kind: 'purchase',
        amount: points,
        note: `门店消费 ${formatYuan(input.amountFen)}`,
        by: guide._id,
        ref: id,
      });
      if (member.firstPurchaseAt === undefined || member.storeId === undefined) {
        await t
          .collection('users')
          .doc(member._id)
          .update({
            data: {
              ...(member.firstPurchaseAt === undefined ? { firstPurchaseAt: now } : {}),
              ...(member.storeId === undefined ? { storeId: guide.storeId } : {}),
              ...(member.guideOpenid === undefined ? { guideOpenid: guide._id } : {}),
            },
          });
      }
      if (member.firstPurchaseAt === undefined) await rewardFirstPurchase(ledger, t, member);
      await counters.write();
      const award: AwardDoc = {
        _id: id,
        requestId: input.requestId,
        memberOpenid: member._id,
        guideOpenid: guide._id,
        storeId: guide.storeId,
        amountFen: input.amountFen,
        points,
        createdAt: new Date(now),
      };
      await awards.add({ data: { ...award } });
      await codeRef.update({ data: { usedAt: now, award: id } });
      return { points, balance: entry.balanceAfter, awardId: id, memberName: member.name };
    },
    { maxMs: AWARD_RETRY_MS },
  );
};
