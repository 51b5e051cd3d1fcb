/**
 * Which declared index a query could use, judged as MongoDB's planner would at its simplest: an
 * index serves a query when the filter constrains the index's first key (equality, range, `$in`,
 * `$exists: true`, a geo operator) or, failing that, when the sort starts with it. An `$or` is
 * served when every branch is. `_id` is always indexed. A query no index serves is a collection
 * scan: harmless on a handful of settings documents, a slow path on anything that grows with
 * members, visits or time.
 *
 * The local engine itself answers from memory whatever the indexes; this is bookkeeping, so tests
 * can hold production to "every query a timer or a dashboard runs has an index".
 */
import type { IndexSpec } from '@core/db/schema';
import { decodeObject, decodeValue } from './ejson';
import { isPlainObject, type Doc } from './values';

export interface QueryPlan {
  collection: string;
  /** The wire action, e.g. `database.getDocument`, or `…aggregateDocuments.$lookup`. */
  action: string;
  /** Paths the filter constrains in a way an index can serve. */
  filter: string[];
  sort: string[];
  /** The index that serves it, `_id_`, or null for a collection scan. */
  index: string | null;
}

/** Operators that narrow a field so an index on it helps (negations and `$exists: false` do not). */
const SERVING = new Set([
  '$eq',
  '$in',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$all',
  '$elemMatch',
  '$regex',
  '$nearSphere',
  '$near',
  '$geoWithin',
  '$geoIntersects',
  '$size',
]);

function servesField(condition: unknown): boolean {
  if (!isPlainObject(condition)) return true; // a plain value is an equality
  const ops = Object.keys(condition);
  if (ops.length === 0 || !ops.every((k) => k.startsWith('$'))) return true; // an embedded document
  return ops.some((op) => SERVING.has(op) || (op === '$exists' && condition[op] === true));
}

interface Conditions {
  /** Paths every matching document constrains (top level and `$and` branches). */
  paths: Set<string>;
  /** Alternatives (`$or`), each with its own conditions. */
  ors: Conditions[][];
}

function conditionsOf(filter: Doc | undefined): Conditions {
  const out: Conditions = { paths: new Set(), ors: [] };
  if (!filter) return out;
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const branch of value) {
        const c = conditionsOf(isPlainObject(branch) ? branch : undefined);
        c.paths.forEach((p) => out.paths.add(p));
        out.ors.push(...c.ors);
      }
    } else if (key === '$or' && Array.isArray(value)) {
      out.ors.push(value.map((b) => conditionsOf(isPlainObject(b) ? b : undefined)));
    } else if (!key.startsWith('$') && servesField(value)) {
      out.paths.add(key);
    }
  }
  return out;
}

function firstKey(index: IndexSpec): string | undefined {
  return Object.keys(index.keys)[0];
}

function indexFor(indexes: readonly IndexSpec[], c: Conditions, sort: readonly string[]): string | null {
  if (c.paths.has('_id')) return '_id_';
  const byFilter = indexes.find((ix) => c.paths.has(firstKey(ix) ?? ''));
  if (byFilter) return byFilter.name;
  // An $or is one scan per branch: served only when every branch has an index.
  for (const alternatives of c.ors) {
    const names = alternatives.map((branch) => indexFor(indexes, branch, []));
    if (names.length > 0 && names.every((n) => n !== null)) return [...new Set(names)].join('|');
  }
  if (sort[0] === '_id') return '_id_';
  const bySort = sort.length > 0 ? indexes.find((ix) => firstKey(ix) === sort[0]) : undefined;
  return bySort?.name ?? null;
}

export function planQuery(
  collection: string,
  action: string,
  indexes: readonly IndexSpec[],
  filter: Doc | undefined,
  sort: readonly string[],
): QueryPlan {
  const c = conditionsOf(filter);
  return { collection, action, filter: [...c.paths].sort(), sort: [...sort], index: indexFor(indexes, c, sort) };
}

