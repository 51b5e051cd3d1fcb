import type { AccountContract } from '@core/contracts/account';
import { issueMemberCode } from '@server/data/member-codes';
import type { ActionHandler } from '@server/kit';

/**
 * A fresh code for the till each call (server/data/member-codes.ts says why it is stored, not
 * derived). Earlier codes stay valid until their own expiry, so a guide typing the code the page
 * showed a moment ago is not refused because the page refreshed.
 */
export const memberCode: ActionHandler<AccountContract, 'memberCode'> = async (_input, ctx) => {
  const doc = await issueMemberCode(ctx.db, ctx.caller.openid, ctx.now());
  return { code: doc._id, expiresAt: doc.expiresAt };
};
