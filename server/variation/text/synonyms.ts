/** Synonym swaps at jieba word boundaries, from the lexicon (lexicon.ts), charged to the length budget. */
import type { Rng } from '../seed';
import { compileLexicon, type CompiledLexicon, type LexEntry } from './lexicon';
import { codePointLength } from './metrics';
import type { Budget, Piece } from './pieces';
import { cutWords } from './segment';

let lexicon: CompiledLexicon | undefined;

function entryAllows(entry: LexEntry, before: string, after: string): boolean {
  if (entry.notBefore?.test(after)) return false;
  if (entry.before && !entry.before.test(after)) return false;
  if (entry.notAfter?.test(before)) return false;
  return true;
}

/** Synonym swaps inside one free-text piece; `lineBefore`/`lineAfter` give the context outside it. */
export function swapSynonyms(
  piece: Piece,
  lineBefore: string,
  lineAfter: string,
  rng: Rng,
  p: number,
  budget: Budget,
): Piece[] {
  const lex = (lexicon ??= compileLexicon());
  const text = piece.text;
  const boundaries = new Set<number>([0]);
  let pos = 0;
  for (const w of cutWords(text)) {
    pos += w.length;
    boundaries.add(pos);
  }
  const out: Piece[] = [];
  let flushed = 0;
  for (let i = 0; i < text.length;) {
    if (!boundaries.has(i)) {
      i++;
      continue;
    }
    let matched = 0;
    for (let len = Math.min(lex.maxWordLength, text.length - i); len >= 1; len--) {
      if (!boundaries.has(i + len)) continue;
      const word = text.slice(i, i + len);
      const entries = lex.bySource.get(word);
      if (!entries) continue;
      matched = len;
      const before = lineBefore + text.slice(0, i);
      const after = text.slice(i + len) + lineAfter;
      const alternatives = entries.filter((e) => entryAllows(e.entry, before, after)).flatMap((e) => e.alternatives);
      // p < 0: pick uniformly among the word and its alternatives (most varied across guides: a fixed
      // high swap rate would push every guide to the same alternative of a two-word group).
      const alt =
        alternatives.length === 0
          ? word
          : p < 0
            ? rng.pick([word, ...alternatives])
            : rng.chance(p)
              ? rng.pick(alternatives)
              : word;
      if (alt !== word) {
        if (budget.take(codePointLength(alt) - codePointLength(word))) {
          if (i > flushed) out.push({ text: text.slice(flushed, i) });
          out.push({ text: alt, change: 'synonym', original: word });
          flushed = i + len;
        }
      }
      break;
    }
    i += matched || 1;
  }
  if (flushed === 0) return [piece];
  if (flushed < text.length) out.push({ text: text.slice(flushed) });
  return out;
}
