import { ABSOLUTE_WORDS } from '@core/content/absolute-words';

/**
 * What Moments is publicly known to fold: pasted text longer than about 6 lines or 100 characters
 * shows as one line with 全文 (typed text is not folded). These are the editor's thresholds.
 */
export const FOLD_LINES = 6;
export const FOLD_CHARS = 100;

export interface FoldHints {
  /** Lines as shown (empty lines count: they take a row on Moments too). */
  lines: number;
  /** Characters as a reader counts them (an emoji is one). */
  chars: number;
  /** Over either threshold: the pasted copy will be folded. */
  folded: boolean;
  /** Absolute words found, each once, longest first (最好 before 最). */
  absoluteWords: string[];
}

export function analyseBody(body: string): FoldHints {
  const text = body.replace(/\r\n?/g, '\n').trim();
  const lines = text === '' ? 0 : text.split('\n').length;
  const chars = countChars(text.replace(/\n/g, ''));
  return { lines, chars, folded: lines > FOLD_LINES || chars > FOLD_CHARS, absoluteWords: findAbsoluteWords(text) };
}

function countChars(s: string): number {
  const Seg = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  if (Seg) {
    let n = 0;
    for (const _ of new Seg('zh', { granularity: 'grapheme' }).segment(s)) n++;
    return n;
  }
  return [...s].length;
}

/** Absolute words present; a shorter word inside a longer hit (最 in 最好) is not listed again. */
export function findAbsoluteWords(text: string): string[] {
  const found = ABSOLUTE_WORDS.filter((w) => text.includes(w)).sort((a, b) => b.length - a.length);
  const out: string[] = [];
  for (const w of found) {
    let rest = text;
    for (const longer of out) rest = rest.split(longer).join('');
    if (rest.includes(w)) out.push(w);
  }
  return out;
}
