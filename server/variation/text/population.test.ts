import { SAMPLE_POSTS } from '../../../test/fixtures/variation/posts';
import { variationSeed } from '../seed';
import { TEXT_POPULATION_GATES, textPopulationFigures } from './population';
import { varyText } from './vary';

// The bench runs 500 guides per post; 100 keeps this under a few seconds.
const GUIDES = 100;

describe('text variants across guides (standard)', () => {
  it.each(SAMPLE_POSTS.map((p) => [p.id, p] as const))(
    '%s: all distinct, faithful, and far enough apart',
    (_id, post) => {
      const variants = Array.from({ length: GUIDES }, (_, g) =>
        varyText({
          text: post.text,
          protectTerms: post.protectTerms,
          strength: 'standard',
          seed: variationSeed(`pst_${post.id}`, `gd_${g}`),
        }),
      );
      expect(variants.filter((v) => v.strength !== 'standard')).toHaveLength(0);
      const f = textPopulationFigures(
        post.text,
        variants.map((v) => v.text),
        post.protectTerms,
      );
      expect(f.distinct).toBe(GUIDES);
      expect(f.gateFailures).toBe(0);
      expect(f.jaccard.p95).toBeLessThanOrEqual(TEXT_POPULATION_GATES.maxJaccardP95);
      expect(f.simhashNearShare).toBeLessThanOrEqual(TEXT_POPULATION_GATES.maxSimhashNearShare);
      expect(f.similarity.min).toBeGreaterThanOrEqual(0.6);
    },
  );
});
