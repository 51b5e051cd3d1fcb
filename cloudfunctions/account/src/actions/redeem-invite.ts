import type { AccountContract } from '@core/contracts/account';
import { AppError } from '@core/errors';
import { StoreDoc } from '@server/data/stores';
import { type GuideDoc, UserDoc } from '@server/data/users';
import { isDuplicateKeyError } from '@server/db/errors';
import { getDoc } from '@server/db/read';
import { runTransaction } from '@server/db/transaction';
import type { ActionHandler } from '@server/kit';
import { checkNames } from '@server/security/text';
import { InviteDoc } from '../documents';
import { inviteProblem } from '../rules/invite';

/**
 * One transaction marks the invite used and creates the guide, so of any number of visitors racing
 * one code exactly one becomes a guide; the others retry, find the code used, and are told so.
 */
export const redeemInvite: ActionHandler<AccountContract, 'redeemInvite'> = async (input, ctx) => {
  const openid = ctx.caller.openid;
  // Members see their guide's name (the reader page, posters, the worklist's scripts).
  await checkNames(ctx, [{ field: 'name', what: '姓名', value: input.name }]);
  try {
    return await runTransaction(ctx.db, async (t) => {
      const now = ctx.now();
      const invite = await getDoc(t.collection('invites').doc(input.code), InviteDoc, 'invites');
      const problem = inviteProblem(invite, now);
      if (problem || !invite) throw problem ?? new AppError('NOT_FOUND');
      if (await getDoc(t.collection('users').doc(openid), UserDoc, 'users')) {
        throw new AppError('ALREADY_EXISTS', '你已经注册过了，无需再用邀请码');
      }
      if (!(await getDoc(t.collection('stores').doc(invite.storeId), StoreDoc, 'stores'))) {
        throw new AppError('FAILED_PRECONDITION', '邀请码对应的门店已不存在');
      }
      await t
        .collection('invites')
        .doc(invite._id)
        .update({ data: { usedBy: openid, usedAt: now } });
      const guide: GuideDoc = {
        _id: openid,
        role: 'guide',
        name: input.name,
        storeId: invite.storeId,
        active: true,
        invite: invite._id,
        createdAt: now,
      };
      await t.collection('users').add({ data: guide });
      return { role: 'guide' as const, storeId: invite.storeId };
    });
  } catch (e) {
    // The same visitor registering elsewhere at this moment: their users document won.
    if (isDuplicateKeyError(e)) throw new AppError('ALREADY_EXISTS', '你已经注册过了，无需再用邀请码');
    throw e;
  }
};
