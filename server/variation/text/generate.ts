/**
 * One attempt at a text variant: protect spans → seeded synonym swaps at jieba word boundaries →
 * emoji and list-marker style → line order inside symbol lists → sentence tails → opener/closer.
 * Every edit is budgeted against the length gate up front, so short posts get small edits instead
 * of failing. The result carries what changed (ranges in the output) for the HQ preview.
 */
import { type Rng } from '../seed';
import type { Strength } from '../types';
import { parsePost } from './lines';
import { codePointLength } from './metrics';
import { assemble, Budget, isOnlyLockedOrBlank, splitBody, type GeneratedText, type Line, type Piece } from './pieces';
import {
  CLOSERS,
  CLOSER_ACTIONS,
  CLOSER_LEADS,
  NUMERIC_STYLES,
  OPENERS,
  SYMBOL_STYLES,
  TAIL_EMOJI,
  TAIL_PUNCTUATION,
  emojiGroupOf,
  numericMarker,
} from './style';
import { swapSynonyms } from './synonyms';

export type { GeneratedText, TextChange, TextChangeKind } from './pieces';

/** Probabilities per strength; 'off' never reaches the generator. */
interface Knobs {
  /** Swap probability per lexicon match; -1 = uniform over the word and its alternatives. */
  synonym: number;
  emoji: number;
  restyle: number;
  reorder: number;
  punctuation: number;
  tailEmoji: number;
  opener: number;
  closer: number;
}

const KNOBS: Record<Exclude<Strength, 'off'>, Knobs> = {
  subtle: {
    synonym: 0.3,
    emoji: 0.4,
    restyle: 0.5,
    reorder: 0,
    punctuation: 0.2,
    tailEmoji: 0.15,
    opener: 0,
    closer: 0,
  },
  standard: {
    synonym: -1,
    emoji: 0.7,
    restyle: 0.8,
    reorder: 0.6,
    punctuation: 0.35,
    tailEmoji: 0.35,
    opener: 0.85,
    closer: 0.85,
  },
};

export function generateTextVariant(
  original: string,
  protectTerms: readonly string[],
  strength: Exclude<Strength, 'off'>,
  rng: Rng,
): GeneratedText {
  const knobs = KNOBS[strength];
  const budget = new Budget(codePointLength(original));
  const post = parsePost(original);
  let lines: Line[] = post.lines.map((l) => ({
    marker: l.block >= 0 ? { text: l.marker } : null,
    pieces: splitBody(l.body, protectTerms),
    role: 'body',
    moved: false,
  }));

  // Openers and closers first: they move distinctness the most, so they get the length budget first.
  const contentful = lines.some((l) => l.pieces.some((p) => !p.locked && p.text.trim() !== ''));
  let opener: Line | null = null;
  let closer: Line | null = null;
  if (contentful && rng.chance(knobs.opener)) {
    const text = rng.pick(OPENERS);
    if (budget.take(codePointLength(text) + 1))
      opener = { marker: null, pieces: [{ text, change: 'opener' }], role: 'opener', moved: false };
  }
  if (contentful && rng.chance(knobs.closer)) {
    const text = rng.chance(0.5)
      ? rng.pick(CLOSERS)
      : `${rng.pick(CLOSER_LEADS)}${rng.pick(CLOSER_ACTIONS)}${rng.pick(['～', '哦', '！', ''])}`;
    if (budget.take(codePointLength(text) + 1))
      closer = { marker: null, pieces: [{ text, change: 'closer' }], role: 'closer', moved: false };
  }

  // Synonyms and emoji, piece by piece.
  for (const line of lines) {
    const next: Piece[] = [];
    line.pieces.forEach((piece, k) => {
      if (piece.locked) return void next.push(piece);
      if (piece.emoji) {
        const group = emojiGroupOf(piece.text);
        if (group && rng.chance(knobs.emoji)) {
          const alt = rng.pick(group.filter((e) => e !== piece.text));
          if (budget.take(codePointLength(alt) - codePointLength(piece.text))) {
            return void next.push({ text: alt, emoji: true, change: 'emoji', original: piece.text });
          }
        }
        return void next.push(piece);
      }
      const before = line.pieces
        .slice(0, k)
        .map((p) => p.text)
        .join('');
      const after = line.pieces
        .slice(k + 1)
        .map((p) => p.text)
        .join('');
      next.push(...swapSynonyms(piece, before, after, rng, knobs.synonym, budget));
    });
    line.pieces = next;
  }

  // List blocks: restyle markers within their family; shuffle symbol lists (numbered lists keep order).
  for (const block of post.blocks) {
    const members = block.lines.map((i) => lines[i]!);
    if (rng.chance(knobs.restyle)) {
      const markers =
        block.family === 'symbol'
          ? (() => {
              const current = members[0]!.marker!.text;
              const style = rng.pick(SYMBOL_STYLES.filter((s) => s.trim() !== current.trim()));
              return members.map(() => style);
            })()
          : (() => {
              const style = rng.pick(NUMERIC_STYLES);
              return members.map((_, k) => numericMarker(style, block.firstNumber + k));
            })();
      const delta = markers.reduce((d, m, k) => d + codePointLength(m) - codePointLength(members[k]!.marker!.text), 0);
      if (markers.some((m, k) => m !== members[k]!.marker!.text) && budget.take(delta)) {
        members.forEach((line, k) => {
          line.marker = { text: markers[k]!, change: 'bullet', original: line.marker!.text };
        });
      }
    }
    if (block.family === 'symbol' && rng.chance(knobs.reorder)) {
      const order = rng.shuffle(block.lines);
      const bodies = order.map((i) => lines[i]!);
      const markers = block.lines.map((i) => lines[i]!.marker);
      block.lines.forEach((slot, k) => {
        const moved = bodies[k]!;
        lines[slot] = { ...moved, marker: markers[k]!, moved: order[k] !== slot };
      });
    }
  }

  // Sentence tails: punctuation mood and an occasional emoji, on ordinary content lines.
  for (const line of lines) {
    if (line.marker || isOnlyLockedOrBlank(line)) continue;
    const last = line.pieces[line.pieces.length - 1];
    if (!last) continue;
    if (!last.locked && !last.emoji && !last.change && rng.chance(knobs.punctuation)) {
      const tail = last.text.slice(-1);
      const options = TAIL_PUNCTUATION[tail];
      if (options) {
        const alt = rng.pick(options.filter((o) => o !== tail));
        if (budget.take(codePointLength(alt) - 1)) {
          last.text = last.text.slice(0, -1);
          line.pieces.push({ text: alt, change: 'punctuation', original: tail });
        }
      }
    }
    const end = line.pieces[line.pieces.length - 1]!;
    if (!end.emoji && !/\s$/u.test(end.text) && rng.chance(knobs.tailEmoji)) {
      const emoji = rng.pick(TAIL_EMOJI);
      if (budget.take(codePointLength(emoji))) line.pieces.push({ text: emoji, emoji: true, change: 'emoji' });
    }
  }

  if (opener) lines = [opener, ...lines];
  if (closer) {
    // Before trailing lines that hold only topics, links or blanks (#话题# lines end a post).
    let at = lines.length;
    while (at > 0 && isOnlyLockedOrBlank(lines[at - 1]!)) at--;
    lines.splice(at, 0, closer);
  }

  return assemble(lines);
}
