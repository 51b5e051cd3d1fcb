/**
 * Nearness: the `$nearSphere` / `$near` query operators (what the SDK's `geoNear` sends) and the
 * `$geoNear` aggregation stage. Both need a 2dsphere index on the field, as in MongoDB, return
 * matches nearest first (ties in natural order), and measure in metres from a GeoJSON point or in
 * radians from a legacy pair.
 */
import type { Position } from 'geojson';
import { requestFailed } from './errors';
import { angleTo, EARTH_RADIUS_M, queryGeometry } from './geo';
import { geometriesAt, type GeoIndex } from './geo-index';
import { isPlainObject, toNumber, type Doc } from './values';

export interface NearSpec {
  field: string;
  center: Position;
  /** Bounds in radians. */
  min: number;
  max: number;
  /** Distances are reported in metres (GeoJSON point) or radians (legacy pair). */
  metres: boolean;
}

export interface Near<T> {
  item: T;
  /** Radians. */
  angle: number;
}

export const NO_GEO_INDEX = 'unable to find index for $geoNear query';

function bound(v: unknown, what: string, scale: number, dflt: number): number {
  if (v === undefined || v === null) return dflt;
  const n = toNumber(v);
  if (n === undefined || n < 0) throw requestFailed(`${what} must be a non-negative number`);
  return n / scale;
}

/** `{ $geometry, $maxDistance, $minDistance }` or a legacy pair with sibling distances (radians). */
function parseNear(field: string, op: string, cond: Doc): NearSpec {
  const arg = cond[op];
  if (isPlainObject(arg) && arg.$geometry !== undefined) {
    const g = queryGeometry(arg.$geometry, op);
    if (g.type !== 'Point') throw requestFailed(`${op} needs a GeoJSON Point`);
    return {
      field,
      center: g.coordinates,
      min: bound(arg.$minDistance, '$minDistance', EARTH_RADIUS_M, 0),
      max: bound(arg.$maxDistance, '$maxDistance', EARTH_RADIUS_M, Infinity),
      metres: true,
    };
  }
  // A legacy pair is planar for $near (a 2d index, which the local cloud does not have).
  if (op === '$near') throw requestFailed(NO_GEO_INDEX);
  const g = queryGeometry(arg, op);
  if (g.type !== 'Point') throw requestFailed(`${op} needs a point`);
  return {
    field,
    center: g.coordinates,
    min: bound(cond.$minDistance, '$minDistance', 1, 0),
    max: bound(cond.$maxDistance, '$maxDistance', 1, Infinity),
    metres: false,
  };
}

/** A find's near clause (a top-level field), and the query without it. */
export function extractNear(query: Doc | undefined): { near: NearSpec | undefined; rest: Doc | undefined } {
  if (!query) return { near: undefined, rest: query };
  for (const field of Object.keys(query)) {
    const cond = query[field];
    if (field.startsWith('$') || !isPlainObject(cond)) continue;
    const op = ['$nearSphere', '$near'].find((k) => cond[k] !== undefined);
    if (!op) continue;
    const { [field]: _near, ...rest } = query;
    const others = Object.keys(cond).filter((k) => ![op, '$maxDistance', '$minDistance'].includes(k));
    if (others.length) throw requestFailed(`${op} cannot be combined with ${others.join(', ')} on one field`);
    return { near: parseNear(field, op, cond), rest };
  }
  return { near: undefined, rest: query };
}

/** The near clause of a `$geoNear` stage. */
export function stageNear(field: string, spec: Doc): NearSpec {
  const spherical = spec.spherical === true;
  const g = queryGeometry(spec.near, '$geoNear');
  if (g.type !== 'Point') throw requestFailed('$geoNear: near must be a point');
  const metres = !Array.isArray(spec.near);
  if (!metres && !spherical) throw requestFailed(NO_GEO_INDEX);
  const scale = metres ? EARTH_RADIUS_M : 1;
  return {
    field,
    center: g.coordinates,
    min: bound(spec.minDistance, 'minDistance', scale, 0),
    max: bound(spec.maxDistance, 'maxDistance', scale, Infinity),
    metres,
  };
}

/** Angle from the center to the nearest geometry a document holds at the field, if any. */
export function angleOf(near: NearSpec, doc: Doc, path: string[]): number | undefined {
  let best: number | undefined;
  for (const g of geometriesAt(doc, path).geos) {
    const a = angleTo(near.center, g);
    if (best === undefined || a < best) best = a;
  }
  return best;
}

const byAngle = <T>(list: Array<Near<T> & { order: number }>) =>
  list.sort((a, b) => a.angle - b.angle || a.order - b.order);

/** Brute force over a list (inside a transaction, or to check the index). */
export function nearScan<T>(
  items: Iterable<T>,
  near: NearSpec,
  docOf: (t: T) => Doc,
  pred: (d: Doc) => boolean,
): Array<Near<T>> {
  const path = near.field.split('.');
  const out: Array<Near<T> & { order: number }> = [];
  let order = 0;
  for (const item of items) {
    const doc = docOf(item);
    const angle = angleOf(near, doc, path);
    order++;
    if (angle !== undefined && angle >= near.min && angle <= near.max && pred(doc)) out.push({ item, angle, order });
  }
  return byAngle(out);
}

/**
 * Through the index: rings of cells until `need` matches are nearer than anything unvisited, or
 * the rings pass the maximum distance. `lookup` gives a key's document and natural-order position.
 */
export function nearIndexed<T extends { doc: Doc; seq: number }>(
  index: GeoIndex,
  near: NearSpec,
  lookup: (key: string) => T | undefined,
  pred: (d: Doc) => boolean,
  need: number,
): Array<Near<T>> {
  const seen = new Set<string>();
  const found: Array<Near<T> & { order: number }> = [];
  for (const { keys, bound: outside } of index.rings(near.center)) {
    for (const key of keys) {
      if (seen.has(key)) continue;
      seen.add(key);
      const item = lookup(key);
      if (!item) continue;
      const angle = angleOf(near, item.doc, index.path);
      if (angle !== undefined && angle >= near.min && angle <= near.max && pred(item.doc))
        found.push({ item, angle, order: item.seq });
    }
    if (outside > near.max) break;
    if (need !== Infinity && found.filter((f) => f.angle <= outside).length >= need) break;
  }
  return byAngle(found);
}

/** A distance as reported: metres for a GeoJSON center, radians for a legacy one. */
export const reported = (near: NearSpec, angle: number) => (near.metres ? angle * EARTH_RADIUS_M : angle);
