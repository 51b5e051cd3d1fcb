/**
 * The write wire actions outside and inside a transaction: add, update / set (with upsert),
 * findOneAndUpdate, remove, and creating a collection.
 */
import type { z } from 'zod';
import { decodeValue, encodeDoc } from './ejson';
import { newId, wireId, type EngineContext, type Reply } from './engine-context';
import { DbError, duplicateKey, invalidParam } from './errors';
import { compileQuery, pinnedId } from './match';
import { assertDoc } from './errors';
import type { Change } from './store';
import { applyUpdate } from './update';
import { idKey, stableText } from './values';
import type * as W from './wire';

/** add(): one or several documents, all or none (inside a transaction, at its commit). */
export function insertDocument(db: EngineContext, p: z.infer<typeof W.InsertDocument>): Reply {
  const now = db.now();
  const docs = p.data.map((text) => assertDoc(decodeValue(text, now), 'document'));
  return db.inScope(p.transactionId, p.collectionName, (tx) => {
    for (const d of docs) db.prepareInsert(d);
    const seen = new Set<string>();
    const changes = docs.map((d) => {
      const key = idKey(d._id);
      const exists = tx ? db.txm.read(tx, p.collectionName, key) : db.store.getByKey(p.collectionName, key);
      if (seen.has(key) || exists) throw duplicateKey(p.collectionName, '_id_', `{ _id: ${stableText(d._id)} }`);
      seen.add(key);
      return { coll: p.collectionName, key, after: d };
    });
    db.write(tx, changes);
    return { data: { insertedIds: docs.map((d) => wireId(d._id)) } };
  });
}

/** update() (merge) and set() (replace, upsert by _id), on one or every match. */
export function modifyDocument(db: EngineContext, p: z.infer<typeof W.ModifyDocument>): Reply {
  const data = assertDoc(decodeValue(p.data, db.now()), 'data');
  const merge = p.merge !== false;
  const query = db.decodeQuery(p.query);
  return db.inScope(p.transactionId, p.collectionName, (tx) => {
    const id = pinnedId(query);
    const matched = db.matchIn(tx, p.collectionName, compileQuery(query), id, p.multi ? Infinity : 1);
    const changes: Change[] = [];
    for (const { key, doc } of matched) {
      const next = db.nextVersion(doc, data, merge);
      if (stableText(next) !== stableText(doc)) changes.push({ coll: p.collectionName, key, after: next });
    }
    if (matched.length === 0 && p.upsert) {
      const newIdValue = id ?? newId();
      const doc = db.nextVersion({ _id: newIdValue }, data, merge);
      db.write(tx, [{ coll: p.collectionName, key: idKey(newIdValue), after: doc }]);
      return { data: { updated: 0, upsert_id: wireId(newIdValue) } };
    }
    db.write(tx, changes);
    return { data: { updated: changes.length } };
  });
}

/** findOneAndUpdate returning the new document (the first match in natural order). */
export function modifyAndReturnDoc(db: EngineContext, p: z.infer<typeof W.ModifyAndReturnDoc>): Reply {
  const data = assertDoc(decodeValue(p.data, db.now()), 'data');
  const query = db.decodeQuery(p.query);
  return db.inScope(p.transactionId, p.collectionName, (tx) => {
    const [current] = db.matchIn(tx, p.collectionName, compileQuery(query), pinnedId(query), 1);
    if (!current) return { data: { updated: 0, doc: null } };
    const next = applyUpdate(current.doc, data);
    const changed = stableText(next) !== stableText(current.doc);
    if (changed) db.write(tx, [{ coll: p.collectionName, key: current.key, after: next }]);
    return { data: { updated: changed ? 1 : 0, doc: encodeDoc(next) } };
  });
}

export function removeDocument(db: EngineContext, p: z.infer<typeof W.RemoveDocument>): Reply {
  const query = db.decodeQuery(p.query);
  return db.inScope(p.transactionId, p.collectionName, (tx) => {
    const limit = p.multi === false ? 1 : Infinity;
    const matched = db.matchIn(tx, p.collectionName, compileQuery(query), pinnedId(query), limit);
    db.write(
      tx,
      matched.map((e) => ({ coll: p.collectionName, key: e.key, after: null })),
    );
    return { data: { deleted: matched.length } };
  });
}

export function addCollection(db: EngineContext, p: z.infer<typeof W.AddCollection>): Reply {
  const name = p.collectionName;
  if (name.startsWith('$') || name.includes('\0') || name.startsWith('system.'))
    throw invalidParam(`invalid collection name: ${name}`);
  if (!db.store.addCollection(name))
    throw new DbError(
      'DATABASE_REQUEST_FAILED',
      `DATABASE_COLLECTION_ALREADY_EXIST: collection ${name} already exists`,
    );
  return { data: {} };
}
