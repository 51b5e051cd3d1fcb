/**
 * Reacts to a new member after registration has committed: the place for effects that must not
 * undo a registration when they fail (telling the guide about their new customer, analytics).
 *
 * Points are not here: the welcome bonus and the referrer's reward are written by
 * server/ledger's rewardMemberJoined inside the registration transaction, so they apply together
 * with the member or not at all. Anything added here runs outside that transaction and may be
 * retried, so it must be idempotent (key it on the member's openid).
 */
import type { ActionContext } from '@server/kit';

export interface MemberJoined {
  member: string;
  referrer?: string;
  guideOpenid?: string;
}

export function onMemberJoined(_ctx: ActionContext, _event: MemberJoined): Promise<void> {
  return Promise.resolve();
}
