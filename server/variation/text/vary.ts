/** Text variant with gates, sub-seed retries and strength fallback. */
import { Rng } from '../seed';
import { ATTEMPTS_PER_STRENGTH, fallbackChain, type Strength, type VariationSeed } from '../types';
import { generateTextVariant, type TextChange } from './generate';
import { checkTextGates, type TextGateMetrics } from './gates';

export interface VaryTextInput {
  text: string;
  protectTerms?: readonly string[];
  strength: Strength;
  seed: VariationSeed;
}

export interface VaryTextResult {
  text: string;
  /** The strength actually used after fallback ('off' = the original text). */
  strength: Strength;
  /** Generator attempts made (0 when 'off' was asked for). */
  attempts: number;
  changes: TextChange[];
  metrics: TextGateMetrics | null;
}

export function varyText(input: VaryTextInput): VaryTextResult {
  const protectTerms = input.protectTerms ?? [];
  let attempts = 0;
  for (const strength of fallbackChain(input.strength)) {
    if (strength === 'off') break;
    for (let attempt = 0; attempt < ATTEMPTS_PER_STRENGTH; attempt++) {
      attempts++;
      const rng = new Rng(input.seed, 'text', strength, attempt);
      const generated = generateTextVariant(input.text, protectTerms, strength, rng);
      // An unchanged text is not a variant: try the next sub-seed (then a lighter strength, then 'off').
      if (generated.text === input.text) continue;
      const gate = checkTextGates(input.text, generated.text, protectTerms);
      if (gate.ok)
        return { text: generated.text, strength, attempts, changes: generated.changes, metrics: gate.metrics };
    }
  }
  return { text: input.text, strength: 'off', attempts, changes: [], metrics: null };
}
