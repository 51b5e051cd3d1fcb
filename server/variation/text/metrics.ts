/**
 * Text similarity measures used by the gates (per variant) and by the population figures (across
 * guides). Lengths and distances count Unicode code points, so an emoji counts once, not twice.
 */
import { createHash } from 'node:crypto';
import { cutWords } from './segment';

export function codePoints(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0)!);
  return out;
}

export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Levenshtein distance over code points (two-row dynamic programme). */
export function levenshtein(a: string, b: string): number {
  const x = codePoints(a);
  const y = codePoints(b);
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let prev = new Int32Array(y.length + 1);
  let cur = new Int32Array(y.length + 1);
  for (let j = 0; j <= y.length; j++) prev[j] = j;
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      const cost = xi === y[j - 1] ? 0 : 1;
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      const sub = prev[j - 1]! + cost;
      cur[j] = del < ins ? (del < sub ? del : sub) : ins < sub ? ins : sub;
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[y.length]!;
}

/** 1 − Levenshtein / longer length: 1 for identical strings, 0 for nothing in common. */
export function normalizedSimilarity(a: string, b: string): number {
  const n = Math.max(codePointLength(a), codePointLength(b));
  return n === 0 ? 1 : 1 - levenshtein(a, b) / n;
}

/** Character 3-grams of the text with whitespace removed. */
export function charGrams(s: string, n = 3): Set<string> {
  const chars = Array.from(s.replace(/\s+/gu, ''));
  const out = new Set<string>();
  for (let i = 0; i + n <= chars.length; i++) out.add(chars.slice(i, i + n).join(''));
  return out;
}

export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** 64-bit SimHash as [high, low] 32-bit halves. */
export type SimHash = readonly [number, number];

/**
 * SimHash over jieba words (term-frequency weighted, MD5 per word); words without a letter or digit
 * (punctuation, emoji, spaces) are dropped, so only wording moves it.
 */
export function simhash(text: string): SimHash {
  const v = new Int32Array(64);
  for (const word of cutWords(text)) {
    if (!/[\p{L}\p{N}]/u.test(word)) continue;
    const h = createHash('md5').update(word).digest();
    for (let bit = 0; bit < 64; bit++) v[bit]! += (h[bit >> 3]! >> (bit & 7)) & 1 ? 1 : -1;
  }
  let hi = 0;
  let lo = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (v[bit]! > 0) lo |= 1 << bit;
    if (v[bit + 32]! > 0) hi |= 1 << bit;
  }
  return [hi >>> 0, lo >>> 0];
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function simhashDistance(a: SimHash, b: SimHash): number {
  return popcount32((a[0] ^ b[0]) >>> 0) + popcount32((a[1] ^ b[1]) >>> 0);
}
