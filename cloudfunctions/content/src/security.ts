/**
 * A post's or variant's verdict from WeChat's content security (server/security/text.ts), in the
 * shape content stores on the post: only `pass` lets a post out; a keyword hit is named in the reason.
 */
import type { SecurityVerdict } from '@core/contracts/content';
import type { Cloud } from '@server/kit/types';
import { LABEL_REASONS, msgSecCheck } from '@server/security/text';

export { SecurityUnavailableError } from '@server/security/text';

/** security.msgSecCheck v2, scene 4 (social log: the closest to a Moments post), as the operator. */
export async function checkContent(
  cloud: Cloud,
  openid: string,
  content: string,
  now: number,
): Promise<SecurityVerdict> {
  const { suggest, label, keywords } = await msgSecCheck(cloud, openid, 4, content);
  if (suggest === 'pass') return { suggest, label, checkedAt: now };
  const what = LABEL_REASONS[label] ?? '疑似违规内容';
  const words = keywords.length ? `，涉及“${keywords.slice(0, 5).join('”“')}”` : '';
  const verdictWord = suggest === 'risky' ? '未通过内容安全检测' : '需人工复核，暂不能发布';
  return { suggest, label, checkedAt: now, reason: `${verdictWord}：${what}${words}。请修改后再发布。` };
}
