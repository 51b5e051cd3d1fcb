/**
 * Faithfulness gates for one text variant. Independent of the generator: it re-reads the original,
 * so a generator bug cannot vouch for itself.
 */
import type { GateResult } from '../types';
import { countAbsoluteWords } from '@core/content/absolute-words';
import { parsePost } from './lines';
import { codePointLength, normalizedSimilarity } from './metrics';
import { extractNumbers, findProtectedSpans } from './protect';

export const TEXT_GATES = {
  minLengthChange: -0.05,
  maxLengthChange: 0.2,
  minSimilarity: 0.6,
} as const;

export interface TextGateMetrics {
  /** (variant − original) / original, in code points. */
  lengthChange: number;
  /** Normalised Levenshtein similarity to the original. */
  similarity: number;
  protectedSpans: number;
  missingSpans: string[];
  newAbsoluteWords: string[];
  newNumbers: string[];
}

function occurrences(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

/** The distinct protected span texts of a post (list markers excluded), with how often each occurs. */
export function protectedSpanCounts(text: string, protectTerms: readonly string[] = []): Map<string, number> {
  const spans = new Set<string>();
  for (const line of parsePost(text).lines)
    for (const s of findProtectedSpans(line.body, protectTerms)) spans.add(s.text);
  for (const t of protectTerms) if (t.trim() && text.includes(t.trim())) spans.add(t.trim());
  const counts = new Map<string, number>();
  for (const s of spans) counts.set(s, occurrences(text, s));
  return counts;
}

export function checkTextGates(
  original: string,
  variant: string,
  protectTerms: readonly string[] = [],
): GateResult<TextGateMetrics> {
  const failures: string[] = [];
  const spans = protectedSpanCounts(original, protectTerms);
  const missingSpans = [...spans].filter(([s, n]) => occurrences(variant, s) < n).map(([s]) => s);
  if (missingSpans.length > 0) failures.push(`protected spans lost: ${missingSpans.join(' | ')}`);

  const originalLength = codePointLength(original);
  const lengthChange =
    originalLength === 0 ? (variant.length === 0 ? 0 : Infinity) : codePointLength(variant) / originalLength - 1;
  if (lengthChange < TEXT_GATES.minLengthChange || lengthChange > TEXT_GATES.maxLengthChange) {
    failures.push(`length change ${(lengthChange * 100).toFixed(1)} % outside −5 %..+20 %`);
  }

  const similarity = normalizedSimilarity(original, variant);
  if (similarity < TEXT_GATES.minSimilarity)
    failures.push(`similarity ${similarity.toFixed(3)} below ${TEXT_GATES.minSimilarity}`);

  const before = countAbsoluteWords(original);
  const newAbsoluteWords = [...countAbsoluteWords(variant)]
    .filter(([w, n]) => n > (before.get(w) ?? 0))
    .map(([w]) => w);
  if (newAbsoluteWords.length > 0) failures.push(`new absolute words: ${newAbsoluteWords.join(', ')}`);

  const budget = new Map<string, number>();
  for (const n of extractNumbers(original)) budget.set(n, (budget.get(n) ?? 0) + 1);
  const newNumbers: string[] = [];
  for (const n of extractNumbers(variant)) {
    const left = budget.get(n) ?? 0;
    if (left > 0) budget.set(n, left - 1);
    else newNumbers.push(n);
  }
  if (newNumbers.length > 0) failures.push(`new numbers: ${newNumbers.join(', ')}`);

  return {
    ok: failures.length === 0,
    failures,
    metrics: { lengthChange, similarity, protectedSpans: spans.size, missingSpans, newAbsoluteWords, newNumbers },
  };
}
