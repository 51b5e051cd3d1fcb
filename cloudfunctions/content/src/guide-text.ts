/**
 * A guide's text: the local generator's variant, or — when SIYU_AI_PROVIDER=cloudbase — a CloudBase
 * AI rewrite in this guide's tone that passed the same gates and content security. Whatever goes
 * wrong on the AI path (timeout, error, a failed gate, a refused word) falls back to the local
 * variant: the guide never sees an AI failure.
 *
 * A judged rewrite is kept per (post, guide, revision) in ai_rewrites, so HQ's preview and the
 * guide's own copy show the same text and a model that answers differently each time is asked once.
 * Timeouts and errors are not kept: the next open may try again.
 */
import type { TextSource } from '@core/contracts/content';
import { variationSeed } from '@server/variation/seed';
import { isDuplicateKeyError } from '@server/db/errors';
import { getDoc } from '@server/db/read';
import { buildRewriteMessages, generateText, judgeCandidate, rewriteChanges } from '@server/ai';
import type { PostDoc } from '@server/data/posts';
import type { ActionContext } from '@server/kit';
import { errorText } from '@server/kit/log';
import { AiRewriteDoc, aiRewriteId } from './documents';
import { checkContent } from './security';
import { makeTextVariant, type TextVariant } from './variants';

export interface GuideText extends TextVariant {
  source: TextSource;
}

export type Ctx = Omit<ActionContext, 'caller'>;

function aiText(post: PostDoc, text: string): GuideText {
  return { text, strength: post.variation.text, changes: rewriteChanges(post.body, text), source: 'ai' };
}

/**
 * `checkAs` is the openid msgSecCheck v2 is asked for: the guide for their own copy, the HQ
 * operator for a preview. `place` is the guide's place in the audience (distinct local texts).
 */
export async function makeGuideText(
  post: PostDoc,
  guideOpenid: string,
  ctx: Ctx,
  checkAs: string,
  place?: number,
): Promise<GuideText> {
  const local = (): GuideText => ({ ...makeTextVariant(post, guideOpenid, place), source: 'local' });
  const settings = ctx.env().ai;
  if (settings.provider === 'off' || post.variation.text === 'off') return local();

  const id = aiRewriteId(post._id, guideOpenid, post.rev);
  const ref = ctx.db.collection('ai_rewrites').doc(id);
  const kept = await getDoc(ref, AiRewriteDoc, 'ai_rewrites');
  if (kept) return kept.text !== undefined ? aiText(post, kept.text) : local();

  const started = Date.now();
  const fields = { postId: post._id, model: `${settings.model}/${settings.modelName}` };
  let verdict: { text: string } | { refused: string };
  try {
    const messages = buildRewriteMessages({
      text: post.body,
      protectTerms: post.protectTerms,
      seed: variationSeed(post._id, guideOpenid),
    });
    const judged = judgeCandidate(post.body, await generateText(ctx.cloud, settings, messages), post.protectTerms);
    if (!judged.ok) verdict = { refused: `gates: ${judged.reason}` };
    else {
      const security = await checkContent(ctx.cloud, checkAs, judged.text, ctx.now());
      verdict = security.suggest === 'pass' ? { text: judged.text } : { refused: `security: ${security.suggest}` };
    }
  } catch (e) {
    ctx.log.warn('ai rewrite failed; local text used', {
      ...fields,
      ms: Date.now() - started,
      error: errorText(e),
    });
    return local();
  }

  const ms = Date.now() - started;
  if ('refused' in verdict)
    ctx.log.warn('ai rewrite refused; local text used', { ...fields, ms, why: verdict.refused });
  const doc: AiRewriteDoc = {
    _id: id,
    postId: post._id,
    guideOpenid,
    rev: post.rev,
    ...verdict,
    model: fields.model,
    ms,
    createdAt: ctx.now(),
  };
  try {
    await ctx.db.collection('ai_rewrites').add({ data: doc });
  } catch (e) {
    // A preview and the guide judged it at the same moment: the first kept wins, both answer it.
    if (!isDuplicateKeyError(e)) throw e;
    const first = await getDoc(ref, AiRewriteDoc, 'ai_rewrites');
    if (first) return first.text !== undefined ? aiText(post, first.text) : local();
  }
  return 'text' in verdict ? aiText(post, verdict.text) : local();
}
