/**
 * Variation engines: each guide's own copy of a post, deterministic per (post, guide), never
 * released when it fails its gates (retry with the next sub-seed, then a lighter strength, then the
 * original). The content function calls exactly these.
 */
export type { Strength, VariationSeed, GateResult, ImageEngine } from './types';
export {
  STRENGTHS,
  fallbackChain,
  ATTEMPTS_PER_STRENGTH,
  IMAGE_ENGINES,
  CURRENT_IMAGE_ENGINE,
  imageEngineOf,
} from './types';
export { variationSeed } from './seed';

export { varyText, type VaryTextInput, type VaryTextResult } from './text/vary';
export type { TextChange, TextChangeKind } from './text/generate';
export { checkTextGates, TEXT_GATES, type TextGateMetrics } from './text/gates';
export { ABSOLUTE_WORDS, findAbsoluteWords, countAbsoluteWords } from '@core/content/absolute-words';
export { findProtectedSpans, type ProtectedSpan, type SpanKind } from './text/protect';
export { textPopulationFigures, TEXT_POPULATION_GATES, type TextPopulationFigures } from './text/population';

export {
  varyImage,
  clearImageSourceCache,
  type VaryImageInput,
  type VaryImageResult,
  type ImageVariantMetrics,
  type ImageMethod,
} from './image/vary';
export { checkImageGates, IMAGE_GATES, type ImageTransform, type ImageFidelity } from './image/gates';
export { imagePopulationFigures, IMAGE_POPULATION_GATES, type ImagePopulationFigures } from './image/population';
