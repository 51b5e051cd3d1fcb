/**
 * Distinct texts for a post's audience. Seeding each guide's variant by (post, guide) alone lets two
 * guides draw the same text when a post offers few changes (a short post at 'subtle': six guides
 * were seen with five texts). Instead, the guide at place k of the audience (the order the image
 * engine's codewords use) gets the k-th distinct text of one per-post series of seeds: distinct by
 * construction while the post has that many distinct variants, and the same for HQ's preview and
 * the guide. The series is kept per process for a few posts, so making a whole audience costs one
 * pass over it, not one per guide.
 */
import { createHash } from 'node:crypto';
import { variationSeed } from '../seed';
import { varyText, type VaryTextInput, type VaryTextResult } from './vary';

interface Series {
  /** Distinct texts in series order. */
  texts: VaryTextResult[];
  seen: Set<string>;
  /** Next seed index to try. */
  next: number;
}

/** Posts whose series are kept (prepareVariants walks one post's audience at a time). */
const KEPT_SERIES = 8;
const series = new Map<string, Series>();

/** Seeds tried per distinct text wanted before a post counts as out of distinct variants. */
const TRIES_PER_PLACE = 4;
const EXTRA_TRIES = 40;

export interface VaryTextAtPlaceInput extends Omit<VaryTextInput, 'seed'> {
  /** Names the series: the post (its revision is in the text), e.g. the post id. */
  series: string;
  /** The guide's place in the post's audience, 0-based. */
  place: number;
}

export function varyTextAtPlace(input: VaryTextAtPlaceInput): VaryTextResult {
  if (!Number.isInteger(input.place) || input.place < 0) throw new RangeError(`bad place ${input.place}`);
  const key = createHash('sha1')
    .update(JSON.stringify([input.series, input.strength, input.text, input.protectTerms ?? []]))
    .digest('base64');
  let s = series.get(key);
  if (s) series.delete(key);
  else s = { texts: [], seen: new Set([input.text]), next: 0 };
  series.set(key, s);
  while (series.size > KEPT_SERIES) series.delete(series.keys().next().value!);

  const seedAt = (j: number) => variationSeed(input.series, `place:${j}`);
  const limit = TRIES_PER_PLACE * (input.place + 1) + EXTRA_TRIES;
  while (s.texts.length <= input.place && s.next < limit) {
    const out = varyText({ ...input, seed: seedAt(s.next++) });
    if (out.strength === 'off' || s.seen.has(out.text)) continue;
    s.seen.add(out.text);
    s.texts.push(out);
  }
  // Out of distinct variants (a post with almost nothing to change): the place's own seed, which
  // may repeat another guide's text.
  return s.texts[input.place] ?? varyText({ ...input, seed: seedAt(input.place) });
}
