/**
 * The local cloud's document database: answers the wire actions wx-server-sdk posts to /admin,
 * with CloudBase's semantics (MongoDB's, see match.ts / update.ts), limits and error codes.
 *
 *   const engine = new DatabaseEngine({ file: 'siyu.sqlite', collections: COLLECTIONS });
 *   http handler: reply(engine.handle(JSON.parse(body)))
 */
import { randomBytes } from 'node:crypto';
import { calculateObjectSize, ObjectId } from 'bson';
import type { z } from 'zod';
import type { CollectionSpec } from '@core/db/schema';
import { isReadOnlyPipeline, runPipeline, splitLeadingMatch } from './aggregate';
import { decodeObject, decodeValue, encodeDoc } from './ejson';
import { DbError, duplicateKey, invalidParam, requestFailed, resultTooLarge } from './errors';
import { LIMITS } from './limits';
import { compileQuery, pinnedId, type Predicate } from './match';
import { compileProjection, parseSort, sortEntries } from './shape';
import { assertDoc, Store, type Change, type Entry } from './store';
import { TransactionManager, type Transaction } from './transactions';
import { applyUpdate, checkFieldNames, isOperatorUpdate } from './update';
import { cloneValue, idKey, isPlainObject, stableText, type Doc } from './values';
import * as W from './wire';

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

type Reply = Record<string, unknown>;
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

/** Production-like _id: 32 lowercase hex characters. */
const newId = () => randomBytes(16).toString('hex');

function parse<S extends z.ZodType>(schema: S, body: W.WireBody): z.infer<S> {
  const r = schema.safeParse(body);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw invalidParam(`invalid request: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'bad shape'}`);
  }
  return r.data;
}

function checkId(id: unknown): void {
  if (Array.isArray(id)) throw requestFailed("can't use an array for _id");
  if (id instanceof RegExp || (isPlainObject(id) && Object.keys(id).some((k) => k.startsWith('$'))))
    throw requestFailed('invalid _id value');
}

/** The stored form of a wire id (insertedIds / upsert_id): strings and numbers as they are. */
function wireId(id: unknown): unknown {
  return id instanceof ObjectId ? id.toHexString() : id;
}

export class DatabaseEngine {
  private readonly store: Store;
  private readonly txm: TransactionManager;
  private readonly now: () => number;
  private readonly handlers: Record<DatabaseAction, Handler>;

