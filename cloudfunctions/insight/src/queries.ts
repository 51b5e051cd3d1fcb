/**
 * Reads that several insight actions share. Counting happens in the database (aggregate pipelines
 * grouped by guide or by day), so an answer costs a fixed number of round trips however many
 * visits, members or coupons there are; only one row per guide, store or day comes back.
 */
import * as z from 'zod';
import { SCORE_WEIGHTS, type Figures } from '@core/contracts/insight';
import { GuideDoc, StoreDoc, UserDoc } from '@server/db/documents';
import { getAll } from '@server/db/read';
import type { Aggregate, Command, Condition, Database } from '@server/db/types';
import { dayStartExpr, type Range } from './days';
import { TAG_RULES_ID, TagRulesDoc } from './docs';

/** More groups than any realistic chain has guides, stores or days; CloudBase returns 20 unless told. */
const MAX_GROUPS = 10_000;
/** CloudBase caps `in` lists; ids are queried in chunks of this size. */
export const IN_CHUNK = 500;

export function chunks<T>(items: readonly T[], size = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function inRange(_: Command, range: Range): unknown {
  return _.and(_.gte(range.start), _.lt(range.end));
}

const Row = z.object({ _id: z.unknown() }).catchall(z.unknown());

async function rows(agg: Aggregate): Promise<z.infer<typeof Row>[]> {
  const { list } = await agg.limit(MAX_GROUPS).end();
  return list.map((r) => Row.parse(r));
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** `{ key → count }` of documents matching `match`, grouped by `field`. */
export async function countBy(
  db: Database,
  collection: Parameters<Database['collection']>[0],
  match: Condition,
  field: string,
) {
  const $ = db.command.aggregate;
  const out = new Map<string, number>();
  for (const r of await rows(
    db
      .collection(collection)
      .aggregate()
      .match(match)
      .group({ _id: `$${field}`, n: $.sum(1) }),
  )) {
    if (typeof r._id === 'string') out.set(r._id, num(r.n));
  }
  return out;
}

/** Per Beijing day (epoch ms of its midnight): the sums named in `sums`, over documents matching `match`. */
export async function sumsByDay(
  db: Database,
  collection: Parameters<Database['collection']>[0],
  match: Condition,
  timeField: string,
  sums: Record<string, unknown>,
): Promise<Map<number, Record<string, number>>> {
  const $ = db.command.aggregate;
  const group: Record<string, unknown> = { _id: dayStartExpr(timeField) };
  for (const [k, expr] of Object.entries(sums)) group[k] = $.sum(expr);
  const out = new Map<number, Record<string, number>>();
  for (const r of await rows(db.collection(collection).aggregate().match(match).group(group))) {
    if (typeof r._id !== 'number') continue;
    const values: Record<string, number> = {};
    for (const k of Object.keys(sums)) values[k] = num(r[k]);
    out.set(r._id, values);
  }
  return out;
}

/** The distinct values of `field` among documents matching `match`. */
export async function distinct(
  db: Database,
  collection: Parameters<Database['collection']>[0],
  match: Condition,
  field: string,
): Promise<Set<string>> {
  const $ = db.command.aggregate;
  const [row] = await rows(
    db
      .collection(collection)
      .aggregate()
      .match(match)
      .group({ _id: null, v: $.addToSet(`$${field}`) }),
  );
  const values = Array.isArray(row?.v) ? row.v : [];
  return new Set(values.filter((v): v is string => typeof v === 'string'));
}

export function score(f: Omit<Figures, 'score'>): number {
  return (
    f.copies * SCORE_WEIGHTS.copies +
    f.visits * SCORE_WEIGHTS.visits +
    f.newMembers * SCORE_WEIGHTS.newMembers +
    f.redemptions * SCORE_WEIGHTS.redemptions
  );
}

export type GuideFigures = Map<string, Figures & { readSeconds: number }>;

/**
 * Every guide's figures for a range in four aggregates: copies (post_variants.copiedAt), opens
 * of the guide's own shares (visits, the guide's own opens excluded), members who joined into the
 * guide's care (users.createdAt), coupons the guide verified in store (coupons.usedBy).
 */
export async function figuresByGuide(db: Database, range: Range): Promise<GuideFigures> {
  const _ = db.command;
  const $ = _.aggregate;
  const when = inRange(_, range);
  const [copies, visits, members, redemptions] = await Promise.all([
    countBy(db, 'post_variants', { copiedAt: when }, 'guideOpenid'),
    rows(
      db
        .collection('visits')
        .aggregate()
        .match({ openedAt: when, sharerRole: 'guide', self: false })
        .group({ _id: '$sharer', n: $.sum(1), s: $.sum('$seconds') }),
    ),
    countBy(db, 'users', { role: 'customer', createdAt: when }, 'guideOpenid'),
    countBy(db, 'coupons', { usedAt: when }, 'usedBy'),
  ]);
  const out: GuideFigures = new Map();
  const entry = (id: string) => {
    let f = out.get(id);
    if (!f) out.set(id, (f = { copies: 0, visits: 0, newMembers: 0, redemptions: 0, score: 0, readSeconds: 0 }));
    return f;
  };
  for (const [id, n] of copies) entry(id).copies = n;
  for (const r of visits) {
    if (typeof r._id !== 'string') continue;
    const f = entry(r._id);
    f.visits = num(r.n);
    f.readSeconds = num(r.s);
  }
  for (const [id, n] of members) entry(id).newMembers = n;
  for (const [id, n] of redemptions) entry(id).redemptions = n;
  for (const f of out.values()) f.score = score(f);
  return out;
}

export function listGuides(db: Database): Promise<GuideDoc[]> {
  return getAll(db.collection('users').where({ role: 'guide' }), GuideDoc, 'users', { pageSize: 1000, max: 20_000 });
}

export function listStores(db: Database): Promise<StoreDoc[]> {
  return getAll(db.collection('stores').where({}), StoreDoc, 'stores', { pageSize: 1000, max: 20_000 });
}

/** Users by openid (any role), in chunks. */
export async function usersByIds(db: Database, ids: readonly string[]): Promise<Map<string, UserDoc>> {
  const _ = db.command;
  const out = new Map<string, UserDoc>();
  const parts = await Promise.all(
    chunks([...new Set(ids)]).map((part) =>
      getAll(db.collection('users').where({ _id: _.in(part) }), UserDoc, 'users', { pageSize: 1000, max: IN_CHUNK }),
    ),
  );
  for (const list of parts) for (const u of list) out.set(u._id, u);
  return out;
}

export interface TagRule {
  tag: string;
  minSeconds: number;
}

export async function loadTagRules(db: Database): Promise<TagRule[]> {
  const { data } = await db.collection('insight_settings').doc(TAG_RULES_ID).get();
  if (data === null || data === undefined) return [];
  return TagRulesDoc.parse(data).rules;
}

/** The tags a reader has earned: reading seconds per tag at or above that tag's rule. */
export function earnedTags(seconds: ReadonlyMap<string, number>, rules: readonly TagRule[]): string[] {
  return rules.filter((r) => (seconds.get(r.tag) ?? 0) >= r.minSeconds).map((r) => r.tag);
}
