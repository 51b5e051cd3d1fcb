/**
 * The part of wx-server-sdk's database API that function code uses, typed honestly: results are
 * `unknown` until parsed with a document schema (server/data/). The SDK's own typings
 * return `Promise<X> | void | string` and `any` throughout; the runtime casts once to this shape
 * (server/kit/runtime.ts) so strict TypeScript holds everywhere else.
 */
import type { CollectionName } from '@core/db/schema';

/** A condition object for where(); values may be db.command expressions. */
export type Condition = Record<string, unknown>;
/** Update data for update()/set(); values may be db.command update operators. */
export type UpdateData = Record<string, unknown>;

export interface GetResult {
  data: unknown[];
}
export interface CountResult {
  total: number;
}
export interface UpdateResult {
  stats: { updated: number };
}
export interface RemoveResult {
  stats: { removed: number };
}
export interface AddResult {
  _id: string | number;
}

export interface Query {
  where(condition: Condition): Query;
  orderBy(field: string, order: 'asc' | 'desc'): Query;
  skip(offset: number): Query;
  limit(max: number): Query;
  field(projection: Record<string, boolean | 0 | 1>): Query;
  get(): Promise<GetResult>;
  count(): Promise<CountResult>;
  update(options: { data: UpdateData }): Promise<UpdateResult>;
  remove(): Promise<RemoveResult>;
}

export interface DocumentRef {
  /** With the database opened `throwOnNotFound: false`, a missing document gives `data: null`. */
  get(): Promise<{ data: unknown }>;
  set(options: { data: UpdateData }): Promise<unknown>;
  update(options: { data: UpdateData }): Promise<UpdateResult>;
  remove(): Promise<RemoveResult>;
}

export interface Aggregate {
  /** Must be the first stage; needs a 2dsphere index on the queried field (core/db/schema.ts). */
  geoNear(options: {
    near: unknown;
    distanceField: string;
    spherical: true;
    query?: Condition;
    maxDistance?: number;
  }): Aggregate;
  match(condition: Condition): Aggregate;
  group(spec: Record<string, unknown>): Aggregate;
  project(spec: Record<string, unknown>): Aggregate;
  sort(spec: Record<string, 1 | -1>): Aggregate;
  skip(n: number): Aggregate;
  limit(n: number): Aggregate;
  end(): Promise<{ list: unknown[] }>;
}

export interface Collection extends Query {
  doc(id: string): DocumentRef;
  add(options: { data: Record<string, unknown> }): Promise<AddResult>;
  aggregate(): Aggregate;
}

/** Inside a transaction only single-document operations exist (a platform rule). */
export interface TransactionCollection {
  doc(id: string): DocumentRef;
  add(options: { data: Record<string, unknown> }): Promise<AddResult>;
}

export interface Transaction {
  collection(name: CollectionName): TransactionCollection;
  rollback(reason?: unknown): Promise<unknown>;
}

/** db.command: only the members the code base uses are listed; add as needed. */
export interface Command {
  eq(value: unknown): unknown;
  neq(value: unknown): unknown;
  gt(value: unknown): unknown;
  gte(value: unknown): unknown;
  lt(value: unknown): unknown;
  lte(value: unknown): unknown;
  in(values: unknown[]): unknown;
  nin(values: unknown[]): unknown;
  exists(flag: boolean): unknown;
  and(...conditions: unknown[]): unknown;
  or(...conditions: unknown[]): unknown;
  inc(n: number): unknown;
  remove(): unknown;
  aggregate: AggregateCommand;
}

/** db.command.aggregate: accumulators and expressions for aggregate().group() and friends. */
export interface AggregateCommand {
  sum(value: unknown): unknown;
  avg(value: unknown): unknown;
  min(value: unknown): unknown;
  max(value: unknown): unknown;
  first(value: unknown): unknown;
  last(value: unknown): unknown;
  push(value: unknown): unknown;
  addToSet(value: unknown): unknown;
}

/** db.Geo: GeoJSON values; a Point is written as `{ type: 'Point', coordinates: [lng, lat] }`. */
export interface Geo {
  Point(longitude: number, latitude: number): unknown;
}

export interface Database {
  collection(name: CollectionName): Collection;
  readonly Geo: Geo;
  readonly command: Command;
  serverDate(options?: { offset: number }): unknown;
  runTransaction<T>(run: (t: Transaction) => Promise<T>, retries?: number): Promise<T>;
}