/** A whole-collection count is answered from metadata, not by reading documents. */
function isEmpty(filter: Doc | undefined): boolean {
  return !filter || Object.keys(filter).length === 0;
}

/** The plans of one wire request (an aggregation may read several collections); none for writes by id. */
export function plansOf(body: Record<string, unknown>, indexesOf: (c: string) => readonly IndexSpec[], now: number) {
  const action = String(body.action);
  const coll = typeof body.collectionName === 'string' ? body.collectionName : '';
  const query = () => decodeObject(body.query, now, 'query');
  switch (action) {
    case 'database.getDocument': {
      const order = decodeObject(body.order, now, 'order');
      return [planQuery(coll, action, indexesOf(coll), query(), order ? Object.keys(order) : [])];
    }
    case 'database.calculateDocument': {
      const filter = query();
      return isEmpty(filter) ? [] : [planQuery(coll, action, indexesOf(coll), filter, [])];
    }
    case 'database.modifyDocument':
    case 'database.modifyAndReturnDoc':
    case 'database.removeDocument':
      return [planQuery(coll, action, indexesOf(coll), query(), [])];
    case 'database.aggregateDocuments':
      return aggregatePlans(body, coll, indexesOf, now);
    default:
      return [];
  }
}

function aggregatePlans(
  body: Record<string, unknown>,
  coll: string,
  indexesOf: (c: string) => readonly IndexSpec[],
  now: number,
): QueryPlan[] {
  const raw = Array.isArray(body.stages) ? (body.stages as { stageKey?: unknown; stageValue?: unknown }[]) : [];
  const stages = raw.map((s) => ({ key: String(s.stageKey), value: decodeValue(s.stageValue, now) }));
  const action = 'database.aggregateDocuments';
  const plans: QueryPlan[] = [];
  const [first, second] = stages;
  if (first?.key === '$geoNear' && isPlainObject(first.value)) {
    const key = typeof first.value.key === 'string' ? first.value.key : undefined;
    const geo = indexesOf(coll).find((ix) => Object.values(ix.keys).includes('2dsphere') && (!key || key in ix.keys));
    plans.push({ collection: coll, action, filter: key ? [key] : [], sort: [], index: geo?.name ?? null });
  } else {
    const match = first?.key === '$match' && isPlainObject(first.value) ? first.value : undefined;
    const sortStage = (match ? second : first)?.key === '$sort' ? (match ? second : first) : undefined;
    const sort = sortStage && isPlainObject(sortStage.value) ? Object.keys(sortStage.value) : [];
    plans.push(planQuery(coll, action, indexesOf(coll), match, sort));
  }
  for (const stage of stages) {
    if (stage.key !== '$lookup' || !isPlainObject(stage.value)) continue;
    const from = String(stage.value.from);
    const foreign = typeof stage.value.foreignField === 'string' ? stage.value.foreignField : undefined;
    // A lookup by localField/foreignField is an equality per input document; a pipeline lookup
    // (let + pipeline) is judged by its own leading $match.
    const filter: Doc | undefined = foreign ? { [foreign]: 0 } : (lookupMatch(stage.value.pipeline) as Doc | undefined);
    plans.push(planQuery(from, `${action}.$lookup`, indexesOf(from), filter, []));
  }
  return plans;
}

function lookupMatch(pipeline: unknown): unknown {
  if (!Array.isArray(pipeline)) return undefined;
  const first: unknown = pipeline[0];
  return isPlainObject(first) && isPlainObject(first.$match) ? first.$match : undefined;
}

/** Query plans recorded while switched on (tests), newest last. */
export class QueryLog {
  private on = false;
  private readonly plans: QueryPlan[] = [];

  start(): void {
    this.plans.length = 0;
    this.on = true;
  }

  stop(): QueryPlan[] {
    this.on = false;
    return this.plans.splice(0);
  }

  get enabled(): boolean {
    return this.on;
  }

  record(plans: readonly QueryPlan[]): void {
    if (this.on) this.plans.push(...plans);
  }
}
