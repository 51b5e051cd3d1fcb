/**
 * A 2dsphere index: the documents whose indexed field holds a geometry, filed in a grid of
 * 0.1° × 0.1° cells (about 11 km north–south) so a `geoNear` visits the cells around its point
 * ring by ring and stops once the nearest matches are certain, instead of measuring every
 * document. A geometry spanning more than a few cells is kept in a short list every search reads.
 *
 * As in MongoDB, a document whose indexed field is present but not a valid geometry cannot be
 * written ("Can't extract geo keys"); one without the field is simply not in the index.
 */
import { bbox } from '@turf/bbox';
import type { Position } from 'geojson';
import { requestFailed } from './errors';
import { toGeometry, type Geo } from './geo';
import { resolvePath } from './match';
import { stableText, type Doc } from './values';

const CELL = 0.1;
const COLS = 3600;
const ROWS = 1800;
/** Geometries covering more cells than this go to the list every search reads. */
const MAX_CELLS = 64;

const col = (lng: number) => Math.min(COLS - 1, Math.floor((lng + 180) / CELL));
const row = (lat: number) => Math.min(ROWS - 1, Math.floor((lat + 90) / CELL));
const RAD = Math.PI / 180;

/** The geometries a document holds at a path: arrays of geometries are multikey. */
export function geometriesAt(doc: Doc, path: string[]): { geos: Geo[]; invalid: unknown } {
  const geos: Geo[] = [];
  let invalid: unknown;
  for (const v of resolvePath(doc, path)) {
    if (v === undefined || v === null) continue;
    const direct = toGeometry(v);
    if (direct) geos.push(direct);
    else if (Array.isArray(v)) {
      for (const el of v as unknown[]) {
        const g = toGeometry(el);
        if (g) geos.push(g);
        else invalid ??= el;
      }
    } else invalid ??= v;
  }
  return { geos, invalid };
}

export class GeoIndex {
  readonly path: string[];
  private readonly cells = new Map<number, Set<string>>();
  private readonly large = new Set<string>();
  private readonly filed = new Map<string, number[] | 'large'>();

  constructor(
    readonly name: string,
    readonly field: string,
  ) {
    this.path = field.split('.');
  }

  get size(): number {
    return this.filed.size;
  }

  /** MongoDB refuses to write a document whose indexed field is not a geometry. */
  check(doc: Doc): void {
    const { invalid } = geometriesAt(doc, this.path);
    if (invalid !== undefined)
      throw requestFailed(
        `Can't extract geo keys: ${stableText(doc._id)} ${this.field}: ${stableText(invalid)} is not a valid GeoJSON geometry or legacy coordinate pair (index ${this.name})`,
      );
  }

  add(key: string, doc: Doc): void {
    const { geos } = geometriesAt(doc, this.path);
    if (geos.length === 0) return;
    const ids = new Set<number>();
    for (const g of geos) {
      const [w, s, e, n] = bbox(g) as [number, number, number, number];
      const c0 = col(w);
      const c1 = col(e);
      const r0 = row(s);
      const r1 = row(n);
      if ((c1 - c0 + 1) * (r1 - r0 + 1) > MAX_CELLS) {
        this.large.add(key);
        this.filed.set(key, 'large');
        return;
      }
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) ids.add(r * COLS + c);
    }
    for (const id of ids) {
      let set = this.cells.get(id);
      if (!set) this.cells.set(id, (set = new Set()));
      set.add(key);
    }
    this.filed.set(key, [...ids]);
  }

  remove(key: string): void {
    const ids = this.filed.get(key);
    if (ids === undefined) return;
    this.filed.delete(key);
    if (ids === 'large') {
      this.large.delete(key);
      return;
    }
    for (const id of ids) {
      const set = this.cells.get(id);
      set?.delete(key);
      if (set?.size === 0) this.cells.delete(id);
    }
  }

  /**
   * Document keys by rings of cells around `center`, each batch with a lower bound (radians) on
   * the distance of every document not yet yielded. The first batch holds the large geometries.
   * Once the rings would cost more than the occupied cells, the rest comes in one last batch.
   */
  *rings(center: Position): Generator<{ keys: Iterable<string>; bound: number }> {
    const [lng, lat] = center as [number, number];
    const c = col(lng);
    const r = row(lat);
    yield { keys: this.large, bound: 0 };
    const visited = new Set<number>();
    for (let ring = 0; ring < ROWS; ring++) {
      if (8 * ring > this.cells.size) {
        const rest: string[] = [];
        for (const [id, set] of this.cells) if (!visited.has(id)) rest.push(...set);
        yield { keys: rest, bound: Infinity };
        return;
      }
      const keys: string[] = [];
      for (const id of ringCells(c, r, ring)) {
        if (visited.has(id)) continue;
        visited.add(id);
        const set = this.cells.get(id);
        if (set) keys.push(...set);
      }
      yield { keys, bound: outsideBound(lng, lat, c, r, ring) };
    }
  }
}

function* ringCells(c: number, r: number, ring: number): Generator<number> {
  for (let dr = -ring; dr <= ring; dr++) {
    const rr = r + dr;
    if (rr < 0 || rr >= ROWS) continue;
    const edge = Math.abs(dr) === ring;
    for (let dc = -ring; dc <= ring; dc += edge ? 1 : 2 * ring || 1) {
      const cc = (((c + dc) % COLS) + COLS) % COLS;
      yield rr * COLS + cc;
    }
  }
}

/** Smallest angle from (lng, lat) to any point outside the square of cells `ring` around it. */
function outsideBound(lng: number, lat: number, c: number, r: number, ring: number): number {
  const south = (r - ring) * CELL - 90;
  const north = (r + ring + 1) * CELL - 90;
  let bound = Infinity;
  if (south > -90) bound = Math.min(bound, (lat - south) * RAD);
  if (north < 90) bound = Math.min(bound, (north - lat) * RAD);
  if (2 * ring + 1 < COLS) {
    const west = (c - ring) * CELL - 180;
    const east = (c + ring + 1) * CELL - 180;
    for (const dLng of [lng - west, east - lng]) {
      const d = dLng * RAD;
      bound = Math.min(
        bound,
        d >= Math.PI / 2 ? Math.PI / 2 - Math.abs(lat) * RAD : Math.asin(Math.cos(lat * RAD) * Math.sin(d)),
      );
    }
  }
  return Math.max(0, bound);
}
