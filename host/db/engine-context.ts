/**
 * What every group of wire actions shares: the store, the transaction manager and the clock, and
 * the steps they all take (match documents, encode replies within the result limit, validate a new
 * document or version, run a step inside a transaction so an error aborts it).
 */
import { randomBytes } from 'node:crypto';
import { calculateObjectSize, ObjectId } from 'bson';
import { decodeObject, encodeDoc } from './ejson';
import { DbError, requestFailed, resultTooLarge } from './errors';
import { LIMITS } from './limits';
import type { Predicate } from './match';
import type { Entry } from './collection';
import type { Change, Store } from './store';
import type { Transaction, TransactionManager } from './transactions';
import { applyUpdate, checkFieldNames, isOperatorUpdate } from './update';
import { cloneValue, idKey, isPlainObject, stableText, type Doc } from './values';

export type Reply = Record<string, unknown>;
/** A document and its store key. */
export type Keyed = { key: string; doc: Doc };

/** Production-like _id: 32 lowercase hex characters. */
export const newId = () => randomBytes(16).toString('hex');

/** The stored form of a wire id (insertedIds / upsert_id): strings and numbers as they are. */
export function wireId(id: unknown): unknown {
  return id instanceof ObjectId ? id.toHexString() : id;
}

function checkId(id: unknown): void {
  if (Array.isArray(id)) throw requestFailed("can't use an array for _id");
  if (id instanceof RegExp || (isPlainObject(id) && Object.keys(id).some((k) => k.startsWith('$'))))
    throw requestFailed('invalid _id value');
}

export class EngineContext {
  constructor(
    readonly store: Store,
    readonly txm: TransactionManager,
    readonly now: () => number,
  ) {}

  // ---- reads -----------------------------------------------------------------------------------

  assertCollection(name: string): void {
    this.store.count(name); // throws DATABASE_COLLECTION_NOT_EXIST
  }

  decodeQuery(text: string | undefined): Doc | undefined {
    return decodeObject(text, this.now(), 'query');
  }

  /** Every match in natural order; `_id` equality is a direct lookup. Shared objects: do not mutate. */
  matchEntries(coll: string, pred: Predicate, id: unknown, stopAfter = Infinity): Entry[] {
    if (id !== undefined) {
      const e = this.store.get(coll, id);
      return e && pred(e.doc) ? [e] : [];
    }
    const out: Entry[] = [];
    for (const e of this.store.scan(coll)) {
      if (pred(e.doc)) {
        out.push(e);
        if (out.length >= stopAfter) break;
      }
    }
    return out;
  }

  matchAll(coll: string, pred: Predicate, id: unknown, stopAfter = Infinity): Doc[] {
    return this.matchEntries(coll, pred, id, stopAfter).map((e) => e.doc);
  }

  /** Encodes a reply's documents, failing past the 1 MB result limit like the platform. */
  encodeList(docs: Doc[]): string[] {
    let bytes = 0;
    return docs.map((d) => {
      bytes += calculateObjectSize(d);
      if (bytes > LIMITS.maxResultBytes) throw resultTooLarge(bytes);
      return encodeDoc(d);
    });
  }

  /** Stored documents reuse their stored text and size: no re-encoding on the hot read path. */
  encodeEntries(entries: Entry[]): string[] {
    let bytes = 0;
    return entries.map((e) => {
      bytes += e.bytes;
      if (bytes > LIMITS.maxResultBytes) throw resultTooLarge(bytes);
      return e.body;
    });
  }

  // ---- writes ----------------------------------------------------------------------------------

  /** Validates a new document in place and gives it an _id when it has none. */
  prepareInsert(doc: Doc): void {
    checkFieldNames(doc);
    if (doc._id === undefined) doc._id = newId();
    checkId(doc._id);
  }

  /** Writes outside a transaction; transactions holding a changed document can no longer commit. */
  apply(changes: Change[]): void {
    this.store.apply(changes);
    this.txm.doomHolders(changes);
  }

  /** update() merges operators; set() (merge: false) replaces everything but _id. */
  nextVersion(current: Doc, data: Doc, merge: boolean): Doc {
    if (merge) return applyUpdate(current, data);
    if (isOperatorUpdate(data)) throw requestFailed('set() takes a document, not update operators');
    checkFieldNames(data);
    if (data._id !== undefined && stableText(data._id) !== stableText(current._id))
      throw requestFailed("Performing an update on the path '_id' would modify the immutable field '_id'");
    const { _id: _ignored, ...rest } = cloneValue(data);
    return { _id: current._id, ...rest };
  }

  /** Writes `doc` under `key` inside a transaction, once the unique indexes allow it. */
  txWrite(tx: Transaction, coll: string, key: string, doc: Doc): void {
    this.store.checkUnique(coll, key, doc, tx.writes.values());
    this.txm.write(tx, coll, key, doc);
  }

  // ---- transactions ----------------------------------------------------------------------------

  /** An error inside a transaction aborts it, as in MongoDB (a conflict has already aborted it). */
  txFail(tx: Transaction, e: DbError): DbError {
    this.txm.abort(tx, 'failed-step');
    return e;
  }

  txStep<T>(tx: Transaction, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof DbError) throw this.txFail(tx, e);
      throw e;
    }
  }

  /**
   * Runs one request against a collection, inside the transaction `txId` names (a failed step
   * aborts it) or, without one, against the committed data.
   */
  inScope<T>(txId: string | undefined, coll: string, fn: (tx: Transaction | undefined) => T): T {
    if (txId === undefined) {
      this.assertCollection(coll);
      return fn(undefined);
    }
    const tx = this.txm.active(txId);
    return this.txStep(tx, () => {
      this.assertCollection(coll);
      return fn(tx);
    });
  }

  /** Matches as the transaction sees them (its snapshot plus its own writes), or as committed. */
  matchIn(tx: Transaction | undefined, coll: string, pred: Predicate, id: unknown, stopAfter = Infinity): Keyed[] {
    if (!tx) return this.matchEntries(coll, pred, id, stopAfter);
    if (id !== undefined) {
      const key = idKey(id);
      const doc = this.txm.read(tx, coll, key);
      return doc && pred(doc) ? [{ key, doc }] : [];
    }
    const out: Keyed[] = [];
    for (const e of this.txm.scan(tx, coll)) {
      if (pred(e.doc)) {
        out.push(e);
        if (out.length >= stopAfter) break;
      }
    }
    return out;
  }

  /** A collection's documents for an aggregation, as the transaction sees them or as committed. */
  docsIn(tx: Transaction | undefined, coll: string): Doc[] {
    if (!this.store.has(coll)) return [];
    return tx ? this.txm.scan(tx, coll).map((e) => e.doc) : [...this.store.scan(coll)].map((e) => e.doc);
  }

  /** Applies writes: buffered in the transaction (each taking its document), or committed at once. */
  write(tx: Transaction | undefined, changes: Change[]): void {
    if (!tx) {
      this.apply(changes);
      return;
    }
    for (const ch of changes) {
      if (ch.after) this.txWrite(tx, ch.coll, ch.key, ch.after);
      else this.txm.write(tx, ch.coll, ch.key, null);
    }
  }
}
