/** Shared vocabulary of the variation engines (text and image). */

/** HQ's choice per post: how far each guide's copy may move from the original. */
export type Strength = 'off' | 'subtle' | 'standard';

export const STRENGTHS: readonly Strength[] = ['off', 'subtle', 'standard'];

/** A seed as returned by variationSeed: a non-negative safe integer (fits JSON and a database field). */
export type VariationSeed = number;

/** Order in which a failing strength falls back: never skip a level, always end at 'off' (the original). */
export function fallbackChain(strength: Strength): Strength[] {
  switch (strength) {
    case 'standard':
      return ['standard', 'subtle', 'off'];
    case 'subtle':
      return ['subtle', 'off'];
    case 'off':
      return ['off'];
  }
}

/** Sub-seeds tried per strength before falling back to the next lighter strength. */
export const ATTEMPTS_PER_STRENGTH = 4;

export interface GateResult<M> {
  ok: boolean;
  /** Human-readable reasons (English, for logs and the HQ preview's tooltip), empty when ok. */
  failures: string[];
  metrics: M;
}
