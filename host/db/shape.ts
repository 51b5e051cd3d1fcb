/** orderBy and field(): MongoDB's sort order and projection over decoded documents. */
import { Query as MingoQuery } from './mingo-options';
import { requestFailed } from './errors';
import { resolvePath } from './match';
import { cloneValue, compareValues, isPlainObject, type Doc } from './values';

export type SortSpec = Array<[path: string[], direction: 1 | -1]>;

export function parseSort(order: Doc | undefined): SortSpec {
  if (!order) return [];
  return Object.keys(order).map((k) => {
    const dir = Number(order[k]);
    if (dir !== 1 && dir !== -1) throw requestFailed(`invalid sort direction for ${k}`);
    return [k.split('.'), dir];
  });
}

/**
 * The key a document sorts by on one path: arrays sort by their smallest element ascending and
 * their largest descending; missing sorts as null (MongoDB's rule).
 */
function sortKey(doc: Doc, path: string[], dir: 1 | -1): unknown {
  const leaves: unknown[] = [];
  for (const v of resolvePath(doc, path)) {
    if (Array.isArray(v)) {
      if (v.length === 0) leaves.push(undefined);
      else leaves.push(...(v as unknown[]));
    } else leaves.push(v);
  }
  let best: unknown = leaves[0] ?? null;
  for (const v of leaves) {
    const c = compareValues(v ?? null, best ?? null);
    if ((dir === 1 && c < 0) || (dir === -1 && c > 0)) best = v;
  }
  return best ?? null;
}

/** Stable sort, so ties keep natural (insertion) order. */
export function sortEntries<T extends { doc: Doc }>(items: T[], spec: SortSpec): T[] {
  if (spec.length === 0) return items;
  const keyed = items.map((d, i) => ({ d, i, keys: spec.map(([p, dir]) => sortKey(d.doc, p, dir)) }));
  keyed.sort((a, b) => {
    for (let j = 0; j < spec.length; j++) {
      const c = compareValues(a.keys[j], b.keys[j]);
      if (c !== 0) return c * (spec[j] as [string[], 1 | -1])[1];
    }
    return a.i - b.i;
  });
  return keyed.map((k) => k.d);
}

function getPath(doc: unknown, parts: string[]): unknown {
  let v = doc;
  for (const p of parts) {
    if (!isPlainObject(v)) return undefined;
    v = v[p];
  }
  return v;
}

function setPath(doc: Doc, parts: string[], value: unknown): void {
  let cur = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i] as string;
    if (!isPlainObject(cur[p])) cur[p] = {};
    cur = cur[p] as Doc;
  }
  cur[parts[parts.length - 1] as string] = value;
}

function deletePath(doc: Doc, parts: string[]): void {
  const parent = getPath(doc, parts.slice(0, -1));
  if (isPlainObject(parent)) delete parent[parts[parts.length - 1] as string];
}

/**
 * Returns a function that projects one document. Inclusion/exclusion of (dotted) fields is done
 * here; projections with operators ($slice, $elemMatch) go to mingo, which implements them.
 */
export function compileProjection(projection: Doc | undefined): (doc: Doc) => Doc {
  if (!projection || Object.keys(projection).length === 0) return (d) => d;
  const keys = Object.keys(projection);
  if (keys.some((k) => isPlainObject(projection[k]))) {
    return (d) => {
      const out = new MingoQuery({}).find<Doc>([cloneValue(d)], projection).all();
      return out[0] ?? {};
    };
  }
  const nonId = keys.filter((k) => k !== '_id');
  const inclusive =
    nonId.length > 0 ? Boolean(Number(projection[nonId[0] as string])) : Boolean(Number(projection._id ?? 1));
  if (nonId.some((k) => Boolean(Number(projection[k])) !== inclusive))
    throw requestFailed('projection cannot mix inclusion and exclusion');
  const keepId = projection._id === undefined ? true : Boolean(Number(projection._id));
  if (inclusive) {
    const paths = nonId.map((k) => k.split('.'));
    return (d) => {
      const out: Doc = {};
      if (keepId && d._id !== undefined) out._id = d._id;
      for (const p of paths) {
        const v = getPath(d, p);
        if (v !== undefined) setPath(out, p, cloneValue(v));
      }
      return out;
    };
  }
  const paths = nonId.map((k) => k.split('.'));
  return (d) => {
    const out = cloneValue(d);
    for (const p of paths) deletePath(out, p);
    if (!keepId) delete out._id;
    return out;
  };
}
