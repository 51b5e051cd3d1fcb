import { MEMBER_TERMS_VERSION, type AccountContract } from '@core/contracts/account';
import { AppError } from '@core/errors';
import type { ReferralDoc } from '@server/data/referrals';
import { StoreDoc, loadStore } from '@server/data/stores';
import { type CustomerDoc, type GuideDoc, UserDoc, findGuides, loadUser } from '@server/data/users';
import { countBy } from '@server/db/aggregate';
import { isDuplicateKeyError } from '@server/db/errors';
import { getDoc, parseDoc } from '@server/db/read';
import type { Database } from '@server/db/types';
import type { ActionContext, ActionHandler } from '@server/kit';
import { checkNames } from '@server/security/text';
import { retryLostRaces, rewardMemberJoined } from '@server/ledger';
import { erasureId } from '../erasure/keys';
import { loadTomb, runSweep } from '../erasure/sweep';
import { onMemberJoined } from '../hooks/member-joined';
import { guideFromReferrer, leastLoadedGuide, type GuideCandidate } from '../rules/assign-guide';
import { referralOf } from '../rules/referral';
import { CALL_REWARD_MS, payReferralReward } from '../rules/referral-reward';

const ALREADY = '你已经是会员了';

/**
 * How long a registration keeps rerunning a transaction that lost a race before answering "busy".
 * Bounded by time like the mall's redemption, well inside the function's timeout (config.json).
 */
const JOIN_RETRY_MS = 20_000;

/** How long joining again may spend finishing the sweep of an earlier deletion. */
const SWEEP_BEFORE_JOIN_MS = 3000;

/**
 * Whether this openid deleted its member data before (see actions/delete-my-data.ts). Joining again
 * starts from nothing, so an unfinished sweep of that deletion is finished first: until it is, the
 * old journal, coupons and visits still carry the openid and would come back with the new member.
 */
async function isReturning(ctx: ActionContext, openid: string): Promise<boolean> {
  const tomb = await loadTomb(ctx.db, erasureId(openid));
  if (!tomb) return false;
  const done = await runSweep({ db: ctx.db, cloud: ctx.cloud }, tomb, {
    deadline: Date.now() + SWEEP_BEFORE_JOIN_MS,
    now: ctx.now(),
    log: ctx.log,
  });
  if (!done.swept) {
    throw new AppError('FAILED_PRECONDITION', '你上次注销的数据还在清理中，请稍后再加入', {
      reason: 'erasure_pending',
    });
  }
  return true;
}

/** The store that was opened first; members who neither came through a share nor picked a store are served there. */
async function firstStore(db: Database): Promise<StoreDoc | null> {
  const { data } = await db.collection('stores').orderBy('createdAt', 'asc').limit(1).get();
  const [raw] = data;
  return raw === undefined ? null : parseDoc(StoreDoc, raw, 'stores');
}

/** The store the visitor picked, else the first store; a picked store that does not exist is refused. */
async function servingStore(db: Database, picked: string | undefined): Promise<StoreDoc | null> {
  if (picked === undefined) return firstStore(db);
  const store = await loadStore(db, picked);
  if (!store) throw new AppError('NOT_FOUND', '所选门店不存在，请重新选择');
  return store;
}

async function storeCandidates(db: Database, store: StoreDoc): Promise<GuideCandidate[]> {
  const guides = await findGuides(db, { storeId: store._id, active: true });
  if (guides.length === 0) return [];
  const counts = await countBy(db, 'users', { role: 'customer', storeId: store._id }, 'guideOpenid');
  return guides.map((guide) => ({ guide, customers: counts.get(guide._id) ?? 0 }));
}

/**
 * Makes the visitor a member, bound to a guide (rules/assign-guide.ts; without a share, the
 * least-loaded active guide of the store they picked, else of the first store), and records who referred
 * them (rules/referral.ts: the sharer of a share token they opened, never an openid the client
 * names) as an edge of the referral graph that keeps the token. Choosing the guide needs queries, which transactions do
 * not allow, so it happens first; the transaction then creates the member and the edge together,
 * keyed by the member's openid, so a registration raced by the same visitor yields one member and
 * the first referrer wins.
 *
 * The visitor's agreement to the current member terms and privacy notice is required and stored
 * on the member. Someone who deleted their member data before starts again from zero: no second
 * welcome bonus, and no reward for whoever brought them back.
 */
