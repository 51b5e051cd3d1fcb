/**
 * Counting inside the database: aggregate pipelines grouped by a field, so an answer costs one
 * round trip however many documents match, and only one row per group comes back. Counted when
 * asked rather than kept as counters: a counter would make every write through a popular guide or
 * store contend on one document.
 */
import * as z from 'zod';
import type { CollectionName } from '@core/db/schema';
import type { Aggregate, Condition, Database } from './types';

/** More groups than any realistic chain has guides, stores or days; CloudBase returns 20 unless told. */
const MAX_GROUPS = 10_000;

const Row = z.object({ _id: z.unknown() }).catchall(z.unknown());
export type GroupRow = z.infer<typeof Row>;

/** The rows of a grouping pipeline (up to MAX_GROUPS). */
export async function groupRows(agg: Aggregate): Promise<GroupRow[]> {
  const { list } = await agg.limit(MAX_GROUPS).end();
  return list.map((r) => Row.parse(r));
}

/** A number an accumulator produced; anything else (a missing sum) counts as 0. */
export const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** `{ key → count }` of documents matching `match`, grouped by `field`. */
export async function countBy(
  db: Database,
  collection: CollectionName,
  match: Condition,
  field: string,
): Promise<Map<string, number>> {
  const $ = db.command.aggregate;
  const out = new Map<string, number>();
  const rows = await groupRows(
    db
      .collection(collection)
      .aggregate()
      .match(match)
      .group({ _id: `$${field}`, n: $.sum(1) }),
  );
  for (const r of rows) if (typeof r._id === 'string') out.set(r._id, num(r.n));
  return out;
}
