/**
 * How far a reader got in a post: the last paragraph that came into view, of how many, and the
 * share of the text up to and including it (by characters, so a long paragraph weighs more).
 */
import type { ReadDepth } from './api';

/** The post's text as the reader page draws it: one paragraph per non-empty line. */
export function paragraphsOf(text: string): string[] {
  return text
    .split('\n')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

export class DepthTracker {
  private reached = 0;
  private readonly total: number;

  constructor(private readonly lengths: readonly number[]) {
    this.total = lengths.reduce((a, b) => a + b, 0);
  }

  /** Paragraph `index` (0-based) came into view. */
  reach(index: number): void {
    if (index >= 0 && index < this.lengths.length) this.reached = Math.max(this.reached, index + 1);
  }

  /** Nothing yet when no paragraph has been seen (or the post has no text). */
  depth(): ReadDepth | undefined {
    if (this.reached === 0) return undefined;
    const read = this.lengths.slice(0, this.reached).reduce((a, b) => a + b, 0);
    const ratio = this.total > 0 ? Math.round((read / this.total) * 100) / 100 : 1;
    return { paragraph: this.reached, paragraphs: this.lengths.length, ratio: Math.min(1, ratio) };
  }
}
