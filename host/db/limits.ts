/** Production limits of CloudBase's document database that the local engine enforces. */
export const LIMITS = {
  /** get() without limit(): the SDK sends 100; the server applies it too when a client omits it. */
  defaultGetLimit: 100,
  /** get() in a cloud function returns at most this many documents, whatever limit() asked. */
  maxGetLimit: 1000,
  /** A reply's documents may total at most 1 MB (BSON size). */
  maxResultBytes: 1024 * 1024,
  /** MongoDB's BSON document limit, which CloudBase's document database inherits. */
  maxDocumentBytes: 16 * 1024 * 1024,
  /**
   * An unfinished transaction is aborted this long after it started (MongoDB's
   * transactionLifetimeLimitSeconds is 60 s). A transaction cannot usefully outlive the function
   * that opened it, and a function runs 3 s by default and 60 s at most; until the abort, its
   * uncommitted writes make every other writer of those documents fail with a conflict, so a crashed
   * function must not hold them for long. 30 s sits inside the longest function timeout's reach while
   * freeing documents well before MongoDB's own limit would.
   */
  transactionTimeoutMs: 30_000,
} as const;