  constructor(opts: DatabaseEngineOptions) {
    this.now = opts.now ?? Date.now;
    this.store = new Store(opts.file, opts.collections, opts.synchronous ?? 'NORMAL');
    this.txm = new TransactionManager(this.store, this.now, opts.transactionTimeoutMs ?? LIMITS.transactionTimeoutMs);
    this.handlers = {
      'database.getDocument': (b) => this.getDocument(parse(W.GetDocument, b)),
      'database.calculateDocument': (b) => this.calculateDocument(parse(W.CalculateDocument, b)),
      'database.insertDocument': (b) => this.insertDocument(parse(W.InsertDocument, b)),
      'database.modifyDocument': (b) => this.modifyDocument(parse(W.ModifyDocument, b)),
      'database.modifyAndReturnDoc': (b) => this.modifyAndReturnDoc(parse(W.ModifyAndReturnDoc, b)),
      'database.removeDocument': (b) => this.removeDocument(parse(W.RemoveDocument, b)),
      'database.aggregateDocuments': (b) => this.aggregateDocuments(parse(W.AggregateDocuments, b)),
      'database.addCollection': (b) => this.addCollection(parse(W.AddCollection, b)),
      'database.startTransaction': () => ({ transactionId: this.txm.start().id }),
      'database.commitTransaction': (b) => this.commitTransaction(parse(W.TransactionRef, b)),
      'database.abortTransaction': (b) => this.abortTransaction(parse(W.TransactionRef, b)),
      'database.getInTransaction': (b) => this.getInTransaction(parse(W.DocInTransaction, b)),
      'database.updateDocInTransaction': (b) => this.updateDocInTransaction(parse(W.DocInTransaction, b)),
      'database.deleteDocInTransaction': (b) => this.deleteDocInTransaction(parse(W.DocInTransaction, b)),
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
      this.txm.expire();
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
    this.prepareInsert(copy);
    this.assertCollection(collection);
    if (this.store.get(collection, copy._id))
      throw duplicateKey(collection, '_id_', `{ _id: ${stableText(copy._id)} }`);
    const changes = [{ coll: collection, key: idKey(copy._id), after: copy }];
    this.store.apply(changes);
    this.txm.doomHolders(changes);
    return String(wireId(copy._id));
  }

  /** Matching documents (plain JS query, MongoDB operators), in natural order, as copies. */
  findDocs(collection: string, query?: Record<string, unknown>): Record<string, unknown>[] {
    this.assertCollection(collection);
    return this.matchAll(collection, compileQuery(query), pinnedId(query)).map((d) => cloneValue(d));
  }

  /** Stable text dump of every collection, for "database unchanged" assertions. */
  snapshot(): string {
    return this.store.snapshot();
  }

  /** SQLite's own consistency check ('ok' when sound). */
  integrityCheck(): string {
    return this.store.integrityCheck();
  }

  collectionNames(): string[] {
    return this.store.names();
  }

  close(): void {
    this.store.close();
  }

  // ---- reads -----------------------------------------------------------------------------------

  private assertCollection(name: string): void {
    this.store.count(name); // throws DATABASE_COLLECTION_NOT_EXIST
  }

  private decodeQuery(text: string | undefined): Doc | undefined {
    return decodeObject(text, this.now(), 'query');
  }

  /** Every match in natural order; `_id` equality is a direct lookup. Shared objects: do not mutate. */
  private matchEntries(coll: string, pred: Predicate, id: unknown, stopAfter = Infinity): Entry[] {
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

  private matchAll(coll: string, pred: Predicate, id: unknown, stopAfter = Infinity): Doc[] {
    return this.matchEntries(coll, pred, id, stopAfter).map((e) => e.doc);
  }

  /** Encodes a reply's documents, failing past the 1 MB result limit like the platform. */
  private encodeList(docs: Doc[]): string[] {
    let bytes = 0;
    return docs.map((d) => {
      bytes += calculateObjectSize(d);
      if (bytes > LIMITS.maxResultBytes) throw resultTooLarge(bytes);
      return encodeDoc(d);
    });
  }

  /** Stored documents reuse their stored text and size: no re-encoding on the hot read path. */
  private encodeEntries(entries: Entry[]): string[] {
    let bytes = 0;
    return entries.map((e) => {
      bytes += e.bytes;
      if (bytes > LIMITS.maxResultBytes) throw resultTooLarge(bytes);
      return e.body;
    });
  }

  private getDocument(p: z.infer<typeof W.GetDocument>): Reply {
    if (p.transactionId) {
      const tx = this.txm.active(p.transactionId);
      const key = this.singleDocKey(tx, p.queryType, p.query);
      const doc = this.txStep(tx, () => this.txm.read(tx, p.collectionName, key));
      const project = compileProjection(decodeObject(p.projection, this.now(), 'projection'));
      return { data: { list: doc ? [encodeDoc(project(doc))] : [] } };
    }
    this.assertCollection(p.collectionName);
    const query = this.decodeQuery(p.query);
    const sort = parseSort(decodeObject(p.order, this.now(), 'order'));
    const projection = decodeObject(p.projection, this.now(), 'projection');
    const offset = p.offset ?? 0;
    if (p.limit !== undefined && p.limit < 0) throw invalidParam('limit must not be negative');
    const limit = Math.min(p.limit || LIMITS.defaultGetLimit, LIMITS.maxGetLimit);
    const pred = compileQuery(query);
    const matched = this.matchEntries(p.collectionName, pred, pinnedId(query), sort.length ? Infinity : offset + limit);
    const page = sortEntries(matched, sort).slice(offset, offset + limit);
    const list = projection
      ? this.encodeList(page.map((e) => compileProjection(projection)(e.doc)))
      : this.encodeEntries(page);
    return { data: { list }, limit, offset };
  }

  private calculateDocument(p: z.infer<typeof W.CalculateDocument>): Reply {
    if (p.transactionId) throw this.notInTransaction('count');
    this.assertCollection(p.collectionName);
    const query = this.decodeQuery(p.query);
    if (!query || Object.keys(query).length === 0) return { data: { total: this.store.count(p.collectionName) } };
    return { data: { total: this.matchAll(p.collectionName, compileQuery(query), pinnedId(query)).length } };
  }

  private aggregateDocuments(p: z.infer<typeof W.AggregateDocuments>): Reply {
    if (p.transactionId) throw this.notInTransaction('aggregate');
    this.assertCollection(p.collectionName);
    const now = this.now();
    const pipeline = p.stages.map((s) => ({ [s.stageKey]: decodeValue(s.stageValue, now) }));
    // Stored documents are shared with every reader: copy them only when a stage could write to them.
    const copy = isReadOnlyPipeline(pipeline) ? (d: Doc) => d : (d: Doc) => cloneValue(d);
    const load = (name: string) => (this.store.has(name) ? [...this.store.scan(name)].map((e) => copy(e.doc)) : []);
    // A leading $match filters while scanning (an _id equality is a direct lookup), so only its
    // matches are copied and handed to mingo; the same matcher would have run first anyway.
    const { match, rest } = splitLeadingMatch(pipeline);
    const input = match
      ? this.matchAll(p.collectionName, compileQuery(match), pinnedId(match)).map(copy)
      : load(p.collectionName);
    const out = runPipeline(input, rest, load);
    return { data: { list: this.encodeList(out) } };
  }

  // ---- writes ----------------------------------------------------------------------------------

  /** Validates a new document in place and gives it an _id when it has none. */
  private prepareInsert(doc: Doc): void {
    checkFieldNames(doc);
    if (doc._id === undefined) doc._id = newId();
    checkId(doc._id);
  }

  private apply(changes: Change[]): void {
    this.store.apply(changes);
    this.txm.doomHolders(changes);
  }

  private insertDocument(p: z.infer<typeof W.InsertDocument>): Reply {
    const now = this.now();
    const docs = p.data.map((text) => assertDoc(decodeValue(text, now), 'document'));
    for (const d of docs) this.prepareInsert(d);
    if (p.transactionId) {
      const tx = this.txm.active(p.transactionId);
      if (docs.length !== 1) throw this.txFail(tx, this.notInTransaction('add of several documents'));
      const doc = docs[0] as Doc;
      const key = idKey(doc._id);
      this.txStep(tx, () => {
        this.assertCollection(p.collectionName);
        if (this.txm.read(tx, p.collectionName, key))
          throw duplicateKey(p.collectionName, '_id_', `{ _id: ${stableText(doc._id)} }`);
        this.store.checkUnique(p.collectionName, key, doc, tx.writes.values());
        this.txm.write(tx, p.collectionName, key, doc);
      });
      return { data: { insertedIds: [wireId(doc._id)] } };
    }
    this.assertCollection(p.collectionName);
    const seen = new Set<string>();
    const changes = docs.map((d) => {
      const key = idKey(d._id);
      if (seen.has(key) || this.store.getByKey(p.collectionName, key))
        throw duplicateKey(p.collectionName, '_id_', `{ _id: ${stableText(d._id)} }`);
      seen.add(key);
      return { coll: p.collectionName, key, after: d };
    });
    this.apply(changes);
    return { data: { insertedIds: docs.map((d) => wireId(d._id)) } };
  }

  /** update() merges operators; set() (merge: false) replaces everything but _id. */
  private nextVersion(current: Doc, data: Doc, merge: boolean): Doc {
    if (merge) return applyUpdate(current, data);
    if (isOperatorUpdate(data)) throw requestFailed('set() takes a document, not update operators');
    checkFieldNames(data);
    if (data._id !== undefined && stableText(data._id) !== stableText(current._id))
      throw requestFailed("Performing an update on the path '_id' would modify the immutable field '_id'");
    const { _id: _ignored, ...rest } = cloneValue(data);
    return { _id: current._id, ...rest };
  }

  private modifyDocument(p: z.infer<typeof W.ModifyDocument>): Reply {
    const data = assertDoc(decodeValue(p.data, this.now()), 'data');
    const merge = p.merge !== false;
    if (p.transactionId) {
      const tx = this.txm.active(p.transactionId);
      const key = this.singleDocKey(tx, p.queryType, p.query);
      return this.txStep(tx, () => {
        this.assertCollection(p.collectionName);
        const current = this.txm.read(tx, p.collectionName, key);
        if (!current) {
          if (!p.upsert) return { data: { updated: 0 } };
          const id = this.decodeQuery(p.query)?._id;
          const doc = this.nextVersion({ _id: id }, data, merge);
          this.store.checkUnique(p.collectionName, key, doc, tx.writes.values());
          this.txm.write(tx, p.collectionName, key, doc);
          return { data: { updated: 0, upsert_id: wireId(id) } };
        }
        const next = this.nextVersion(current, data, merge);
        if (stableText(next) === stableText(current)) return { data: { updated: 0 } };
        this.store.checkUnique(p.collectionName, key, next, tx.writes.values());
        this.txm.write(tx, p.collectionName, key, next);
        return { data: { updated: 1 } };
      });
    }
    this.assertCollection(p.collectionName);
    const query = this.decodeQuery(p.query);
    const id = pinnedId(query);
    const matched = this.matchAll(p.collectionName, compileQuery(query), id, p.multi ? Infinity : 1);
    const changes: Change[] = [];
    for (const current of matched) {
      const next = this.nextVersion(current, data, merge);
      if (stableText(next) !== stableText(current))
        changes.push({ coll: p.collectionName, key: idKey(current._id), after: next });
    }
    if (matched.length === 0 && p.upsert) {
      const newIdValue = id ?? newId();
      const doc = this.nextVersion({ _id: newIdValue }, data, merge);
      this.apply([{ coll: p.collectionName, key: idKey(newIdValue), after: doc }]);
      return { data: { updated: 0, upsert_id: wireId(newIdValue) } };
    }
    this.apply(changes);
    return { data: { updated: changes.length } };
  }

  /** findOneAndUpdate returning the new document (the first match in natural order). */
  private modifyAndReturnDoc(p: z.infer<typeof W.ModifyAndReturnDoc>): Reply {
    const data = assertDoc(decodeValue(p.data, this.now()), 'data');
    if (p.transactionId) {
      const tx = this.txm.active(p.transactionId);
      const key = this.singleDocKey(tx, 'DOC', p.query);
      return this.txStep(tx, () => {
        const current = this.txm.read(tx, p.collectionName, key);
        if (!current) return { data: { updated: 0, doc: null } };
        const next = applyUpdate(current, data);
        const changed = stableText(next) !== stableText(current);
        if (changed) {
          this.store.checkUnique(p.collectionName, key, next, tx.writes.values());
          this.txm.write(tx, p.collectionName, key, next);
        }
        return { data: { updated: changed ? 1 : 0, doc: encodeDoc(next) } };
      });
    }
    this.assertCollection(p.collectionName);
    const query = this.decodeQuery(p.query);
    const [current] = this.matchAll(p.collectionName, compileQuery(query), pinnedId(query), 1);
    if (!current) return { data: { updated: 0, doc: null } };
    const next = applyUpdate(current, data);
    const changed = stableText(next) !== stableText(current);
    if (changed) this.apply([{ coll: p.collectionName, key: idKey(current._id), after: next }]);
    return { data: { updated: changed ? 1 : 0, doc: encodeDoc(next) } };
  }

  private removeDocument(p: z.infer<typeof W.RemoveDocument>): Reply {
    if (p.transactionId) {
      const tx = this.txm.active(p.transactionId);
      const key = this.singleDocKey(tx, p.queryType, p.query);
      return this.txStep(tx, () => {
        this.assertCollection(p.collectionName);
        if (!this.txm.read(tx, p.collectionName, key)) return { data: { deleted: 0 } };
        this.txm.write(tx, p.collectionName, key, null);
        return { data: { deleted: 1 } };
      });
    }
    this.assertCollection(p.collectionName);
    const query = this.decodeQuery(p.query);
    const matched = this.matchAll(
      p.collectionName,
      compileQuery(query),
      pinnedId(query),
      p.multi === false ? 1 : Infinity,
    );
    this.apply(matched.map((d) => ({ coll: p.collectionName, key: idKey(d._id), after: null })));
    return { data: { deleted: matched.length } };
  }

  private addCollection(p: z.infer<typeof W.AddCollection>): Reply {
    const name = p.collectionName;
    if (name.startsWith('$') || name.includes('\0') || name.startsWith('system.'))
      throw invalidParam(`invalid collection name: ${name}`);
    if (!this.store.addCollection(name))
      throw new DbError(
        'DATABASE_REQUEST_FAILED',
        `DATABASE_COLLECTION_ALREADY_EXIST: collection ${name} already exists`,
      );
    return { data: {} };
  }

  // ---- transactions ----------------------------------------------------------------------------

  private notInTransaction(what: string): DbError {
    return requestFailed(
      `${what} is not allowed in a transaction: only single-document operations (doc(id).get/set/update/remove, add) are`,
    );
  }

  /** An error inside a transaction aborts it, as in MongoDB. */
  private txFail(tx: Transaction, e: DbError): DbError {
    this.txm.abort(tx, e);
    return e;
  }

  private txStep<T>(tx: Transaction, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof DbError) throw this.txFail(tx, e);
      throw e;
    }
  }

