import type { InsightContract } from '@core/contracts/insight';
import { MEMBER_TERMS_VERSION } from '@core/contracts/member-terms';
import { AppError } from '@core/errors';
import { VisitDoc, VisitorConsentDoc } from '@server/data/visits';
import { getDoc } from '@server/db/read';
import type { ActionContext, ActionHandler } from '@server/kit';
import { readerKey } from '@server/privacy/keys';

/** The caller's own visit, kept without their openid so far, becomes theirs; any other is left alone. */
async function claimVisit(ctx: ActionContext, visitId: string): Promise<void> {
  const visit = await getDoc(ctx.db.collection('visits').doc(visitId), VisitDoc, 'visits');
  if (!visit || visit.anonymous || visit.viewer !== undefined) return;
  if (visit.reader !== readerKey(visit.token, ctx.caller.openid)) return;
  await ctx.db
    .collection('visits')
    .where({ _id: visit._id, reader: visit.reader, viewer: ctx._.exists(false) })
    .update({ data: { viewer: ctx.caller.openid } });
}

/**
 * A visitor says 同意 on the reader page: from now on their opens and reading time are kept under
 * their openid, starting with the visit of the page they agreed on (what came before stays without it). Agreeing again keeps the first agreement to
 * the same version; a newer version of the guide replaces it. Clearing everything, the agreement
 * included, is account.deleteMyData.
 */
export const giveConsent: ActionHandler<InsightContract, 'giveConsent'> = async (input, ctx) => {
  if (input.version !== MEMBER_TERMS_VERSION) {
    throw new AppError('FAILED_PRECONDITION', '隐私保护指引已更新，请刷新页面后重新阅读', {
      reason: 'consent_outdated',
    });
  }
  const ref = ctx.db.collection('visitor_consents').doc(ctx.caller.openid);
  const earlier = await getDoc(ref, VisitorConsentDoc, 'visitor_consents');
  const at = earlier?.version === input.version ? earlier.at : ctx.now();
  if (at !== earlier?.at) await ref.set({ data: { version: input.version, at } });
  if (input.visitId !== undefined) await claimVisit(ctx, input.visitId);
  return { version: input.version, at };
};
