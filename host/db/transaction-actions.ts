/**
 * The transaction wire actions: commit, abort, and the document steps runTransaction's callback
 * makes (get, update / set with upsert, delete by _id).
 */
import type { z } from 'zod';
import { decodeValue, encodeDoc } from './ejson';
import type { EngineContext, Reply } from './engine-context';
import { assertDoc } from './errors';
import { isOperatorUpdate } from './update';
import { idKey, stableText } from './values';
import type * as W from './wire';

export function commitTransaction(db: EngineContext, p: z.infer<typeof W.TransactionRef>): Reply {
  db.txm.commit(db.txm.active(p.transactionId));
  return { data: {} };
}

/** Rollback (see TransactionManager.rollback for which finished transactions still accept one). */
export function abortTransaction(db: EngineContext, p: z.infer<typeof W.TransactionRef>): Reply {
  db.txm.rollback(p.transactionId);
  return { data: {} };
}

export function getInTransaction(db: EngineContext, p: z.infer<typeof W.DocInTransaction>): Reply {
  const tx = db.txm.active(p.transactionId);
  const doc = db.txStep(tx, () => {
    db.assertCollection(p.collectionName);
    return db.txm.read(tx, p.collectionName, idKey(p._id));
  });
  return { data: doc ? encodeDoc(doc) : 'null' };
}

export function updateDocInTransaction(db: EngineContext, p: z.infer<typeof W.DocInTransaction>): Reply {
  const tx = db.txm.active(p.transactionId);
  const data = assertDoc(decodeValue(p.data, db.now()), 'data');
  const key = idKey(p._id);
  return db.txStep(tx, () => {
    db.assertCollection(p.collectionName);
    const current = db.txm.read(tx, p.collectionName, key);
    const merge = isOperatorUpdate(data);
    if (!current) {
      if (!p.upsert) return { updated: '0', upserted: null };
      db.txWrite(tx, p.collectionName, key, db.nextVersion({ _id: p._id }, data, merge));
      return { updated: '0', upserted: JSON.stringify([{ _id: p._id }]) };
    }
    const next = db.nextVersion(current, data, merge);
    const changed = stableText(next) !== stableText(current);
    if (changed) db.txWrite(tx, p.collectionName, key, next);
    return { updated: changed ? '1' : '0', upserted: null };
  });
}

export function deleteDocInTransaction(db: EngineContext, p: z.infer<typeof W.DocInTransaction>): Reply {
  const tx = db.txm.active(p.transactionId);
  const key = idKey(p._id);
  return db.txStep(tx, () => {
    db.assertCollection(p.collectionName);
    if (!db.txm.read(tx, p.collectionName, key)) return { deleted: '0' };
    db.txm.write(tx, p.collectionName, key, null);
    return { deleted: '1' };
  });
}
