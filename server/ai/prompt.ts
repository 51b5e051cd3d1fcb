/**
 * The instruction for one guide's AI rewrite of a post. The post text goes alone in the user
 * message (so nothing in it can pose as instruction, and the model sees exactly what to rewrite);
 * the system message carries the rules and the spans that must survive verbatim. The gates check
 * every rule again afterwards: the prompt only makes passing likely.
 */
import { Rng } from '../variation/seed';
import type { VariationSeed } from '../variation/types';
import { protectedSpanCounts } from '../variation/text/gates';

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

/** Moments voices a guide might have; one per (post, guide), chosen by the variation seed. */
export const TONE_HINTS = [
  '像和熟客聊天一样亲切自然',
  '轻快活泼，带一点俏皮',
  '简洁利落，干脆直接',
  '温柔细腻，娓娓道来',
  '热情真诚，像在推荐给好朋友',
  '沉稳专业，像懂行的店员',
] as const;

export type ToneHint = (typeof TONE_HINTS)[number];

export function pickTone(seed: VariationSeed): ToneHint {
  return new Rng(seed, 'ai-tone').pick(TONE_HINTS);
}

export interface RewritePromptInput {
  text: string;
  protectTerms: readonly string[];
  seed: VariationSeed;
}

/** The spans the rewrite must keep character for character (prices, dates, links, #话题#, 【】, brand terms). */
export function spansToKeep(text: string, protectTerms: readonly string[]): string[] {
  return [...protectedSpanCounts(text, protectTerms).keys()];
}

export function buildRewriteMessages(input: RewritePromptInput): ChatMessage[] {
  const tone = pickTone(input.seed);
  const spans = spansToKeep(input.text, input.protectTerms);
  const keep = spans.length
    ? `以下内容必须逐字保留、一个字符都不能改：${spans.map((s) => `「${s}」`).join('、')}。`
    : '文中的价格、日期、时间、链接、话题标签和品牌名必须逐字保留。';
  const system = [
    '你是零售门店导购的朋友圈文案助手。请把用户发来的门店素材文案轻微改写成这位导购自己的口吻，用于发朋友圈。',
    `这位导购的语气：${tone}。`,
    keep,
    '不要新增任何数字、价格、日期或百分比；不要使用“最”“第一”“顶级”“国家级”“唯一”等绝对化用语；不要编造原文没有的功效、承诺或优惠。',
    '保持原文的意思、段落和换行，字数与原文接近（不少于原文的95%，不超过原文的120%），只换一些说法，不要大改。',
    '只输出改写后的文案本身，不要加引号、标题、解释或任何前后缀。',
  ].join('\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: input.text },
  ];
}
