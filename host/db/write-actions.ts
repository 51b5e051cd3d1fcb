/**
 * The write wire actions outside and inside a transaction: add, update / set (with upsert),
 * findOneAndUpdate, remove, and creating a collection.
 */
import type { z } from 'zod';
import { decodeValue, encodeDoc } from './ejson';
import { newId, wireId, type EngineContext, type Reply } from './engine-context';
import { DbError, duplicateKey, invalidParam } from './errors';
import { compileQuery, pinnedId } from './match';
import { assertDoc, type Change } from './store';
import { applyUpdate } from './update';
import { idKey, stableText, type Doc } from './values';
import type * as W from './wire';

export function insertDocument(db: EngineContext, p: z.infer<typeof W.InsertDocument>): Reply {
  const now = db.now();
  const docs = p.data.map((text) => assertDoc(decodeValue(text, now), 'document'));
  for (const d of docs) db.prepareInsert(d);
  if (p.transactionId) {
    const tx = db.txm.active(p.transactionId);
    if (docs.length !== 1) throw db.txFail(tx, db.notInTransaction('add of several documents'));
    const doc = docs[0] as Doc;
    const key = idKey(doc._id);
    db.txStep(tx, () => {
      db.assertCollection(p.collectionName);
      if (db.txm.read(tx, p.collectionName, key))
        throw duplicateKey(p.collectionName, '_id_', `{ _id: ${stableText(doc._id)} }`);
      db.txWrite(tx, p.collectionName, key, doc);
    });
    return { data: { insertedIds: [wireId(doc._id)] } };
  }
  db.assertCollection(p.collectionName);
  const seen = new Set<string>();
  const changes = docs.map((d) => {
    const key = idKey(d._id);
    if (seen.has(key) || db.store.getByKey(p.collectionName, key))
      throw duplicateKey(p.collectionName, '_id_', `{ _id: ${stableText(d._id)} }`);
    seen.add(key);
    return { coll: p.collectionName, key, after: d };
  });
  db.apply(changes);
  return { data: { insertedIds: docs.map((d) => wireId(d._id)) } };
}

export function modifyDocument(db: EngineContext, p: z.infer<typeof W.ModifyDocument>): Reply {
  const data = assertDoc(decodeValue(p.data, db.now()), 'data');
  const merge = p.merge !== false;
  if (p.transactionId) {
    const tx = db.txm.active(p.transactionId);
    const key = db.singleDocKey(tx, p.queryType, p.query);
    return db.txStep(tx, () => {
      db.assertCollection(p.collectionName);
      const current = db.txm.read(tx, p.collectionName, key);
      if (!current) {
        if (!p.upsert) return { data: { updated: 0 } };
        const id = db.decodeQuery(p.query)?._id;
        db.txWrite(tx, p.collectionName, key, db.nextVersion({ _id: id }, data, merge));
        return { data: { updated: 0, upsert_id: wireId(id) } };
      }
      const next = db.nextVersion(current, data, merge);
      if (stableText(next) === stableText(current)) return { data: { updated: 0 } };
      db.txWrite(tx, p.collectionName, key, next);
      return { data: { updated: 1 } };
    });
  }
  db.assertCollection(p.collectionName);
  const query = db.decodeQuery(p.query);
  const id = pinnedId(query);
  const matched = db.matchAll(p.collectionName, compileQuery(query), id, p.multi ? Infinity : 1);
  const changes: Change[] = [];
  for (const current of matched) {
    const next = db.nextVersion(current, data, merge);
    if (stableText(next) !== stableText(current))
      changes.push({ coll: p.collectionName, key: idKey(current._id), after: next });
  }
  if (matched.length === 0 && p.upsert) {
    const newIdValue = id ?? newId();
    const doc = db.nextVersion({ _id: newIdValue }, data, merge);
    db.apply([{ coll: p.collectionName, key: idKey(newIdValue), after: doc }]);
    return { data: { updated: 0, upsert_id: wireId(newIdValue) } };
  }
  db.apply(changes);
  return { data: { updated: changes.length } };
}

/** findOneAndUpdate returning the new document (the first match in natural order). */
export function modifyAndReturnDoc(db: EngineContext, p: z.infer<typeof W.ModifyAndReturnDoc>): Reply {
  const data = assertDoc(decodeValue(p.data, db.now()), 'data');
  if (p.transactionId) {
    const tx = db.txm.active(p.transactionId);
    const key = db.singleDocKey(tx, 'DOC', p.query);
    return db.txStep(tx, () => {
      const current = db.txm.read(tx, p.collectionName, key);
      if (!current) return { data: { updated: 0, doc: null } };
      const next = applyUpdate(current, data);
      const changed = stableText(next) !== stableText(current);
      if (changed) db.txWrite(tx, p.collectionName, key, next);
      return { data: { updated: changed ? 1 : 0, doc: encodeDoc(next) } };
    });
  }
  db.assertCollection(p.collectionName);
  const query = db.decodeQuery(p.query);
  const [current] = db.matchAll(p.collectionName, compileQuery(query), pinnedId(query), 1);
  if (!current) return { data: { updated: 0, doc: null } };
  const next = applyUpdate(current, data);
  const changed = stableText(next) !== stableText(current);
  if (changed) db.apply([{ coll: p.collectionName, key: idKey(current._id), after: next }]);
  return { data: { updated: changed ? 1 : 0, doc: encodeDoc(next) } };
}

export function removeDocument(db: EngineContext, p: z.infer<typeof W.RemoveDocument>): Reply {
  if (p.transactionId) {
    const tx = db.txm.active(p.transactionId);
    const key = db.singleDocKey(tx, p.queryType, p.query);
    return db.txStep(tx, () => {
      db.assertCollection(p.collectionName);
      if (!db.txm.read(tx, p.collectionName, key)) return { data: { deleted: 0 } };
      db.txm.write(tx, p.collectionName, key, null);
      return { data: { deleted: 1 } };
    });
  }
  db.assertCollection(p.collectionName);
  const query = db.decodeQuery(p.query);
  const matched = db.matchAll(p.collectionName, compileQuery(query), pinnedId(query), p.multi === false ? 1 : Infinity);
  db.apply(matched.map((d) => ({ coll: p.collectionName, key: idKey(d._id), after: null })));
  return { data: { deleted: matched.length } };
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
