/**
 * The local cloud's document database: answers the wire actions wx-server-sdk posts to /admin,
 * with CloudBase's semantics (MongoDB's, see match.ts / update.ts), limits and error codes.
 *
 *   const engine = new DatabaseEngine({ file: 'siyu.sqlite', collections: COLLECTIONS });
 *   http handler: reply(engine.handle(JSON.parse(body)))
 */
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { CollectionSpec } from '@core/db/schema';
import { EngineContext, wireId, type Reply } from './engine-context';
import { DbError, duplicateKey, invalidParam } from './errors';
import { FaultInjector } from './faults';
import { LIMITS } from './limits';
import { plansOf, QueryLog } from './query-plan';
import { compileQuery, pinnedId } from './match';
import { aggregateDocuments, calculateDocument, getDocument } from './read-actions';
import { Store } from './store';
import * as T from './transaction-actions';
import { TransactionManager } from './transactions';
import { cloneValue, idKey, stableText } from './values';
import * as W from './wire';
import * as Writes from './write-actions';

export interface DatabaseEngineOptions {
  /** SQLite file path, or ':memory:'. */
  file: string;
  /** Created at open; their unique indexes are enforced. */
  collections: readonly CollectionSpec[];
  /** Clock for serverDate and transaction timeouts (tests inject one). */
  now?: () => number;
  /** Unfinished transactions are aborted this long after they start (default LIMITS.transactionTimeoutMs). */
  transactionTimeoutMs?: number;
  /** 'NORMAL' (default) survives kill -9; 'FULL' also survives power loss, at an fsync per commit. */
  synchronous?: 'NORMAL' | 'FULL';
}

type Handler = (body: W.WireBody) => Reply;

export const DATABASE_ACTIONS = [
  'database.getDocument',
  'database.calculateDocument',
  'database.insertDocument',
  'database.modifyDocument',
  'database.modifyAndReturnDoc',
  'database.removeDocument',
  'database.aggregateDocuments',
  'database.addCollection',
  'database.startTransaction',
  'database.commitTransaction',
  'database.abortTransaction',
  'database.getInTransaction',
  'database.updateDocInTransaction',
  'database.deleteDocInTransaction',
] as const;

export type DatabaseAction = (typeof DATABASE_ACTIONS)[number];

function parse<S extends z.ZodType>(schema: S, body: W.WireBody): z.infer<S> {
  const r = schema.safeParse(body);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw invalidParam(`invalid request: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'bad shape'}`);
  }
  return r.data;
}

export class DatabaseEngine {
  /** Which index each query could use, while a test has switched it on (query-plan.ts). */
  readonly queries = new QueryLog();
  /** Failures a test injects (faults.ts); none unless one is installed. */
  readonly faults = new FaultInjector();
  private readonly db: EngineContext;
  private readonly handlers: Record<DatabaseAction, Handler>;

  constructor(opts: DatabaseEngineOptions) {
    const now = opts.now ?? Date.now;
    const store = new Store(opts.file, opts.collections, opts.synchronous ?? 'NORMAL');
    const txm = new TransactionManager(store, now, opts.transactionTimeoutMs ?? LIMITS.transactionTimeoutMs);
    const db = (this.db = new EngineContext(store, txm, now));
    this.handlers = {
      'database.getDocument': (b) => getDocument(db, parse(W.GetDocument, b)),
      'database.calculateDocument': (b) => calculateDocument(db, parse(W.CalculateDocument, b)),
      'database.insertDocument': (b) => Writes.insertDocument(db, parse(W.InsertDocument, b)),
      'database.modifyDocument': (b) => Writes.modifyDocument(db, parse(W.ModifyDocument, b)),
      'database.modifyAndReturnDoc': (b) => Writes.modifyAndReturnDoc(db, parse(W.ModifyAndReturnDoc, b)),
      'database.removeDocument': (b) => Writes.removeDocument(db, parse(W.RemoveDocument, b)),
      'database.aggregateDocuments': (b) => aggregateDocuments(db, parse(W.AggregateDocuments, b)),
      'database.addCollection': (b) => Writes.addCollection(db, parse(W.AddCollection, b)),
      'database.startTransaction': () => ({ transactionId: txm.start().id }),
      'database.commitTransaction': (b) => T.commitTransaction(db, parse(W.TransactionRef, b)),
      'database.abortTransaction': (b) => T.abortTransaction(db, parse(W.TransactionRef, b)),
      'database.getInTransaction': (b) => T.getInTransaction(db, parse(W.DocInTransaction, b)),
      'database.updateDocInTransaction': (b) => T.updateDocInTransaction(db, parse(W.DocInTransaction, b)),
      'database.deleteDocInTransaction': (b) => T.deleteDocInTransaction(db, parse(W.DocInTransaction, b)),
    };
  }

  /** One wire action → the JSON reply the SDK expects. Never throws. */
  handle(body: Record<string, unknown>): Record<string, unknown> {
    const requestId = `local-${randomBytes(8).toString('hex')}`;
    try {
      const action = body.action;
      const handler = typeof action === 'string' ? this.handlers[action as DatabaseAction] : undefined;
      if (!handler)
        return {
          requestId,
          code: 'ACTION_NOT_SUPPORTED',
          message: `local cloud: action ${String(action)} is not supported`,
        };
      this.db.txm.expire();
      if (this.faults.hits(body)) return { requestId, code: 'SYS_ERR', message: 'local cloud: injected fault' };
      if (this.queries.enabled) this.queries.record(plansOf(body, (c) => this.db.store.indexes(c), this.db.now()));
      return { requestId, ...handler(body) };
    } catch (e) {
      if (e instanceof DbError) return { requestId, code: e.code, message: e.message };
      // An engine bug, not a platform answer: keep the detail for whoever reads the host log.
      console.error(`[db] ${requestId} ${String(body.action)} failed:`, e);
      return {
        requestId,
        code: 'DATABASE_REQUEST_FAILED',
        message: `internal error: ${(e as Error)?.message ?? String(e)}`,
      };
    }
  }

  // ---- host-internal helpers -------------------------------------------------------------------

  /** Inserts one document (plain JS values) and returns its _id. Throws DbError on failure. */
  insertDoc(collection: string, doc: Record<string, unknown>): string {
    const copy = cloneValue(doc);
    this.db.prepareInsert(copy);
    this.db.assertCollection(collection);
    if (this.db.store.get(collection, copy._id))
      throw duplicateKey(collection, '_id_', `{ _id: ${stableText(copy._id)} }`);
    this.db.apply([{ coll: collection, key: idKey(copy._id), after: copy }]);
    return String(wireId(copy._id));
  }

  /** Matching documents (plain JS query, MongoDB operators), in natural order, as copies. */
  findDocs(collection: string, query?: Record<string, unknown>): Record<string, unknown>[] {
    this.db.assertCollection(collection);
    return this.db.matchAll(collection, compileQuery(query), pinnedId(query)).map((d) => cloneValue(d));
  }

  /** Stable text dump of every collection, for "database unchanged" assertions. */
  snapshot(): string {
    return this.db.store.snapshot();
  }

  /** SQLite's own consistency check ('ok' when sound). */
  integrityCheck(): string {
    return this.db.store.integrityCheck();
  }

  collectionNames(): string[] {
    return this.db.store.names();
  }

  close(): void {
    this.db.store.close();
  }
}
