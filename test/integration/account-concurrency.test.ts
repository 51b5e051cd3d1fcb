/**
 * Registrations racing each other through the local cloud: a popular member's friends joining at
 * the same moment all write the referrer's points account, so their transactions collide; every
 * one of them must still join, and the referrer be rewarded once per friend.
 */
import { CONSENT, newOpenid, useLocalCloud } from '../support/local-cloud';
import { atOnce, balanceOf, inBatches, ledgerProblems, setRules } from './mall-helpers';

const cloud = useLocalCloud();

it('lets 50 friends of one referrer join at once, each credited once', async () => {
  await setRules(cloud, {
    memberWelcome: 5,
    referralJoined: 2,
    referralFirstRedeem: 0,
    dailyCap: null,
    monthlyCap: null,
    expiryDays: 0,
  });
  const guide = await cloud.makeGuide();
  const referrer = (await cloud.makeMember(guide.openid, '人气会员')).openid;
  const friends = Array.from({ length: 50 }, () => newOpenid('o_friend'));
  // Each friend opened the referrer's invitation first (set-up, a few at a time).
  const tokens = await inBatches(friends.length, 10, (i) => cloud.openInvitation(referrer, friends[i]!));

  const replies = await atOnce(friends.length, (i) =>
    cloud.call('account', 'registerMember', { name: `朋友${i}`, consent: CONSENT, shareToken: tokens[i] }, friends[i]),
  );
  const refused = replies.flatMap((r, i) => (r.ok ? [] : [`${i}: ${r.error.code} ${r.error.message}`]));
  expect(refused).toEqual([]);
  expect(replies.every((r) => r.ok && r.data.referral === 'credited')).toBe(true);
  // A reward a busy call could not post in time is paid by the timer, once.
  expect(await cloud.cloud.timers.fire('account', 'payReferralRewards')).toMatchObject({ ok: true });
  expect(cloud.cloud.engine.findDocs('referrals', { from: referrer, rewardPending: true })).toEqual([]);
  expect(await balanceOf(cloud, referrer)).toBe(5 + friends.length * 2);
  expect(cloud.cloud.engine.findDocs('points_entries', { openid: referrer, kind: 'referralJoined' })).toHaveLength(
    friends.length,
  );
  expect(ledgerProblems(cloud)).toEqual([]);
}, 180_000);
