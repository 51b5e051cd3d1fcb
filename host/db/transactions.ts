/**
 * Transactions: optimistic, snapshot reads, per-document write locks (MongoDB's model).
 *
 * - A transaction reads every document as of its start (the store keeps replaced versions while
 *   any transaction is open) and sees its own writes.
 * - Its first write to a document takes that document: if another open transaction already wrote
 *   it, or a commit changed it after this transaction's start, the write fails at once with
 *   DATABASE_TRANSACTION_CONFLICT and the transaction is aborted (MongoDB's WriteConflict).
 * - Any other failed step aborts it too (as in MongoDB); later use answers TransactionNotExist.
 * - A write outside any transaction is never blocked (the engine is synchronous); it dooms the open
 *   transactions that hold that document, which fail with a conflict at their next step.
 * - Commit re-checks versions and unique indexes and applies every write in one SQLite transaction.
 * - A transaction open longer than the timeout is aborted, releasing its documents.
 */
import { randomBytes } from 'node:crypto';
import { DbError, requestFailed, transactionConflict, transactionNotExist } from './errors';
import type { Change, Store } from './store';
import type { Doc } from './values';

type TxState = 'active' | 'committed' | 'aborted';
/** Why an aborted transaction ended: a conflict keeps answering with the conflict (so it is retried). */
type AbortCause = 'rollback' | 'conflict' | 'failed-step' | 'expired';

interface TxWrite {
  coll: string;
  key: string;
  doc: Doc | null;
}

export class Transaction {
  state: TxState = 'active';
  abortCause: AbortCause | undefined;
  readonly writes = new Map<string, TxWrite>();
  constructor(
    readonly id: string,
    readonly snapshot: number,
    readonly startedAt: number,
  ) {}
}

const wkey = (coll: string, key: string) => `${coll}\u0000${key}`;

export class TransactionManager {
  private readonly txs = new Map<string, Transaction>();
  /** Document → the open transaction that wrote it. */
  private readonly locks = new Map<string, Transaction>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly timeoutMs: number,
  ) {}

  start(): Transaction {
    this.expire();
    const tx = new Transaction(`tx-${randomBytes(12).toString('hex')}`, this.store.lsn, this.now());
    this.txs.set(tx.id, tx);
    this.store.keepHistory = true;
    return tx;
  }

  activeCount(): number {
    let n = 0;
    for (const tx of this.txs.values()) if (tx.state === 'active') n++;
    return n;
  }

  /**
   * An open transaction by id. One that lost a write conflict keeps answering with the conflict
   * (the SDK's runTransaction retries on that code); any other finished or unknown id is
   * CloudBase's TransactionNotExist, as MongoDB answers NoSuchTransaction.
   */
  active(id: unknown): Transaction {
    this.expire();
    const tx = typeof id === 'string' ? this.txs.get(id) : undefined;
    if (tx?.state === 'active') return tx;
    if (tx?.abortCause === 'conflict') throw transactionConflict();
    throw transactionNotExist();
  }

  /**
   * Rollback: succeeds on an open transaction and on one the server already aborted after a
   * failed step (the SDK rolls back after any error); a committed, rolled-back, expired or unknown
   * one does not exist any more.
   */
  rollback(id: unknown): void {
    this.expire();
    const tx = typeof id === 'string' ? this.txs.get(id) : undefined;
    if (tx?.state === 'active') this.abort(tx, 'rollback');
    else if (tx?.abortCause !== 'conflict' && tx?.abortCause !== 'failed-step') throw transactionNotExist();
  }

  /** Every document of a collection as the transaction sees it, in natural order (its inserts last). */
  scan(tx: Transaction, coll: string): Array<{ key: string; doc: Doc }> {
    const out: Array<{ key: string; doc: Doc }> = [];
    const own = new Set<string>();
    for (const e of this.store.scanAt(coll, tx.snapshot)) {
      const w = tx.writes.get(wkey(coll, e.key));
      if (w) own.add(e.key);
      const doc = w ? w.doc : e.doc;
      if (doc) out.push({ key: e.key, doc });
    }
    for (const w of tx.writes.values())
      if (w.coll === coll && w.doc && !own.has(w.key)) out.push({ key: w.key, doc: w.doc });
    return out;
  }

  /** A document as the transaction sees it. */
  read(tx: Transaction, coll: string, key: string): Doc | null {
    const own = tx.writes.get(wkey(coll, key));
    if (own) return own.doc;
    return this.store.readAt(coll, key, tx.snapshot);
  }

  /** Records a write, detecting a conflict now rather than at commit. */
  write(tx: Transaction, coll: string, key: string, doc: Doc | null): void {
    const k = wkey(coll, key);
    const holder = this.locks.get(k);
    if ((holder && holder !== tx && holder.state === 'active') || this.store.changedSince(coll, key, tx.snapshot)) {
      this.abort(tx, 'conflict');
      throw transactionConflict();
    }
    this.locks.set(k, tx);
    tx.writes.set(k, { coll, key, doc });
  }

  /** A write outside transactions touched these documents: their holders can no longer commit. */
  doomHolders(changes: readonly Change[]): void {
    for (const ch of changes) {
      const holder = this.locks.get(wkey(ch.coll, ch.key));
      if (holder && holder.state === 'active') this.abort(holder, 'conflict');
    }
  }

  commit(tx: Transaction): void {
    const changes: Change[] = [];
    for (const w of tx.writes.values()) {
      if (this.store.changedSince(w.coll, w.key, tx.snapshot)) {
        this.abort(tx, 'conflict');
        throw transactionConflict();
      }
      // Writes to collections dropped meanwhile fail in apply() with the platform's error.
      changes.push({ coll: w.coll, key: w.key, after: w.doc });
    }
    try {
      this.store.apply(changes);
    } catch (e) {
      this.abort(tx, 'failed-step');
      throw e instanceof DbError ? e : requestFailed(String(e));
    }
    this.finish(tx, 'committed');
  }

  abort(tx: Transaction, cause: AbortCause): void {
    if (tx.state !== 'active') return;
    tx.abortCause = cause;
    this.finish(tx, 'aborted');
  }

  private finish(tx: Transaction, state: TxState): void {
    tx.state = state;
    for (const k of tx.writes.keys()) if (this.locks.get(k) === tx) this.locks.delete(k);
    let oldest: number | undefined;
    for (const t of this.txs.values())
      if (t.state === 'active') oldest = oldest === undefined ? t.snapshot : Math.min(oldest, t.snapshot);
    this.store.keepHistory = oldest !== undefined;
    this.store.pruneHistory(oldest);
    this.forgetFinished();
  }

  /** Finished transactions are remembered a while so a late commit/abort gets a precise answer. */
  private forgetFinished(): void {
    const cutoff = this.now() - 2 * this.timeoutMs;
    for (const [id, t] of this.txs) if (t.state !== 'active' && t.startedAt < cutoff) this.txs.delete(id);
  }

  /** Aborts transactions past their lifetime. Called on every request, so no timer is needed. */
  expire(): void {
    const now = this.now();
    for (const tx of this.txs.values())
      if (tx.state === 'active' && now - tx.startedAt > this.timeoutMs) this.abort(tx, 'expired');
  }
}
