/**
 * The geo query operators on a path's values: `$geoWithin` (a Polygon / MultiPolygon, or a
 * `$centerSphere` cap) and `$geoIntersects`. The nearness operators are answered by a find's
 * near search (geo-actions.ts); anywhere else MongoDB refuses them, and so does this.
 */
import { requestFailed } from './errors';
import { intersects, queryGeometry, toGeometry, within, withinCap, type Geo } from './geo';
import type { ValuesTest } from './match';
import { isPlainObject, toNumber } from './values';

/** The geometries among a path's values (a value, or the elements of an array of geometries). */
function geometriesIn(values: unknown[]): Geo[] {
  const out: Geo[] = [];
  for (const v of values) {
    const g = toGeometry(v);
    if (g) out.push(g);
    else if (Array.isArray(v)) for (const el of v as unknown[]) if (isPlainObject(el)) out.push(...geometriesIn([el]));
  }
  return out;
}

/** `$geoWithin`: a Polygon / MultiPolygon `$geometry`, or a `$centerSphere` cap in radians. */
function geoWithinTest(arg: unknown): ValuesTest {
  if (isPlainObject(arg) && arg.$geometry !== undefined) {
    const region = queryGeometry(arg.$geometry, '$geoWithin');
    if (region.type !== 'Polygon' && region.type !== 'MultiPolygon')
      throw requestFailed('$geoWithin $geometry must be a Polygon or MultiPolygon');
    return (values) => geometriesIn(values).some((g) => within(g, region));
  }
  if (isPlainObject(arg) && Array.isArray(arg.$centerSphere)) {
    const [c, r] = arg.$centerSphere as unknown[];
    const center = queryGeometry(c, '$centerSphere');
    const radius = toNumber(r);
    if (center.type !== 'Point' || radius === undefined || radius < 0)
      throw requestFailed('$centerSphere needs [[lng, lat], radius in radians]');
    return (values) => geometriesIn(values).some((g) => withinCap(g, center.coordinates, radius));
  }
  throw requestFailed(
    '$geoWithin needs $geometry or $centerSphere (planar $box, $polygon and $center are not supported)',
  );
}

export function geoTest(op: string, arg: unknown): ValuesTest {
  if (op === '$geoWithin' || op === '$within') return geoWithinTest(arg);
  if (op === '$geoIntersects') {
    if (!isPlainObject(arg) || arg.$geometry === undefined) throw requestFailed('$geoIntersects needs $geometry');
    const other = queryGeometry(arg.$geometry, '$geoIntersects');
    return (values) => geometriesIn(values).some((g) => intersects(g, other));
  }
  throw requestFailed('$geoNear, $near, and $nearSphere are not allowed in this context');
}
