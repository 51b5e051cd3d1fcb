/**
 * The only rewards the product gives, each for a referred friend's deep action (platform rule:
 * nothing for sharing or for opening a share, nothing random). They run inside the caller's
 * transaction, so a registration or redemption and its reward apply together or not at all, and
 * each is keyed on the friend, so a repeated or raced event pays once.
 */
import { UserDoc } from '../data/users';
import { getDoc } from '../db/read';
import type { Transaction } from '../db/types';
import { personKey } from '../privacy/keys';
import { entryKeys, legacyEntryKeys } from './keys';
import { LedgerTx } from './ledger';

export interface MemberJoined {
  /** The new member's openid. */
  member: string;
  memberName: string;
  /** Who shared the page they joined through, as recorded by the registration (first referrer wins). */
  referrer?: string;
  /**
   * The openid deleted its member data before and is joining again: it starts from zero, without
   * a second welcome bonus, and nobody is rewarded for bringing the same person back.
   */
  returning?: boolean;
  now: number;
}

export interface JoinRewards {
  welcome: number;
  referrer: number;
}

/**
 * Referral points go to members only: a guide bringing in a customer is doing their job, and the
 * anonymous node a deleted member leaves in the graph is nobody.
 */
async function isMember(t: Transaction, openid: string): Promise<boolean> {
  const user = await getDoc(t.collection('users').doc(openid), UserDoc, 'users');
  return user?.role === 'customer' && user.deletedAt === undefined;
}

/**
 * Whether the event was journaled, under its key or under the key it had before ids were hashed.
 * Only first redemptions and first purchases need the older key: a member who joined before can do
 * either for the first time now, while joining happens once per membership (and a returning member
 * earns nobody anything).
 */
export async function recorded(ledger: LedgerTx, key: string, legacyKey: string): Promise<boolean> {
  return (await ledger.entry(key)) !== null || (await ledger.entry(legacyKey)) !== null;
}

/**
 * Welcome bonus to the new member and `referralJoined` to a member referrer. Call inside the
 * registration transaction, after the member's own documents are written; pass a LedgerTx when
 * the transaction already has one, else one is made and committed here.
 */
export async function rewardMemberJoined(t: Transaction, e: MemberJoined, shared?: LedgerTx): Promise<JoinRewards> {
  const out: JoinRewards = { welcome: 0, referrer: 0 };
  if (e.returning) return out;
  const ledger = shared ?? new LedgerTx(t, e.now);
  const rules = await ledger.rules();
  const welcomeKey = entryKeys.welcome(e.member);
  if (rules.memberWelcome > 0 && !(await ledger.entry(welcomeKey))) {
    out.welcome = (
      await ledger.credit(e.member, {
        key: welcomeKey,
        kind: 'welcome',
        amount: rules.memberWelcome,
        note: '新会员欢迎积分',
      })
    ).amount;
  }
  const joinKey = entryKeys.referralJoined(e.member);
  if (
    e.referrer &&
    e.referrer !== e.member &&
    rules.referralJoined > 0 &&
    !(await ledger.entry(joinKey)) &&
    (await isMember(t, e.referrer))
  ) {
    const entry = await ledger.reward(e.referrer, {
      key: joinKey,
      kind: 'referralJoined',
      amount: rules.referralJoined,
      note: e.memberName,
      ref: personKey(e.member),
    });
    out.referrer = entry.amount;
  }
  if (!shared) await ledger.commit();
  return out;
}

/**
 * `referralFirstRedeem` to the member who brought `friend`, the first time the friend redeems
 * anything in the mall. Runs in the redemption's transaction and shares its LedgerTx.
 */
export async function rewardFirstRedeem(
  ledger: LedgerTx,
  t: Transaction,
  e: { friend: string; friendName: string; referrer?: string; couponId: string },
): Promise<number> {
  if (!e.referrer || e.referrer === e.friend) return 0;
  const rules = await ledger.rules();
  if (rules.referralFirstRedeem <= 0) return 0;
  const key = entryKeys.referralFirstRedeem(e.friend);
  if (await recorded(ledger, key, legacyEntryKeys.referralFirstRedeem(e.friend))) return 0;
  if (!(await isMember(t, e.referrer))) return 0;
  const entry = await ledger.reward(e.referrer, {
    key,
    kind: 'referralFirstRedeem',
    amount: rules.referralFirstRedeem,
    note: e.friendName,
    ref: personKey(e.friend),
  });
  return entry.amount;
}
