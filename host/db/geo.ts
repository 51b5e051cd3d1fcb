/**
 * GeoJSON values and the spherical geometry of MongoDB's 2dsphere queries, on turf.
 *
 * - Values: Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon (what the SDK's
 *   db.Geo classes write) and legacy [lng, lat] pairs; longitudes in [-180, 180], latitudes in
 *   [-90, 90], closed rings of at least 4 positions (MongoDB's validity rules for 2dsphere keys).
 * - Distances are great-circle (haversine) on MongoDB's sphere of radius 6378.1 km; `$centerSphere`
 *   and legacy-coordinate distances are in radians, GeoJSON ones in metres.
 * - Containment and intersection are turf's, which joins vertices with straight lines in
 *   longitude/latitude where MongoDB uses great-circle edges: the two agree except for edges long
 *   enough for the difference to matter (hundreds of kilometres).
 */
import { booleanIntersects } from '@turf/boolean-intersects';
import { booleanWithin } from '@turf/boolean-within';
import { distance } from '@turf/distance';
import type { Geometry, LineString, Point, Polygon, Position } from 'geojson';
import { requestFailed } from './errors';
import { isPlainObject, toNumber } from './values';

/** MongoDB's earth radius (kRadiusOfEarthInMeters). */
export const EARTH_RADIUS_M = 6_378_100;

export type Geo = Exclude<Geometry, { type: 'GeometryCollection' }>;

function position(v: unknown): Position | undefined {
  if (!Array.isArray(v) || v.length < 2) return undefined;
  const lng = toNumber(v[0]);
  const lat = toNumber(v[1]);
  if (lng === undefined || lat === undefined) return undefined;
  if (lng < -180 || lng > 180 || lat < -90 || lat > 90) return undefined;
  return [lng, lat];
}

function positions(v: unknown, min: number): Position[] | undefined {
  if (!Array.isArray(v) || v.length < min) return undefined;
  const out: Position[] = [];
  for (const p of v as unknown[]) {
    const pos = position(p);
    if (!pos) return undefined;
    out.push(pos);
  }
  return out;
}

function ring(v: unknown): Position[] | undefined {
  const r = positions(v, 4);
  const first = r?.[0];
  const last = r?.[r.length - 1];
  return r && first && last && first[0] === last[0] && first[1] === last[1] ? r : undefined;
}

function many<T>(v: unknown, one: (x: unknown) => T | undefined, min = 1): T[] | undefined {
  if (!Array.isArray(v) || v.length < min) return undefined;
  const out: T[] = [];
  for (const x of v as unknown[]) {
    const item = one(x);
    if (item === undefined) return undefined;
    out.push(item);
  }
  return out;
}

const lineCoords = (v: unknown) => positions(v, 2);
const polygonCoords = (v: unknown) => many(v, ring);

/** A valid GeoJSON geometry or legacy pair → its geometry; anything else → undefined. */
export function toGeometry(v: unknown): Geo | undefined {
  if (Array.isArray(v)) {
    const p = position(v);
    return p && { type: 'Point', coordinates: p };
  }
  if (!isPlainObject(v) || typeof v.type !== 'string') return undefined;
  const c = v.coordinates;
  switch (v.type) {
    case 'Point': {
      const p = position(c);
      return p && { type: 'Point', coordinates: p };
    }
    case 'LineString': {
      const l = lineCoords(c);
      return l && { type: 'LineString', coordinates: l };
    }
    case 'Polygon': {
      const p = polygonCoords(c);
      return p && { type: 'Polygon', coordinates: p };
    }
    case 'MultiPoint': {
      const m = many(c, position);
      return m && { type: 'MultiPoint', coordinates: m };
    }
    case 'MultiLineString': {
      const m = many(c, lineCoords);
      return m && { type: 'MultiLineString', coordinates: m };
    }
    case 'MultiPolygon': {
      const m = many(c, polygonCoords);
      return m && { type: 'MultiPolygon', coordinates: m };
    }
    default:
      return undefined;
  }
}

/** A query's geometry argument, refused with MongoDB's complaint when malformed. */
export function queryGeometry(v: unknown, op: string): Geo {
  const g = toGeometry(v);
  if (!g) throw requestFailed(`${op}: invalid GeoJSON geometry ${JSON.stringify(v)}`);
  return g;
}

/** Single-part pieces: Point, LineString, Polygon. */
export function partsOf(g: Geo): Array<Point | LineString | Polygon> {
  switch (g.type) {
    case 'MultiPoint':
      return g.coordinates.map((coordinates) => ({ type: 'Point', coordinates }));
    case 'MultiLineString':
      return g.coordinates.map((coordinates) => ({ type: 'LineString', coordinates }));
    case 'MultiPolygon':
      return g.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
    default:
      return [g];
  }
}

/** Every vertex of a geometry. */
export function verticesOf(g: Geo): Position[] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates];
    case 'LineString':
    case 'MultiPoint':
      return g.coordinates;
    case 'Polygon':
    case 'MultiLineString':
      return g.coordinates.flat();
    case 'MultiPolygon':
      return g.coordinates.flat(2);
  }
}

/** Great-circle angle between two positions, in radians. */
export function angleBetween(a: Position, b: Position): number {
  return distance(a, b, { units: 'radians' });
}

/**
 * Angular distance from a point to a geometry: to a point exactly; to any other shape, 0 when the
 * point lies on or in it, else its nearest vertex (MongoDB measures to the nearest edge: longer
 * for shapes whose edges pass closer than their vertices).
 */
export function angleTo(from: Position, g: Geo): number {
  if (g.type === 'Point') return angleBetween(from, g.coordinates);
  if (booleanIntersects({ type: 'Point', coordinates: from }, g)) return 0;
  let best = Infinity;
  for (const v of verticesOf(g)) best = Math.min(best, angleBetween(from, v));
  return best;
}

/** `$geoWithin: { $geometry }`: every part of the value inside the Polygon or MultiPolygon. */
export function within(g: Geo, region: Geo): boolean {
  return partsOf(g).every((part) => booleanWithin(part, region));
}

/** `$geoWithin: { $centerSphere: [[lng, lat], radians] }`: every vertex within the cap. */
export function withinCap(g: Geo, center: Position, radians: number): boolean {
  return verticesOf(g).every((v) => angleBetween(center, v) <= radians);
}

export function intersects(g: Geo, other: Geo): boolean {
  return booleanIntersects(g, other);
}
