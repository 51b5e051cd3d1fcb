/**
 * Which guide serves a new member. Pure, so the rule is tested on its own:
 * 1. the referrer, when the referrer is an active guide;
 * 2. else the referrer's own guide, when the referrer is a member whose guide is still active;
 * 3. else the active guide with the fewest customers in the store the visitor picked (the first
 *    store when they picked none; oldest guide on a tie), so members who arrive without a guide's
 *    share are spread evenly;
 * 4. else nobody: the member joins without a guide (no store or no active guide yet).
 */
import type { GuideDoc, UserDoc } from '@server/data/users';

export interface GuideCandidate {
  guide: GuideDoc;
  customers: number;
}

/** Rules 1 and 2. `referrersGuide` is the referrer's guide when the referrer is a member. */
export function guideFromReferrer(referrer: UserDoc | null, referrersGuide: GuideDoc | null): GuideDoc | null {
  if (referrer?.role === 'guide') return referrer.active ? referrer : null;
  if (referrer?.role === 'customer' && referrersGuide?.active && referrersGuide._id === referrer.guideOpenid)
    return referrersGuide;
  return null;
}

/** Rule 3: among candidates (active guides of the serving store), the least loaded. */
export function leastLoadedGuide(candidates: readonly GuideCandidate[]): GuideDoc | null {
  let best: GuideCandidate | null = null;
  for (const c of candidates) {
    if (!c.guide.active) continue;
    const better =
      !best ||
      c.customers < best.customers ||
      (c.customers === best.customers &&
        (c.guide.createdAt < best.guide.createdAt ||
          (c.guide.createdAt === best.guide.createdAt && c.guide._id < best.guide._id)));
    if (better) best = c;
  }
  return best?.guide ?? null;
}
