/**
 * Counts the seconds a page is visible: started on show, paused on hide. The reader reports the
 * total (never a delta), so a lost or repeated report cannot add time twice.
 */
export class ReadingClock {
  private total = 0;
  private shownAt: number | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  show(): void {
    if (this.shownAt === null) this.shownAt = this.now();
  }

  hide(): void {
    if (this.shownAt === null) return;
    this.total += this.now() - this.shownAt;
    this.shownAt = null;
  }

  /** Whole seconds visible so far. */
  seconds(): number {
    const running = this.shownAt === null ? 0 : this.now() - this.shownAt;
    return Math.floor((this.total + running) / 1000);
  }
}
