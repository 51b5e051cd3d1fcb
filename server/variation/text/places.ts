/**
 * Distinct texts for a post's audience. Seeding each guide's variant by (post, guide) alone lets two
 * guides draw the same text when a post offers few changes (a short post at 'subtle': six guides
 * were seen with five texts). Instead, the guide at place k of the audience (the order the image
 * engine's codewords use) gets the k-th text of one per-post series of seeds, built so that texts
 * are distinct, and not near duplicates of each other (SimHash) while the post has such variants
 * left: by construction rather than by chance, and the same for HQ's preview and the guide. The series is kept per process for a few posts, so making a whole audience costs one
 * pass over it, not one per guide.
 */
import { createHash } from 'node:crypto';
import { variationSeed } from '../seed';
import { simhash, simhashDistance, type SimHash } from './metrics';
import { varyText, type VaryTextInput, type VaryTextResult } from './vary';

interface Candidate {
  result: VaryTextResult;
  hash: SimHash;
}

interface Series {
  /** Distinct texts in series order: place k gets texts[k]. */
  texts: Candidate[];
  /** Distinct texts passed over for being near one already taken, oldest first. */
  reserve: Candidate[];
  seen: Set<string>;
  /** Next seed index to try. */
  next: number;
}

/** Posts whose series are kept (prepareVariants walks one post's audience at a time). */
const KEPT_SERIES = 8;
const series = new Map<string, Series>();

/** Seeds looked at for one place before a text near one already taken is accepted. */
const SCAN_PER_PLACE = 6;
/** SimHash distance at or below which two texts count as near duplicates. */
const NEAR = 3;

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
  else s = { texts: [], reserve: [], seen: new Set([input.text]), next: 0 };
  series.set(key, s);
  while (series.size > KEPT_SERIES) series.delete(series.keys().next().value!);

  const seedAt = (j: number) => variationSeed(input.series, `place:${j}`);
  // Each place's text depends only on the places before it, never on which places were asked for
  // or in what order: HQ's preview and the guide get the same one.
  while (s.texts.length <= input.place && extend(s, input, seedAt)) {
    /* one place per step */
  }
  // Out of distinct variants (a post with almost nothing to change): the place's own seed, which
  // may repeat another guide's text.
  return s.texts[input.place]?.result ?? varyText({ ...input, seed: seedAt(input.place) });
}

/**
 * Takes the next place's text: the first new candidate that is not a near duplicate (SimHash) of
 * any text taken so far, looking at SCAN_PER_PLACE seeds; failing that the oldest passed-over one.
 * False when the post has no new text left.
 */
function extend(s: Series, input: VaryTextAtPlaceInput, seedAt: (j: number) => number): boolean {
  for (let i = 0; i < SCAN_PER_PLACE; i++) {
    const result = varyText({ ...input, seed: seedAt(s.next++) });
    if (result.strength === 'off' || s.seen.has(result.text)) continue;
    s.seen.add(result.text);
    const candidate = { result, hash: simhash(result.text) };
    if (s.texts.every((t) => simhashDistance(t.hash, candidate.hash) > NEAR)) {
      s.texts.push(candidate);
      return true;
    }
    s.reserve.push(candidate);
  }
  const passed = s.reserve.shift();
  if (!passed) return false;
  s.texts.push(passed);
  return true;
}
