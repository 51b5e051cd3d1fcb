/**
 * Scripts (话术) and their placeholders. HQ's library and guides' own scripts are templates with
 * `{称呼}`, `{文章}`, `{券}`, `{到期日}`, `{导购}`; the worklist fills them for one customer. The rule
 * that must hold: the filled text never shows a placeholder, whatever is missing (a customer with no
 * name, a post without a title) and whatever the values contain (a name typed as "{称呼}").
 */
import { SCRIPT_PLACEHOLDERS, type ScriptPlaceholder, type ScriptScene } from '@core/contracts/insight-worklist';

export type ScriptValues = Partial<Record<ScriptPlaceholder, string>>;

/** What a placeholder reads as when its value is unknown: a phrase that still makes a sentence. */
const FALLBACK: Record<ScriptPlaceholder, string> = {
  称呼: '亲',
  文章: '我们最近的文章',
  券: '您的券',
  到期日: '近期',
  导购: '您的专属导购',
};

/** Built-in scripts per scene, used when HQ has not written one for it. */
export const DEFAULT_SCRIPTS: Record<ScriptScene, string> = {
  welcome: '{称呼}，您好！我是{导购}，欢迎加入会员，有任何需要随时找我～',
  afterReading: '{称呼}，看到您在看{文章}，里面的内容有想进一步了解的吗？我可以详细给您介绍～',
  couponReminder: '{称呼}，您的{券}将在{到期日}到期，记得来店里使用哦～',
  giftPickup: '{称呼}，您兑换的{券}已经为您准备好了，方便的时候来店里领取哦～',
  pointsExpiry: '{称呼}，您有一部分积分将在{到期日}到期，可以来兑换喜欢的好礼～',
  holiday: '{称呼}，节日快乐！{导购}祝您和家人万事顺意～',
  reengagement: '{称呼}，好久不见！店里最近上了新品，有空来看看，{导购}随时为您服务～',
};

const ANY_PLACEHOLDER = /\{([^{}\s]{1,8})\}/g;
const KNOWN = new Set<string>(SCRIPT_PLACEHOLDERS);

/** Placeholders a template uses that are not ours (a typo such as `{名字}`): refused when saved. */
export function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(ANY_PLACEHOLDER)].map((m) => m[1] ?? '').filter((name) => !KNOWN.has(name));
}

/** A value as it may appear in a script: one line, no braces (so it cannot smuggle a placeholder in). */
function clean(value: string | undefined): string {
  return (value ?? '')
    .replace(/[{}｛｝]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The template with every known placeholder replaced in one pass (a value is never scanned again),
 * a missing or empty value by its fallback, and any brace left over removed.
 */
export function fillScript(template: string, values: ScriptValues): string {
  const filled = template.replace(ANY_PLACEHOLDER, (whole, name: string) => {
    if (!KNOWN.has(name)) return '';
    const key = name as ScriptPlaceholder;
    return clean(values[key]) || FALLBACK[key];
  });
  return filled.replace(/[{}]/g, '');
}
