/**
 * Style vocabulary: emoji that may stand in for each other, list-marker styles, and the content-neutral
 * openers and closers a guide might add to a post. Nothing here may contain a digit or an absolute
 * word (tests enforce it), so style changes can never add a number or an advertising-law risk.
 */

/** Emoji that mean the same thing in a Moments post; a swap stays inside its group. */
export const EMOJI_GROUPS: readonly (readonly string[])[] = [
  ['✨', '🌟', '💫'],
  ['💕', '💖', '💗', '💓'],
  ['❤️', '♥️', '🧡'],
  ['🎁', '🎀'],
  ['🌸', '🌷', '🌺'],
  ['🔥', '💥'],
  ['👉', '👉🏻'],
  ['👇', '⬇️', '👇🏻'],
  ['✅', '☑️', '✔️'],
  ['📦', '🛍️'],
  ['😍', '🥰', '🤩'],
  ['😊', '☺️', '🙂'],
  ['🎉', '🎊', '🥳'],
  ['💰', '💴'],
  ['⏰', '⏳'],
  ['📍', '📌'],
  ['👍', '👍🏻'],
  ['🙏', '🙏🏻'],
  ['☀️', '🌞'],
  ['💄', '💋'],
];

/** Emoji a guide might add at the end of a line. */
export const TAIL_EMOJI: readonly string[] = ['✨', '💕', '🌸', '🥰', '🎉', '😊', '💖', '🌟', '👍', '🙌', '💗', '😘'];

/** One emoji (with variation selector, skin tone, keycap or ZWJ sequence). */
export const EMOJI_RE =
  /(?:\p{Extended_Pictographic}|\p{Regional_Indicator}{2})(?:\uFE0F|\u20E3|[\u{1F3FB}-\u{1F3FF}]|\u200D\p{Extended_Pictographic}\uFE0F?)*/gu;

const EMOJI_GROUP_OF = new Map<string, readonly string[]>();
for (const group of EMOJI_GROUPS) for (const e of group) EMOJI_GROUP_OF.set(e, group);

export function emojiGroupOf(emoji: string): readonly string[] | undefined {
  return EMOJI_GROUP_OF.get(emoji);
}

// ---- list markers ----

export type MarkerFamily = 'symbol' | 'numeric';

export interface ParsedMarker {
  family: MarkerFamily;
  /** The marker as written, including the space after it. */
  text: string;
}

const SYMBOL_MARKER_RE = /^(?:✅|☑️|✔️|✔|▪️|▪|🔸|🔹|◆|◇|★|☆|▶️|▶|➤|•|·|- |\* |🔺|💡|📍|🌟|✨|👉|🎁)\s?/u;
const NUMERIC_MARKER_RE = /^(?:\d{1,2}(?:[.、)）](?!\d)|\uFE0F?\u20E3)|[（(]\d{1,2}[)）]|[①-⑳])\s?/u;

/** The list marker at the start of a line, if any. Digits followed by a digit (11.25, 3.8折) are not markers. */
export function parseMarker(line: string): ParsedMarker | null {
  const num = NUMERIC_MARKER_RE.exec(line);
  if (num) return { family: 'numeric', text: num[0] };
  const sym = SYMBOL_MARKER_RE.exec(line);
  if (sym && sym[0].trim().length > 0 && line.length > sym[0].length) return { family: 'symbol', text: sym[0] };
  return null;
}

/** Marker styles a guide might use. Numbered lists keep their numbers (only the look changes). */
export const SYMBOL_STYLES: readonly string[] = ['✅ ', '✔️ ', '▪️', '🔸', '🔹', '· ', '◆ ', '★ ', '▶ ', '• '];
export type NumericStyle = 'dot' | 'comma' | 'paren' | 'circled';
export const NUMERIC_STYLES: readonly NumericStyle[] = ['dot', 'comma', 'paren', 'circled'];

export function numericMarker(style: NumericStyle, n: number): string {
  switch (style) {
    case 'dot':
      return `${n}. `;
    case 'comma':
      return `${n}、`;
    case 'paren':
      return `${n}）`;
    case 'circled':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) + ' ' : `${n}. `;
  }
}

/** The number a numeric marker carries (1 for "1." / "①" / "（1）"). */
export function markerNumber(marker: string): number | null {
  const cp = marker.codePointAt(0) ?? 0;
  if (cp >= 0x2460 && cp <= 0x2473) return cp - 0x2460 + 1;
  const m = /\d{1,2}/.exec(marker);
  return m ? Number(m[0]) : null;
}

// ---- openers and closers: content-neutral lines a guide might add ----

export const OPENERS: readonly string[] = [
  '分享个好消息～',
  '今天来报个喜～',
  '划重点啦！',
  '给大家说个事儿～',
  '悄悄告诉大家～',
  '来啦来啦～',
  '看过来看过来～',
  '叮～好消息来了',
  '有个好消息要分享',
  '今日分享～',
  '又来啦～',
  '大家好呀～',
  '认真分享一下～',
  '先说重点～',
  '给关注我的朋友们～',
  '今天的分享来啦',
  '这条值得看完～',
  '跟大家汇报一下～',
  '小伙伴们注意啦～',
  '这阵子好多人问，统一回复一下～',
  '趁热分享给大家',
  '又到了分享时间～',
  '给老朋友们带个消息',
  '认真推荐一下～',
  '路过的朋友看一眼～',
  '早安，分享一条好消息',
  '今天想和大家聊聊这个',
  '知道你们在等这条～',
  '店里有新消息啦',
  '一条实用消息，建议收藏',
];

export const CLOSERS: readonly string[] = [
  '有需要的随时找我哦',
  '感兴趣的可以私信我～',
  '欢迎来店里找我',
  '有问题都可以问我😊',
  '记得来找我呀',
  '想要的留言或私我',
  '需要的话直接找我就好～',
  '有疑问欢迎随时咨询',
  '喜欢的朋友别犹豫～',
  '想了解更多就私聊我吧',
  '随时欢迎来问我～',
  '有想法的给我留言哦',
  '我在店里等你们～',
  '欢迎转给需要的朋友',
  '想了解细节的评论区见～',
  '有需要的姐妹敲我就行',
  '拿不准的可以先来问问我',
  '到店找我，给你详细介绍',
  '需要帮忙的随时喊我',
  '想要的抓紧联系我哦',
  '我都在，随时可以问',
  '看中的直接告诉我～',
  '有任何想法都欢迎聊聊',
  '店里见呀～',
  '感谢大家一直以来的支持',
  '期待在店里见到你',
];

/** Two-part closers (lead + action) multiply the variety of the last line a guide adds. */
export const CLOSER_LEADS: readonly string[] = [
  '有需要的',
  '感兴趣的朋友',
  '想要的姐妹',
  '还在犹豫的',
  '想了解的',
  '心动的朋友',
  '拿不定主意的',
  '想提前预留的',
];
export const CLOSER_ACTIONS: readonly string[] = [
  '随时找我',
  '直接私信我',
  '留言告诉我',
  '来店里找我',
  '给我发消息',
  '评论区喊我',
  '私聊我就好',
  '打个招呼就行',
];

/** Sentence-final punctuation a guide might write instead; keeps the sentence's mood. */
export const TAIL_PUNCTUATION: Readonly<Record<string, readonly string[]>> = {
  '！': ['！！', '!', '～', '！'],
  '!': ['！', '!!', '～'],
  '～': ['~', '！', '～～'],
  '~': ['～', '~~', '！'],
  '。': ['～', '！', '。'],
};
