import { SAMPLE_POSTS } from '../../../test/fixtures/variation/posts';
import { variationSeed } from '../seed';
import { simhash, simhashDistance } from './metrics';
import { varyTextAtPlace } from './places';
import { varyText } from './vary';

/** Share of pairs whose SimHash distance is ≤ 3 (near duplicates). */
function nearShare(texts: readonly string[]): number {
  const h = texts.map(simhash);
  let pairs = 0;
  let near = 0;
  for (let i = 0; i < h.length; i++)
    for (let j = i + 1; j < h.length; j++) {
      pairs++;
      if (simhashDistance(h[i]!, h[j]!) <= 3) near++;
    }
  return near / pairs;
}

const SHORT =
  '每月 18 号是山茶生活会员日💝\n积分商城上新：山茶花手作茶包、竹编茶席杯垫，积分就能换。\n新会员还有 10 元无门槛券，注册就能领，门店直接核销。\n\n#会员日# #山茶生活#';

describe('texts by audience place', () => {
  it('gives distinct places distinct texts, the same on every call and in any order of calls', () => {
    const forward = Array.from(
      { length: 20 },
      (_, place) => varyTextAtPlace({ text: SHORT, strength: 'subtle', series: 'pst_short', place }).text,
    );
    expect(new Set(forward).size).toBe(20);
    expect(forward).not.toContain(SHORT);
    // Another series in between, then the places asked again backwards: the same texts.
    varyTextAtPlace({ text: SHORT, strength: 'subtle', series: 'pst_other', place: 3 });
    const backward = Array.from(
      { length: 20 },
      (_, i) => varyTextAtPlace({ text: SHORT, strength: 'subtle', series: 'pst_short', place: 19 - i }).text,
    ).reverse();
    expect(backward).toEqual(forward);
    // A different post (series) draws other texts.
    const other = varyTextAtPlace({ text: SHORT, strength: 'subtle', series: 'pst_other', place: 0 }).text;
    expect(other).not.toBe(forward[0]);
  });

  it('keeps a subtle audience apart in SimHash where seeding each guide alone does not', () => {
    const post = SAMPLE_POSTS.find((p) => p.id === 'coffee-opening')!;
    const input = { text: post.text, protectTerms: post.protectTerms, strength: 'subtle' as const };
    const placed = Array.from(
      { length: 120 },
      (_, place) => varyTextAtPlace({ ...input, series: 'pst_c', place }).text,
    );
    const seeded = Array.from(
      { length: 120 },
      (_, g) => varyText({ ...input, seed: variationSeed('pst_c', `gd_${g}`) }).text,
    );
    expect(nearShare(seeded)).toBeGreaterThan(0.01);
    expect(nearShare(placed)).toBeLessThanOrEqual(0.002);
  });

  it('answers a text even past the variants a post can have', () => {
    const tiny = '¥199';
    const out = varyTextAtPlace({ text: tiny, strength: 'subtle', series: 'pst_tiny', place: 50 });
    expect(out.text).toBe(tiny);
    expect(out.strength).toBe('off');
    expect(() => varyTextAtPlace({ text: tiny, strength: 'subtle', series: 'pst_tiny', place: -1 })).toThrow(
      RangeError,
    );
  });
});
