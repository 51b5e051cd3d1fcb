/**
 * Words the advertising law (《广告法》第九条 and SAMR guidance on "极限词") makes risky in ads:
 * superlatives, "first/only" claims and unprovable rank or quality claims. One list, shared by the
 * variation gate (a variant may not introduce any of them) and the HQ editor (warns while typing).
 */
export const ABSOLUTE_WORDS: readonly string[] = [
  // superlatives
  '最',
  '最佳',
  '最好',
  '最高',
  '最低',
  '最优',
  '最强',
  '最新',
  '最大',
  '最便宜',
  '最先进',
  // rank / first / only
  '第一',
  '唯一',
  '首个',
  '首家',
  '首选',
  '首发',
  '首款',
  '独家',
  '独一无二',
  '绝无仅有',
  'NO.1',
  'No.1',
  'TOP1',
  'Top1',
  // level and scope claims
  '顶级',
  '国家级',
  '世界级',
  '全球级',
  '宇宙级',
  '极致',
  '极品',
  '顶尖',
  '尖端',
  '王牌',
  '冠军',
  '领袖',
  '全网',
  '史上',
  '前所未有',
  '遥遥领先',
  // unprovable guarantees
  '100%',
  '百分百',
  '绝对',
  '万能',
  '永久',
  '零风险',
  '无敌',
  '完美',
  '特效',
  '根治',
  '秒杀全网',
];

/** Every occurrence of an absolute word, counted per word (overlapping words each counted: 最 and 最好). */
export function countAbsoluteWords(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of ABSOLUTE_WORDS) {
    let from = 0;
    let n = 0;
    for (;;) {
      const at = text.indexOf(word, from);
      if (at < 0) break;
      n++;
      from = at + word.length;
    }
    if (n > 0) counts.set(word, n);
  }
  return counts;
}

/** Absolute words present in text (for the editor's warning), in list order. */
export function findAbsoluteWords(text: string): string[] {
  return [...countAbsoluteWords(text).keys()];
}
