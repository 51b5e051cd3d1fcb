import { MEMBER_TERMS_VERSION, type AccountContract } from '@core/contracts/account';
import { AppError } from '@core/errors';
import type { ReferralDoc } from '@server/data/referrals';
import { StoreDoc } from '@server/data/stores';
import { type CustomerDoc, type GuideDoc, UserDoc, findGuides, loadUser } from '@server/data/users';
import { countBy } from '@server/db/aggregate';
import { isDuplicateKeyError } from '@server/db/errors';
import { getDoc, parseDoc } from '@server/db/read';
import { runTransaction } from '@server/db/transaction';
import type { Database } from '@server/db/types';
import type { ActionHandler } from '@server/kit';
import { rewardMemberJoined } from '@server/ledger';
import { ErasureDoc } from '../documents';
import { erasureId, findErasureKey } from '../erasure/keys';
import { onMemberJoined } from '../hooks/member-joined';
import { guideFromReferrer, leastLoadedGuide, type GuideCandidate } from '../rules/assign-guide';
import { referralOf } from '../rules/referral';

const ALREADY = '你已经是会员了';

/** Whether this openid deleted its member data before (see actions/delete-my-data.ts). */
async function isReturning(db: Database, openid: string): Promise<boolean> {
  const key = await findErasureKey(db);
  if (key === null) return false;
  return (await getDoc(db.collection('erasures').doc(erasureId(key, openid)), ErasureDoc, 'erasures')) !== null;
}

/** The store that was opened first; members without a guide's share are served there. */
async function firstStore(db: Database): Promise<StoreDoc | null> {
  const { data } = await db.collection('stores').orderBy('createdAt', 'asc').limit(1).get();
  const [raw] = data;
  return raw === undefined ? null : parseDoc(StoreDoc, raw, 'stores');
}

async function fallbackCandidates(db: Database): Promise<GuideCandidate[]> {
  const store = await firstStore(db);
  if (!store) return [];
  const guides = await findGuides(db, { storeId: store._id, active: true });
  if (guides.length === 0) return [];
  const counts = await countBy(db, 'users', { role: 'customer', storeId: store._id }, 'guideOpenid');
  return guides.map((guide) => ({ guide, customers: counts.get(guide._id) ?? 0 }));
}

/**
 * Makes the visitor a member, bound to a guide (rules/assign-guide.ts), and records who referred
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
  const referral = await referralOf(ctx.db, openid, input.shareToken, ctx.now());
  const referrer = referral?.referrer ?? null;
  let referrersGuide: GuideDoc | null = null;
  if (referrer?.role === 'customer' && referrer.guideOpenid) {
    const found = await loadUser(ctx.db, referrer.guideOpenid);
    if (found?.role === 'guide') referrersGuide = found;
  }
  // The fallback needs three queries; skip them when the referrer settles it.
  const guide = guideFromReferrer(referrer, referrersGuide) ?? leastLoadedGuide(await fallbackCandidates(ctx.db));

  const now = ctx.now();
  const returning = await isReturning(ctx.db, openid);
  const member: CustomerDoc = {
    _id: openid,
    role: 'customer',
    name: input.name,
    ...(guide ? { guideOpenid: guide._id, storeId: guide.storeId } : {}),
    ...(referrer ? { referrer: referrer._id } : {}),
    consent: { version: input.consent.version, at: now },
    createdAt: now,
  };
  try {
    await runTransaction(ctx.db, async (t) => {
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
          createdAt: now,
        };
        await t.collection('referrals').add({ data: edge });
      }
      // Points: the welcome bonus and the referrer's reward commit with the member or not at all.
      await rewardMemberJoined(t, {
        member: openid,
        memberName: input.name,
        ...(referrer ? { referrer: referrer._id } : {}),
        returning,
        now,
      });
    });
  } catch (e) {
    if (isDuplicateKeyError(e)) throw new AppError('ALREADY_EXISTS', ALREADY);
    throw e;
  }

  await onMemberJoined(ctx, {
    member: openid,
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