  /** A transaction operation must name exactly one document: doc(id), i.e. `{ _id: <id> }`. */
  private singleDocKey(tx: Transaction, queryType: string | undefined, text: string | undefined): string {
    const query = this.decodeQuery(text);
    const keys = query ? Object.keys(query) : [];
    const id = query?._id;
    if (queryType !== 'DOC' || keys.length !== 1 || id === undefined || isPlainObject(id) || Array.isArray(id))
      throw this.txFail(tx, this.notInTransaction('a query (where)'));
    return idKey(id);
  }

  private commitTransaction(p: z.infer<typeof W.TransactionRef>): Reply {
    const tx = this.txm.active(p.transactionId);
    this.txm.commit(tx);
    return { data: {} };
  }

  /** Aborting an already aborted transaction succeeds: the SDK rolls back after a failed step. */
  private abortTransaction(p: z.infer<typeof W.TransactionRef>): Reply {
    try {
      const tx = this.txm.active(p.transactionId);
      this.txm.abort(tx);
    } catch (e) {
      if (!(e instanceof DbError) || /committed/.test(e.message)) throw e;
    }
    return { data: {} };
  }

  private getInTransaction(p: z.infer<typeof W.DocInTransaction>): Reply {
    const tx = this.txm.active(p.transactionId);
    const doc = this.txStep(tx, () => {
      this.assertCollection(p.collectionName);
      return this.txm.read(tx, p.collectionName, idKey(p._id));
    });
    return { data: doc ? encodeDoc(doc) : 'null' };
  }