export const registerMember: ActionHandler<AccountContract, 'registerMember'> = async (input, ctx) => {
  const openid = ctx.caller.openid;
  if (input.consent.version !== MEMBER_TERMS_VERSION) {
    throw new AppError('FAILED_PRECONDITION', '积分规则或隐私保护指引已更新，请重新阅读并同意', {
      reason: 'consent_outdated',
    });
  }
  // Others see the 称呼 (the reader page's “X 分享给你”, posters, the guide's lists).
  await checkNames(ctx, [{ field: 'name', what: '称呼', value: input.name }]);
  const referral = await referralOf(ctx.db, openid, input.shareToken, ctx.now());
  const referrer = referral?.referrer ?? null;
  let referrersGuide: GuideDoc | null = null;
  if (referrer?.role === 'customer' && referrer.guideOpenid) {
    const found = await loadUser(ctx.db, referrer.guideOpenid);
    if (found?.role === 'guide') referrersGuide = found;
  }
  // The fallback needs queries; skip them when the referrer settles it.
  let guide = guideFromReferrer(referrer, referrersGuide);
  // A picked store with no active guide still holds the member, so a guide it gains can serve them.
  let pickedStore: string | undefined;
  if (!guide) {
    const store = await servingStore(ctx.db, input.storeId);
    guide = store ? leastLoadedGuide(await storeCandidates(ctx.db, store)) : null;
    if (input.storeId !== undefined && store) pickedStore = store._id;
  }

  const now = ctx.now();
  const returning = await isReturning(ctx, openid);
  const member: CustomerDoc = {
    _id: openid,
    role: 'customer',
    name: input.name,
    ...(guide ? { guideOpenid: guide._id, storeId: guide.storeId } : pickedStore ? { storeId: pickedStore } : {}),
    ...(referrer ? { referrer: referrer._id } : {}),
    consent: { version: input.consent.version, at: now },
    createdAt: now,
  };
  try {
    // A transaction that lost a race reruns after a jittered wait, for as long as the function's
    // timeout allows (like the mall's redemption).
    await retryLostRaces(
      () =>
        ctx.db.runTransaction(async (t) => {
          if (await getDoc(t.collection('users').doc(openid), UserDoc, 'users'))
            throw new AppError('ALREADY_EXISTS', ALREADY);
          await t.collection('users').add({ data: member });
          if (referrer) {
            const edge: ReferralDoc = {
              _id: openid,
              from: referrer._id,
              to: openid,
              ...(referral ? { token: referral.token } : {}),
              ...(referral?.postId !== undefined ? { postId: referral.postId } : {}),
              // A member referrer's reward follows the commit (rules/referral-reward.ts).
              ...(referrer.role === 'customer' && !returning ? { rewardPending: true } : {}),
              createdAt: now,
            };
            await t.collection('referrals').add({ data: edge });
          }
          // The welcome bonus commits with the member or not at all; it touches only their own account.
          await rewardMemberJoined(t, { member: openid, memberName: input.name, returning, now });
        }, 0),
      { maxMs: JOIN_RETRY_MS, busyMessage: '加入的人太多了，请稍后再试' },
    );
  } catch (e) {
    if (isDuplicateKeyError(e)) throw new AppError('ALREADY_EXISTS', ALREADY);
    throw e;
  }

  if (referrer?.role === 'customer' && !returning) {
    try {
      await payReferralReward(ctx.db, openid, now, CALL_REWARD_MS);
    } catch (e) {
      // The member has joined; the payReferralRewards timer pays what is still pending.
      ctx.log.error('referral reward left pending', { error: e instanceof Error ? e.message : String(e) });
    }
  }
  await onMemberJoined(ctx, {
    member: openid,
    name: input.name,
    ...(referrer ? { referrer: referrer._id } : {}),
    ...(guide ? { guideOpenid: guide._id } : {}),
  });
  return {
    role: 'customer' as const,
    ...(guide ? { guideOpenid: guide._id } : {}),
    referral: referrer ? ('credited' as const) : ('none' as const),
    ...(referrer ? { referrerName: referrer.name } : {}),
  };
};
