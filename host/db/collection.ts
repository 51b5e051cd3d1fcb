/**
 * One collection in memory: its documents in natural order (a Map keeps insertion order and an
 * update replaces the value in place) and its unique indexes, each mapping an index key to the
 * document that owns it.
 */
import type { IndexSpec } from '@core/db/schema';
import { GeoIndex } from './geo-index';
import { resolvePath } from './match';
import { stableText, type Doc } from './values';

export interface Entry {
  readonly key: string;
  readonly doc: Doc;
  readonly seq: number;
  /** Version of this document, +1 per write (kept in SQLite). */
  readonly ver: number;
  /** Commit number of the write that produced this version (process-local). */
  readonly lsn: number;
  /** The canonical EJSON text (as stored), reused for replies without a projection. */
  readonly body: string;
  /** BSON size, for the result-size limit. */
  readonly bytes: number;
}

/** `sparse` is read if a spec carries it (MongoDB: documents missing every key are not indexed). */
type UniqueSpec = IndexSpec & { sparse?: boolean };

export class UniqueIndex {
  readonly owners = new Map<string, string>();
  private readonly paths: string[][];
  constructor(
    readonly name: string,
    readonly fields: string[],
    private readonly sparse: boolean,
  ) {
    this.paths = fields.map((f) => f.split('.'));
  }

  /** Every index key a document produces: arrays are multikey, missing is null. */
  keysOf(doc: Doc): string[] {
    const perField = this.paths.map((p) => {
      const vals: unknown[] = [];
      for (const v of resolvePath(doc, p)) {
        if (Array.isArray(v)) vals.push(...(v.length ? (v as unknown[]) : [undefined]));
        else vals.push(v);
      }
      return vals;
    });
    if (this.sparse && perField.every((vals) => vals.every((v) => v === undefined))) return [];
    let tuples: unknown[][] = [[]];
    for (const vals of perField) tuples = tuples.flatMap((t) => vals.map((v) => [...t, v]));
    return [...new Set(tuples.map((t) => stableText(t)))];
  }

  /** MongoDB's "dup key: { name: \"x\" }" rendering of the offending key. */
  describe(key: string): string {
    const values = this.fields.length === 1 ? key.slice(1, -1) : key;
    return `{ ${this.fields.join(', ')}: ${values} }`;
  }
}

const geoField = (spec: IndexSpec) => Object.keys(spec.keys).find((k) => spec.keys[k] === '2dsphere');

export class Collection {
  readonly docs = new Map<string, Entry>();
  readonly unique: UniqueIndex[];
  readonly geo: GeoIndex[];
  constructor(
    readonly name: string,
    indexes: readonly IndexSpec[],
  ) {
    const specs = indexes.filter((i) => i.unique && !geoField(i)) as UniqueSpec[];
    this.unique = [
      new UniqueIndex('_id_', ['_id'], false),
      ...specs.map((s) => new UniqueIndex(s.name, Object.keys(s.keys), Boolean(s.sparse))),
    ];
    this.geo = indexes.flatMap((i) => {
      const field = geoField(i);
      return field ? [new GeoIndex(i.name, field)] : [];
    });
  }

  /** The 2dsphere index on a field, if declared. */
  geoIndexOn(field: string): GeoIndex | undefined {
    return this.geo.find((g) => g.field === field);
  }

  /** Files a stored document in every index (unique owners, 2dsphere cells). */
  index(key: string, doc: Doc): void {
    for (const idx of this.unique) for (const k of idx.keysOf(doc)) idx.owners.set(k, key);
    for (const g of this.geo) g.add(key, doc);
  }

  /** Takes a document out of every index, before it is replaced or deleted. */
  unindex(key: string, doc: Doc): void {
    for (const idx of this.unique) for (const k of idx.keysOf(doc)) if (idx.owners.get(k) === key) idx.owners.delete(k);
    for (const g of this.geo) g.remove(key);
  }
}
