import { INVITE_ALPHABET, type AccountContract } from '@core/contracts/account';
import { AppError } from '@core/errors';
import { isDuplicateKeyError } from '@server/db/errors';
import { randomString } from '@server/ids';
import type { ActionHandler } from '@server/kit';
import { loadStore } from '@server/data/stores';
import type { InviteDoc } from '../documents';
import { INVITE_TTL_MS } from '../rules/invite';

/** 31^8 ≈ 8.5e11 codes: a collision is rare, so a few fresh draws always suffice. */
const DRAWS = 3;

export const createInvite: ActionHandler<AccountContract, 'createInvite'> = async (input, ctx) => {
  if (!(await loadStore(ctx.db, input.storeId))) throw new AppError('NOT_FOUND', '门店不存在');
  const now = ctx.now();
  for (let draw = 1; ; draw++) {
    const invite: InviteDoc = {
      _id: randomString(INVITE_ALPHABET, 8),
      storeId: input.storeId,
      role: input.role,
      expiresAt: now + INVITE_TTL_MS,
      createdAt: now,
      createdBy: ctx.caller.openid,
    };
    try {
      // The code is the _id, so an (unlikely) repeat of a live code fails instead of replacing it.
      await ctx.db.collection('invites').add({ data: invite });
      return { code: invite._id, expiresAt: invite.expiresAt };
    } catch (e) {
      if (!isDuplicateKeyError(e) || draw >= DRAWS) throw e;
    }
  }
};
