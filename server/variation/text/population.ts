/**
 * Population figures for one post's variants across guides: are they distinct from each other?
 * All pairs are measured (500 guides → 124,750 pairs), not a sample.
 */
import { distribution, type Distribution } from '../stats';
import { checkTextGates } from './gates';
import { charGrams, simhash, simhashDistance } from './metrics';

export interface TextPopulationFigures {
  guides: number;
  distinct: number;
  /** Pairwise char-3-gram Jaccard between guides' variants. */
  jaccard: Distribution;
  /** Share of pairs whose 64-bit SimHash distance is ≤ 3 (the usual near-duplicate threshold). */
  simhashNearShare: number;
  simhashDistance: Distribution;
  /** Per variant, against the original. */
  similarity: Distribution;
  lengthChange: Distribution;
  /** Variants failing a faithfulness gate (must be 0: the engine never releases one). */
  gateFailures: number;
}

export const TEXT_POPULATION_GATES = { maxJaccardP95: 0.82, maxSimhashNearShare: 0.01 } as const;

/** Grams interned to integers, kept sorted, so a pairwise intersection is a linear merge. */
function gramIds(texts: readonly string[]): Int32Array[] {
  const ids = new Map<string, number>();
  return texts.map((t) => {
    const out: number[] = [];
    for (const g of charGrams(t)) {
      let id = ids.get(g);
      if (id === undefined) ids.set(g, (id = ids.size));
      out.push(id);
    }
    return Int32Array.from(out).sort();
  });
}

function sortedJaccard(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let inter = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      inter++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  const union = a.length + b.length - inter;
  return union === 0 ? 1 : inter / union;
}

export function textPopulationFigures(
  original: string,
  variants: readonly string[],
  protectTerms: readonly string[] = [],
): TextPopulationFigures {
  const grams = gramIds(variants);
  const hashes = variants.map(simhash);
  const pairs = (variants.length * (variants.length - 1)) / 2;
  const jac = new Float64Array(pairs);
  const dist = new Float64Array(pairs);
  let k = 0;
  let near = 0;
  for (let i = 0; i < variants.length; i++) {
    for (let j = i + 1; j < variants.length; j++, k++) {
      jac[k] = sortedJaccard(grams[i]!, grams[j]!);
      const d = simhashDistance(hashes[i]!, hashes[j]!);
      dist[k] = d;
      if (d <= 3) near++;
    }
  }
  const gates = variants.map((v) => checkTextGates(original, v, protectTerms));
  return {
    guides: variants.length,
    distinct: new Set(variants).size,
    jaccard: distribution(jac),
    simhashNearShare: pairs === 0 ? 0 : near / pairs,
    simhashDistance: distribution(dist),
    similarity: distribution(gates.map((g) => g.metrics.similarity)),
    lengthChange: distribution(gates.map((g) => g.metrics.lengthChange)),
    gateFailures: gates.filter((g) => !g.ok).length,
  };
}
