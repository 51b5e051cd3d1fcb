/**
 * The one place that reacts to a new member, called after registration has committed.
 *
 * Points for the referrer (a friend becoming a member is a "deep action" the platform rules allow
 * rewarding) arrive in the points issue and belong here. They must be written with an idempotency
 * key derived from the member (e.g. `ref_join_<memberOpenid>`) as the journal entry's _id, because
 * this hook runs outside the registration transaction and may be retried.
 */
import type { ActionContext } from '../../../../server/kit';

export interface MemberJoined {
  member: string;
  referrer?: string;
  guideOpenid?: string;
}

export function onMemberJoined(_ctx: ActionContext, _event: MemberJoined): Promise<void> {
  return Promise.resolve();
}
