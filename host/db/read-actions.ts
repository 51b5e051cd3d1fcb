/** The read wire actions: get (with paging, sort and projection), count and aggregate. */
import type { z } from 'zod';
import { isReadOnlyPipeline, runPipeline, splitLeadingMatch } from './aggregate';
import { decodeObject, decodeValue } from './ejson';
import type { Entry } from './collection';
import type { EngineContext, Keyed, Reply } from './engine-context';
import { geoNearStage, nearEntries } from './geo-actions';
import { extractNear } from './geo-near';
import { invalidParam } from './errors';
import { LIMITS } from './limits';
import { compileQuery, pinnedId } from './match';
import { compileProjection, parseSort, sortEntries } from './shape';
import { cloneValue, type Doc } from './values';
import type * as W from './wire';

/** get(): paging, sort and projection; inside a transaction, over what the transaction sees. */
export function getDocument(db: EngineContext, p: z.infer<typeof W.GetDocument>): Reply {
  const query = db.decodeQuery(p.query);
  const sort = parseSort(decodeObject(p.order, db.now(), 'order'));
  const projection = decodeObject(p.projection, db.now(), 'projection');
  const offset = p.offset ?? 0;
  if (p.limit !== undefined && p.limit < 0) throw invalidParam('limit must not be negative');
  const limit = Math.min(p.limit || LIMITS.defaultGetLimit, LIMITS.maxGetLimit);
  const { near, rest } = extractNear(query);
  return db.inScope(p.transactionId, p.collectionName, (tx) => {
    const pred = compileQuery(rest);
    const stopAfter = sort.length ? Infinity : offset + limit;
    // A near query comes nearest first; an explicit sort then reorders, as MongoDB's does.
    const matched: Keyed[] = near
      ? nearEntries(db, tx, p.collectionName, near, pred, stopAfter).map((n) => n.item)
      : db.matchIn(tx, p.collectionName, pred, pinnedId(rest), stopAfter);
    const page = sortEntries(matched, sort).slice(offset, offset + limit);
    const stored = !tx && !projection && page.every((e): e is Entry => 'body' in e);
    const list = stored ? db.encodeEntries(page) : db.encodeList(page.map((e) => compileProjection(projection)(e.doc)));
    return { data: { list }, limit, offset };
  });
}

export function calculateDocument(db: EngineContext, p: z.infer<typeof W.CalculateDocument>): Reply {
  const query = db.decodeQuery(p.query);
  return db.inScope(p.transactionId, p.collectionName, (tx) => {
    if (!tx && (!query || Object.keys(query).length === 0))
      return { data: { total: db.store.count(p.collectionName) } };
    return { data: { total: db.matchIn(tx, p.collectionName, compileQuery(query), pinnedId(query)).length } };
  });
}

export function aggregateDocuments(db: EngineContext, p: z.infer<typeof W.AggregateDocuments>): Reply {
  const now = db.now();
  const pipeline = p.stages.map((s) => ({ [s.stageKey]: decodeValue(s.stageValue, now) }));
  return db.inScope(p.transactionId, p.collectionName, (tx) => {
    // Stored documents are shared with every reader: copy them only when a stage could write to them.
    const copy = isReadOnlyPipeline(pipeline) ? (d: Doc) => d : (d: Doc) => cloneValue(d);
    const load = (name: string) => db.docsIn(tx, name).map(copy);
    // A leading $match filters while scanning (an _id equality is a direct lookup), so only its
    // matches are copied and handed to mingo; the same matcher would have run first anyway.
    const first = pipeline[0];
    if (first && '$geoNear' in first) {
      const out = runPipeline(geoNearStage(db, tx, p.collectionName, first.$geoNear), pipeline.slice(1), load);
      return { data: { list: db.encodeList(out) } };
    }
    const { match, rest } = splitLeadingMatch(pipeline);
    const input = match
      ? db.matchIn(tx, p.collectionName, compileQuery(match), pinnedId(match)).map((e) => copy(e.doc))
      : load(p.collectionName);
    const out = runPipeline(input, rest, load);
    return { data: { list: db.encodeList(out) } };
  });
}
