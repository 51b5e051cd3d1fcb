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

/**
 * Versions of the image engine. Stored variants are deleted after the retention and made again on
 * demand, byte for byte the same, so a post keeps the version it was saved with (PostDoc.imageEngine;
 * none recorded: 1) and a change to what the engine releases is a new version, the old ones kept.
 * 1: an attempt is refused before its encode only when it is sure to fail the thumbnail gate.
 * 2: also when it might (image/precheck.ts): fewer attempts pay an encode, a verifying decode and a
 *    check for nothing, and some variants that 1 released from a first attempt come from a second.
 */
export const IMAGE_ENGINES = [1, 2] as const;
export type ImageEngine = (typeof IMAGE_ENGINES)[number];
/** The version new posts are saved with. */
export const CURRENT_IMAGE_ENGINE: ImageEngine = 2;
/** A post's image engine: its recorded version, 1 for posts saved before versions were recorded. */
export function imageEngineOf(recorded: number | undefined): ImageEngine {
  const engine = recorded ?? 1;
  if (!(IMAGE_ENGINES as readonly number[]).includes(engine)) {
    throw new Error(`image engine ${engine} is not known to this version of the code`);
  }
  return engine as ImageEngine;
}

/** Sub-seeds tried per strength before falling back to the next lighter strength. */
export const ATTEMPTS_PER_STRENGTH = 4;

export interface GateResult<M> {
  ok: boolean;
  /** Human-readable reasons (English, for logs and the HQ preview's tooltip), empty when ok. */
  failures: string[];
  metrics: M;
}
