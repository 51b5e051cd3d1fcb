/**
 * Where the engine answers nearness: a find whose query holds `$nearSphere` (the SDK's geoNear
 * command), and a pipeline that starts with `$geoNear`. Committed data goes through the 2dsphere
 * index's grid; a transaction's view is measured document by document. Either way the index must
 * be declared, as MongoDB requires.
 */
import type { EngineContext, Keyed } from './engine-context';
import { requestFailed } from './errors';
import { toGeometry } from './geo';
import { geometriesAt } from './geo-index';
import { angleTo } from './geo';
import { nearIndexed, nearScan, NO_GEO_INDEX, reported, stageNear, type Near, type NearSpec } from './geo-near';
import { compileQuery, resolvePath } from './match';
import type { Transaction } from './transactions';
import { cloneValue, isPlainObject, toNumber, type Doc } from './values';

/** Matches of `pred` nearest first; `need` lets the index stop early (Infinity: every match). */
export function nearEntries(
  db: EngineContext,
  tx: Transaction | undefined,
  coll: string,
  near: NearSpec,
  pred: (d: Doc) => boolean,
  need: number,
): Array<Near<Keyed>> {
  const index = db.store.geoIndex(coll, near.field);
  if (!index) throw requestFailed(NO_GEO_INDEX);
  if (tx) return nearScan(db.txm.scan(tx, coll), near, (e) => e.doc, pred);
  return nearIndexed(index, near, (key) => db.store.getByKey(coll, key), pred, need);
}

function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = doc;
  for (const p of parts.slice(0, -1)) {
    if (!isPlainObject(cur[p])) cur[p] = {};
    cur = cur[p] as Doc;
  }
  cur[parts[parts.length - 1] as string] = value;
}

/** The 2dsphere field a `$geoNear` stage uses: its `key`, or the collection's only one. */
function stageField(db: EngineContext, coll: string, key: unknown): string {
  const indexes = db.store.geoIndexes(coll);
  if (typeof key === 'string') {
    if (!indexes.some((i) => i.field === key)) throw requestFailed(`$geoNear: no 2dsphere index on the key '${key}'`);
    return key;
  }
  if (indexes.length === 0) throw requestFailed('$geoNear requires a 2d or 2dsphere index, but none were found');
  if (indexes.length > 1)
    throw requestFailed(`There is more than one 2dsphere index on ${coll}; unsure which to use for $geoNear`);
  return (indexes[0] as { field: string }).field;
}

/**
 * A leading `$geoNear` stage → its output documents (copies): nearest first, at most `limit`
 * (default 100, MongoDB 4.0's stage options, which CloudBase documents), each with the distance
 * at `distanceField` (times `distanceMultiplier`) and, with `includeLocs`, the location measured.
 */
export function geoNearStage(db: EngineContext, tx: Transaction | undefined, coll: string, spec: unknown): Doc[] {
  if (!isPlainObject(spec)) throw requestFailed('$geoNear needs an object');
  if (typeof spec.distanceField !== 'string' || spec.distanceField === '')
    throw requestFailed("$geoNear requires a 'distanceField' option as a String");
  const field = stageField(db, coll, spec.key);
  const near = stageNear(field, spec);
  if (spec.query !== undefined && !isPlainObject(spec.query)) throw requestFailed('$geoNear: query must be an object');
  const pred = compileQuery(spec.query);
  const limitArg = spec.limit ?? spec.num;
  const limit = limitArg === undefined ? 100 : toNumber(limitArg);
  if (limit === undefined || !Number.isInteger(limit) || limit <= 0)
    throw requestFailed('$geoNear: limit must be a positive integer');
  const multiplier = spec.distanceMultiplier === undefined ? 1 : toNumber(spec.distanceMultiplier);
  if (multiplier === undefined || multiplier < 0)
    throw requestFailed('$geoNear: distanceMultiplier must be a non-negative number');
  const includeLocs = typeof spec.includeLocs === 'string' ? spec.includeLocs : undefined;
  const path = field.split('.');
  return nearEntries(db, tx, coll, near, pred, limit)
    .slice(0, limit)
    .map(({ item, angle }) => {
      const out = cloneValue(item.doc);
      setPath(out, spec.distanceField as string, reported(near, angle) * multiplier);
      if (includeLocs) setPath(out, includeLocs, cloneValue(locationOf(item.doc, path, near, angle)));
      return out;
    });
}

/** The stored location the distance was measured to (the nearest of a multikey field). */
function locationOf(doc: Doc, path: string[], near: NearSpec, angle: number): unknown {
  for (const v of resolvePath(doc, path)) {
    const candidates = toGeometry(v) ? [v] : Array.isArray(v) ? (v as unknown[]) : [];
    for (const c of candidates) {
      const g = toGeometry(c);
      if (g && angleTo(near.center, g) === angle) return c;
    }
  }
  return geometriesAt(doc, path).geos[0];
}
