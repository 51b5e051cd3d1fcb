import type { InsightContract } from '@core/contracts/insight';
import { AppError } from '@core/errors';
import { inviteScene, JOIN_PAGE } from '@core/share-paths';
import { loadInvite } from '@server/data/invites';
import type { ActionHandler } from '@server/kit';
import { tempUrls, uploadFile } from '@server/storage';
import { miniProgramCode } from '../wxacode';

/**
 * A live guide invitation as a mini-program code: scanning it in WeChat opens the join page with the
 * code filled in. A used or expired invitation gets no code (HQ makes a new invitation instead).
 * Stored by the code, so drawing it again replaces the same file.
 */
export const inviteCode: ActionHandler<InsightContract, 'inviteCode'> = async (input, ctx) => {
  const invite = await loadInvite(ctx.db, input.code);
  if (!invite) throw new AppError('NOT_FOUND', '邀请码不存在');
  if (invite.usedAt !== undefined) throw new AppError('FAILED_PRECONDITION', '邀请码已被使用，请重新生成');
  if (invite.expiresAt <= ctx.now()) throw new AppError('FAILED_PRECONDITION', '邀请码已过期，请重新生成');
  const scene = inviteScene(invite._id);
  const png = await miniProgramCode(ctx.cloud, JOIN_PAGE, scene);
  const fileID = await uploadFile(ctx.cloud, `insight/invite-codes/${invite._id}.png`, png);
  const url = (await tempUrls(ctx.cloud, [fileID])).get(fileID) ?? '';
  return { fileID, url, page: JOIN_PAGE, scene };
};
