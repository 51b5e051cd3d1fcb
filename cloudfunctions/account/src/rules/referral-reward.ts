/**
 * The referrer's reward for a friend who joined, posted after the registration commits. Friends of
 * a popular member joining together would all write that member's points account inside their
 * registrations, and most would be told to try again; instead the registration records the edge
 * with `rewardPending` (no shared document touched), and this small transaction pays the reward
 * and clears the mark, keyed on the friend (`ref-join:<friend's person key>`), so it pays once
 * however often it runs. What a call could not finish in time, the `payReferralRewards` timer does.
 */
import { ReferralDoc } from '@server/data/referrals';
import { UserDoc } from '@server/data/users';
import { getDoc, parseDoc } from '@server/db/read';
import type { Database } from '@server/db/types';
import type { TimerHandler } from '@server/kit';
import { rewardMemberJoined, runLedger } from '@server/ledger';

/**
 * How long a reward that lost a race is rerun: briefly by the registration (the member is waiting
 * for their answer; the timer takes over), longer by the timer.
 */
export const CALL_REWARD_MS = 2000;
const TIMER_REWARD_MS = 10_000;
const TIMER_PAGE = 50;
/** Stop starting rewards after this, inside the function's timeout; the next run continues. */
const TIMER_BUDGET_MS = 15_000;

/** Pays the reward recorded as pending on `member`'s referral edge, if it still is. */
export async function payReferralReward(db: Database, member: string, now: number, maxMs: number): Promise<void> {
  await runLedger(
    db,
    now,
    async (ledger, t) => {
      const edgeRef = t.collection('referrals').doc(member);
      const edge = await getDoc(edgeRef, ReferralDoc, 'referrals');
      if (!edge?.rewardPending) return;
      // The member document names them for the referrer's journal; gone (deleted) means no reward.
      const friend = await getDoc(t.collection('users').doc(member), UserDoc, 'users');
      if (friend?.role === 'customer' && friend.deletedAt === undefined) {
        await rewardMemberJoined(t, { member, memberName: friend.name, referrer: edge.from, now }, ledger);
      }
      await edgeRef.update({ data: { rewardPending: db.command.remove() } });
    },
    { maxMs, busyMessage: '积分奖励稍后到账' },
  );
}

/** Pays the rewards calls left pending (a call out of time, a function killed). */
export const payReferralRewards: TimerHandler = async (ctx) => {
  const { data } = await ctx.db.collection('referrals').where({ rewardPending: true }).limit(TIMER_PAGE).get();
  let paid = 0;
  const deadline = Date.now() + TIMER_BUDGET_MS;
  for (const raw of data) {
    if (Date.now() >= deadline) break;
    await payReferralReward(ctx.db, parseDoc(ReferralDoc, raw, 'referrals')._id, ctx.now(), TIMER_REWARD_MS);
    paid += 1;
  }
  return { paid };
};