  private updateDocInTransaction(p: z.infer<typeof W.DocInTransaction>): Reply {
    const tx = this.txm.active(p.transactionId);
    const data = assertDoc(decodeValue(p.data, this.now()), 'data');
    const key = idKey(p._id);
    return this.txStep(tx, () => {
      this.assertCollection(p.collectionName);
      const current = this.txm.read(tx, p.collectionName, key);
      const merge = isOperatorUpdate(data);
      if (!current) {
        if (!p.upsert) return { updated: '0', upserted: null };
        const doc = this.nextVersion({ _id: p._id }, data, merge);
        this.store.checkUnique(p.collectionName, key, doc, tx.writes.values());
        this.txm.write(tx, p.collectionName, key, doc);
        return { updated: '0', upserted: JSON.stringify([{ _id: p._id }]) };
      }
      const next = this.nextVersion(current, data, merge);
      const changed = stableText(next) !== stableText(current);
      if (changed) {
        this.store.checkUnique(p.collectionName, key, next, tx.writes.values());
        this.txm.write(tx, p.collectionName, key, next);
      }
      return { updated: changed ? '1' : '0', upserted: null };
    });
  }

  private deleteDocInTransaction(p: z.infer<typeof W.DocInTransaction>): Reply {
    const tx = this.txm.active(p.transactionId);
    const key = idKey(p._id);
    return this.txStep(tx, () => {
      this.assertCollection(p.collectionName);
      if (!this.txm.read(tx, p.collectionName, key)) return { deleted: '0' };
      this.txm.write(tx, p.collectionName, key, null);
      return { deleted: '1' };
    });
  }
}
