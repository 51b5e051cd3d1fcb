/**
 * The text checks a script passes before it is saved, the same as a post's: placeholders must be
 * ours, the advertising law's absolute words are refused (a script goes out as the brand's voice),
 * and WeChat's msgSecCheck must pass. When msgSecCheck cannot be reached, SIYU_CONTENT_SECURITY
 * decides as it does for posts: strict refuses, lenient saves and logs an error.
 */
import { findAbsoluteWords } from '@core/content/absolute-words';
import { AppError } from '@core/errors';
import type { ActionContext } from '@server/kit';
import { msgSecCheck, SecurityUnavailableError } from '@server/security/text';
import { unknownPlaceholders } from '@server/worklist/scripts';

async function secCheck(ctx: ActionContext, content: string): Promise<'pass' | 'refused' | 'unavailable'> {
  try {
    return (await msgSecCheck(ctx.cloud, ctx.caller.openid, 1, content)).suggest === 'pass' ? 'pass' : 'refused';
  } catch (e) {
    if (e instanceof SecurityUnavailableError) return 'unavailable';
    throw e;
  }
}

export async function checkScript(ctx: ActionContext, title: string, text: string): Promise<void> {
  const unknown = unknownPlaceholders(text);
  if (unknown.length > 0) {
    throw new AppError('INVALID_ARGUMENT', `不支持的占位符：{${unknown.join('}、{')}}`, { field: 'text' });
  }
  // 最近 / 最后 / 最初 / 最终 speak of time, not rank: everyday words in a chat script.
  const words = findAbsoluteWords(`${title}\n${text}`.replace(/最(近|后|初|终)/g, ''));
  if (words.length > 0) {
    throw new AppError('INVALID_ARGUMENT', `含有广告法禁用的绝对化用语：${words.slice(0, 5).join('、')}`, {
      field: 'text',
    });
  }
  const verdict = await secCheck(ctx, `${title}\n${text}`);
  if (verdict === 'refused') throw new AppError('FAILED_PRECONDITION', '话术未通过内容安全检测，请修改后再保存');
  if (verdict === 'unavailable') {
    if (ctx.env().contentSecurity !== 'lenient') {
      throw new AppError('FAILED_PRECONDITION', '内容安全检测暂时不可用，请稍后再保存');
    }
    ctx.log.error('msgSecCheck unavailable; script saved unchecked (SIYU_CONTENT_SECURITY=lenient)', {});
  }
}
