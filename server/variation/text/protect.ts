/**
 * Protected spans: the parts of a post that carry facts (prices, quantities, dates, times, links,
 * topics, titles, brand and product names). The generator never edits inside them and the gate
 * checks that every one of them survives. Spans never cross a line break.
 */

export type SpanKind =
  | 'url'
  | 'topic'
  | 'bracket'
  | 'phone'
  | 'price'
  | 'promo'
  | 'quantity'
  | 'date'
  | 'weekday'
  | 'time'
  | 'number'
  | 'latin'
  | 'term';

export interface ProtectedSpan {
  /** UTF-16 offsets into the text the span was found in. */
  start: number;
  end: number;
  text: string;
  kind: SpanKind;
}

const ASCII_UNITS = 'ml|mL|ML|ml|kg|KG|Kg|mg|g|cm|mm|km|m|L|l|W|w|GB|G|TB|mAh|ppm|pcs|PCS';
const CJK_UNITS =
  '折起|折|元|块钱|块|毫升|升|公斤|千克|克|斤|两|公里|厘米|毫米|米|片|支|瓶|件|盒|袋|包|份|泵|天|周|个月|个|年|号|层|分钟|小时|秒|岁|码|人|位|次|杯|罐|桶|套|双|只|张|粒|颗|寸|英寸|倍|万|千|百|款|色|期|楼|排|座|间|条|台|部|本|节|站|家|束|枝|米|度|℃';

const PATTERNS: { kind: SpanKind; re: RegExp }[] = [
  { kind: 'url', re: /(?:https?:\/\/|www\.)[\w\-.~:/?#[\]@!$&'()*+,;=%]+/gi },
  {
    kind: 'url',
    re: /\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org|top|vip|shop|store|me|cc|co)\b(?:\/[\w\-.~:/?#@!$&'()*+,;=%]*)?/gi,
  },
  { kind: 'topic', re: /#[^#\s]{1,30}#/g },
  { kind: 'topic', re: /#[^#\s]{1,30}/g },
  { kind: 'bracket', re: /【[^】\n]{1,40}】|《[^》\n]{1,40}》|「[^」\n]{1,40}」|〖[^〗\n]{1,40}〗|『[^』\n]{1,40}』/g },
  { kind: 'phone', re: /(?<!\d)(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|400-?\d{3}-?\d{4})(?!\d)/g },
  { kind: 'price', re: /[¥￥$]\s?\d[\d,]*(?:\.\d+)?(?:\s?[元块])?(?:\/[\u4e00-\u9fff]{1,2})?起?/g },
  { kind: 'price', re: /\d[\d,]*(?:\.\d+)?\s?(?:元|块钱|块|RMB|rmb)(?:\/[\u4e00-\u9fff]{1,2})?起?/g },
  {
    kind: 'promo',
    re: /满\s?\d[\d,]*(?:元)?\s?(?:立减|减|送|赠|返)\s?\d[\d,]*(?:元)?|买[一二三四五六七八九十\d]+送[一二三四五六七八九十\d]+|第[二三四五\d]件(?:半价|[\d.]+折)/g,
  },
  { kind: 'date', re: /\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}[日号]?/g },
  { kind: 'date', re: /\d{1,2}月\d{1,2}[日号]?|\d{4}年|\d{1,2}月(?:份|初|中旬|中|下旬|底|末)?|\d{1,2}[日号]/g },
  { kind: 'date', re: /(?<![\d.])\d{1,2}\.\d{1,2}(?![\d.])/g },
  { kind: 'weekday', re: /(?:周|星期|礼拜)[一二三四五六日天]/g },
  { kind: 'time', re: /\d{1,2}[:：]\d{2}(?:[:：]\d{2})?|\d{1,2}点(?:半|\d{1,2}分|钟)?/g },
  {
    kind: 'quantity',
    re: new RegExp(
      `\\d[\\d,]*(?:\\.\\d+)?\\s?(?:%|％|(?:${ASCII_UNITS})(?![A-Za-z])|${CJK_UNITS})(?:\\s?[×xX*]\\s?\\d+)?`,
      'g',
    ),
  },
  { kind: 'number', re: /[A-Za-z]*\d[\dA-Za-z.,%:/+×*]*|[①-⑳]|[０-９]+/g },
  { kind: 'latin', re: /[A-Za-z][A-Za-z0-9\-+'&.]*(?:[ /][A-Za-z0-9][A-Za-z0-9\-+'&.]*)*/g },
];

/** Characters that join two protected spans into one range: 11.25-11.30, 10:00~22:00, 3月8日至15日. */
const RANGE_JOINER = /^\s?[-~～—–至到]\s?$/;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Finds the protected spans of one line (or any text without list markers). Overlapping
 * matches merge into one span (touching ones stay separate); spans joined by a range connector merge too, so a range is kept whole.
 */
export function findProtectedSpans(text: string, protectTerms: readonly string[] = []): ProtectedSpan[] {
  const found: ProtectedSpan[] = [];
  const add = (kind: SpanKind, re: RegExp): void => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      found.push({ start: m.index, end: m.index + m[0].length, text: m[0], kind });
    }
  };
  const terms = protectTerms.map((t) => t.trim()).filter((t) => t.length > 0);
  if (terms.length > 0) {
    terms.sort((a, b) => b.length - a.length);
    add('term', new RegExp(terms.map(escapeRegExp).join('|'), 'g'));
  }
  for (const { kind, re } of PATTERNS) add(kind, re);
  // Earlier start first; at equal start the longer (more specific) match leads the merged span's kind.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: ProtectedSpan[] = [];
  for (const span of found) {
    const last = merged[merged.length - 1];
    if (last && (span.start < last.end || RANGE_JOINER.test(text.slice(last.end, span.start)))) {
      if (span.end > last.end) {
        last.end = span.end;
        last.text = text.slice(last.start, last.end);
      }
      continue;
    }
    merged.push({ ...span });
  }
  return merged;
}

/** Numbers as the "no new numbers" gate sees them: digit runs (with decimals) and circled digits. */
export function extractNumbers(text: string): string[] {
  const out: string[] = [];
  const re = /\d+(?:[.,]\d+)*|[①-⑳]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const s = m[0];
    const circled = s.codePointAt(0)! - 0x2460;
    out.push(circled >= 0 && circled < 20 && s.length === 1 ? String(circled + 1) : s.replace(/,/g, ''));
  }
  return out;
}
