/**
 * WeChat's content security (security.msgSecCheck) through wx-server-sdk, typed at the edge: the
 * SDK types openapi as `any`, so the reply is checked here once.
 */
import type { SecurityVerdict } from '@core/contracts/content';
import type { Cloud } from '@server/kit/types';

/** WeChat's v2 labels, in the words an operator understands. */
const LABEL_REASONS: Record<number, string> = {
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

/**
 * security.msgSecCheck v2 (scene 4, social log: the closest to a Moments post). The operator's own
 * openid is required by v2. Only `pass` lets a post out; a keyword hit is named in the reason.
 */
export async function checkContent(
  cloud: Cloud,
  openid: string,
  content: string,
  now: number,
): Promise<SecurityVerdict> {
  let res: unknown;
  try {
    res = await (cloud.openapi as { security: { msgSecCheck(p: unknown): Promise<unknown> } }).security.msgSecCheck({
      openid,
      scene: 4,
      version: 2,
      content,
    });
  } catch (e) {
    throw new SecurityUnavailableError(`msgSecCheck failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  const body = res as {
    errCode?: unknown;
    errcode?: unknown;
    result?: { suggest?: unknown; label?: unknown };
    detail?: { keyword?: unknown; suggest?: unknown }[];
  };
  const code = body.errCode ?? body.errcode ?? 0;
  const suggest = body.result?.suggest;
  if (code !== 0 || (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky')) {
    throw new SecurityUnavailableError(`msgSecCheck answered ${JSON.stringify(body).slice(0, 200)}`);
  }
  const label = typeof body.result?.label === 'number' ? body.result.label : 100;
  if (suggest === 'pass') return { suggest, label, checkedAt: now };
  const keywords = (body.detail ?? [])
    .map((d) => d.keyword)
    .filter((k): k is string => typeof k === 'string' && k.length > 0);
  const what = LABEL_REASONS[label] ?? '疑似违规内容';
  const words = keywords.length ? `，涉及“${[...new Set(keywords)].slice(0, 5).join('”“')}”` : '';
  const verdictWord = suggest === 'risky' ? '未通过内容安全检测' : '需人工复核，暂不能发布';
  return { suggest, label, checkedAt: now, reason: `${verdictWord}：${what}${words}。请修改后再发布。` };
}
