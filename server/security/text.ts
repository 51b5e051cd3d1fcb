/**
 * WeChat's text content security (security.msgSecCheck v2) through wx-server-sdk, typed at the
 * edge once for every function: posts and variants (content), scripts (insight) and the names
 * people give themselves or things that others see (account). The SDK types openapi as `any`, so
 * the reply is checked here.
 */
import { AppError } from '@core/errors';
import type { ActionContext } from '../kit';
import type { Cloud } from '../kit/types';

/** WeChat's v2 labels, in the words an operator understands. */
export const LABEL_REASONS: Record<number, string> = {
  10001: '疑似广告违规（如夸大、绝对化用语或引流内容）',
  20001: '疑似涉及时政内容',
  20002: '疑似色情内容',
  20003: '疑似辱骂内容',
  20006: '疑似违法犯罪内容',
  20008: '疑似欺诈内容',
  20012: '疑似低俗内容',
  21000: '疑似其他违规内容',
};

export class SecurityUnavailableError extends Error {
  override name = 'SecurityUnavailableError';
}

/** v2 scenes: 1 a profile (names), 2 a comment, 3 a forum post, 4 a social log (Moments-like). */
export type SecScene = 1 | 2 | 3 | 4;

export interface TextVerdict {
  suggest: 'pass' | 'review' | 'risky';
  label: number;
  /** The words that hit, when WeChat names them. */
  keywords: string[];
}

/** One cloud call to WeChat's content security; a thrown call (system error, no permission) is "unavailable". */
export async function callSecurity(
  cloud: Cloud,
  api: 'msgSecCheck' | 'mediaCheckAsync',
  params: Record<string, unknown>,
): Promise<unknown> {
  try {
    const security = (cloud.openapi as { security: Record<typeof api, (p: unknown) => Promise<unknown>> }).security;
    return await security[api](params);
  } catch (e) {
    throw new SecurityUnavailableError(`${api} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * One msgSecCheck v2 call as `openid` (v2 requires a user who used the mini-program lately).
 * Throws SecurityUnavailableError when the check cannot answer; the caller decides by
 * SIYU_CONTENT_SECURITY what that means.
 */
export async function msgSecCheck(
  cloud: Cloud,
  openid: string,
  scene: SecScene,
  content: string,
): Promise<TextVerdict> {
  const res = await callSecurity(cloud, 'msgSecCheck', { openid, scene, version: 2, content });
  const body = res as {
    errCode?: unknown;
    errcode?: unknown;
    result?: { suggest?: unknown; label?: unknown };
    detail?: { keyword?: unknown }[];
  };
  const code = body.errCode ?? body.errcode ?? 0;
  const suggest = body.result?.suggest;
  if (code !== 0 || (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky')) {
    throw new SecurityUnavailableError(`msgSecCheck answered ${JSON.stringify(body).slice(0, 200)}`);
  }
  const label = typeof body.result?.label === 'number' ? body.result.label : 100;
  const keywords = (body.detail ?? [])
    .map((d) => d.keyword)
    .filter((k): k is string => typeof k === 'string' && k.length > 0);
  return { suggest, label, keywords: [...new Set(keywords)] };
}

/** Said when a name is refused; `details.reason` tells the app it was the content check. */
export const NAME_REFUSED = (what: string) => `${what}未通过内容安全检测，请换一个`;
export const CHECK_UNAVAILABLE = '内容安全检测暂时不可用，请稍后再试';

/**
 * A name others will see (a member's 称呼 on the reader page and posters, a guide's name, a store
 * or the brand) must pass msgSecCheck before anything is written: anything but `pass` is refused
 * as INVALID_ARGUMENT on `field`. When the check cannot answer, SIYU_CONTENT_SECURITY decides as it
 * does for posts: strict refuses (FAILED_PRECONDITION), lenient lets the name through and logs.
 */
export async function checkNames(ctx: ActionContext, names: readonly { field: string; what: string; value: string }[]) {
  for (const n of names) {
    let verdict: TextVerdict;
    try {
      verdict = await msgSecCheck(ctx.cloud, ctx.caller.openid, 1, n.value);
    } catch (e) {
      if (!(e instanceof SecurityUnavailableError)) throw e;
      if (ctx.env().contentSecurity !== 'lenient') {
        throw new AppError('FAILED_PRECONDITION', CHECK_UNAVAILABLE, { reason: 'security_unavailable' });
      }
      ctx.log.error('msgSecCheck unavailable; name kept unchecked (SIYU_CONTENT_SECURITY=lenient)', { field: n.field });
      continue;
    }
    if (verdict.suggest !== 'pass') {
      throw new AppError('INVALID_ARGUMENT', NAME_REFUSED(n.what), { field: n.field, reason: 'content_security' });
    }
  }
}
