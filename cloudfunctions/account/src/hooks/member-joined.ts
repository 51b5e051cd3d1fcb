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
import { beijingTime, queueIfSubscribed, thing } from '@server/notify';

export interface MemberJoined {
  member: string;
  /** The member's name as they registered it. */
  name?: string;
  referrer?: string;
  guideOpenid?: string;
}

/** Tells the member's guide (新会员提醒) when they subscribed; the queue is keyed on the member. */
export async function onMemberJoined(ctx: ActionContext, event: MemberJoined): Promise<void> {
  if (!event.guideOpenid) return;
  const now = ctx.now();
  try {
    await queueIfSubscribed(
      ctx.db,
      {
        openid: event.guideOpenid,
        kind: 'member',
        key: event.member,
        data: { thing1: thing(event.name ?? '新会员'), time2: beijingTime(now) },
        page: 'pages/customers/index',
        dueAt: now,
      },
      now,
    );
  } catch (e) {
    // The member is registered; a reminder that could not be queued must not turn that into an error.
    ctx.log.warn('onMemberJoined: reminder not queued', { error: (e as Error).message });
  }
}
