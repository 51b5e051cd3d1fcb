import { AppError } from '@core/errors';
import type { InviteDoc } from '../documents';

/** An invite is valid for this long after it is made. */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Why an invite cannot be redeemed now, or null when it can. */
export function inviteProblem(invite: InviteDoc | null, now: number): AppError | null {
  if (!invite) return new AppError('NOT_FOUND', '邀请码不存在，请核对后重试');
  if (invite.usedBy !== undefined) return new AppError('FAILED_PRECONDITION', '邀请码已被使用');
  if (now >= invite.expiresAt) return new AppError('FAILED_PRECONDITION', '邀请码已过期，请联系总部重新获取');
  return null;
}
